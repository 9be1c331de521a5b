"""A line of topics too long to be one sentence earns nothing, and a title claims nothing
(issue 12). Every answer and expectation here is written by hand for these tests, on four
problems: a padding paragraph after a good answer, terse notes with arrows that keep their
credit, a design with one section removed, and an option the design names only to reject
it. The blind answers-c* figures are in bench/calibration.py."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.grading.evidence import evidence_sentences
from agent.understanding.woven import in_long_term_list
from tests.support import grading_fixtures

grader = grading_fixtures.grader
rubric = grading_fixtures.rubric

# -- reading the structure -------------------------------------------------------------

TOPICS = (
    "Two-tower retrieval, approximate nearest neighbours, product quantisation, "
    "multi-task ranking, mixture of experts, position debiasing, inverse propensity "
    "weighting, counterfactual evaluation, interleaving, holdout groups, novelty effects, "
    "feature store, streaming joins, Kafka, Flink, Redis, drift alerts, PSI, canary "
    "releases, blue-green deployment, rollback, fairness audits, explainability, SHAP."
)


def _piece_flags(text: str) -> list[bool]:
    sentences, _ = evidence_sentences([(0, text)])
    out = []
    for s in sentences:
        at = text.find(s.text)
        out.append(in_long_term_list(text, at, at + len(s.text)))
    return out


def test_a_long_line_of_topics_is_read_as_one_list():
    text = f"We rank by predicted watch time.\n\n{TOPICS}\n"
    flags = _piece_flags(text)
    assert len(flags) > 2  # the splitter cut the line into pieces
    assert flags[0] is False  # the decision before it is its own sentence
    assert all(flags[1:])


@pytest.mark.parametrize(
    "line",
    [
        # a terse note with arrows and figures: a design, however long
        "- Scoring path: auth request -> feature fetch (Redis, ~5 ms) -> GBDT (~3 ms) -> "
        "threshold by merchant risk tier -> approve / step-up / decline; p99 budget 50 ms, "
        "fall back to rules if the model times out; log every score with the model version "
        "for audit and later relabelling once chargebacks arrive 30-60 days later.",
        # a short list of topics is a note, left to the other rules
        "Drift alerts, PSI, canary releases, rollback.",
        # long, but it says something about its names
        "We keep two-tower retrieval because it scales to the catalogue, add a multi-task "
        "ranker for watch time and likes, debias positions with a shallow tower, and check "
        "every release in a canary before it reaches all users, rolling back on any alert "
        "from the drift checks or the latency guardrails that watch the p99 of the service.",
    ],
)
def test_notes_and_clauses_are_not_a_list_of_topics(line):
    text = f"{line}\n"
    assert not any(_piece_flags(text))


# -- grading: a padding paragraph after a good answer -------------------------------------

GOOD_MATCHING = "\n".join(
    [
        "# Rider-driver matching",
        "",
        "## Clarifying questions",
        (
            "I assume a city with a few thousand open requests a minute at peak, and that "
            "riders should see a driver within a few seconds. The goal is short pickup times "
            "without leaving drivers idle."
        ),
        "",
        "## Data",
        (
            "We log every request, the drivers offered, who accepted and the pickup time that"
            " followed. Accept and decline events are the labels for the acceptance model, "
            "joined to the offer by id."
        ),
        "",
        "## Model",
        (
            "A gradient boosted model predicts each driver's pickup time and chance of "
            "accepting, because the inputs are tabular and it is fast to score. The matcher "
            "then solves a batched assignment every two seconds, since greedy first-come "
            "matching strands riders at the edge of a cluster."
        ),
        "",
        "## Evaluation",
        (
            "We replay historical days through a simulator to compare matching policies "
            "offline, then run switchback experiments by city and time slice, because riders "
            "and drivers share one market."
        ),
        "",
        "## Deployment",
        (
            "The matcher runs per city shard and keeps the last good plan, so a failed solve "
            "falls back to nearest-driver matching. We alert when the pickup-time error "
            "drifts from the last month."
        ),
        "",
    ]
)


@pytest.mark.parametrize(
    "problem,answer",
    [("rider-driver-matching", GOOD_MATCHING)],
    ids=["rider-driver-matching"],
)
def test_a_padding_paragraph_after_a_good_answer_adds_nothing(grader, rubric, problem, answer):
    card = load_content().problems.get(problem)
    clean = grader.grade_answer(answer, card, rubric)
    padded = grader.grade_answer(f"{answer}\n{TOPICS}\n", card, rubric)
    assert [d.score for d in padded.dimensions] == [d.score for d in clean.dimensions]
    quoted = " ".join(q for d in padded.dimensions for q in d.evidence)
    for topic in ("Kafka, Flink", "blue-green deployment", "fairness audits"):
        assert topic not in quoted


# -- grading: terse notes with arrows keep their credit ---------------------------------

TERSE_CLICKS = """# Ad clicks: notes

## Framing
- Goal: rank ads by expected revenue = bid x pCTR -> pCTR must be calibrated, not just ordered.
- ~1M QPS at peak, scoring budget ~10 ms p99 -> light model on hot path.

## Data
- Impressions + clicks joined by request id; click window 30 min -> late clicks dropped.
- Negatives = shown, not clicked; downsample negatives 10:1 -> reweight at serving.

## Features
- Ad id, advertiser, campaign age, user segment, hour, device -> hashed crosses.
- Counts: user x advertiser CTR over 1 d / 7 d, smoothed -> fresh via streaming.

## Model
- Baseline: logistic regression on hashed crosses -> cheap, easy to debug.
- Main: GBDT leaves + embeddings into a small DNN -> better crosses, still < 10 ms.

## Metrics
- Offline: log loss + calibration (predicted / observed CTR by bucket), AUC secondary.
- Online: revenue per mille, CTR, advertiser ROI as guardrail.

## Training
- Daily retrain on last 14 d, time split: train < day D, validate on D.
- Correct for downsampling before calibration check.

## Evaluation
- Backtest on a held-out week -> A/B on 1% traffic, 2 weeks, guardrails: latency, ad load.

## Deployment
- Model in the ad server, features from Redis; shadow first, then canary -> full.
- Monitor calibration drift + feature PSI daily -> retrain early if off.
"""


def test_terse_notes_with_arrows_are_not_lists_of_topics():
    assert not any(_piece_flags(TERSE_CLICKS))


@pytest.mark.xfail(
    strict=True,
    reason="the signal head reads the terse framing and data notes here ('Goal: rank ads by "
    "expected revenue = bid x pCTR', 'Impressions + clicks joined by request id; click "
    "window 30 min') as mentions only, so framing and data stay at 1 and the total under 3; "
    "a reading of terse shorthand, for the heads' corpus (heads18), not a grading rule",
)
def test_terse_notes_with_arrows_grade_at_least_three(grader, rubric):
    card = load_content().problems.get("ad-click-prediction")
    recap = grader.grade_answer(TERSE_CLICKS, card, rubric)
    assert recap.overall >= 3.0, {d.id: d.score for d in recap.dimensions}


# -- grading: a title claims nothing; a section removed lowers its dimension ---------------

EVENTS = "\n".join(
    [
        "# Event recommendation",
        "",
        "## Clarifying questions",
        (
            "I assume a city-based app where events are listed a week or two before they "
            "happen, with a few million users and tens of thousands of events a month. "
            "Success is tickets bought from the recommendations, not clicks."
        ),
        "",
        "## Data",
        (
            "We log impressions, clicks, saves and purchases per user and event. A purchase "
            "is the positive label; an impression without a purchase within a day is a "
            "negative."
        ),
        "",
        "## Model",
        (
            "The first stage retrieves a few hundred events near the user in the coming two "
            "weeks. A gradient boosted ranker then orders them, because the features are "
            "tabular and it trains in minutes. Its features are the event's category, price "
            "and venue and the organiser's past ticket sales, which exist as soon as an event "
            "is listed."
        ),
        "",
        "## Metrics",
        (
            "Offline we use recall at 50 for retrieval and NDCG at 10 for ranking; online, "
            "tickets bought per user and revenue, with unsubscribes as a guardrail."
        ),
        "",
        "## Deployment",
        (
            "Rankings are computed per request from cached candidates within a 100 ms budget,"
            " and we monitor purchase rate and feature drift daily."
        ),
        "",
    ]
)


def _without(answer: str, heading: str) -> str:
    parts = answer.split("\n## ")
    return "\n## ".join(p for p in parts if not p.startswith(heading))


def test_a_title_is_never_read_as_a_wrong_claim(grader, rubric):
    card = load_content().problems.get("event-recommendation")
    sentences, _ = evidence_sentences([(0, EVENTS)])
    title = next(s for s in sentences if s.text.startswith("Event recommendation"))
    assert title.titles
    found = grader._missteps(sentences, grader._evidence(sentences, rubric), rubric, {}, card)
    assert all(m.sentence.order != title.order for m in found)


def test_a_removed_model_section_lowers_modeling_and_the_total(grader, rubric):
    card = load_content().problems.get("event-recommendation")
    full = grader.grade_answer(EVENTS, card, rubric)
    cut = grader.grade_answer(_without(EVENTS, "Model"), card, rubric)
    score = {d.id: d.score for d in full.dimensions}
    after = {d.id: d.score for d in cut.dimensions}
    assert after["modeling"] < score["modeling"]
    assert cut.overall < full.overall


# -- grading: an option named only to reject it --------------------------------------------

REJECTED_NEGATIVES = (
    "For the ranker, games a player was never shown are not used as negatives, because the "
    "ranker only ever scores candidates that retrieval already chose."
)
REJECTED_ID_MODEL = (
    "Every event is new, so a collaborative filtering model over event ids would have "
    "nothing to learn from; we rank on what an event is instead."
)


def _claims(grader, rubric, problem: str, text: str) -> list[str]:
    card = load_content().problems.get(problem)
    sentences, _ = evidence_sentences([(0, text)])
    found = grader._missteps(sentences, grader._evidence(sentences, rubric), rubric, {}, card)
    return [m.misconception_id for m in found]


def test_negatives_turned_down_are_no_wrong_claim(grader, rubric):
    assert _claims(grader, rubric, "game-recommendation", REJECTED_NEGATIVES) == []


@pytest.mark.xfail(
    strict=True,
    reason="the wrong-claim head reads the option the sentence rules out (item-id "
    "collaborative filtering where every event is new) as the candidate proposing it, "
    "id_collaborative_filtering_for_new_items; a reading for the heads' corpus (heads18: "
    "the option named to reject it, beside the claim), not a grading rule",
)
def test_an_option_named_only_to_reject_it_is_no_wrong_claim(grader, rubric):
    assert _claims(grader, rubric, "event-recommendation", REJECTED_ID_MODEL) == []
