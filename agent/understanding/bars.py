"""The bars a sigmoid head's probabilities must pass, chosen on the dev split.

A multi-label head (signals, wrong claims, angles) has two kinds of bar:

- the *top bar*: a text's most likely label is on at or above it (a sentence usually shows
  one thing). It is chosen on the dev texts with at most one true label, where "is the most
  likely label right?" is a clean question: on texts stating two or three things the top
  label is diluted, and choosing it there mixed that dilution into the bar;
- the *label bar*: any label is on at or above it. A sentence's second and third labels need
  it, so it must be stricter.

One global pair of bars treats every label alike, but the heads are not equally sure of
every label: a well-separated label loses recall under a bar set for a noisy one, and a noisy
label fires falsely under a bar set for the rest. So each label gets its own bars, chosen as
the lowest bar whose precision on that label's own dev predictions reaches the target, where
that precision is *shrunk towards the head's*: `(tp + k * P) / (tp + fp + k)`, with P the
precision of all labels' predictions at the same bar and k pseudo-predictions
(`SHRINK`). A label with few dev predictions therefore gets about the global bar (noise does
not pick it); one with many gets what its own predictions show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

GRID = [float(x) for x in (*np.arange(0.05, 0.95, 0.025), *np.arange(0.95, 0.999, 0.005))]
# pseudo-predictions of the head's precision mixed into each label's own: a label needs
# about this many dev predictions at a bar before its own precision outweighs the head's
SHRINK = 100.0
# a label with fewer dev positives than this keeps the global bars
MIN_POSITIVES = 8
# the precision levels tried for the label bars, strictest first
LEVELS = [float(x) for x in np.arange(0.99, 0.2, -0.01)]


def batch_precision(pred: np.ndarray, y: np.ndarray, groups: np.ndarray | None) -> float:
    """Precision averaged over the batches in `groups` (one id per row), each batch counted
    once whatever its size; without groups, the precision of all rows together. A batch
    with no prediction counts as fully precise."""
    if groups is None:
        return scores(pred, y)[0]
    return float(np.mean([scores(pred[groups == g], y[groups == g])[0] for g in np.unique(groups)]))


def scores(pred: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(precision, recall) of boolean predictions against labels (1 shown, 0 not shown,
    anything else not labelled: neither right nor wrong)."""
    tp = float((pred & (y == 1)).sum())
    fp = float((pred & (y == 0)).sum())
    fn = float((~pred & (y == 1)).sum())
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 0.0)


@dataclass
class Bars:
    threshold: float
    top_threshold: float | None = None
    thresholds: dict[str, float] = field(default_factory=dict)
    top_thresholds: dict[str, float] = field(default_factory=dict)


def predict(p: np.ndarray, labels: list[str], bars: Bars) -> np.ndarray:
    """Which labels are on under these bars (as model.Head.on applies them)."""
    limits = np.array([bars.thresholds.get(k, bars.threshold) for k in labels])
    out = p >= limits
    if bars.top_threshold is not None and p.size:
        tops = np.array([bars.top_thresholds.get(k, bars.top_threshold) for k in labels])
        rows = np.arange(len(p))
        best = p.argmax(axis=1)
        out[rows, best] |= p[rows, best] >= tops[best]
    return out


def _lowest_bar(
    hits: np.ndarray, wrong: np.ndarray, head_precision: np.ndarray, target: float
) -> float | None:
    """The lowest grid bar at which the shrunk precision of everything read at or above it
    reaches target. hits/wrong: per grid bar, the label's true and false predictions at or
    above it; head_precision: the head's precision at each bar."""
    shrunk = (hits + SHRINK * head_precision) / (hits + wrong + SHRINK)
    ok = np.flatnonzero(shrunk >= target)
    return GRID[int(ok[0])] if ok.size else None


def _curves(p: np.ndarray, y: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(labels, grid) counts of true and false predictions at or above each bar, over
    the cells in mask."""
    g = np.array(GRID)[None, None, :]
    above = (p[:, :, None] >= g) & mask[:, :, None]
    hits = (above & (y[:, :, None] == 1)).sum(axis=0)
    wrong = (above & (y[:, :, None] == 0)).sum(axis=0)
    return hits, wrong


def choose_bars(
    p: np.ndarray,
    y: np.ndarray,
    labels: list[str],
    target: float,
    *,
    top: bool,
    groups: np.ndarray | None = None,
) -> tuple[Bars, dict[str, float]]:
    """Per-label bars (and, with `top`, per-label top bars) at `target` precision. y: 1
    shown, 0 not shown, anything else not labelled (neither counted right nor wrong).
    With `groups` (the batch each row comes from), the label bars are taken as far as the
    precision *averaged over the batches* reaches the target: pooled, the largest batch
    decides, and one batch's precision moves by about three points from the next's."""
    rows = np.arange(len(p))
    best = p.argmax(axis=1) if p.size else np.zeros(0, dtype=int)
    is_best = np.zeros_like(y, dtype=bool)
    if p.size:
        is_best[rows, best] = True
    support = (y == 1).sum(axis=0)
    bars = Bars(threshold=GRID[-1], top_threshold=None)
    if top and p.shape[1] > 1:
        # the top bar, on the texts with at most one true label
        single = ((y == 1).sum(axis=1) <= 1)[:, None] & is_best
        hits, wrong = _curves(p, y, single)
        head = hits.sum(0) / np.maximum(1, hits.sum(0) + wrong.sum(0))
        head = np.where(hits.sum(0) + wrong.sum(0) > 0, head, 1.0)
        global_top = _lowest_bar(hits.sum(0), wrong.sum(0), head, target)
        bars.top_threshold = global_top if global_top is not None else GRID[-1]
        for j, label in enumerate(labels):
            if support[j] < MIN_POSITIVES:
                continue
            t1 = _lowest_bar(hits[j], wrong[j], head, target)
            bars.top_thresholds[label] = t1 if t1 is not None else GRID[-1]
    # the label bars, on what the top bars leave off: each label's bar is the lowest whose
    # shrunk precision reaches a common level, and that level is the lowest at which the
    # head's precision over all dev texts still reaches the target (the most precise extra
    # predictions are taken first, whichever label they belong to)
    already = predict(p, labels, _tops_only(bars, 2.0))
    hits, wrong = _curves(p, y, ~already)
    head = hits.sum(0) / np.maximum(1, hits.sum(0) + wrong.sum(0))
    head = np.where(hits.sum(0) + wrong.sum(0) > 0, head, 1.0)
    chosen = _tops_only(bars, GRID[-1])
    for level in LEVELS:
        global_bar = _lowest_bar(hits.sum(0), wrong.sum(0), head, level)
        trial = _tops_only(bars, global_bar if global_bar is not None else GRID[-1])
        for j, label in enumerate(labels):
            if support[j] >= MIN_POSITIVES:
                t = _lowest_bar(hits[j], wrong[j], head, level)
                trial.thresholds[label] = t if t is not None else GRID[-1]
        if batch_precision(predict(p, labels, trial), y, groups) < target:
            break
        chosen = trial
    bars.threshold, bars.thresholds = chosen.threshold, chosen.thresholds
    # keep only the bars that differ from the global ones
    bars.thresholds = {k: v for k, v in bars.thresholds.items() if v != bars.threshold}
    bars.top_thresholds = {k: v for k, v in bars.top_thresholds.items() if v != bars.top_threshold}
    prec, rec = scores(predict(p, labels, bars).astype(bool), y)
    figures = {
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "threshold": round(bars.threshold, 3),
    }
    if groups is not None:
        figures["batch_precision"] = round(batch_precision(predict(p, labels, bars), y, groups), 4)
    if bars.top_threshold is not None:
        figures["top_threshold"] = round(bars.top_threshold, 3)
    figures["own_bars"] = float(len(bars.thresholds) + len(bars.top_thresholds))
    return bars, figures


def _tops_only(bars: Bars, threshold: float) -> Bars:
    """These top bars with one label bar for every label."""
    return Bars(
        threshold=threshold,
        top_threshold=bars.top_threshold,
        top_thresholds=dict(bars.top_thresholds),
    )
