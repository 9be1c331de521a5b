"""Per-label mention bars (agent/understanding/train.py, model.Head.mentioned): a label is
'mentioned' (never credited, but not asked for again as if unsaid) at or above its own bar
where dev shows the head separates it well, else at the head's one global bar. Small dev sets
whose right answer can be seen by hand."""

from __future__ import annotations

import numpy as np

from agent.understanding.bars import Bars
from agent.understanding.mention_bars import MENTION_RECALL, mention_thresholds
from agent.understanding.model import Head, HeadInfo


def _dev(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Three labels over 300 texts: 'sharp' has 50 positives all read at 0.6-0.9; 'spread'
    has 50 read anywhere in 0.02-0.9; 'rare' has 3, read at 0.8."""
    n = 300
    y = np.zeros((n, 3), dtype=int)
    p = rng.uniform(0.0, 0.04, size=(n, 3))
    y[:50, 0] = 1
    p[:50, 0] = rng.uniform(0.6, 0.9, 50)
    y[50:100, 1] = 1
    p[50:100, 1] = np.linspace(0.02, 0.9, 50)
    y[100:103, 2] = 1
    p[100:103, 2] = 0.8
    return p, y


def test_a_well_separated_label_gets_its_own_higher_mention_bar() -> None:
    p, y = _dev(np.random.default_rng(5))
    bars = Bars(threshold=0.95, top_threshold=0.7)
    own = mention_thresholds(p, y, ["sharp", "spread", "rare"], bars, floor=0.05)
    assert 0.6 <= own["sharp"] <= 0.7  # near its positives' band, far above the global 0.05
    # of its 50 dev positives, the bar misses one fewer than MENTION_RECALL would allow
    assert (p[:50, 0] < own["sharp"]).sum() == int((1 - MENTION_RECALL) * 50) - 1
    assert "spread" not in own  # positives read down to 0.02: the global bar is all it gets
    assert "rare" not in own  # three positives are too few to move a bar


def test_a_mention_bar_never_rises_above_the_labels_crediting_bars() -> None:
    p, y = _dev(np.random.default_rng(5))
    bars = Bars(threshold=0.95, top_threshold=0.7, top_thresholds={"sharp": 0.3})
    own = mention_thresholds(p, y, ["sharp", "spread", "rare"], bars, floor=0.05)
    assert own["sharp"] <= 0.3


def test_the_head_reads_mentions_by_each_labels_own_bar() -> None:
    info = HeadInfo(
        labels=["asks_latency", "caching"],
        activation="sigmoid",
        threshold=0.95,
        top_threshold=0.7,
        mention_threshold=0.05,
        mention_thresholds={"asks_latency": 0.4},
    )
    head = Head(info, [(np.zeros((1, 2), dtype=np.float32), np.zeros(2, dtype=np.float32))])
    probs = np.array([[0.2, 0.2], [0.5, 0.01], [0.01, 0.8]])
    got = head.mentioned(probs)
    assert got.tolist() == [[False, True], [True, False], [False, True]]


def test_without_a_mention_bar_only_credited_labels_are_mentioned() -> None:
    info = HeadInfo(labels=["a", "b"], activation="sigmoid", threshold=0.9, top_threshold=0.6)
    head = Head(info, [(np.zeros((1, 2), dtype=np.float32), np.zeros(2, dtype=np.float32))])
    got = head.mentioned(np.array([[0.65, 0.3], [0.2, 0.1]]))
    assert got.tolist() == [[True, False], [False, False]]
