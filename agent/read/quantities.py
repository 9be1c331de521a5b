"""Figures in text: a number, what it counts, over which period, and which part of the whole.

"5 billion ad impressions a day" counts impressions per day; "30,000 drivers online in our
largest city" counts drivers of one city (a part: a global figure may be ten times larger);
"a fixed pool of 64 GPUs" is a limit (a design needing 12 is within it); "we can review 10
thousand panoramas a day" counts a reviewed subset, not the total volume; "hundreds of
millions of videos" is a range, not a point; "0.2 s" and "half a second" are latencies of
200 and 500 ms where they are said of an answer's time (agent/read/seconds.py).
agent/read/numbers.py compares such figures with the card's.
"""

from __future__ import annotations

import re

from agent.read.counted import (
    CATALOGUE,
    GENERIC_NOUNS,
    KIND_NAMES,
    RANK,
    SUBSET_MODIFIERS,
    UNITS,
    also_counted,
    kind_of,
    of_what,
    singular,
    words_of,
)
from agent.read.quantity import Quantity as Quantity
from agent.read.scopes import (
    LIMIT,
    PER_DAY,
    PERIOD,
    SUBSET_VERB,
    scopes,
    staged,
)
from agent.read.seconds import UNIT as _SECONDS_UNIT
from agent.read.seconds import in_seconds, spoken_seconds
from agent.read.stages import stage_of
from agent.read.surroundings import (
    PAST,
    PERCENTILE,
    clause_around,
    content_words,
    local_parts,
    narrated,
    next_to,
    of_a_share,
    own_part,
    sentence_around,
    sentence_of,
    stat_named,
    supposed,
)
from agent.read.unnamed import antecedent, bare, elided

MULTIPLIERS = {
    **dict.fromkeys(("k", "thousand", "thousands"), 1e3),
    **dict.fromkeys(("m", "mn", "million", "millions"), 1e6),
    **dict.fromkeys(("b", "bn", "billion", "billions"), 1e9),
    "hundred": 1e2,
}
WORD_NUMBERS = {
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
WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
# a figure: "300,000", "5B", "2 to 3 thousand" (a range), "ten thousand", "a billion", "a
# couple of million"
FIGURE = re.compile(
    rf"(?<![\w.\-])(?:(?P<low>{_NUM})\s*(?P<lowmult>{_MULT})?\s*(?:to|or|-|–)\s*)?"
    rf"(?:(?P<num>{_NUM})|(?P<word>{WORDS})(?:(?<=couple)\s+of)?\s+(?=(?:{_MULT})\b))"
    rf"\s*(?P<mult>(?:{_MULT})s?)?\b",
    re.IGNORECASE,
)
# "hundreds of millions", "tens of thousands", "millions of": an order of magnitude ("tens
# of thousands per month" needs no "of" after it)
_VAGUE = re.compile(
    r"\b(?:(?P<scale>tens|hundreds)\s+of\s+)?(?P<mult>thousands|millions|billions)"
    r"(?:\s+of\b|(?<=s)(?=\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b))"
    r"|\b(?P<bare>dozens|hundreds)\s+of\b(?!\s+(?:thousands|millions|billions)\b)",
    re.IGNORECASE,
)
# "a few hundred million", "several thousand", "a few million": two to nine of the unit
_FEW = re.compile(
    r"\b(?:a few|several)\s+(?P<hundred>hundred\b\s*)?(?P<mult>thousand|million|billion)?\b"
)
# a cut-off by rank: "no more than two per channel in the first twenty slots"
_RANK = re.compile(rf"\b(?:top|first)\s+(?P<n>\d+|{WORDS})\b(?![,.]\d)(?!\s*(?:{_MULT})\b)")
_AT_LEAST = re.compile(r"\s*(?:at least|or more|and up|plus)\b")
_TAIL = re.compile(r"[^,;:.!?()\n\d]*")  # the words after a figure, up to punctuation


# a volume over a period with no noun of its own ("3M/day"): compared with the card's counts
# over a period, and only when apart from all of them (see agent/read/numbers.py)
UNNAMED = "volume"
_PERIOD_ONLY = re.compile(r"^(?:/\s*|a\s+|per\s+)(?:day|week|month|year)\b")
_CURRENCY = re.compile(r"[$€£]")
# "viewed 80 million times a day": a count of page views or requests over a period
_TIMES = re.compile(r"^times\s+(?:a|per|each|every)\s+(?:second|minute|hour|day|week|month)\b")
_MANY_TIMES = 1000.0  # more times a day than any one person does anything
_SERVED = re.compile(
    r"\b(?:viewed|loaded|opened|requested|called|visited|shown|rendered|served|hit)\b[^.!?]*$"
)
_GROWTH = re.compile(r"\b(?:grow\w*|new|add\w*|more|another|extra|increase\w*)\b")


def quantities(text: str) -> list[Quantity]:
    """Each figure in the text with the kind of thing it counts (figures of no kind, such
    as "2 weeks" or a bare "3", are left out)."""
    lowered = text.lower()
    vague = _orders_of_magnitude(text, lowered)
    placed: list[tuple[int, int, Quantity]] = []  # each figure of a known kind, where it is
    narrowed: set[int] = set()  # orders of magnitude a figure after them states exactly
    for m in FIGURE.finditer(lowered):
        if m.group("word") and m.group("mult") is None:
            continue
        mult = MULTIPLIERS.get((m.group("mult") or "").rstrip("s"), 1.0)
        if m.group("mult") and m.group("mult").lower() in ("ms", "bs"):
            mult = 1.0  # "100ms" is a latency, not 100 millions
        base = number_value(m.group("num")) if m.group("num") else WORD_NUMBERS[m.group("word")]
        value = base * mult
        low = value
        if m.group("low"):
            low = number_value(m.group("low")) * MULTIPLIERS.get(m.group("lowmult") or "", mult)
        low = min(low, value)
        end = m.end("mult") if mult != 1.0 else m.end("num")
        before = [f for f in (*placed, *vague) if f[1] <= m.start()]
        last_end, last = max(((e, q) for _, e, q in before), key=lambda f: f[0], default=(-1, None))
        found = _quantity(lowered, m.start(), end, value, low)
        if found is None and in_seconds(lowered, m.start(), end):
            # "0.2 s", "2 seconds at p99": a latency, read in milliseconds
            found = _quantity(lowered, m.start(), end, value * 1000, low * 1000, seconds=True)
        if found is not None and found.kind.split("/")[0] == "one":
            found = antecedent(lowered, last_end, m.start(), last, found)
        elif found is None and last is not None:
            found = elided(lowered, last_end, m.start(), end, last, value, low)
            if found is not None and last.vague:
                narrowed.add(id(last))  # "millions a day, maybe 100 million": one figure
            if found is None and mult == 1.0:
                found = bare(lowered, last_end, m.start(), end, last, value, low)
        if found is not None:
            gap = "" if found.text.startswith("/") else " "  # "3M/day" as written
            said = f"{text[m.start() : end]}{gap}{found.text}"
            placed.append((m.start(), end, found.model_copy(update={"text": said})))
    placed += _spoken_seconds(text, lowered, [(s, e) for s, e, _ in placed])
    out = [q for _, _, q in sorted(placed, key=lambda f: f[0])]
    for m in _RANK.finditer(lowered):  # "in the top ten", "the first twenty slots"
        raw = m.group("n")
        if raw in ("a", "an"):
            continue
        n = number_value(raw) if raw[0].isdigit() else WORD_NUMBERS[raw]
        clause = clause_around(lowered, m.start(), m.end())
        words = content_words(clause)
        said = text[m.start() : m.end()]
        limit = bool(LIMIT.search(clause))  # part of a rule: "no more than two in the ..."
        out.append(
            Quantity(value=n, low=n, kind=RANK, text=said, words=words, near=words, limit=limit)
        )
    return out + [q for _, _, q in vague if id(q) not in narrowed]


def _orders_of_magnitude(text: str, lowered: str) -> list[tuple[int, int, Quantity]]:
    """ "Hundreds of millions of videos" (1e8 to 1e9), "millions of users" (1e6 to 1e9), "a
    few hundred million daily users" (2e8 to 1e9), "millions of videos at least" (a floor),
    each with where it is."""
    spans: list[tuple[int, int, float, float]] = []  # start, end, low, top of the range
    for m in _VAGUE.finditer(lowered):
        if m.group("bare"):  # "hundreds of new games", "dozens of regions"
            lo = 100.0 if m.group("bare") == "hundreds" else 24.0
            spans.append((m.start(), m.end(), lo, 1000.0 if lo == 100.0 else 100.0))
            continue
        top = MULTIPLIERS[m.group("mult").rstrip("s")]
        lo = top * {"tens": 10.0, "hundreds": 100.0}.get(m.group("scale") or "", 1.0)
        # "tens of millions" is one order of magnitude; "(many) millions of users" only
        # bounds from below, up to the next magnitude with a name of its own (a billion)
        spans.append((m.start(), m.end(), lo, lo * (10 if m.group("scale") else 1000)))
    for m in _FEW.finditer(lowered):
        if not (m.group("hundred") or m.group("mult")):
            continue
        unit = (100.0 if m.group("hundred") else 1.0) * MULTIPLIERS.get(m.group("mult"), 1.0)
        spans.append((m.start(), m.end(), 2 * unit, 10 * unit))
    out: list[tuple[int, int, Quantity]] = []
    for start, end, lo, top in spans:
        found = _quantity(lowered, start, end, top, lo)
        if found is not None:
            said = f"{text[start:end]} {found.text}"
            # "millions of videos at least" is a floor: any larger figure agrees with it
            floor = _AT_LEAST.match(lowered, end + len(found.text) + 1)
            high = float("inf") if floor else found.value  # per day, if it names a period
            out.append((start, end, found.model_copy(update={"text": said, "high": high})))
    return out


def _spoken_seconds(
    text: str, lowered: str, taken: list[tuple[int, int]]
) -> list[tuple[int, int, Quantity]]:
    """Latencies said in words ("half a second", "under a second"), in milliseconds, where
    no figure in digits was read (agent/read/seconds.py)."""
    out: list[tuple[int, int, Quantity]] = []
    for start, unit, end, value in spoken_seconds(lowered, taken):
        found = _quantity(lowered, start, unit, value, value, seconds=True)
        if found is not None:
            said = " ".join(text[start:end].split())
            out.append((start, end, found.model_copy(update={"text": said})))
    return out


def number_value(raw: str) -> float:
    return float(raw.replace(",", ""))


def _quantity(
    text: str, start: int, end: int, value: float, low: float, *, seconds: bool = False
) -> Quantity | None:
    """The figure at text[start:end] with what it counts (None: no kind); `seconds`: a
    latency said in seconds, its value already in milliseconds."""
    tail = _TAIL.match(text, end)
    words = (tail.group(0) if tail else "").split()[:8]
    phrase = " ".join(words)
    kind, named = kind_of(phrase)
    if seconds:
        unit = _SECONDS_UNIT.match(text, end)
        kind, named = "ms", unit.group(0).strip() if unit else ""
    served = _SERVED.search(text, max(0, start - 40), start)
    if kind is None and value >= _MANY_TIMES and _TIMES.match(phrase) and served:
        # "the module is viewed about 80 million times a day": so many views a day (not
        # "users open it 5 times a day", one person's habit)
        kind, named = "view", "times"
    if kind is None:
        # "3M/day", "a few million a day": a volume over a period that names no noun
        period_only = _PERIOD_ONLY.match(phrase)
        if period_only is None or _CURRENCY.search(text, max(0, start - 2), start):
            return None
        # only where it is the sentence's first figure and no growth: "1.5 billion images,
        # growing by about 3 million a day" counts new images, not another volume
        opening = re.split(r"[.!?\n]\s", text[:start])[-1]
        if re.search(r"\d", opening) or _GROWTH.search(opening[-30:]):
            return None
        kind, named = UNNAMED, period_only.group(0).strip()
    clause = clause_around(text, start, end)
    # "a few KB per event and 250 million events a day": the part belongs to another figure
    own = own_part(text, start, end)
    scope = [p for p in scopes(own, text[start:end] + " " + phrase) if p != kind]
    scope += ["share"] if of_a_share(text, start) else []
    if kind not in KIND_NAMES and kind not in UNITS.values():
        period = PERIOD.search(phrase)
        if period is not None:
            kind, named = f"{kind}/day", phrase[: period.end()].strip()
            rate = PER_DAY[period.group(1) or period.group(2)]
            value, low = value * rate, low * rate
    before = text[max(0, start - 20) : start].split()
    first = phrase.split()[0] if phrase else ""
    for word in (before[-1] if before else "", first):
        # "500 million new posts a day" counts every post of the day: what is new each
        # day is the whole daily volume of anything but users (new users are a part)
        arrivals = word == "new" and kind.endswith("/day") and not kind.startswith("user")
        if word in SUBSET_MODIFIERS and not arrivals:
            scope.append(word)
    if kind not in KIND_NAMES and (SUBSET_VERB.search(own) or staged(text, start, end)):
        scope.append("subset")
    if kind not in KIND_NAMES:
        scope += local_parts(text, start, end)
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
        stage=stage_of(text, start, end) if kind == "ms" else "",
        sentence=content_words(sentence_around(text, start, end)),
        past=bool(PAST.search(sentence_of(text, start, end))) or narrated(text, start, end),
        supposed=supposed(text, start, end),
        also=also_counted(kind, phrase[len(named) :] if phrase.startswith(named) else "", clause)
        + ([CATALOGUE] if named and singular(named.split()[-1]) in GENERIC_NOUNS else []),
        seconds=seconds,
    )
