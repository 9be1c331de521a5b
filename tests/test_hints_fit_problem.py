"""A hint helps with what the candidate is stuck on, on this problem (issue 10: judges marked
hints WRONG that answered another question, or carried another problem's examples: a
click-count hint on trip times, invitations and watch time on a listings problem).

Every expectation below was written by hand from the request and the problem: the words a
hint on that topic would use, and words only another problem would bring in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from agent.decide.moves import MoveKind
from agent.speak.other_problems import without_other_problems
from tests.support.interview_fixtures import last_turn_after, new_interview


def _card(problem: str):
    from agent.content.bundle import load_content

    return load_content().problems.get(problem)


# -- examples from other problems are left out ------------------------------------------------


def test_a_click_count_example_is_left_out_of_a_line_said_on_trip_times() -> None:
    line = (
        "Counts and ratios over time windows (clicks in the last hour, 1 day, 7 days) "
        "capture recency and trend."
    )
    kept = without_other_problems(line, _card("eta-prediction"))
    assert kept is not None
    assert "click" not in kept.lower()
    assert "time windows" in kept


def test_a_watch_time_proxy_is_left_out_of_a_line_said_on_fraud() -> None:
    line = (
        "Then name a proxy the model can optimise directly, such as probability of a watch "
        "longer than 30 seconds, and say why it correlates with the business goal."
    )
    kept = without_other_problems(line, _card("fraud-detection"))
    assert kept is not None
    assert "watch" not in kept.lower() and "30 seconds" not in kept
    assert "proxy" in kept and "business goal" in kept


def test_invitations_are_left_out_of_a_fix_said_on_listings() -> None:
    line = (
        "Label with the outcome the goal counts (the accepted invitation, the watch or "
        "booking), or model the click and the later outcome separately and combine them."
    )
    kept = without_other_problems(line, _card("similar-listings"))
    assert kept is not None
    assert "invitation" not in kept.lower() and "watch" not in kept.lower()
    assert kept.startswith("Label with the outcome")


def test_an_example_the_candidate_brought_up_stays() -> None:
    line = (
        "Counts and ratios over time windows (clicks in the last hour, 1 day, 7 days) "
        "capture recency and trend."
    )
    said = "We also log clicks on the trip card in the app."
    kept = without_other_problems(line, _card("eta-prediction"), said)
    assert kept is not None and "clicks in the last hour" in kept


def test_an_example_sentence_from_another_problem_is_dropped_whole() -> None:
    line = 'For example: "We rank candidate videos for the home feed to increase watch time."'
    assert without_other_problems(line, _card("fraud-detection")) is None


def test_a_function_argument_is_not_an_example() -> None:
    line = "Combine the heads into one score: score = w1 p(click) + w2 p(share) - w3 p(hide)."
    assert without_other_problems(line, _card("game-recommendation")) == line


def test_a_line_with_no_example_is_kept_as_it_is() -> None:
    line = "Decide the minimum detectable effect and the duration before starting the test."
    assert without_other_problems(line, _card("eta-prediction")) == line


# -- hints in interviews -----------------------------------------------------------------------


@dataclass
class Case:
    name: str
    problem: str
    setup: list[str]
    request: str
    on_topic: list[str]  # a hint on this topic uses at least one of these (lower case)
    elsewhere: list[str]  # words only another problem would bring (lower case, whole words)


CASES = [
    Case(
        "eta features, topic named (live traffic)",
        "eta-prediction",
        [
            "What data do we have about trips, maps and traffic?",
            "I'd frame it as regression of trip duration; the label is drop-off minus pickup.",
            "Features: pickup and drop-off coordinates, straight-line distance, hour of day.",
        ],
        "For traffic I assumed hour of day captures it. Maybe we need live traffic too? "
        "I'm not sure how we'd get that. Could you give me a hint?",
        ["traffic", "ping", "live", "segment", "historical"],
        ["click", "clicks", "watch", "invitation", "fraud", "video", "listing", "ad"],
    ),
    Case(
        "fraud labels, topic named",
        "fraud-detection",
        [
            "What's the business goal, and how many transactions per second at peak?",
            "It's a binary classifier per transaction scored before authorisation.",
        ],
        "I'm not sure how to define the label here. Could you help me a bit?",
        ["label", "chargeback", "fraud", "dispute", "confirmed"],
        ["watch", "video", "click", "invitation", "listing", "trip", "post"],
    ),
    Case(
        "listings metric, topic named",
        "similar-listings",
        [
            "What's the goal, and how many listings and users are there?",
            "I'd learn listing embeddings from browsing sessions and retrieve neighbours "
            "with an approximate nearest neighbour index, then re-rank them.",
        ],
        "I'm not sure what the best metric is for the ranking part. Can you give me a hint?",
        ["ndcg", "recall", "book", "metric", "rank", "mrr", "map"],
        ["watch", "invitation", "fraud", "trip", "chargeback", "post", "video"],
    ),
    Case(
        "moderation thresholds, topic named",
        "harmful-content-detection",
        [
            "What's the goal, and how many posts a day?",
            "A multi-label classifier over the text and images, trained on moderator labels; "
            "posts scoring above 0.5 are removed automatically.",
        ],
        "Removing everything above 0.5 is too aggressive, maybe 0.9 to remove and human "
        "review in between? I'm not sure how to choose those thresholds. Any hint?",
        ["threshold", "precision", "recall", "cost", "review", "categor", "appeal"],
        ["watch", "click", "invitation", "listing", "trip", "chargeback", "video"],
    ),
    Case(
        "search ranking, indirect request",
        "search-ranking",
        [
            "What are we optimising for, and how many queries a day?",
            "I'd train a learning-to-rank model on query and product features from click logs.",
        ],
        "Honestly I'm not sure where to go from here with the labels, clicks are biased by "
        "position and I don't know what to do about it. Could you point me somewhere?",
        ["position", "click", "bias", "label", "purchase", "propensit"],
        ["watch", "invitation", "trip", "chargeback", "fraud", "moderat"],
    ),
    Case(
        "street view, bare request after an answer about the data",
        "street-view-blurring",
        [
            "What imagery do we have, and how much of it?",
            "I'd use labelled panoramas and train a detector for faces and licence plates.",
        ],
        "I'm stuck. Can you give me a hint?",
        ["face", "plate", "panorama", "label", "recall", "detect", "image", "blur"],
        ["watch", "click", "invitation", "trip", "chargeback", "listing", "feed"],
    ),
    Case(
        "rider matching, topic named (experiment interference)",
        "rider-driver-matching",
        [
            "What's the goal, and how many ride requests per second?",
            "I'd predict acceptance and pickup time per rider-driver pair and assign with a "
            "batched optimiser every few seconds.",
        ],
        "For the A/B test, riders in both groups share the same drivers, so they interfere. "
        "I don't know how to test this fairly. Could you give me a hint?",
        ["switchback", "interfer", "market", "region", "time", "cluster", "driver"],
        ["watch", "click", "invitation", "listing", "chargeback", "video", "post"],
    ),
]


# answers that end by saying the candidate is stuck, with no request for a hint in them
INDIRECT = [
    pytest.param(
        Case(
            "fraud imbalance, indirect",
            "fraud-detection",
            [
                "What's the business goal, and how many transactions per second at peak?",
                "It's a binary classifier per transaction, labelled by chargebacks.",
            ],
            "For the model I'd use gradient boosted trees on the transaction features. I'm not "
            "sure how to deal with fraud being so rare, though.",
            ["rare", "imbalanc", "weight", "sampl", "precision", "recall", "positive"],
            ["watch", "video", "click", "invitation", "listing", "trip", "post"],
        ),
        id="fraud imbalance, indirect",
    ),
    pytest.param(
        Case(
            "video monitoring, indirect",
            "video-recommendation",
            [
                "What's the goal, and how many daily users and videos?",
                "Two-tower retrieval then a ranker trained on watch logs, served online.",
            ],
            "I'd retrain the ranker every week on the newest logs. Beyond that I really don't "
            "know what else to keep an eye on once it's live.",
            ["monitor", "drift", "distribution", "alert", "engagement", "skew", "fresh", "track"],
            ["trip", "fraud", "chargeback", "invitation", "listing", "panorama", "moderat"],
        ),
        marks=pytest.mark.xfail(
            strict=True,
            reason=(
                "the embedder puts 'what else to keep an eye on once it's live' 0.21-0.24 from"
                " every monitoring line, so the retraining-frequency line, close to the whole"
                " message, still wins over the monitoring ones"
            ),
        ),
        id="video monitoring, indirect",
    ),
]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES] + INDIRECT)
def test_a_hint_is_on_the_topic_asked_and_about_this_problem(case: Case) -> None:
    turn = last_turn_after(case.problem, case.setup, case.request)
    assert turn.move is not None and turn.move.kind == MoveKind.HINT, turn.text
    text = turn.text.lower()
    assert any(w in text for w in case.on_topic), turn.text
    foreign = _words(turn.text) & set(case.elsewhere)
    assert not foreign, (foreign, turn.text)


def test_a_second_request_on_the_same_subject_gets_a_more_concrete_hint() -> None:
    iv = new_interview("eta-prediction")
    iv.start()
    iv.respond("I'd frame it as regression of trip duration from completed trips.")
    iv.respond("I'm not sure how to split the data for evaluating this. Could you give me a hint?")
    first = iv.transcript.turns[-1]
    iv.respond("I'm still not sure how to split it. Can you be more specific?")
    second = iv.transcript.turns[-1]
    assert first.move.kind == MoveKind.HINT and second.move.kind == MoveKind.HINT
    assert first.text != second.text
    # the second one names something concrete about this problem's split
    assert any(w in second.text.lower() for w in ("week", "cities", "time", "future")), second.text


def test_an_answer_that_settles_its_own_doubt_is_not_a_request_for_help() -> None:
    iv = new_interview("eta-prediction")
    iv.start()
    iv.respond("I'd frame it as regression of trip duration from completed trips.")
    iv.respond(
        "For the metric, MAE or RMSE. I'm not sure the difference matters much here, so "
        "I'd go with MAE in minutes."
    )
    assert iv.transcript.turns[-1].move.kind != MoveKind.HINT
