"""Decisions written as terse fragments (arrows, colons, abbreviations) still count when an
answer is graded (issue 14). Every answer and expectation here is written by hand for these
tests; the blind answers-c* figures for terse notes are in bench/calibration.py."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from tests.support import grading_fixtures

grader = grading_fixtures.grader
rubric = grading_fixtures.rubric

# -- grading: terse decisions ------------------------------------------------------------

TERSE = [
    (
        "fraud-detection",
        """# Fraud — notes

## Clarify
- card-present + online txns, ~10k/s peak; decision < 100 ms
- fraud ~0.2% → heavy imbalance
- cost: missed fraud ≈ txn amount; false decline ≈ lost sale + churn

## Data
- labels: chargebacks (arrive up to 60 d late) + analyst reviews
- split by time, never random: late labels + drift would leak

## Features
- velocity: txns per card 1 h / 24 h / 7 d
- amount vs card's median; merchant category; device age; country mismatch
- point-in-time joins in feature store → same values online

## Model
- baseline = rules in prod today
- GBDT → tabular, fast, explainable; DNN only if gain > 2% recall

## Metrics
- offline PR-AUC, recall @ 0.5% FPR (accuracy useless at 0.2%)
- online: fraud $ lost, false-decline rate, review queue size

## Training
- downsample negatives 1:20, reweight to keep probs calibrated
- retrain weekly on last 6 mo

## Evaluation
- backtest on last 4 wks; slices by merchant, country, amount band
- A/B on 5% traffic, guardrail: false declines

## Deployment
- thresh by cost: block > 0.9, review 0.5–0.9, else pass
- shadow 2 wks → 5% → 50% → 100%, auto rollback
- monitor: score dist, PSI on top feats, label-delayed recall
""",
    ),
    (
        "eta-prediction",
        """# ETA — notes

## Clarify
- ETA for trip duration shown pre-booking; ~30k req/s; p99 < 50 ms
- under-estimates hurt more than over (riders cancel)

## Data
- labels = actual trip durations from completed trips, free
- drop trips w/ dur > 3× routing est (forgot to end trip)
- time split: train wks 1..N, test N+1; random split leaks same-hour traffic

## Features
- routing engine est (strongest), distance, hour, dow, holiday
- live segment speeds last 15 min; origin/dest geohash embeds

## Model
- baseline = routing est; GBDT on log(actual / routing est) → cheap, < 1 ms
- NN over route segments only if > 3% MAE gain

## Metrics
- MAE (sec), p90 abs err, signed bias per city
- online: cancel rate after booking, ETA complaints

## Training
- Huber loss → robust to leftover noisy trips
- retrain weekly; early stop on val week

## Evaluation
- backtest 4 wks incl. holiday; slices city × hour × trip length
- A/B by rider 2 wks, guardrail conversion

## Deployment
- ETA svc → online feature store → model; fallback = routing est on timeout
- monitor live MAE + bias per city; alert on drift
""",
    ),
    (
        "video-recommendation",
        """# Video recs — notes

## Clarify
- home feed, ~200M DAU, 10k-video catalogue growth/day; p99 < 200 ms
- goal: long-term satisfaction, not just clicks

## Data
- impressions + watch time + likes/skips from logs; label = watched > 50% or liked
- position bias: log rank, small random slot for unbiased data

## Features
- user: watch history embeds, topics 7 d / 30 d; video: creator, age, topic, quality score
- context: device, hour; cross: user-topic affinity

## Model
- 2 stages: two-tower retrieval (ANN, ~1k cands) → ranker
- ranker: multi-task DNN (click, watch time, like) → combined score w/ weights tuned online
- why two stages: can't score 10M videos per req in 200 ms

## Metrics
- offline recall@1k (retrieval), NDCG@20 (ranking)
- online: watch time/user/day, 7-d retention; guardrails: reports, diversity

## Training
- in-batch negatives + sampled hard negs for retrieval
- daily incremental training; time split for validation

## Evaluation
- offline on next-day logs; slices: new users, new videos, regions
- A/B 1% per arm, 2 wks for retention

## Deployment
- nightly video embeds → ANN index; user tower online
- cold start: new videos get exploration slots
- canary 1% → 10% → 100%; monitor CTR, score drift, latency
""",
    ),
]


# The notes the heads still under-read (issue 14, open); the video-recommendation notes grade
# >= 3 since the heads refit after the seventeenth session's merges (e650fb5), and failed
# with the heads before it on the same code.
_UNDER_READ = pytest.mark.xfail(
    strict=True,
    reason="issue 14, open: these notes grade 2.25-2.34 (goal >= 3). The signal head "
    "(weights at 6b7a38d) reads no signal in several fragments that decide: 'fraud ~0.2% -> "
    "heavy imbalance', 'baseline = rules in prod today', 'downsample negatives 1:20, ...', "
    "'thresh by cost: block > 0.9, review 0.5-0.9, else pass', 'monitor: score dist, PSI on "
    "top feats, ...'. A recall gap of the heads on arrow-and-colon notes (corpus, retrain), "
    "not of the grading structure",
)
_STILL_UNDER_READ = {"fraud-detection", "eta-prediction"}
_REFIT18_LOSS = pytest.mark.xfail(
    strict=True,
    reason="the heads refit on heads18's corpus (branch heads18, signal bars at 0.88) "
    "turn this test from passing to failing; it passes with the heads of e650fb5 on the "
    "same code; the lead's refit of the merged corpus (cd3ae15) fails it too. Not "
    "diagnosed yet: a loss of the refit, for the next heads pass",
)


@pytest.mark.parametrize(
    "problem,notes",
    [
        pytest.param(
            p,
            n,
            id=p,
            marks=[_UNDER_READ]
            if p in _STILL_UNDER_READ
            else [_REFIT18_LOSS]
            if p == "video-recommendation"
            else [],
        )
        for p, n in TERSE
    ],
)
def test_decisions_in_terse_fragments_still_grade_well(grader, rubric, problem, notes):
    card = load_content().problems.get(problem)
    recap = grader.grade_answer(notes, card, rubric)
    assert recap.overall >= 3.0, {d.id: d.score for d in recap.dimensions}
