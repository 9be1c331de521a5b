"""Scored blind sentence batches that are dev material now, read to choose the signal bars.

Each sentences-a* batch in tests/blind/ was written blind, scored once, and became dev
material when the next one replaced it. Corpus dev (knowledge/corpus/dev) is the project's
own writing: bars chosen on it alone reached a blind batch with less recall than the same
precision allowed there (sentences-a9 and a10 read with the second label's bar at 0.925).
So the trainer chooses the signal head's bars on corpus dev together with the batches in
`CHOICE`, and checks them on the batches in `CHECK`, which take no part in the choice.

The batches are named, never globbed: a new blind batch joins only by a commit that lists
it, after it was scored. They are read where they are frozen and only for bars; no text of
theirs is copied into the corpus or fits a weight. Without tests/ (an installed package),
the bars are chosen on corpus dev alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from agent.understanding.bars import Bars, predict, scores
from agent.understanding.model import Head

CHOICE = (
    "sentences-a.jsonl",
    "sentences-a2.jsonl",
    "sentences-a3.jsonl",
    "sentences-a4.jsonl",
    "sentences-a5.jsonl",
    "sentences-a6.jsonl",
    "sentences-a7.jsonl",
    "sentences-a8.jsonl",
    "sentences-a9.jsonl",
    "sentences-a10.jsonl",
    "sentences-a11.jsonl",
    "sentences-a12.jsonl",
    "sentences-a13.jsonl",
    "sentences-a14.jsonl",
    "sentences-a15.jsonl",
)
# the newest scored batch checks the bars (sixteenth session: a9 and a10, the checks before,
# joined the choice with a11 and a12, whose multi-signal and implicit sentences the older
# batches had few of; seventeenth: a13 and a14 joined it, a15 checks; eighteenth: a15 joined
# it, a16 checks)
CHECK = ("sentences-a16.jsonl",)


def blind_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "tests" / "blind"


def signal_rows(names: tuple[str, ...], signals: list[str]) -> tuple[list[str], np.ndarray]:
    """The texts labelled for signals in these batches and their (texts, signals) labels:
    1 shown, 0 not (a signal only named, dismissed or negated is 0). Missing batches are
    skipped."""
    col = {s: j for j, s in enumerate(signals)}
    texts: list[str] = []
    labels: list[list[str]] = []
    for name in names:
        path = blind_dir() / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line) if line.strip() else {}
            if item.get("signals") is None:
                continue
            texts.append(item["text"])
            labels.append([s for s in item["signals"] if s in col])
    y = np.zeros((len(texts), len(signals)), dtype=np.int8)
    for r, shown in enumerate(labels):
        y[r, [col[s] for s in shown]] = 1
    return texts, y


def with_choice_batches(
    pd: np.ndarray, yd: np.ndarray, head: Head, rows: Callable[[list[str]], np.ndarray]
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Corpus dev's probabilities and labels (pd, yd) with the CHOICE batches' appended,
    and the CHECK batches' own (probabilities, labels)."""
    texts, y = signal_rows(CHOICE, head.labels)
    if texts:
        pd, yd = np.vstack([pd, head.predict(rows(texts))]), np.vstack([yd, y])
    check_texts, check_y = signal_rows(CHECK, head.labels)
    check_p = head.predict(rows(check_texts)) if check_texts else np.zeros(check_y.shape)
    return pd, yd, (check_p, check_y)


def check_figures(
    bars: Bars, labels: list[str], check: tuple[np.ndarray, np.ndarray]
) -> dict[str, float]:
    """Precision and recall under the chosen bars on the CHECK batches, which took no part
    in the choice (whole sentences as the head reads them, without the reader's clauses)."""
    p, y = check
    if not len(p):
        return {}
    prec, rec = scores(predict(p, labels, bars), y)
    return {
        "dev.signals.check_rows": float(len(p)),
        "dev.signals.check_precision": round(prec, 4),
        "dev.signals.check_recall": round(rec, 4),
    }
