"""A follow-up on words that name no decision of their own asks about a decision the message
surely made, named in the question, before a line that fits any claim; and never asks for
"the main reason" of a message that argues for what it says (issue 10, depth before
coverage: judged lines that fit any claim read as templates, and the reason line asked for
what had just been given).

Messages written for these tests on four problems; the expectations are by hand: which
decision each message makes with its verb, and whether it gives its reason.
"""

from __future__ import annotations

import pytest

from agent.decide.moves import MoveKind
from agent.settings import Settings
from agent.speak.decisions import decision_phrase
from agent.speak.question_bank import load_question_bank
from tests.support.interview_fixtures import new_interview

_BANK = load_question_bank(Settings().prompts_dir / "question_bank.yaml")
_ANY_CLAIM = [*_BANK.deepen_any, *_BANK.deepen_observation]  # tags stripped at load
_MAIN_REASON = next(t for t in _BANK.deepen_any if _BANK.angles.get(t) == "reason")


def _follow_up(problem: str, setup: list[str], message: str) -> tuple[str, object]:
    iv = new_interview(problem)
    iv.start()
    for earlier in setup:
        iv.respond(earlier)
    reply = iv.respond(message)
    return reply, iv.transcript.turns[-1].move


_CLARIFIED = {
    "similar-listings": ["What is the carousel for, bookings or clicks?"],
    "harmful-content-detection": ["Which harms are in scope, and what volume of posts?"],
    "eta-prediction": ["Who calls the ETA service, and how many requests at peak?"],
    "fraud-detection": ["How many transactions a day, and what is the fraud rate?"],
}

# (problem, message, the decisions it makes with its verb, written by hand)
_DECIDED = [
    # a decision inside a ramble, its reason said before it
    (
        "harmful-content-detection",
        "So the thing I keep thinking about is languages, because at my last place the "
        "model was fine in English and quietly useless in Polish for months and nobody "
        "saw it. Translated training data helps a little but it loses the slang. For any "
        "language without enough labels I'd route flagged posts to native-speaking "
        "reviewers instead of removing automatically.",
        ("route flagged posts to native-speaking reviewers",),
    ),
    # the candidate corrects themselves, then decides
    (
        "eta-prediction",
        "Wait, I want to take back the rider-level split. Pickup ETAs feed dispatch, and "
        "both arms share one driver pool, so a better model in one arm changes the other "
        "arm's supply. For dispatch-facing changes we'll run switchback tests by city zone "
        "and hour.",
        ("run switchback tests by city zone and hour",),
    ),
    # terse notes with one decision said with its verb
    (
        "fraud-detection",
        "Labels: chargebacks, 60-day lag. Disputes noisy. Train on a window ending 60 days back.",
        ("Train on a window ending 60 days back",),
    ),
    (
        "similar-listings",
        "Freshness is the weak spot of the nightly lists: a listing published at noon waits "
        "a whole day. We'll add new listings to their neighbours' lists every hour, so "
        "they get seen on day one.",
        ("add new listings to their neighbours' lists every hour",),
    ),
]


@pytest.mark.parametrize(("problem", "message", "decisions"), _DECIDED)
def test_a_message_that_decides_gets_no_line_that_fits_any_claim(
    problem: str, message: str, decisions: tuple[str, ...]
) -> None:
    reply, move = _follow_up(problem, _CLARIFIED[problem], message)
    assert move.kind == MoveKind.PROBE, (move, reply)
    assert not any(line in reply for line in _ANY_CLAIM), reply
    # the message argues for what it says: the reason is not asked for again
    assert _MAIN_REASON not in reply


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        # a terse decision whose reason is the note after it
        ("harmful-content-detection", "Metric: not accuracy. Under 1% of posts violate."),
        # a judgement between two options, not a choice made
        (
            "similar-listings",
            "Showing a booked-out listing costs more trust than showing a slightly worse "
            "match, because guests bounce when the dates fail.",
        ),
    ],
)
def test_the_reason_is_not_asked_of_a_message_that_gives_one(problem: str, message: str) -> None:
    reply, _ = _follow_up(problem, _CLARIFIED[problem], message)
    assert _MAIN_REASON not in reply, reply


def test_an_observation_is_not_turned_into_a_decision() -> None:
    # a statement of how things are, nothing chosen: no decision is put in its mouth
    message = "Bookings are much rarer than clicks on the carousel, maybe one in fifty."
    reply, _ = _follow_up("similar-listings", _CLARIFIED["similar-listings"], message)
    decision_heads = [t.split("{decision}")[0] for t in _BANK.decision_pushes]
    assert not any(head and head in reply for head in decision_heads), reply


@pytest.mark.parametrize(
    ("problem", "message", "filler"),
    [
        (
            "eta-prediction",
            "Honestly the airport pickups are the part I keep going back to. The router "
            "thinks you drive to the kerb and stop, but riders walk to a pickup zone and "
            "drivers circle. The historical trips show that gap clearly.",
            "keep going back to",
        ),
        (
            "similar-listings",
            "I keep coming back to this, sorry. Guests compare places in one neighbourhood "
            "and price band, and a listing across the river is not a substitute even when it "
            "looks the same.",
            "keep coming back to",
        ),
    ],
)
def test_a_filler_inside_a_ramble_is_not_asked_about_as_a_decision(
    problem: str, message: str, filler: str
) -> None:
    reply, _ = _follow_up(problem, _CLARIFIED[problem], message)
    assert filler not in reply, reply


@pytest.mark.parametrize(
    ("words", "decision"),
    [
        # carrying on with an activity that decides nothing
        ("I keep going back to clicks as the label.", None),
        ("Let's start thinking about the serving path.", None),
        # carrying on with a decision: still one
        ("We keep retraining daily, 60-day window.", "keep retraining daily"),
        ("I'd keep scoring on CPU with a small GBDT.", "keep scoring on CPU with a small GBDT"),
        ("I'd keep a long-term holdout of 1% of users.", "keep a long-term holdout of 1% of users"),
    ],
)
def test_a_verb_that_carries_on_an_activity_is_no_decision(
    words: str, decision: str | None
) -> None:
    assert decision_phrase(words) == decision
