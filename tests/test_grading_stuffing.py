"""Keyword stuffing earns nothing (issue 14): a list of names appended to a weak answer, under
a heading that names no subject, is read as a list, not as designed parts. Answers written by
hand for these tests; the blind answers-c* figures are in bench/calibration.py."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.grading.evidence import Sentence
from agent.grading.parts import without_bare_names
from agent.grading.scoring import Evidence
from agent.understanding.findings import SentenceFindings
from tests.support import grading_fixtures

grader = grading_fixtures.grader
rubric = grading_fixtures.rubric

WEAK = """# Fraud detection

## Questions

I would ask how many transactions there are. I assume there are a lot of them.

## Data

We use the past transactions. Fraud ones are labelled as fraud by the bank.

## Features

- The amount of the transaction.
- The country of the card.

## Model

I would train a random forest on the features to predict fraud.

## Metrics

We look at how well the model does on the test data.

## Training

We split the data 80/20 and train the forest.

## Evaluation

If the results on the test set are good we launch it.

## Deployment

The model runs on a server and scores each transaction.
"""

PADDING = """
## Other considerations

- PR-AUC
- Time-based split
- Canary deployment and rollback
- Shadow deployment
- Autoscaling and caching
- Drift monitoring and PSI
- Feature store and training-serving skew
- Velocity features
- Card-level aggregates
- Cost-sensitive thresholds
"""


def test_a_list_of_names_appended_to_a_weak_answer_lifts_nothing(grader, rubric):
    card = load_content().problems.get("fraud-detection")
    weak = grader.grade_answer(WEAK, card, rubric)
    stuffed = grader.grade_answer(WEAK + PADDING, card, rubric)
    for d, before in zip(stuffed.dimensions, weak.dimensions, strict=True):
        assert d.score <= before.score, (d.id, before.score, d.score)
        assert not any(q.lstrip("- ") in PADDING for q in d.evidence if len(q) > 3), d.evidence
    assert stuffed.overall <= weak.overall


def _said(text: str, order: int, region: int, depth: float, signal: str) -> Evidence:
    found = SentenceFindings(text=text, start=0, end=len(text), depth=depth)
    sentence = Sentence(text=text, turn=0, order=order, findings=found, region=region)
    dim = load_content().rubric.dimension_of_signal(signal).id
    return Evidence(signal, dim, sentence, text)


def test_only_the_bare_names_of_a_list_without_a_subject_are_set_aside():
    designed = [
        _said("We label a transaction fraud when a chargeback arrives.", 0, 0, 0.6, "label_source"),
        _said(
            "A gradient boosted tree, because the features are tabular.",
            1,
            1,
            0.9,
            "model_family_choice",
        ),
        _said("We watch PR-AUC because fraud is rare.", 2, 2, 0.9, "offline_metric_choice"),
    ]
    listed = [
        _said("Canary deployment and rollback", 3, 3, 0.02, "staged_rollout"),
        _said("NDCG@10, MRR, recall@1000", 4, 3, 0.16, "offline_metric_choice"),
        _said("Feature store and training-serving skew", 5, 3, 0.04, "feature_store_consistency"),
        _said("Drift monitoring", 7, 3, 0.01, "monitoring_drift"),
        # a note in the same list that gives its reason still counts
        _said("Split by time, since labels arrive weeks late", 6, 3, 0.7, "time_based_split"),
    ]
    kept = without_bare_names(designed + listed, {})
    assert [e.sentence.order for e in kept] == [0, 1, 2, 6]
    # the same names under a heading that names their subject are an answer's notes
    headed = [
        Evidence(
            e.signal_id,
            e.dimension_id,
            Sentence(
                e.sentence.text,
                0,
                e.sentence.order,
                e.sentence.findings,
                region=3,
                heading="Deployment",
            ),
            e.quote,
        )
        for e in listed
    ]
    kept = without_bare_names(designed + headed, {"Deployment": {"deployment"}})
    assert len(kept) == len(designed + headed)
    # an answer in fewer than three parts has no structure to read: nothing is set aside
    assert without_bare_names(listed, {}) == listed
