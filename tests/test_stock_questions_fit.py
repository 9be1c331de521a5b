"""Stock questions and pushes asked only where they fit the design (issue 10): a probe or
push tagged with a condition (a design that serves requests, a metric read at a threshold, a
stated retraining cadence, labels from what users were shown, the images the model sees) is
not asked where the card or what was said does not have it, and is where it does. Each on
the problem where it fails and one where it holds. Sentences written for these tests;
expectations by hand.
"""

from __future__ import annotations

from agent.content.phases import Phase
from tests.support.voice_fixtures import said_on

REQUEST_QUESTIONS = (
    "Where does the time go in a single request?",
    "How would the serving path fit in the latency budget?",
)


def test_a_batch_job_is_not_asked_about_single_requests() -> None:
    batch = said_on(
        "street-view-blurring", Phase.DEPLOYMENT, "Sounds good.", "latency_budget", None
    )
    assert not any(q in line for q in REQUEST_QUESTIONS for line in batch), batch
    online = said_on(
        "ad-click-prediction", Phase.DEPLOYMENT, "Sounds good.", "latency_budget", None
    )
    assert any(q in line for q in REQUEST_QUESTIONS for line in online), online


THRESHOLD = "how would you pick the threshold?"


def test_a_threshold_question_needs_a_metric_read_at_a_threshold() -> None:
    free = "I'd report PR-AUC and log loss, since neither depends on a threshold."
    said = said_on("fraud-detection", Phase.EVALUATION, free, "imbalance_aware_metric", free)
    assert not any(THRESHOLD in line for line in said), said
    at = "I'd report recall at a one percent false positive rate."
    said = said_on("fraud-detection", Phase.EVALUATION, at, "imbalance_aware_metric", at)
    assert any(THRESHOLD in line for line in said), said


CADENCE = ("Why that cadence", "retraining more often")


def test_a_cadence_question_needs_a_stated_cadence() -> None:
    window = "A nightly job rebuilds the labels with a longer window before the full retrain."
    said = said_on("ad-click-prediction", Phase.DEPLOYMENT, window, "retraining", window)
    assert not any(q in line for q in CADENCE for line in said), said
    stated = "I'd retrain weekly on the last thirty days of impressions."
    said = said_on("ad-click-prediction", Phase.DEPLOYMENT, stated, "retraining", stated)
    assert any(q in line for q in CADENCE for line in said), said


SHOWN = "Logged data only has labels for what was shown."


def test_shown_label_bias_is_asked_only_where_labels_come_from_what_was_shown() -> None:
    audit = "We ship on recall at 99 percent per slice, measured on randomly audited images."
    said = said_on("street-view-blurring", Phase.EVALUATION, audit, "offline_metric_choice", audit)
    assert not any(SHOWN in line for line in said), said
    ranked = "Offline I'd read recall at 20 on the events each user was shown."
    said = said_on(
        "event-recommendation", Phase.EVALUATION, ranked, "offline_metric_choice", ranked
    )
    assert any(SHOWN in line for line in said), said


def test_compute_per_image_is_asked_of_the_input_not_of_a_labelled_set() -> None:
    labelled = "I'd start with around 150k labelled tiles, mostly from busy streets."
    said = said_on("street-view-blurring", Phase.DATA, labelled, "label_source", labelled)
    assert not any("compute per image" in line for line in said), said
