"""A request for a hint that names the part of the design it is stuck on gets a hint on that
part: when the guidance retrieved for it speaks of something else (what to check in an
experiment answered with when a canary ends), the subject's own hint point is said instead
(issue 10: hints off the subject the candidate was stuck on).

Requests written for these tests on four problems; the words each hint must say are chosen
by hand from what the subject is about.
"""

from __future__ import annotations

import pytest

from agent.decide.moves import MoveKind
from tests.support.interview_fixtures import new_interview

_SETUP = {
    "similar-listings": [
        "What is the carousel for, bookings or clicks, and how much traffic?",
        "Two stages: candidates from co-views and geography, then a GBDT ranker on bookings.",
        "Offline I'd compare NDCG on a later week; online a visitor-level A/B test.",
    ],
    "fraud-detection": [
        "How many transactions a day, and what is the fraud rate?",
        "A GBDT on transaction, card and merchant features, scored before authorisation.",
        "Serving: features from an online store, the model in-process, about 30 ms.",
    ],
    "eta-prediction": [
        "Who calls the ETA service, and how many requests at peak?",
        "Regression of trip duration from route, live speeds and time of day, with a GBDT.",
    ],
    "harmful-content-detection": [
        "Which harms are in scope, and how many posts a day?",
        "A classifier per policy on text and image embeddings, labels from moderator reviews.",
    ],
}

# no guidance line is close to the request: the narrowing question on the candidate's words
# comes first; the subject's point replaced it on four judged dev turns and spoke of another
# subject on two of them (leakage for monitoring, monitoring for training-serving parity)
_NARROWED = pytest.mark.xfail(
    strict=True,
    reason="no guidance line is close to the request, so the hint is a narrowing question on "
    "the candidate's words, not the point of the subject the request names",
)

# (problem, the request, words of which the hint must say one, chosen by hand)
_CASES = [
    pytest.param(
        "similar-listings",
        "Besides bookings, what else should I keep an eye on while the experiment runs? "
        "A hint would help.",
        ("guardrail",),
        marks=pytest.mark.xfail(
            strict=True,
            reason="the reader names ab_test as the subject, not experiment_guardrails, so the "
            "hint is ab_test's point on the test's length (the policy's subject, read by the "
            "reader; the voice keeps to it)",
        ),
    ),
    # what else an online test should check: a metric to watch beside the main one, or
    # the test's own power; not a question back on their words
    pytest.param(
        "similar-listings",
        "I'm not sure what else to check in the online test. Can you give me a hint?",
        ("guardrail", "primary", "sample size", "effect"),
        marks=_NARROWED,
    ),
    pytest.param(
        "harmful-content-detection",
        "I'd run an A/B test of the new classifier. I don't know what else to check in it. A hint?",
        ("guardrail", "primary", "sample size", "effect"),
        marks=_NARROWED,
    ),
    (
        "fraud-detection",
        "I'm unsure what happens when the model service is down. Could you give me a hint "
        "on the fallback?",
        ("fallback", "rule", "default", "cached"),
    ),
    (
        "eta-prediction",
        "I'm stuck on the latency budget for the ETA call. Any hint?",
        ("budget", "ms", "millisecond"),
    ),
    (
        "harmful-content-detection",
        "How should I deal with the class imbalance when training? A hint, please.",
        ("weight", "sampl", "rare", "imbalanc"),
    ),
]


@pytest.mark.parametrize(("problem", "request_", "words"), _CASES)
def test_a_hint_on_a_named_subject_speaks_of_it(
    problem: str, request_: str, words: tuple[str, ...]
) -> None:
    iv = new_interview(problem)
    iv.start()
    for earlier in _SETUP[problem]:
        iv.respond(earlier)
    reply = iv.respond(request_)
    move = iv.transcript.turns[-1].move
    assert move is not None and move.kind == MoveKind.HINT, (move, reply)
    assert any(w in reply.lower() for w in words), reply


def test_a_request_that_names_nothing_is_not_given_a_named_subjects_point() -> None:
    # "I'm lost" names no part of the design: the hint is on the question it is stuck on
    iv = new_interview("fraud-detection")
    iv.start()
    for earlier in _SETUP["fraud-detection"]:
        iv.respond(earlier)
    iv.respond("I'm lost. A hint?")
    move = iv.transcript.turns[-1].move
    assert move is not None and move.kind == MoveKind.HINT
    assert move.rule != "hint.asked"


# after an online test was described, "what else to check in it": a metric besides the main
# one. The first mirrors the judged dev turn the change was made on (test18-1), in other
# words; the other two get the narrowing question (no guidance line is close to them)
_CHECK_THE_TEST = [
    pytest.param(
        "similar-listings",
        "Online, a visitor-level A/B test on bookings per visitor, two weeks.",
        "I'm not sure what else to check in the A/B test. Can you give me a hint?",
    ),
    pytest.param(
        "eta-prediction",
        "Online I'd A/B test the new model against the current ETAs, by rider, for two weeks.",
        "I don't know what else to check in the A/B test. A hint?",
        marks=_NARROWED,
    ),
    pytest.param(
        "fraud-detection",
        "Online I'd A/B test the new model on a share of card traffic and compare fraud losses.",
        "Not sure what else to check in the A/B test, could you give me a hint?",
        marks=_NARROWED,
    ),
]


@pytest.mark.parametrize(("problem", "test_plan", "request_"), _CHECK_THE_TEST)
def test_what_else_to_check_in_a_test_gets_a_hint_on_guardrails(
    problem: str, test_plan: str, request_: str
) -> None:
    iv = new_interview(problem)
    iv.start()
    for earlier in [*_SETUP[problem], test_plan]:
        iv.respond(earlier)
    reply = iv.respond(request_)
    move = iv.transcript.turns[-1].move
    assert move is not None and move.kind == MoveKind.HINT, (move, reply)
    assert "guardrail" in reply.lower(), reply
