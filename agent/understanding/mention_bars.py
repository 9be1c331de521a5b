"""The mention bars of a multi-label head, chosen on the dev split: a label read at or above
its mention bar counts as *said* (talked about), below its crediting bars (agent/understanding/
bars.py) as not *shown*. "Was this said?" decides whether the interviewer may ask for it again,
so the bar is set for recall (MENTION_RECALL), not precision."""

from __future__ import annotations

import numpy as np

from agent.understanding.bars import GRID, MIN_POSITIVES, Bars, scores

# "was this said?" must rarely miss what was said: asking for it again is the failure
MENTION_RECALL = 0.92


def mention_threshold(
    p: np.ndarray, y: np.ndarray, ceiling: float
) -> tuple[float, dict[str, float]]:
    """The highest threshold (at most the crediting one) whose dev recall reaches
    MENTION_RECALL: a label read at or above it counts as said, not as shown."""
    y = (y == 1).astype(int)
    best = (min(GRID), *scores(p >= min(GRID), y))
    for t in GRID:
        if t > ceiling:
            break
        prec, rec = scores(p >= t, y)
        if rec >= MENTION_RECALL:
            best = (float(t), prec, rec)
    t, prec, rec = best
    return t, {"threshold": round(t, 3), "precision": round(prec, 4), "recall": round(rec, 4)}


def mention_thresholds(
    p: np.ndarray, y: np.ndarray, labels: list[str], bars: Bars, floor: float
) -> dict[str, float]:
    """Per label with enough dev positives, a mention bar above the global one (`floor`):
    the highest grid bar, at most the label's own crediting bars, that still keeps one miss
    more in hand than MENTION_RECALL allows on its dev positives (a label the head separates
    well is then not 'mentioned' by text that merely resembles it; the spare miss keeps a
    bar chosen on a few dozen positives from resting on the last one of them)."""
    out: dict[str, float] = {}
    for j, label in enumerate(labels):
        pos = p[y[:, j] == 1, j]
        if len(pos) < MIN_POSITIVES:
            continue
        allowed = int((1.0 - MENTION_RECALL) * len(pos)) - 1
        if allowed < 0:
            continue
        ceiling = min(
            bars.thresholds.get(label, bars.threshold),
            bars.top_thresholds.get(label, bars.top_threshold or bars.threshold),
        )
        best = floor
        for t in GRID:
            if t > ceiling:
                break
            if t > floor and int((pos < t).sum()) <= allowed:
                best = float(t)
        if best > floor:
            out[label] = best
    return out
