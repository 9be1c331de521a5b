"""A latency plan split into stages whose sum exceeds the budget the interviewer gave.

"Roughly 10 ms for reading candidates, 30 for features, 30 for scoring and 10 for
re-ranking" adds up to 80 ms; against a 50 ms budget the plan does not fit, whatever each
stage's figure says on its own. A stage list is a run of figures in one sentence, the first
in milliseconds and the rest joined to it by commas or "and", each naming its stage ("30 for
features", "30 feats", "10 rerank"). Not a stage list: percentiles ("p50 10 ms, p99 30 ms"),
alternatives ("10, 20 or 50 ms"), a figure stated as the whole ("80 ms in total"). The sum
is compared with the card's whole budget (its largest latency figure): any excess beyond
rounding contradicts it, as a single figure over the budget would.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from agent.read.agreement import LATENCY_RATIO
from agent.read.quantities import Quantity
from agent.read.surroundings import PAST, PERCENTILE, supposed

STAGES = "stages"  # the kind of the conflicts this module finds: one query per budget

_N = r"(?:~|about\s+|around\s+|roughly\s+)?(?P<n>\d+(?:\.\d+)?)"
_UNIT = r"(?:ms|msec|milliseconds?)"
# the first stage: a figure in milliseconds, then what it is for
_FIRST = re.compile(rf"{_N}\s*{_UNIT}\b\s*(?:for\s+|on\s+|to\s+)?(?=[a-z~])")
# a further stage: joined by a comma or "and", a bare figure (or in ms) naming its stage
_JOINT = r"(?:,(?!\d)|;|\band\b|\+|→|->)"
# not a stage: a figure in another unit ("and 20 minutes", "10k", "5%")
_OTHER_UNIT = (
    r"(?!(?:s|secs?|seconds?|minutes?|mins?|hours?|days?|weeks?|k|m|b|x|%|percent|gb|tb|"
    r"qps|rps|million|thousand|billion)\b|%)"
)
_NEXT = re.compile(
    rf"\s*{_JOINT}\s*(?:and\s+|then\s+)?{_N}\s*(?P<unit>{_UNIT})?\s*{_OTHER_UNIT}"
    r"(?P<for>(?:for|on|to)\s+)?(?=[a-z])"
)
_STAGE_WORDS = re.compile(rf"(?:[^,;.!?\n]|,(?=\d))*?(?=\s*(?:{_JOINT}|$))")
_SENTENCE = re.compile(r"[^.!?\n]+(?:\.\d[^.!?\n]*)*")
_WHOLE = re.compile(
    r"\b(?:in total|total|overall|end to end|end-to-end|altogether|budget|within|under|out of)\b"
)
# a stage's words that hold a time of their own: the list was misread, it ends there
_TIMED = re.compile(rf"\d\s*{_UNIT}\b")
_ALTERNATIVES = re.compile(r"\bor\b")


class StageSum(BaseModel):
    total: float
    parts: list[float]
    text: str  # "10 + 30 + 30 + 10 = 80 ms"


def stage_sums(text: str) -> list[StageSum]:
    """Each stage list in the text (two stages or more), with its sum."""
    lowered = text.lower()
    out: list[StageSum] = []
    for sentence in _SENTENCE.finditer(lowered):
        said = sentence.group(0)
        if PERCENTILE.search(said) or PAST.search(said) or supposed(said, 0, len(said)):
            continue
        first = _FIRST.search(said)
        if first is None:
            continue
        parts = [float(first.group("n"))]
        named = True  # every further stage says it is a time ("20 ms", "30 for features")
        end, at = first.end(), _skip_stage(said, first.end())
        while (m := _NEXT.match(said, at)) is not None and not _TIMED.search(said, end, at):
            parts.append(float(m.group("n")))
            named = named and bool(m.group("unit") or m.group("for"))
            end, at = m.end(), _skip_stage(said, m.end())
        # "10 ms for retrieval and 20 features" is no plan: two stages must both be times;
        # a run of three or more ("~10ms fetch, 30 feats, 30 score") is one
        if len(parts) < 2 or (len(parts) == 2 and not named):
            continue
        if _ALTERNATIVES.search(said[first.start() : at]):
            continue
        if _WHOLE.search(said[:at]):  # "within 40 ms, 5 for features, 25 for inference"
            continue
        total = sum(parts)
        shown = " + ".join(f"{p:g}" for p in parts)
        out.append(StageSum(total=total, parts=parts, text=f"{shown} = {total:g} ms"))
    return out


def _skip_stage(said: str, at: int) -> int:
    """Past the words naming a stage ("reading candidates", "feats"), up to the next joint."""
    m = _STAGE_WORDS.match(said, at)
    return m.end() if m else at


def over_budget(text: str, budgets: list[Quantity]) -> tuple[StageSum, Quantity] | None:
    """The first stage list whose sum exceeds the whole budget (the largest latency figure
    given), with that budget; None when every list fits."""
    whole = max(
        (q for q in budgets if q.kind == "ms" and q.value > 0), key=lambda q: q.value, default=None
    )
    if whole is None:
        return None
    for found in stage_sums(text):
        if found.total >= whole.value * LATENCY_RATIO:
            return found, whole
    return None
