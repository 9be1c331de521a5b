"""Numbers a candidate uses that contradict a figure the interviewer already gave.

"Got it, around 40k games" after being told the catalogue has about 60,000; a 50 ms design
after a 20 ms budget. A good interviewer notices and asks once. This module reads
quantities (a number, its multiplier and the unit or noun after it) from the candidate's
message and from the card facts already given, and reports the first clear conflict:
the same kind of quantity, off by at least CONFLICT_RATIO (for a latency, only a figure
over the budget counts: a stage of the request may rightly take less).
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from agent.content.problems import ProblemCard

# Two figures of the same kind this far apart (larger / smaller) contradict each other.
CONFLICT_RATIO = 1.5
LATENCY_RATIO = 1.2
OTHER_QUANTITY_RATIO = 1000.0

_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "billions": 1e9,
}
# quantity kinds named by several words; any other noun is its own kind (singular)
_KINDS = (
    (
        "per_second",
        r"(?:qps|rps|tps|(?:[a-z\-]+\s+)?(?:requests?|queries|calls|loads|lookups|transactions|"
        r"searches|events|scores|predictions)\s+(?:per|a|/)\s*(?:second|sec|s)\b|per second)",
    ),
    ("ms", r"(?:ms|msec|milliseconds?)\b"),
    (
        "daily_users",
        r"(?:dau|daily(?:\s+active)?(?:\s+(?:users|players|riders|members|viewers))?)\b",
    ),
    (
        "monthly_users",
        r"(?:mau|monthly(?:\s+active)?(?:\s+(?:users|players|riders|members|viewers))?)\b",
    ),
)
_KIND_NAMES = frozenset(kind for kind, _ in _KINDS)
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(k|m|mn|b|bn|thousand|millions?|billions?)?\b\s*(?:of\s+)?"
    r"(?:(?:active|total|new|unique|concurrent|distinct)\s+)?([a-z][a-z\-]*(?:\s+[a-z]+){0,3})?",
    re.IGNORECASE,
)
_STOP_NOUNS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "or",
        "and",
        "per",
        "in",
        "on",
        "at",
        "for",
        "is",
        "are",
        "x",
        "times",
        "percent",
        "minutes",
        "minute",
        "hours",
        "hour",
        "days",
        "day",
        "weeks",
        "week",
        "months",
        "month",
        "years",
        "year",
        "seconds",
        "second",
        "s",
    }
)


# A count over a period ("20 million panoramas a month") is a rate: compared per day with
# other rates of the same thing, never with a plain count.
_PERIOD = re.compile(
    r"\b(?:(?:a|an|per|each|every)\s+|/\s*)(second|minute|hour|day|week|month|year)\b"
    r"|\b(hourly|daily|weekly|monthly|yearly)\b"
)
_PER_DAY = {
    "second": 86400.0,
    "minute": 1440.0,
    "hour": 24.0,
    "hourly": 24.0,
    "day": 1.0,
    "daily": 1.0,
    "week": 1 / 7,
    "weekly": 1 / 7,
    "month": 1 / 30,
    "monthly": 1 / 30,
    "year": 1 / 365,
    "yearly": 1 / 365,
}


class Quantity(BaseModel):
    value: float
    kind: str  # "ms", "per_second", "daily_users", ... or a singular noun ("game")
    text: str  # as written


class NumberConflict(BaseModel):
    said: str  # the candidate's figure, as written
    given: str  # the figure the interviewer gave, as written
    topic: str  # the card fact it contradicts
    # False: the fact was never given; the candidate assumed a figure the card contradicts
    told: bool = True


def quantities(text: str) -> list[Quantity]:
    """Each number in the text with the kind of thing it counts (numbers of no kind, such
    as "2 weeks" or a bare "3", are left out)."""
    out: list[Quantity] = []
    for m in _NUMBER.finditer(text):
        raw, mult, tail = m.group(1), (m.group(2) or "").lower(), (m.group(3) or "").lower()
        value = float(raw.replace(",", "")) * _MULTIPLIERS.get(mult, 1.0)
        found = _kind(tail)
        if found is None:
            continue
        kind, unit = found
        number = text[m.start(1) : m.end(2) if m.group(2) else m.end(1)]
        period = _PERIOD.search(tail) if kind not in _KIND_NAMES else None
        if period is not None:
            kind, value = f"{kind}/day", value * _PER_DAY[period.group(1) or period.group(2)]
            unit = tail[: period.end()].strip()
        out.append(Quantity(value=value, kind=kind, text=f"{number} {unit}"))
    return out


# Nouns that count the same thing ("10M SKUs" after "300 million products"): each maps to the
# first of its group. Only plain synonyms; a rider is not a driver, a post is not a user.
_SAME_THING = (
    ("product", "item", "sku", "listing"),
    ("image", "photo", "picture"),
    ("video", "clip"),
    ("user", "member", "customer", "account"),
)
_CANONICAL = {noun: group[0] for group in _SAME_THING for noun in group}


def _kind(tail: str) -> tuple[str, str] | None:
    """The kind of quantity the words after a number name, and those words."""
    tail = tail.strip()
    for kind, pattern in _KINDS:
        matched = re.match(pattern, tail)
        if matched:
            return kind, matched.group(0).strip()
    words = tail.split()
    word = words[0] if words else ""
    if not word or word in _STOP_NOUNS or word.endswith("%"):
        return None
    # a compound's head names the thing counted: "5 billion ad impressions" counts
    # impressions, "500 candidate ads" ads (a plural second word is a noun, not a verb)
    named = word
    if len(words) > 1 and _is_plural_noun(words[1]):
        word, named = words[1], f"{word} {words[1]}"
    noun = word[:-1] if word.endswith("s") and len(word) >= 3 and not word.endswith("ss") else word
    return _CANONICAL.get(noun, noun), named


def _is_plural_noun(word: str) -> bool:
    return (
        len(word) >= 3
        and word.endswith("s")
        and not word.endswith("ss")
        and (word not in _STOP_NOUNS)
    )


def conflict(
    text: str, card: ProblemCard, given: list[str], *, assumed: bool = False
) -> NumberConflict | None:
    """The first figure in the text that contradicts a figure of a fact already given; when
    the candidate states an assumption ("I'll assume 15 million a day unless you correct
    me"), also one that contradicts a fact not given yet (told=False): an assumption the
    card contradicts is answered, as a question would be."""
    said = quantities(text)
    if not said:
        return None
    found = _conflict(said, card, given)
    if found is None and assumed:
        untold = [f.topic for f in card.facts if f.topic not in given]
        found = _conflict(said, card, untold)
        if found is not None:
            found = found.model_copy(update={"told": False})
    return found


def _conflict(said: list[Quantity], card: ProblemCard, topics: list[str]) -> NumberConflict | None:
    for topic in topics:
        fact = card.fact(topic)
        if fact is None:
            continue
        figures = quantities(fact.answer)
        stated = {(q.kind, q.value) for q in figures}  # a figure the fact states (a range end)
        given_values = {q.value for q in figures}
        for theirs in figures:
            for mine in said:
                if _daily_over_monthly(mine, theirs):  # "300M daily actives" after 300M monthly
                    return NumberConflict(said=mine.text, given=theirs.text, topic=topic)
                if mine.kind != theirs.kind or min(mine.value, theirs.value) <= 0:
                    continue
                if (mine.kind, mine.value) in stated or mine.value in given_values:
                    continue  # a figure the fact itself gives, maybe under another noun
                if mine.kind == "ms":
                    off = mine.value / theirs.value >= LATENCY_RATIO
                else:
                    ratio = max(mine.value, theirs.value) / min(mine.value, theirs.value)
                    # a thousand times apart is another quantity of the same noun ("show 20
                    # videos" against a catalogue of 800 million), not a misremembered one
                    off = CONFLICT_RATIO <= ratio < OTHER_QUANTITY_RATIO
                if off:
                    return NumberConflict(said=mine.text, given=theirs.text, topic=topic)
    return None


def _daily_over_monthly(mine: Quantity, theirs: Quantity) -> bool:
    """Daily actives at (nearly) the monthly count, or monthly actives below the daily
    count: one was read as the other."""
    pair = (mine.kind, theirs.kind)
    if pair == ("daily_users", "monthly_users"):
        return mine.value >= theirs.value * 0.9
    if pair == ("monthly_users", "daily_users"):
        return mine.value < theirs.value
    return False
