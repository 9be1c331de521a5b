"""A follow-up never asks for what the candidate's last message already gave (issue 10):
terse notes that give a choice with its reason and its cost are one claim, not asked why or
what it costs; a fact the candidate answered with their own measures is not asked "how would
you handle that?"; a note of what something amounts to ("X = Y") is not a choice to justify;
a stock push is put once per interview; a probe for a part the message just talked about
asks for another part (pushes that must fit the problem: test_follow_ups_fit_the_problem.py).
Each on at least four problems, with a positive control where one applies. Sentences written
for these tests; expectations by hand."""

from __future__ import annotations

import re

import pytest

from agent.content.phases import Phase
from agent.record.transcript import Turn
from tests.support.voice_fixtures import follow_up_lines

# a push for the reason of a choice, or for what it costs
WHY = re.compile(r"\bwhy\b|main reason|what tipped", re.IGNORECASE)
# (what the choice costs, not what a later model's gain must be worth)
COST = re.compile(r"\bcosts? you\b|would that cost|what does .{1,80} cost\b", re.IGNORECASE)
HANDLE = re.compile(r"how would you handle that|what does that mean for your design", re.I)


# ------------------------------------------------- terse notes: a choice, its reason, its cost


@pytest.mark.parametrize(
    ("card_id", "message"),
    [
        (
            "search-ranking",
            "GBDT ranker. Mixed tabular features, no scaling needed. Listwise loss, optimises "
            "the top of the list. 500 items in under 10 ms on CPU.",
        ),
        (
            "fraud-detection",
            "Gradient boosted trees. Tabular data, handles missing values. Scores a payment in "
            "2 ms on CPU. Cheap to retrain daily.",
        ),
        (
            "ad-click-prediction",
            "Logistic regression on hashed crosses. Because it calibrates well and bids need "
            "probabilities. Microseconds per ad, tiny servers.",
        ),
        (
            "eta-prediction",
            "GBDT on route segments. Features are tabular, trees win there. Under 5 ms per "
            "trip on CPU. Retrain nightly, cheap.",
        ),
    ],
)
def test_terse_notes_that_give_the_reason_and_the_cost_are_not_asked_for_them(
    card_id: str, message: str
) -> None:
    for line in follow_up_lines(card_id, message, Phase.MODELING):
        assert not WHY.search(line), line
        assert not COST.search(line), line


# a long message: the reason and the cost of a choice a few sentences away from it
@pytest.mark.parametrize(
    ("card_id", "message", "anchor"),
    [
        (
            "search-ranking",
            "For the ranker I'd use LambdaMART on gradient boosted trees. The candidates come "
            "from the lexical and the embedding retrieval, about 500 per query. Trees suit "
            "the ranker because the features are mixed and tabular, and they need no scaling. "
            "Serving is cheap: the tree ranker scores 500 items in under 10 ms on one CPU "
            "core.",
            "For the ranker I'd use LambdaMART on gradient boosted trees",
        ),
        (
            "fraud-detection",
            "The model is a gradient boosted tree classifier on the payment features. Labels "
            "come from chargebacks after 60 days. The tree model is the right fit because "
            "the features are tabular with many missing values. The boosted trees score a "
            "payment in about 2 ms on CPU, so no GPU is needed in the payment path.",
            "The model is a gradient boosted tree classifier on the payment features",
        ),
        (
            "ad-click-prediction",
            "I'd start the click model with logistic regression on hashed feature crosses. "
            "The impressions stream in all day from the ad server logs. Logistic regression "
            "fits because it calibrates well and bids need true probabilities. The logistic "
            "model takes microseconds per ad, so it runs on a handful of CPU servers.",
            "I'd start the click model with logistic regression on hashed feature crosses",
        ),
        (
            "eta-prediction",
            "The ETA model is a gradient boosted tree regressor over route segment features. "
            "Trip logs give the actual arrival times as labels. The boosted tree model wins "
            "on tabular features like these, which is why I'd pick it over a deep model. The "
            "tree regressor answers in under 5 ms per trip on CPU, so it fits the budget.",
            "The ETA model is a gradient boosted tree regressor over route segment features",
        ),
    ],
)
def test_the_reason_and_cost_a_few_sentences_from_the_choice_are_not_asked_for(
    card_id: str, message: str, anchor: str
) -> None:
    for line in follow_up_lines(card_id, message, Phase.MODELING, anchor=anchor):
        assert not WHY.search(line), line
        assert not COST.search(line), line


# ---------------------------------------------- a fact the candidate answered with measures


@pytest.mark.parametrize(
    ("card_id", "message", "phase"),
    [
        (
            "game-recommendation",
            "Feedback loop. Popular gets more exposure. Log propensities, reweight, keep "
            "explore slots. Track how concentrated impressions are.",
            Phase.MODELING,
        ),
        (
            "news-feed-ranking",
            "Engagement labels are biased by position. Top slots get clicked anyway. Log the "
            "slot, add a position feature, set it to one at serving.",
            Phase.DATA,
        ),
        (
            "fraud-detection",
            "Chargebacks arrive weeks late. Recent data looks cleaner than it is. Wait 60 "
            "days before labelling, use analyst decisions for the freshest week.",
            Phase.DATA,
        ),
        (
            "harmful-content-detection",
            "Violations are rare. Random samples have almost no positives. Sample for review "
            "by model score, weight the sample back for metrics.",
            Phase.DATA,
        ),
    ],
)
def test_a_fact_answered_with_the_candidates_own_measures_is_not_asked_how_to_handle_it(
    card_id: str, message: str, phase: Phase
) -> None:
    for line in follow_up_lines(card_id, message, phase):
        assert not HANDLE.search(line), line


@pytest.mark.parametrize(
    ("card_id", "message"),
    [
        ("visual-search", "Top-1 similarity drop = drift or a preprocessing bug."),
        ("search-ranking", "Zero-result rate up = the index lost a shard."),
        ("fraud-detection", "Score shift with no label shift = a feature pipeline broke."),
        ("eta-prediction", "Error jump in one city = a map update went wrong there."),
    ],
)
def test_a_note_of_what_something_amounts_to_is_not_asked_why_the_candidate_chose_it(
    card_id: str, message: str
) -> None:
    for line in follow_up_lines(card_id, message, Phase.DEPLOYMENT):
        assert "you'd go that way" not in line, line
        assert "change your mind" not in line, line


# the side set against the choice: how things were done, what an option would do, the
# clause a choice is contrasted with
@pytest.mark.parametrize(
    ("card_id", "message", "anchor"),
    [
        (
            "search-ranking",
            "At my last job the ranker was retrained by one person running a notebook every "
            "quarter. A scheduled pipeline with offline checks fixes that.",
            "the ranker was retrained by one person running a notebook every quarter",
        ),
        (
            "visual-search",
            "Cluster sharding would let a query hit only a few shards, which saves compute. "
            "But hot clusters become hot shards, so full fan-out over eight shards.",
            "Cluster sharding would let a query hit only a few shards",
        ),
        (
            "news-feed-ranking",
            "While ranking by predicted clicks alone rewards bait, I'd blend in predicted "
            "hides and reports with negative weights.",
            "While ranking by predicted clicks alone rewards bait",
        ),
        (
            "fraud-detection",
            "The old rules engine was tuned by hand every month by the risk team. A model "
            "retrained weekly replaces it.",
            "The old rules engine was tuned by hand every month by the risk team",
        ),
    ],
)
def test_the_side_a_candidate_sets_against_their_choice_is_not_asked_why_they_chose_it(
    card_id: str, message: str, anchor: str
) -> None:
    for line in follow_up_lines(card_id, message, Phase.DEPLOYMENT, anchor=anchor):
        assert "you'd go that way" not in line, line
        assert "change your mind" not in line, line


# ----------------------------------------------------------------- once per interview


STOCK = "How would you know it's working once it's live?"


@pytest.mark.parametrize(
    ("card_id", "message"),
    [
        ("search-ranking", "Skew: log features at serve time, train on the logged ones."),
        ("visual-search", "New encoder means re-embedding the whole catalogue, done offline."),
        ("game-recommendation", "Bandit slots for new releases on the home page."),
        ("video-recommendation", "Dedupe near-identical uploads before they reach the ranker."),
    ],
)
def test_a_stock_follow_up_asked_earlier_in_the_interview_is_not_asked_again(
    card_id: str, message: str
) -> None:
    earlier = [
        Turn(role="interviewer", text=f'On "an earlier claim": {STOCK}', phase=Phase.DEPLOYMENT),
        *[
            t
            for n in range(5)  # more than the few last lines a near repeat is checked over
            for t in (
                Turn(role="candidate", text=f"Another note, number {n}.", phase=Phase.DEPLOYMENT),
                Turn(role="interviewer", text=f"Noted, point {n}. Go on.", phase=Phase.DEPLOYMENT),
            )
        ],
    ]
    for line in follow_up_lines(card_id, message, Phase.DEPLOYMENT, history=tuple(earlier)):
        assert STOCK not in line, line


# ----------------------------------------- a probe for the part the message just talked about


@pytest.mark.parametrize(
    ("card_id", "message"),
    [
        pytest.param(
            "search-ranking",
            "For monitoring, we'd watch NDCG and the latency of the service, and retrain if "
            "something goes down.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the heads refit after the fifteenth session's merges "
                "(1c7bad8) no longer credit monitoring in this sentence (it "
                "names what is watched but not how alerts fire), so the probe asks what would "
                "be monitored: a recall loss of the refit",
            ),
        ),
        (
            "fraud-detection",
            "Once it's live I'd monitor the score distribution, the alert rate and feature "
            "drift, with alerts on each.",
        ),
        (
            "video-recommendation",
            "In production we monitor watch time, the share of empty feeds and drift in the "
            "input features.",
        ),
        (
            "eta-prediction",
            "We'd monitor the error against actual arrival times per city, and alert when it "
            "drifts.",
        ),
    ],
)
def test_a_probe_for_the_part_the_message_just_covered_asks_for_another_part(
    card_id: str, message: str
) -> None:
    lines = follow_up_lines(
        card_id, message, Phase.DEPLOYMENT, target="monitoring_drift", anchored=False
    )
    for line in lines:
        assert not re.search(r"\bwhat would you monitor\b|\bmonitor\b.*\?", line, re.I), line
