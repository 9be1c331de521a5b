"""The grader reads a turn's wrong claims as the reader reads them (issue 14): a sentence the
reader lets stand without a challenge never caps a dimension in the recap, and one it
challenges does. Both call claims.standing_claims on the turn (a part of a written answer):
the claim's act made in the sentence, not taken back or put right further on in the turn,
where it applies read beside the interviewer's line the turn answers.

The readings are forced here (hand-written findings), so these check the grader's claim
filter, not the heads."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.grading.evidence import Sentence
from agent.grading.misconception_check import SharedMisconceptions
from agent.understanding.findings import SentenceFindings
from tests.support.policy_fixtures import shipped_card

Said = tuple[str, dict[str, float]]  # a sentence and the wrong claims read in it


def _sentences(*turns: list[Said]) -> list[Sentence]:
    out: list[Sentence] = []
    for turn, said in enumerate(turns):
        for text, claims in said:
            found = SentenceFindings(text=text, start=0, end=len(text), wrong_claims=claims)
            out.append(Sentence(text, 2 * turn + 1, len(out), found, region=turn))
    return out


def _open_claims(
    sentences: list[Sentence], problem: str, asked: dict[int, str] | None = None
) -> list[str]:
    rubric = load_content().rubric
    found = SharedMisconceptions().find(sentences, [], rubric, {}, shipped_card(problem), asked)
    return [m.misconception_id for m in found if not m.corrected]


TUNED = {"tune_on_test_set": 0.99}


def test_a_claim_made_and_left_standing_caps_its_dimension() -> None:
    said = _sentences([("For the threshold, pick whatever scores best on the test set.", TUNED)])
    assert _open_claims(said, "fraud-detection") == ["tune_on_test_set"]


def test_a_claim_taken_back_in_its_turn_caps_nothing() -> None:
    said = _sentences(
        [
            ("For the threshold, pick whatever scores best on the test set.", TUNED),
            ("Hold on, scratch that.", {}),
        ]
    )
    assert _open_claims(said, "fraud-detection") == []


def test_a_claim_whose_turn_goes_on_to_state_the_right_practice_caps_nothing() -> None:
    said = _sentences(
        [
            ("Perhaps the threshold gets tuned on the test set.", TUNED),
            ("Rather: tune on validation, then score the test set once.", {}),
        ]
    )
    assert _open_claims(said, "fraud-detection") == []


def test_a_sentence_that_does_not_make_the_act_caps_nothing() -> None:
    # a random sample sent to analysts splits nothing: the claim's act is not made
    said = _sentences(
        [
            (
                "A random sample of flagged payments goes to the analysts.",
                {"random_split_time_ordered": 0.98},
            )
        ]
    )
    assert _open_claims(said, "fraud-detection") == []


DISMISSED = {"calibration_not_needed": 0.97}


def test_where_a_claim_applies_is_read_beside_the_question_the_turn_answers() -> None:
    # calibration matters where scores are multiplied or summed with weights: said in the
    # question the turn answers, the claim applies there, as the reader read it
    said = _sentences(
        [("Only the order of the scores matters, so calibration does not.", DISMISSED)]
    )
    asked = {1: "The final score is the click head multiplied by the booking head: calibrate?"}
    assert _open_claims(said, "similar-listings", asked) == ["calibration_not_needed"]


def test_words_of_another_turn_do_not_make_a_claim_apply_to_this_one() -> None:
    # the reader read the second turn beside its own question, where nothing is multiplied:
    # the recap does not cap for a claim the interview could not challenge there
    said = _sentences(
        [("The two heads are multiplied by each other for the final score.", {})],
        [("Only the order of the scores matters, so calibration does not.", DISMISSED)],
    )
    asked = {1: "How do the heads combine?", 3: "Which offline metric would you watch?"}
    assert _open_claims(said, "similar-listings", asked) == []
