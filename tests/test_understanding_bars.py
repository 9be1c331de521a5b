"""The bars a head's probabilities must pass (agent/understanding/bars.py), on small dev sets
whose right answer can be seen by hand."""

from __future__ import annotations

import numpy as np

from agent.understanding.bars import Bars, choose_bars, predict, scores
from agent.understanding.corpus import Corpus, MessageItem, SentenceItem
from agent.understanding.head_data import UNLABELLED, head_data


def _dev(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two labels read by one head, 400 texts with one true label or none:
    'clean' is read at 0.6-0.8 when shown and under 0.3 when not; 'noisy' is read at
    0.6-0.8 both when shown and, on 60 more texts, when not (right 100 times in 160)."""
    n = 400
    y = np.zeros((n, 2), dtype=int)
    p = rng.uniform(0.0, 0.3, size=(n, 2))
    y[:100, 0] = 1
    p[:100, 0] = rng.uniform(0.6, 0.8, 100)
    y[100:200, 1] = 1
    p[100:200, 1] = rng.uniform(0.6, 0.8, 100)
    p[200:260, 1] = rng.uniform(0.6, 0.8, 60)  # read as 'noisy', not shown
    return p, y


def test_a_clean_label_gets_a_lower_bar_than_a_noisy_one() -> None:
    p, y = _dev(np.random.default_rng(3))
    bars, _ = choose_bars(p, y, ["clean", "noisy"], 0.85, top=True)
    top = bars.top_thresholds
    clean = top.get("clean", bars.top_threshold)
    noisy = top.get("noisy", bars.top_threshold)
    assert clean is not None and noisy is not None
    assert clean <= 0.6  # every 'clean' reading is right: its whole band is kept
    assert noisy >= 0.8 - 1e-9  # 'noisy' is right 0.63 of the time anywhere in its band


def test_a_label_with_few_dev_positives_keeps_the_global_bars() -> None:
    p, y = _dev(np.random.default_rng(3))
    # a third label shown twice, each read at 0.55: too little to move its own bars
    rare = np.zeros((len(p), 1))
    rare[[0, 1], 0] = 0.55
    y3 = np.zeros((len(p), 1), dtype=int)
    y3[[300, 301], 0] = 1
    p3, y3 = np.hstack([p, rare]), np.hstack([y, y3])
    bars, _ = choose_bars(p3, y3, ["clean", "noisy", "rare"], 0.85, top=True)
    assert "rare" not in bars.thresholds and "rare" not in bars.top_thresholds


def test_unlabelled_cells_count_neither_right_nor_wrong() -> None:
    pred = np.array([[True], [True], [False]])
    labelled = np.array([[1], [0], [1]])
    partly = np.array([[1], [UNLABELLED], [1]])
    assert scores(pred, labelled) == (0.5, 0.5)
    assert scores(pred, partly) == (1.0, 0.5)


def test_a_labels_own_bars_replace_the_global_ones() -> None:
    p = np.array([[0.7, 0.2], [0.2, 0.7], [0.5, 0.45]])
    bars = Bars(threshold=0.9, top_threshold=0.8, thresholds={"b": 0.4}, top_thresholds={"a": 0.6})
    on = predict(p, ["a", "b"], bars)
    # row 0: a is top at 0.7 >= a's own top bar 0.6; row 1: b is top at 0.7 < 0.8 but over
    # b's own bar 0.4; row 2: a is top at 0.5 (< 0.6), b at 0.45 over b's own bar
    assert on.tolist() == [[True, False], [False, True], [False, True]]


def test_sentences_about_the_interview_are_not_negatives_for_check_ins() -> None:
    corpus = Corpus(
        sentences=[SentenceItem(text="I'd hold out the last week.", signals=["holdout_split"])],
        messages=[
            MessageItem(text="Should I go deeper here or move on to serving?", kind="meta"),
            MessageItem(text="What's your favourite football team?", kind="off_topic"),
        ],
    )
    signals = ["holdout_split", "checks_in_with_interviewer", "manages_time"]
    y = head_data(corpus, signals, [])["signals"].y
    assert y.tolist() == [
        [1, 0, 0],
        [0, UNLABELLED, UNLABELLED],  # a question about the interview may check in
        [0, 0, 0],  # off-topic talk shows none
    ]


def test_a_sentence_making_a_wrong_claim_is_a_negative_for_every_signal() -> None:
    corpus = Corpus(
        sentences=[
            # a claim set, not labelled for signals: the mistaken practice is no evidence
            SentenceItem(
                text="Shuffle all the rows, then cut off a tenth to test on.",
                signals=None,
                wrong_claims=["random_split_time_ordered"],
            ),
            # a claim sentence whose writer also labelled a signal keeps that label
            SentenceItem(
                text="Accuracy is the metric, and labels come from chargebacks.",
                signals=["label_source"],
                wrong_claims=["accuracy_on_imbalanced"],
            ),
            # neither labelled for signals nor making a claim: still left out of the head
            SentenceItem(text="The label is the chargeback.", signals=None, wrong_claims=[]),
        ],
    )
    signals = ["holdout_split", "label_source"]
    data = head_data(corpus, signals, ["random_split_time_ordered", "accuracy_on_imbalanced"])
    assert data["signals"].texts == [
        "Shuffle all the rows, then cut off a tenth to test on.",
        "Accuracy is the metric, and labels come from chargebacks.",
    ]
    assert data["signals"].y.tolist() == [[0, 0], [0, 1]]


def test_bars_chosen_batch_by_batch_hold_on_the_small_noisy_batch() -> None:
    # batch 0: 200 shown texts read at 0.6 and 200 not shown read at 0.1 (clean); batch 1:
    # 20 shown and 20 not shown read at 0.6, 20 more shown read at 0.9 (noisy at 0.6).
    # Pooled, a bar at 0.6 is right 240 times in 260 (0.92); batch by batch, batch 1 is
    # right 40 times in 60 there (mean 0.83): under a 0.9 target only the pooled choice
    # takes the 0.6 readings
    p = np.concatenate([[0.6] * 200, [0.1] * 200, [0.6] * 40, [0.9] * 20])[:, None]
    y = np.concatenate([[1] * 200, [0] * 200, [1] * 20, [0] * 20, [1] * 20])[:, None]
    groups = np.array([0] * 400 + [1] * 60)
    pooled, _ = choose_bars(p, y, ["x"], 0.9, top=False)
    by_batch, figures = choose_bars(p, y, ["x"], 0.9, top=False, groups=groups)
    assert pooled.thresholds.get("x", pooled.threshold) <= 0.6
    assert by_batch.thresholds.get("x", by_batch.threshold) > 0.6
    assert figures["batch_precision"] >= 0.9
