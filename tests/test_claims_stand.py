"""A wrong claim the model finds stands only where the candidate did not reject it or make up
for it: a message that also states the right practice ("split by time ... not at random,
that would leak") rejects the mistake it names; a claim that something is missing (an A/B
test with no guardrails) does not stand once the missing thing was said, in the same message
or earlier in the interview."""

from __future__ import annotations

from agent.content.misconceptions import default_misconceptions
from agent.understanding.claims import applicable_claims
from agent.understanding.findings import MessageFindings, SentenceFindings
from tests.support.policy_fixtures import interview_on, reply_to, shipped_card


def _message(*sentences: tuple[str, dict[str, float], dict[str, float]]) -> MessageFindings:
    found, at = [], 0
    for text, signals, claims in sentences:
        found.append(
            SentenceFindings(
                text=text, start=at, end=at + len(text), signals=signals, wrong_claims=claims
            )
        )
        at += len(text) + 1
    return MessageFindings(text=" ".join(s.text for s in found), kind="answer", sentences=found)


def _claims(found: MessageFindings, problem: str, before: list[str] | None = None) -> list[str]:
    card = shipped_card(problem)
    return applicable_claims(found, default_misconceptions(), card=card, shown_before=before or [])


def test_a_mistake_named_beside_the_right_practice_is_rejected_not_made() -> None:
    rejected = _message(
        ("Validation uses the two most recent weeks of bookings.", {"time_based_split": 0.9}, {}),
        ("Not a shuffle, since later stays would leak.", {}, {"random_split_time_ordered": 0.97}),
    )
    assert _claims(rejected, "similar-listings") == []
    made = _message(
        ("A shuffled split of the booking logs is fine.", {}, {"random_split_time_ordered": 0.97}),
    )
    assert _claims(made, "similar-listings") == ["random_split_time_ordered"]


def test_a_missing_thing_said_earlier_in_the_interview_is_not_missing() -> None:
    claim = _message(
        (
            "We compare bookings per visitor between the arms.",
            {"ab_test": 0.9},
            {"ab_test_without_guardrails": 0.96},
        ),
    )
    assert _claims(claim, "similar-listings") == ["ab_test_without_guardrails"]
    assert _claims(claim, "similar-listings", before=["experiment_guardrails"]) == []
    # a claim of another kind is not excused by unrelated signals heard before
    assert _claims(claim, "similar-listings", before=["caching"]) == ["ab_test_without_guardrails"]


def test_accuracy_for_a_numeric_target_is_challenged_as_a_metric_for_numbers() -> None:
    said = _message(
        (
            "We'd grade it by accuracy, the share of estimates that come out right.",
            {},
            {"accuracy_on_imbalanced": 0.95},
        ),
    )
    assert _claims(said, "eta-prediction") == ["classification_metric_for_regression"]
    # the same words on a problem with rare positives are the imbalance mistake
    assert _claims(said, "fraud-detection") == ["accuracy_on_imbalanced"]
    challenge = next(
        m.challenge
        for m in default_misconceptions().misconceptions
        if m.id == "classification_metric_for_regression"
    )
    assert "number" in challenge and challenge.endswith("?")


def test_a_mistake_corrected_further_on_in_the_same_message_does_not_stand() -> None:
    corrected = _message(
        (
            "Oh, picking the depth by the test score makes that score meaningless.",
            {},
            {"tune_on_test_set": 0.9},
        ),
        ("So I'd keep a holdout that is only scored once, at the end.", {"holdout_split": 0.9}, {}),
    )
    assert _claims(corrected, "search-ranking") == []
    # the repair said first and the mistake after it: the mistake is what was said last
    reversed_order = _message(
        ("We keep a holdout that is only scored once.", {"holdout_split": 0.9}, {}),
        ("But the depth is picked by the test score.", {}, {"tune_on_test_set": 0.9}),
    )
    assert _claims(reversed_order, "search-ranking") == ["tune_on_test_set"]


def test_an_interviewer_asks_what_right_means_when_accuracy_is_offered_for_a_duration() -> None:
    from agent.decide.moves import SteerKind

    iv = interview_on("eta-prediction", "Who consumes the estimate, and what's the latency budget?")
    reply, move = reply_to(
        iv, "To judge the model I'd report its accuracy: how often the arrival time is right."
    )
    assert move.steer == SteerKind.WRONG_CLAIM
    assert move.target == "classification_metric_for_regression"
    assert "not a class" in reply
