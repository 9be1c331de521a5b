"""A challenge needs the mistake itself, and a push needs a decision (issue 10: never
challenge what is sound; pushes that fit what was said).

- A claim whose act the catalogue names (`subject`, knowledge/misconceptions.yaml) is made
  only where the sentence puts the act forward: one that turns it down in its clause ("I
  wouldn't shrink the frames") is not challenged (Misconception.made_in, the stance reader).
- A claim that says something of its subject (`mistake`: a blur said to be light, or to be
  enough) is not made by a sentence that only names the subject ("detect the plates and
  blur them" restates the task).
- A sentence that states the claim's right practice (`sound_practice`, repairs.yaml: a blur
  made irreversible, pixelated heavily, a light blur said to be undoable; frames kept at full
  resolution or tiled) is not challenged; the claim said plainly still is, and a wrong claim
  restated after its challenge is pressed.
- A push quotes a decision: not words that only say what prompts the choice made later in
  the sentence, nor a decider inside a clause that describes a thing ("the ads I put on top
  are good"); "why randomise on that unit" only where a unit was named.

Every message here was written for this file (none is a line of a judged batch), on four
problems (street-view-blurring, fraud-detection, game-recommendation,
event-recommendation); expectations by hand. Adversarial: a correct practice stated with
hedges, a correct statement sharing the wrong claim's words, a defence with a reason, a
wrong claim restated after its challenge, an observation, a hypothetical failure mode.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.follow_ups import Asked, load_follow_ups
from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.settings import Settings
from agent.speak.decisions import decision_phrase
from agent.speak.proposals import proposes
from tests.support.card_reading import read_on_card
from tests.support.policy_fixtures import interview_on, reply_to
from tests.support.voice_fixtures import said_on

BLUR = "weak_blur_for_privacy"
SHRINK = "downscale_erases_small_objects"
TUNE = "tune_on_test_set"
STREET = "street-view-blurring"
SETUP = "What recall do we need, and how many images a month?"


def _challenges(move: Move, claim: str) -> bool:
    return (
        move.kind == MoveKind.STEER and move.steer == SteerKind.WRONG_CLAIM and move.target == claim
    ) or move.claim == claim


# -- a sound statement is not challenged -----------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "claim", "sound"),
    [
        # the right practice, hedged
        (
            STREET,
            BLUR,
            "I think the blur probably has to be strong, so maybe pixelate each box heavily "
            "and add a bit of noise, since a soft blur might be undone.",
        ),
        # the wrong claim's own words, turned down
        (
            STREET,
            BLUR,
            "A quick Gaussian over each face is not enough for a public map; people can "
            "sharpen it back.",
        ),
        (
            STREET,
            BLUR,
            "Smoothing the plates lightly is the cheap option, but it is reversible, so the "
            "region gets replaced with a solid fill.",
        ),
        # the subject named with nothing said of the blur: the task restated
        (STREET, BLUR, "So the job is to find every face and plate in a frame and blur it."),
        (
            STREET,
            SHRINK,
            "We wouldn't downscale the 4K frames to 640, because the distant faces would be "
            "two pixels high.",
        ),
        (
            STREET,
            SHRINK,
            "Detection runs on overlapping crops cut from each frame, so nothing is shrunk.",
        ),
        (
            "fraud-detection",
            TUNE,
            "We never pick the threshold on the test month; that month is scored once.",
        ),
    ],
)
def test_a_sound_statement_is_not_read_as_the_claim(problem: str, claim: str, sound: str) -> None:
    assert claim not in read_on_card(sound, problem, Phase.MODELING).misconceptions


@pytest.mark.parametrize(
    ("claim", "wrong"),
    [
        (BLUR, "After detection we put a gentle blur on each box and publish the tile."),
        (BLUR, "For privacy a Gaussian over the plate is all we need."),
        (SHRINK, "Each frame gets resized to 640 by 640 before the detector sees it."),
    ],
)
def test_the_claim_said_plainly_is_still_challenged(claim: str, wrong: str) -> None:
    _, move = reply_to(interview_on(STREET, SETUP), wrong)
    assert _challenges(move, claim), move.reason


def test_a_sound_blur_plan_in_conversation_is_not_challenged() -> None:
    _, move = reply_to(
        interview_on(STREET, SETUP),
        "For the blur itself, a mild one can be partly reversed, so every box is enlarged a "
        "little and pixelated hard, and a face matcher is run on the blurred output.",
    )
    assert not _challenges(move, BLUR), move.reason


LIGHT = "Once a plate is found, a light Gaussian smear over it is enough privacy for a map."


def test_a_wrong_claim_restated_after_its_challenge_is_pressed() -> None:
    iv = interview_on(STREET, SETUP)
    _, first = reply_to(iv, LIGHT)
    assert _challenges(first, BLUR), first.reason
    reply, again = reply_to(
        iv, "I'd still keep a gentle blur on each box, it is enough for a street map."
    )
    assert _challenges(again, BLUR), again.reason
    assert load_content().misconceptions.get(BLUR).correction.split(" - ")[0] in reply


@pytest.mark.parametrize(
    "correction",
    [
        "Fair point, a gentle blur can be undone. I'd pixelate each box heavily and add "
        "noise instead, because plates have few characters to guess from.",
        # hedged, and naming the earlier choice again
        "Right, I went with a Gaussian, but a light one might perhaps be reversed on plates. "
        "So a stronger one, pixelated, on a slightly bigger box.",
    ],
)
def test_a_defence_that_adopts_the_right_practice_is_not_pressed(correction: str) -> None:
    iv = interview_on(STREET, SETUP)
    _, first = reply_to(iv, LIGHT)
    assert _challenges(first, BLUR), first.reason
    _, then = reply_to(iv, correction)
    assert not _challenges(then, BLUR), then.reason


# -- a push quotes a decision ---------------------------------------------------------------


def test_words_that_only_prompt_a_later_choice_are_not_the_choice() -> None:
    sentence = (
        "A wave of scripted clicks on a handful of ads shows up as a sudden rate jump, and "
        "we'd rather hold back that hour's update than learn the attack."
    )
    assert not proposes("A wave of scripted clicks on a handful of ads shows up as", sentence)
    assert proposes("hold back that hour's update", sentence)


@pytest.mark.parametrize(
    ("anchor", "sentence"),
    [
        # a hypothetical failure mode: what a naive model would believe
        (
            "place at the top are the good ones",
            "Trained on raw clicks, the model concludes that the events we place at the top "
            "are the good ones.",
        ),
        (
            "the events we place at the top are the good ones",
            "Trained on raw clicks, the model concludes that the events we place at the top "
            "are the good ones.",
        ),
    ],
)
def test_a_decider_inside_a_described_thing_is_no_decision(anchor: str, sentence: str) -> None:
    assert decision_phrase(anchor, sentence) is None


@pytest.mark.parametrize(
    ("said", "decision"),
    [
        ("I'd use a ranker that is retrained nightly", "use a ranker that is retrained nightly"),
        (
            "We compute each feature as it was at the moment of the request",
            "compute each feature as it was",
        ),
    ],
)
def test_a_decision_with_a_clause_of_its_own_is_still_named(said: str, decision: str) -> None:
    assert decision_phrase(said) == decision


UNIT = "Why randomise on that unit"
_FOLLOW_UPS = load_follow_ups(Settings().knowledge_dir)


def test_the_randomisation_unit_is_asked_about_only_where_one_was_named() -> None:
    unnamed = "The A/B test runs for two weeks, long enough to see a two percent lift."
    said = said_on("game-recommendation", Phase.EVALUATION, unnamed, "ab_test", unnamed)
    assert not any(UNIT in line for line in said), said
    unit = _FOLLOW_UPS.conditions["unit_named"]
    assert not unit.holds(Asked(message=unnamed, sentence=unnamed))
    for named in (
        "The A/B test randomises by user and runs for two weeks.",
        "Split traffic per session, half on each model.",
        "Arms are whole cities, switchback by hour inside each.",
    ):
        assert unit.holds(Asked(message=named, sentence=named)), named
