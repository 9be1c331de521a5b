"""Scored blind sentence batches that are dev material now, read to choose the signal bars.

Each sentences-a* batch in tests/blind/ was written blind, scored once, and became dev
material when the next one replaced it. Corpus dev (knowledge/corpus/dev) is the project's
own writing: bars chosen on it alone reached a blind batch with less recall than the same
precision allowed there (sentences-a9 and a10 read with the second label's bar at 0.925).
So the trainer chooses the signal head's bars on corpus dev together with the batches in
`CHOICE`, each batch counted once in the precision the bars must reach, and checks them on
the batches in `CHECK` (when there are any), which take no part in the choice.

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
    "sentences-a16.jsonl",
    "sentences-a17.jsonl",
)
# sixteenth session: a9 and a10, the checks before, joined the choice with a11 and a12;
# seventeenth: a13 and a14 joined it, a15 checked; eighteenth: a15 joined it, a16 checked.
# One check batch at a time swung the bars from precision-short (a16 under bars chosen with
# a15) to recall-short (a17 under bars chosen with a16 checking): one batch's precision moves
# by about three points from the next's. Nineteenth session: every scored batch is in the
# choice, each counted once in the precision the bars must reach (bars.batch_precision), and
# the newest ones' figures are reported batch by batch (`RECENT`), all of them dev
CHECK: tuple[str, ...] = ()
RECENT = ("sentences-a15.jsonl", "sentences-a16.jsonl", "sentences-a17.jsonl")


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
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Corpus dev's probabilities and labels (pd, yd) with the CHOICE batches' appended, the
    batch of every row (0: corpus dev, i: the i-th CHOICE batch), and the (probabilities,
    labels) of each RECENT and CHECK batch by name."""
    groups = [np.zeros(len(pd), dtype=int)]
    ps, ys = [pd], [yd]
    apart: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for i, name in enumerate(CHOICE + CHECK, start=1):
        texts, y = signal_rows((name,), head.labels)
        if not texts:
            continue
        p = head.predict(rows(texts))
        if name in CHOICE:
            ps.append(p)
            ys.append(y)
            groups.append(np.full(len(p), i, dtype=int))
        if name in RECENT or name in CHECK:
            apart[name] = (p, y)
    return np.vstack(ps), np.vstack(ys), np.concatenate(groups), apart


def check_figures(
    bars: Bars, labels: list[str], batches: dict[str, tuple[np.ndarray, np.ndarray]]
) -> dict[str, float]:
    """Precision and recall under the chosen bars on each named batch (whole sentences as
    the head reads them, without the reader's clauses). A RECENT batch took part in the
    choice: its figure is a dev figure; a CHECK batch did not."""
    figures: dict[str, float] = {}
    for name, (p, y) in batches.items():
        if not len(p):
            continue
        prec, rec = scores(predict(p, labels, bars), y)
        role = "check" if name in CHECK else "choice"
        key = f"dev.signals.{role}.{name.removesuffix('.jsonl')}"
        figures[f"{key}.precision"] = round(prec, 4)
        figures[f"{key}.recall"] = round(rec, 4)
    return figures
