"""Figures in text: a number, what it counts, over which period, and which part of the whole.

"5 billion ad impressions a day" counts impressions per day; "30,000 drivers online in our
largest city" counts drivers of one city (a part: a global figure may be ten times larger);
"a fixed pool of 64 GPUs" is a limit (a design needing 12 is within it); "we can review 10
thousand panoramas a day" counts a reviewed subset, not the total volume; "hundreds of
millions of videos" is a range, not a point. agent/read/numbers.py compares such figures
with the card's.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from agent.read.counted import (
    KIND_NAMES,
    SUBSET_MODIFIERS,
    UNITS,
    also_counted,
    kind_of,
    of_what,
    words_of,
)
from agent.read.scopes import LIMIT, PER_DAY, PERIOD, SUBSET_VERB, scopes
from agent.read.surroundings import (
    PAST,
    PERCENTILE,
    clause_around,
    content_words,
    next_to,
    own_part,
    sentence_around,
    sentence_of,
    stat_named,
)

_MULTIPLIERS = {
    **dict.fromkeys(("k", "thousand", "thousands"), 1e3),
    **dict.fromkeys(("m", "mn", "million", "millions"), 1e6),
    **dict.fromkeys(("b", "bn", "billion", "billions"), 1e9),
    "hundred": 1e2,
}
_WORD_NUMBERS = {
    word: float(n)
    for word, n in (
        pair.split("=")
        for pair in words_of(
            "a=1 an=1 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 "
            "couple=2 twelve=12 fifteen=15 twenty=20 thirty=30 forty=40 fifty=50 sixty=60 "
            "seventy=70 eighty=80 ninety=90"
        )
    )
}
_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_MULT = r"k|m|mn|b|bn|thousand|million|billion|hundred"
_WORDS = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
# a figure: "300,000", "5B", "2 to 3 thousand" (a range), "ten thousand", "a billion"
_FIGURE = re.compile(
    rf"(?<![\w.\-])(?:(?P<low>{_NUM})\s*(?P<lowmult>{_MULT})?\s*(?:to|or|-|–)\s*)?"
    rf"(?:(?P<num>{_NUM})|(?P<word>{_WORDS})\s+(?=(?:{_MULT})\b))\s*(?P<mult>(?:{_MULT})s?)?\b",
    re.IGNORECASE,
)
# "hundreds of millions", "tens of thousands", "millions of": an order of magnitude
_VAGUE = re.compile(
    r"\b(?:(?P<scale>tens|hundreds)\s+of\s+)?(?P<mult>thousands|millions|billions)\s+of\b",
    re.IGNORECASE,
)
# a cut-off by rank: "no more than two per channel in the first twenty slots"
RANK = "rank"
_RANK = re.compile(rf"\b(?:top|first)\s+(?P<n>\d+|{_WORDS})\b(?!\s*(?:{_MULT})\b)")
_AT_LEAST = re.compile(r"\s*(?:at least|or more|and up|plus)\b")
_TAIL = re.compile(r"[^,;:.!?()\n\d]*")  # the words after a figure, up to punctuation


class Quantity(BaseModel):
    value: float  # the figure; for a range or an order of magnitude, its upper end
    kind: str  # "ms", "per_second", "daily_users", ... or a singular noun ("game", "view/day")
    text: str  # as written
    low: float = 0.0  # a range's lower end ("500 to 1,000"; "hundreds of millions": 1e8)
    high: float = 0.0  # an order of magnitude's open upper end ("hundreds of millions": 1e9)
    scope: list[str] = Field(default_factory=list)  # the part counted: "request", "largest"
    limit: bool = False  # a cap ("a pool of 64 GPUs"), not an amount in use
    # the content words of the figure's clause, and of the few words around it: which of a
    # fact's figures a candidate's figure is about ("40 ms for scoring": the scoring budget)
    words: list[str] = Field(default_factory=list)
    near: list[str] = Field(default_factory=list)
    # a rate's statistic, read from the words next to the figure: "peak" ("20k at peak",
    # "peak is around 3,000 per second"), "average" ("5k per second on average") or ""
    stat: str = ""
    percentile: bool = False  # stated at a percentile ("100 ms at p99"): a service's budget
    past: bool = False  # said of a past job or an earlier system, not of this design
    # the content words of the figure's whole sentence: which of a card's figures of the
    # same quantity it is about ("a random sample of 20k posts a day": the random-review
    # budget, not the upload volume)
    sentence: list[str] = Field(default_factory=list)
    # other kinds the figure also counts: "50,000 reviews a week of randomly sampled posts"
    # counts posts too; "moderators review 2 million items a day" counts reviews too
    also: list[str] = Field(default_factory=list)

    @property
    def vague(self) -> bool:
        return self.high > 0


def quantities(text: str) -> list[Quantity]:
    """Each figure in the text with the kind of thing it counts (figures of no kind, such
    as "2 weeks" or a bare "3", are left out)."""
    out: list[Quantity] = []
    lowered = text.lower()
    last_end = -1  # where the last figure of a known kind ended
    for m in _FIGURE.finditer(lowered):
        if m.group("word") and m.group("mult") is None:
            continue
        mult = _MULTIPLIERS.get((m.group("mult") or "").rstrip("s"), 1.0)
        if m.group("mult") and m.group("mult").lower() in ("ms", "bs"):
            mult = 1.0  # "100ms" is a latency, not 100 millions
        base = _number(m.group("num")) if m.group("num") else _WORD_NUMBERS[m.group("word")]
        value = base * mult
        low = value
        if m.group("low"):
            low = _number(m.group("low")) * _MULTIPLIERS.get(m.group("lowmult") or "", mult)
        end = m.end("mult") if mult != 1.0 else m.end("num")
        found = _quantity(lowered, m.start(), end, value, min(low, value))
        if found is None and out and last_end >= 0:
            found = _elided(lowered, last_end, m.start(), end, out[-1], value, min(low, value))
        if found is None and out and last_end >= 0 and mult == 1.0:
            found = _bare(lowered, last_end, m.start(), end, out[-1], value, min(low, value))
        if found is not None:
            out.append(found.model_copy(update={"text": f"{text[m.start() : end]} {found.text}"}))
            last_end = end
    for m in _RANK.finditer(lowered):  # "in the top ten", "the first twenty slots"
        raw = m.group("n")
        if raw in ("a", "an"):
            continue
        n = _number(raw) if raw[0].isdigit() else _WORD_NUMBERS[raw]
        clause = clause_around(lowered, m.start(), m.end())
        words = content_words(clause)
        said = text[m.start() : m.end()]
        limit = bool(LIMIT.search(clause))  # part of a rule: "no more than two in the ..."
        out.append(
            Quantity(value=n, low=n, kind=RANK, text=said, words=words, near=words, limit=limit)
        )
    for m in _VAGUE.finditer(lowered):
        top = _MULTIPLIERS[m.group("mult").rstrip("s")]
        lo = top * {"tens": 10.0, "hundreds": 100.0}.get(m.group("scale") or "", 1.0)
        found = _quantity(lowered, m.start(), m.end(), lo * 10, lo)
        if found is not None:
            said = f"{text[m.start() : m.end()]} {found.text}"
            # "millions of videos at least" is a floor: any larger figure agrees with it
            floor = _AT_LEAST.match(lowered, m.end() + len(found.text) + 1)
            high = float("inf") if floor else lo * 10
            out.append(found.model_copy(update={"text": said, "high": high}))
    return out


# a figure with no noun of its own, joined to the one before ("25k per second on average
# and maybe 100k at peak"): it counts the same thing
_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|or|to|with|but)\b[^.;:!?\n\d]{0,25}$")
_QUALIFIED = re.compile(r"\s*(?:at|in|during|on|for|peak|average|$|[,;.)])")


def _elided(
    text: str, last_end: int, start: int, end: int, last: Quantity, value: float, low: float
) -> Quantity | None:
    """The figure read as one more of the previous figure's kind, when only a conjunction
    joins them and its own words qualify it (a peak, a period) rather than name a noun."""
    if last.kind not in KIND_NAMES and last.kind not in UNITS.values():
        return None  # a rate converted per day would need its own period
    between = text[last_end:start]
    if start - last_end > 80 or not _JOINED.search(between) or not _QUALIFIED.match(text, end):
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
        }
    )


# a bare number that ends its clause ("about 250 ms, which leaves headroom under 400.")
_ENDS_CLAUSE = re.compile(r"\s*(?:$|[,;:.!?)\n])")


def _bare(
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
        }
    )


def _number(raw: str) -> float:
    return float(raw.replace(",", ""))


def _quantity(text: str, start: int, end: int, value: float, low: float) -> Quantity | None:
    tail = _TAIL.match(text, end)
    words = (tail.group(0) if tail else "").split()[:8]
    phrase = " ".join(words)
    kind, named = kind_of(phrase)
    if kind is None:
        return None
    clause = clause_around(text, start, end)
    # "a few KB per event and 250 million events a day": the part belongs to another figure
    own = own_part(text, start, end)
    scope = [p for p in scopes(own, text[start:end] + " " + phrase) if p != kind]
    if kind not in KIND_NAMES and kind not in UNITS.values():
        period = PERIOD.search(phrase)
        if period is not None:
            kind, named = f"{kind}/day", phrase[: period.end()].strip()
            rate = PER_DAY[period.group(1) or period.group(2)]
            value, low = value * rate, low * rate
    before = text[max(0, start - 20) : start].split()
    if before and before[-1] in SUBSET_MODIFIERS:
        scope.append(before[-1])
    first = phrase.split()[0] if phrase else ""
    if first in SUBSET_MODIFIERS:
        scope.append(first)
    if SUBSET_VERB.search(clause) and kind not in KIND_NAMES:
        scope.append("subset")
    return Quantity(
        value=value,
        low=low,
        kind=kind,
        text=named + of_what(kind, phrase[len(named) :] if phrase.startswith(named) else ""),
        scope=sorted(set(scope)),
        limit=bool(LIMIT.search(clause)),
        words=content_words(clause),
        near=content_words(next_to(text, start, end)),
        stat=stat_named(text, start, end),
        percentile=bool(PERCENTILE.search(clause)),
        sentence=content_words(sentence_around(text, start, end)),
        past=bool(PAST.search(sentence_of(text, start, end))),
        also=also_counted(kind, phrase[len(named) :] if phrase.startswith(named) else "", clause),
    )
