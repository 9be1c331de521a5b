"""Terms woven into a weak answer's own sentences earn nothing (issue 14): a list led into a
sentence is taken out, decisions and notes are left whole, and names sprinkled into a weak
answer do not lift its grade. Every answer and expectation here is written by hand for these
tests, on three problems; the blind answers-c* figures are in bench/calibration.py. Terse
decisions are in test_grading_terse_fragments.py."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.understanding.woven import without_woven_lists, woven_lists
from tests.support import grading_fixtures

grader = grading_fixtures.grader
rubric = grading_fixtures.rubric

MAX_LIFT = 0.3  # issue 14's goal for keyword stuffing on a weak answer


# -- reading the structure -------------------------------------------------------------


def test_a_list_led_into_the_middle_of_a_sentence_is_taken_out():
    text = (
        "We score each order, with drift checks, shadow mode and canary releases, "
        "before the courier is assigned."
    )
    assert without_woven_lists(text) == "We score each order, before the courier is assigned."


def test_a_list_that_opens_a_sentence_is_taken_out_with_its_subject():
    text = "Fairness, privacy and explainability will also be taken care of."
    assert without_woven_lists(text) == "will also be taken care of."


@pytest.mark.parametrize(
    "text",
    [
        # two led terms are a choice, not a sprinkle
        "We train the trees with Huber loss and early stopping.",
        # a terse note has no clause to weave into: its list is the note
        "GBDT -> PR-AUC, recall@1% FPR, thresh by cost",
        # figures are not terms
        "We keep windows of 1 hour, 24 hours and 7 days per card.",
        # a list that is the object of the decision itself
        "Offline we report MAE, MAPE, p90 error and signed bias per city.",
    ],
)
def test_decisions_and_notes_are_left_whole(text):
    assert woven_lists(text) == []
    assert without_woven_lists(text) == text


# -- grading: sprinkled stuffing ---------------------------------------------------------

# (problem, weak answer, the same answer with names woven into its own sentences)
SPRINKLED = [
    (
        "fraud-detection",
        """# Fraud detection

## Data
We use last year's card transactions. The bank marks some of them as fraud.

## Model
I would train a random forest on the transactions to predict fraud.

## Evaluation
We check how the model does on a test set and launch it if it looks good.

## Deployment
The model runs on a server and scores each transaction.
""",
        """# Fraud detection

## Data
We use last year's card transactions, including chargebacks, label delay and class imbalance.
The bank marks some of them as fraud.

## Model
I would train a random forest, with focal loss, cost-sensitive learning and SHAP, on the
transactions to predict fraud.

## Evaluation
We check how the model does on a test set, using PR-AUC, time-based splits and backtesting,
and launch it if it looks good.

## Deployment
The model runs on a server, with shadow mode, canary releases and drift monitoring, and
scores each transaction.
""",
    ),
    (
        "eta-prediction",
        """# ETA

## Data
We collect past trips and their durations from the app.

## Model
A regression model predicts the minutes a trip takes.

## Training
We train it on the old trips and keep the best version.

## Deployment
The app calls the model when a rider asks for a ride.
""",
        """# ETA

## Data
We collect past trips, such as GPS traces, map matching and trip noise filters, and their
durations from the app.

## Model
A regression model, like gradient boosting, quantile regression or graph neural networks,
predicts the minutes a trip takes.

## Training
Huber loss, pinball loss and early stopping will be considered too. We train it on the old
trips and keep the best version.

## Deployment
The app calls the model when a rider asks for a ride, plus caching, autoscaling and a
fallback model.
""",
    ),
    (
        "video-recommendation",
        """# Video recommendations

## Data
We log which videos people watch.

## Model
We train a model that guesses which video a user will watch next.

## Metrics
We see if people watch more videos after the launch.

## Deployment
The model runs in the backend and returns a list of videos for the home page.
""",
        """# Video recommendations

## Data
We log which videos people watch, along with impressions, dwell time and position bias.

## Model
We train a model, using two-tower retrieval, multi-task learning and MMoE, that guesses which
video a user will watch next.

## Metrics
We see if people watch more videos after the launch, with NDCG, recall@k and guardrail
metrics.

## Deployment
The model runs in the backend, via feature stores, ANN indexes and canary rollouts, and
returns a list of videos for the home page.
""",
    ),
]


@pytest.mark.parametrize("problem,weak,stuffed", SPRINKLED, ids=[p for p, _, _ in SPRINKLED])
def test_names_woven_into_a_weak_answer_do_not_lift_it(grader, rubric, problem, weak, stuffed):
    card = load_content().problems.get(problem)
    before = grader.grade_answer(weak, card, rubric)
    after = grader.grade_answer(stuffed, card, rubric)
    assert after.overall <= before.overall + MAX_LIFT, (before.overall, after.overall)
    for d, was in zip(after.dimensions, before.dimensions, strict=True):
        assert d.score <= was.score + 1, (d.id, was.score, d.score)
