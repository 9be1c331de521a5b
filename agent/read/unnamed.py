"""Figures that name no noun of their own, read as counting what a figure before them counts:
one joined by a conjunction ("25k per second on average and maybe 100k at peak"), one that
restates it ("a few hundred million daily users, say 400 million"), a bare number later in
a latency's sentence ("240 ms, well under 450"), and "ones" ("60k games and around 500 new
ones per week"). agent/read/quantities.py reads the figures themselves.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agent.read.counted import KIND_NAMES, RANK, UNITS
from agent.read.scopes import LIMIT
from agent.read.surroundings import clause_around, content_words, next_to, stat_named, supposed

if TYPE_CHECKING:
    from agent.read.quantities import Quantity

_TAIL = re.compile(r"[^,;:.!?()\n\d]*")  # the words after a figure, up to punctuation


def antecedent(
    text: str, last_end: int, start: int, last: Quantity | None, found: Quantity
) -> Quantity | None:
    """ "About 60k games and around 500 new ones per week": "ones" counts what the figure
    before it in the sentence counts; with none, the figure counts nothing known."""
    noun = last.kind.split("/")[0] if last is not None else ""
    if not noun or noun in KIND_NAMES or noun in UNITS.values() or noun == RANK:
        return None
    if last_end < 0 or re.search(r"[.!?\n]", text[last_end:start]):
        return None
    period = "/day" if found.kind.endswith("/day") else ""
    return found.model_copy(update={"kind": noun + period, "also": []})


# a figure with no noun of its own, joined to the one before ("25k per second on average
# and maybe 100k at peak"): it counts the same thing
_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|or|to|with|but)\b[^.;:!?\n\d]{0,25}$")
# a figure restating the one before in other words ("a few hundred million daily users, say
# 400 million", "about 60k games, roughly 60,000"): it counts the same thing
_RESTATED = re.compile(
    r"\s*,\s*(?:say|maybe|perhaps|roughly|about|around|approximately|call it|i\.e\.?|like)\s*$"
)
_QUALIFIED = re.compile(r"\s*(?:at|in|during|on|for|peak|average|$|[,;.)])")


def elided(
    text: str, last_end: int, start: int, end: int, last: Quantity, value: float, low: float
) -> Quantity | None:
    """The figure read as one more of the previous figure's kind, when only a conjunction
    joins them and its own words qualify it (a peak, a period) rather than name a noun."""
    between = text[last_end:start]
    # right after it: nothing but its noun and the hedge between ("daily users, say")
    restated = (
        start - last_end <= 40 and not re.search(r"\d", between) and bool(_RESTATED.search(between))
    )
    noun = last.kind not in KIND_NAMES and last.kind not in UNITS.values()
    if noun and not restated:
        return None  # joined to a count of a thing, it may count another thing
    # restating a count per day ("many millions of posts per day, maybe 100 million"): the
    # same count, read with its period; one that names a period of its own is not elided
    joined = start - last_end <= 80 and bool(_JOINED.search(between))
    if not (joined or restated) or not _QUALIFIED.match(text, end):
        return None
    qualifier = _TAIL.match(text, end)
    return last.model_copy(
        update={
            "value": value,
            "low": low,
            "text": " ".join((qualifier.group(0) if qualifier else "").split()[:3]),
            "high": 0.0,
            "limit": False,
            "scope": [p for p in last.scope if p != "average"],
            "stat": stat_named(text, start, end),
            "near": content_words(next_to(text, start, end)),
            "supposed": supposed(text, start, end),
        }
    )


# a bare number that ends its clause ("about 250 ms, which leaves headroom under 400.")
_ENDS_CLAUSE = re.compile(r"\s*(?:$|[,;:.!?)\n])")


def bare(
    text: str, last_end: int, start: int, end: int, last: Quantity, value: float, low: float
) -> Quantity | None:
    """A bare number later in the same sentence as a latency or a size, naming nothing
    itself, is one more of that unit."""
    between = text[last_end:start]
    if last.kind not in UNITS.values() and last.kind != "ms":
        return None
    if len(between) > 80 or re.search(r"[.!?\n]", between) or not _ENDS_CLAUSE.match(text, end):
        return None
    if not last.value / 10 <= value <= last.value * 10:
        return None  # another quantity ("250 ms at p99 over 3 regions" without the noun)
    return last.model_copy(
        update={
            "value": value,
            "low": low,
            "text": last.kind,
            "high": 0.0,
            "limit": bool(LIMIT.search(clause_around(text, start, end))),
            "stat": stat_named(text, start, end),
            "near": content_words(next_to(text, start, end)),
            "words": content_words(clause_around(text, start, end)),
            "supposed": supposed(text, start, end),
        }
    )
