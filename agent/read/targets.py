"""Metric targets said below the card's floor: "I'd target like 99% recall" after being told
the target is at least 99.5% recall on faces and plates.

A card fact may set a floor on a metric ("at least 99.5% recall", "precision of at least
90%"); a candidate who designs for less has misread or lowered the requirement, and a good
interviewer asks once. A target is a percentage its clause says of a metric: the metric
named just after it ("98% recall"), else the nearest one before it in its sentence ("recall
95 percent", "a recall target per class, something like 99.5 percent for faces and 99
percent for plates"), within its clause (not across a colon or into a relative clause).
Not a share of something ("90 percent of their area", "99% of clicks"), a change or a
margin ("recall drops by 2 percent", "plus or minus 0.3 percent"), nor a story's figure.
It is compared only with a floor on the same metric, and only when below it: a target that
meets or beats the floor, or a figure of another metric, is no conflict. A floor is a
requirement: a bar under the floor of a fact not given yet is answered with that fact
(told=False), as an assumed figure is (agent/read/numbers.py).
"""

from __future__ import annotations

import re

from agent.content.problems import ProblemCard
from agent.read.numbers import NumberConflict
from agent.read.surroundings import PAST, narrated
from agent.read.told_figures import piece_of

TARGET = "target"  # the kind of the conflicts this module finds

_METRIC = r"recall|precision|accuracy|coverage"
_METRIC_WORD = re.compile(rf"\b(?:{_METRIC})\b", re.IGNORECASE)
_PERCENT = re.compile(r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?:%|percent\b)", re.IGNORECASE)
# the metric named right after the figure: "99% recall", "99 percent plate recall"
_AFTER = re.compile(rf"\s+(?:[a-z\-]+\s+)?(?P<m>{_METRIC})\b", re.IGNORECASE)
# a share of something, not a metric's value: "90 percent of their area", "99% of clicks"
_SHARE = re.compile(r"\s+of\b", re.IGNORECASE)
# a change or a margin: "by 2 percent", "plus or minus 0.3 percent", "within 1%"
_CHANGE = re.compile(r"(?:\bby|\bminus|\bplus|±|\+/-|\bwithin)\s*(?:about\s+|roughly\s+)?$")
_CLAUSE_BREAK = re.compile(r"[:(]|\b(?:whose|which|where|that)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?;\n]+(?:\.\d[^.!?;\n]*)*")
# the card's floor: "at least 99.5% recall", "a recall of at least 99.5%"
_FLOOR = re.compile(
    rf"\bat least\s+(?P<a>\d+(?:\.\d+)?)\s*%\s+(?P<m1>{_METRIC})\b|"
    rf"\b(?P<m2>{_METRIC})\s+of at least\s+(?P<b>\d+(?:\.\d+)?)\s*%",
    re.IGNORECASE,
)


def _floors(text: str) -> list[tuple[str, float, str]]:
    out: list[tuple[str, float, str]] = []
    for m in _FLOOR.finditer(text):
        metric = (m.group("m1") or m.group("m2")).lower()
        value = float(m.group("a") or m.group("b"))
        out.append((metric, value, m.group(0).strip()))
    return out


def targets(text: str) -> list[tuple[str, float, str]]:
    """Each percentage the text says of a metric: (metric, value, as said). Not one of a
    story told in the past ("we measured annotator recall once and it was 93 percent")."""
    out: list[tuple[str, float, str]] = []
    for sentence in _SENTENCE.finditer(text):
        said = sentence.group(0)
        for m in _PERCENT.finditer(said):
            if _SHARE.match(said, m.end()) or _CHANGE.search(said[: m.start()]):
                continue
            at = sentence.start() + m.start()
            if PAST.search(said.lower()) or narrated(text, at, sentence.start() + m.end()):
                continue
            after = _AFTER.match(said, m.end())
            if after is not None:
                out.append(
                    (after.group("m").lower(), float(m.group("n")), said[m.start() : after.end()])
                )
                continue
            # the metric named earlier in the figure's own clause: not across a colon or
            # into a relative clause ("coverage recall: the share of faces whose area is 90
            # percent covered" says no recall of 90 percent)
            bound = max((b.end() for b in _CLAUSE_BREAK.finditer(said, 0, m.start())), default=0)
            before = list(_METRIC_WORD.finditer(said, bound, m.start()))
            if before:
                metric = before[-1]
                as_said = (
                    f"{metric.group(0)} {m.group(0)}" if metric.end() < m.start() else m.group(0)
                )
                out.append(
                    (metric.group(0).lower(), float(m.group("n")), " ".join(as_said.split()))
                )
    return out


def conflicts(text: str, card: ProblemCard, given: list[str]) -> list[NumberConflict]:
    """The candidate's metric target below a floor of a fact (one per message): of a fact
    already given first, else of one not given yet (told=False)."""
    floors = [(f.topic, floor) for f in card.facts for floor in _floors(f.answer)]
    if not floors:
        return []
    said = targets(text)
    for told in (True, False):
        for metric, value, as_said in said:
            for topic, (floor_metric, floor, written) in floors:
                if (topic in given) == told and metric == floor_metric and value < floor:
                    found = NumberConflict(
                        said=as_said, given=written, topic=topic, kind=TARGET, told=told
                    )
                    if not told:
                        found = found.model_copy(update={"piece": piece_of(card, found)})
                    return [found]
    return []
