import pytest

from agent.catalog import rubric
from agent.readers.spans import split_sentences
from agent.signals import SignalDetector
from tests.reader_data import cases

# Measured on tests/data/reader_cases.yaml: precision 1.00, recall 0.85 (the misses are
# deliberately cue-free paraphrases). The bars leave a little room for content edits.
MIN_PRECISION = 0.93
MIN_RECALL = 0.8


@pytest.fixture(scope="module")
def detector() -> SignalDetector:
    return SignalDetector(rubric())


def test_precision_and_recall_on_labelled_sentences(detector: SignalDetector) -> None:
    tp = fp = fn = 0
    for case in cases()["signals"]:
        found = {h.signal_id for h in detector.detect(case["text"])}
        expect, ok = set(case["expect"]), set(case.get("ok", []))
        tp += len(found & expect)
        fn += len(expect - found)
        fp += len(found - expect - ok)
    assert tp / (tp + fp) >= MIN_PRECISION
    assert tp / (tp + fn) >= MIN_RECALL


def test_hits_carry_dimension_score_and_a_verbatim_quote(detector: SignalDetector) -> None:
    text = (
        "First I'd clarify the goal.  Labels come from chargebacks,\nwhich arrive late!\n"
        "- We'd run an A/B test, then a canary roll-out."
    )
    hits = detector.detect(text)
    by_id = {h.signal_id: h for h in hits}
    assert {"label_source", "ab_test", "staged_rollout"} <= set(by_id)
    assert by_id["ab_test"].dimension_id == "evaluation"
    for h in hits:
        assert h.quote in text and 0 < h.score <= 1
    assert by_id["ab_test"].quote == "We'd run an A/B test, then a canary roll-out."
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_cues_tolerate_plurals_hyphens_and_case(detector: SignalDetector) -> None:
    ids = lambda t: {h.signal_id for h in detector.detect(t)}  # noqa: E731
    assert "ab_test" in ids("We'll run several A/B tests.")
    assert "staged_rollout" in ids("A staged rollout is safer.")
    assert "staged_rollout" in ids("A staged roll-out is safer.")
    assert "two_stage_architecture" in ids("I'd use a TWO TOWER model.")
    assert "caching" not in ids("The cachet of the brand matters.")  # word boundary


def test_dismissed_cues_do_not_count(detector: SignalDetector) -> None:
    ids = lambda t: {h.signal_id for h in detector.detect(t)}  # noqa: E731
    assert "monitoring_drift" not in ids("We don't need monitoring for this model.")
    assert "caching" not in ids("Caching is not necessary here.")
    assert "ab_test" not in ids("I'd skip the A/B test entirely.")
    # mentioning a risk in order to avoid it still shows awareness
    assert "leakage_awareness" in ids("Make sure we don't leak future information.")


def test_question_signals_need_a_question(detector: SignalDetector) -> None:
    ids = lambda t: {h.signal_id for h in detector.detect(t)}  # noqa: E731
    assert "asks_scale" in ids("What's the peak QPS?")
    assert "asks_scale" not in ids("At this QPS a transformer is too slow to serve.")


def test_embedding_route_finds_cue_free_paraphrases(detector: SignalDetector) -> None:
    found = {}
    for text in [
        "Once a prediction is made, what is done with it?",
        "We need to strip names and emails before the data reaches the training pipeline.",
    ]:
        found.update({h.signal_id: (h.via, h.score) for h in detector.detect(text)})
    assert found["asks_output_consumer"][0] == "embedding"
    assert found["privacy"][0] == "embedding"
    cue_hit = detector.detect("What's the latency requirement?")[0]
    assert cue_hit.via == "cue" and cue_hit.score > max(s for _, s in found.values())


def test_unrelated_text_shows_nothing(detector: SignalDetector) -> None:
    assert detector.detect("My cat knocked over a plant this morning.") == []
    assert detector.detect("") == []
    assert detector.detect("   \n  ") == []


def test_cue_only_mode_and_batch_agree(detector: SignalDetector) -> None:
    texts = [c["text"] for c in cases()["signals"][:12]]
    assert detector.detect_many(texts) == [detector.detect(t) for t in texts]
    cue_only = SignalDetector(rubric(), use_embeddings=False)
    for text in texts:
        assert all(h.via == "cue" for h in cue_only.detect(text))
        assert {h.signal_id for h in cue_only.detect(text)} <= {
            h.signal_id for h in detector.detect(text)
        }


def test_sentences_are_verbatim_spans() -> None:
    text = "Hi there.  I'd use XGBoost (fast! cheap) e.g. for 0.1% positives;  then\n\n* a ranker?"
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "Hi there.",
        "I'd use XGBoost (fast! cheap) e.g. for 0.1% positives;",
        "then",
        "a ranker?",
    ]
    quoted = split_sentences('He said "stop." Then we go.')
    assert [s.text for s in quoted] == ['He said "stop."', "Then we go."]
    assert all(text[s.start : s.end] == s.text for s in spans)
    long = "we add features, " * 60
    assert all(len(s.text) <= 300 and s.text in long for s in split_sentences(long))


def test_huge_text_is_bounded(detector: SignalDetector) -> None:
    hits = detector.detect("We monitor drift and retrain weekly. " * 3000)
    assert {"monitoring_drift", "retraining"} <= {h.signal_id for h in hits}
