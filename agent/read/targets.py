"""Metric targets said back below the card's floor: "I'd target like 99% recall" after being
told the target is at least 99.5% recall on faces and plates.

A card fact may set a floor on a metric ("at least 99.5% recall", "precision of at least
90%"); a candidate who designs for less has misread or lowered the requirement, and a good
interviewer asks once. A target is compared only with a floor on the same metric word, and
only when it is below it. A target that is met or exceeded, or a figure on another metric,
is no conflict.
"""

from __future__ import annotations

import re

from agent.content.problems import ProblemCard
from agent.read.numbers import NumberConflict

TARGET = "target"  # the kind of the conflicts this module finds

_METRIC = r"recall|precision|accuracy|coverage"
# "99% recall", "99 percent recall", "recall of 99%", "recall at 99%"
_SAID = re.compile(
    rf"\b(?P<a>\d+(?:\.\d+)?)\s*(?:%|percent)\s+(?:\w+\s+)?(?P<m1>{_METRIC})\b|"
    rf"\b(?P<m2>{_METRIC})\s+(?:of|at|around|about|near|~)\s*(?P<b>\d+(?:\.\d+)?)\s*(?:%|percent)",
    re.IGNORECASE,
)
# the card's floor: "at least 99.5% recall", "a recall of at least 99.5%"
_FLOOR = re.compile(
    rf"\bat least\s+(?P<a>\d+(?:\.\d+)?)\s*%\s+(?P<m1>{_METRIC})\b|"
    rf"\b(?P<m2>{_METRIC})\s+of at least\s+(?P<b>\d+(?:\.\d+)?)\s*%",
    re.IGNORECASE,
)


def _targets(pattern: re.Pattern[str], text: str) -> list[tuple[str, float, str]]:
    out: list[tuple[str, float, str]] = []
    for m in pattern.finditer(text):
        metric = (m.group("m1") or m.group("m2")).lower()
        value = float(m.group("a") or m.group("b"))
        out.append((metric, value, m.group(0).strip()))
    return out


def conflicts(text: str, card: ProblemCard, given: list[str]) -> list[NumberConflict]:
    """The candidate's metric target below a floor of a fact already given (one per message)."""
    floors = [
        (f.topic, floor)
        for f in card.facts
        if f.topic in given
        for floor in _targets(_FLOOR, f.answer)
    ]
    if not floors:
        return []
    for metric, value, said in _targets(_SAID, text):
        for topic, (floor_metric, floor, written) in floors:
            if metric == floor_metric and value < floor:
                return [NumberConflict(said=said, given=written, topic=topic, kind=TARGET)]
    return []
