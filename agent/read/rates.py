"""Rates said in another unit than the card's, and shares of a named whole.

A request rate and a daily count of requests are one quantity in two units: "12k QPS" or
"1B requests a day" against "the module is viewed about 80 million times a day"; "2,000
transactions per second on average" against "40 million transactions a day, peak around
3,000 per second". A day has 86,400 seconds, and a peak is some multiple of the average: the
card's own peak where it gives one, else PEAK_FACTOR. A figure said per second or per day
contradicts the card when it falls outside the range the card allows, widened by
RATE_TOLERANCE: [average / T, peak * T] for a rate that names no statistic or a peak,
[average / T, average * T] for an average or a daily total. A range ("5-10k QPS") agrees
when any part of it falls inside.

A share ("fraud is about 0.2 percent of transactions") is compared with the card's share of
the same thing: the one whose clause shares the most words with the candidate's (fraud,
transactions), and only when one does (a percentage of something else, "1% of traffic for
exploration", is about another quantity). agent/read/numbers.py compares figures of one unit.
"""

from __future__ import annotations

import math
import re

from pydantic import BaseModel, Field

from agent.read.agreement import CONFLICT_RATIO
from agent.read.counted import words_of
from agent.read.quantities import Quantity
from agent.read.surroundings import PAST, clause_around, sentence_of, supposed

SECONDS_A_DAY = 86_400.0
# a peak where the card gives none: a consumer service's busiest hour runs at about three
# times its daily average
PEAK_FACTOR = 3.0
# how far outside the card's range a converted rate may fall before it contradicts it: the
# conversion itself is approximate (the peak is a guess where the card gives none), so only
# a figure more than three times off is another scale, not a rounding
RATE_TOLERANCE = 3.0
# what a request-serving system counts per period, under any name: one is the other
TRAFFIC = frozenset(
    ("request", "query", "querie", "search", "view", "call", "load", "transaction", "visit")
)
PER_SECOND = "per_second"


class Conflict(BaseModel):
    said: str
    given: str
    topic: str
    kind: str  # the kind of quantity, as NumberConflict.kind


def traffic(q: Quantity) -> bool:
    """A count of requests over a period, under any name, or a request rate."""
    if q.kind == PER_SECOND:
        return True
    noun, _, period = q.kind.partition("/")
    return period == "day" and noun in TRAFFIC


def _daily(q: Quantity) -> bool:
    return q.kind.endswith("/day")


def _about(value: float) -> str:
    """A rate rounded to two significant figures, as said aloud ("about 460")."""
    if value >= 100:
        digits = len(str(int(value))) - 2
        value = round(value, -digits)
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def rate_conflicts(
    said: list[Quantity], figures: dict[str, list[Quantity]], topics: list[str]
) -> list[Conflict]:
    """The candidate's rates that the card's rates of another unit contradict: a rate per
    second against a daily count when the card gives no rate per second (or the candidate
    names an average), a daily count of requests against the card's count of another name or
    its rate per second. Figures of one unit and name are left to agent/read/numbers.py."""
    out: list[Conflict] = []
    for topic in topics:
        theirs = [q for q in figures.get(topic, []) if traffic(q) and not q.scope and q.value > 0]
        daily = next((q for q in theirs if _daily(q)), None)
        peak = next((q for q in theirs if q.kind == PER_SECOND), None)
        if daily is None and peak is None:
            continue
        average = daily.value / SECONDS_A_DAY if daily else peak.value / PEAK_FACTOR  # type: ignore[union-attr]
        top = peak.value if peak else average * PEAK_FACTOR
        for mine in said:
            part = [p for p in mine.scope if p != "average"]  # "on average" is no part
            if not traffic(mine) or part or mine.limit or mine.value <= 0:
                continue
            per_day = _daily(mine)
            if per_day and daily is not None and daily.kind == mine.kind:
                continue  # one unit and name: numbers.py compares them
            if not per_day and peak is not None and mine.stat != "average":
                continue  # a rate per second against the card's: numbers.py
            low, high = (mine.low or mine.value), mine.value
            if per_day:
                low, high = low / SECONDS_A_DAY, high / SECONDS_A_DAY
            whole_day = per_day or mine.stat == "average"
            ceiling = (average if whole_day else top) * RATE_TOLERANCE
            floor = average / RATE_TOLERANCE
            if low <= ceiling and high >= floor:
                continue
            over = low > ceiling
            if over and not whole_day and peak is not None:
                given = peak.text
            elif daily is not None:
                given = f"{daily.text} (about {_about(average)} a second on average)"
            else:
                given = f"{peak.text} at peak"  # type: ignore[union-attr]
            out.append(
                Conflict(
                    said=mine.text.strip(),
                    given=given,
                    topic=topic,
                    kind=PER_SECOND if not per_day else (daily or mine).kind,
                )
            )
    return out


def with_request_rate(figures: list[Quantity]) -> list[Quantity]:
    """A fact's figures with the rate its service is called at: where the fact names no
    rate of requests (queries, loads, calls), its one count said per second ("peak is around
    12,000 posts per second") is that rate, one call per thing counted, so a candidate's
    "35k QPS" is held to it as to a rate of requests (the count itself stays a count of
    posts a day, against "a billion posts a day")."""
    if any(q.kind == PER_SECOND for q in figures):
        return figures
    said = [q for q in figures if _daily(q) and _PER_SECOND_SAID.search(q.text)]
    if len(said) != 1:
        return figures
    q = said[0]
    rate = q.model_copy(
        update={"kind": PER_SECOND, "value": q.value / SECONDS_A_DAY, "low": q.low / SECONDS_A_DAY}
    )
    return [*figures, rate]


_PER_SECOND_SAID = re.compile(r"\b(?:per|a|each)\s+second\b|/\s*s(?:ec)?\b")


# -- shares ------------------------------------------------------------------------------

_NUMBER = r"\d+(?:\.\d+)?"
_SHARE = re.compile(
    rf"(?<![\w.])(?:(?P<low>{_NUMBER})\s*%?\s*(?:to|-|–)\s*)?(?P<num>{_NUMBER})\s*"
    r"(?:%|percent\b|per\s*cent\b)",
    re.IGNORECASE,
)
# words that say nothing about what a share is of
_SHARE_STOP = words_of(
    "the a an of to and or for in on at is are be we our it its that this with by from as "
    "about around roughly approximately maybe like some per each every only just than more "
    "less almost nearly over under percent cent what which would could should will have has"
)
_WORD = re.compile(r"[a-z]{3,}")
_OF = re.compile(r"\s*of\s+(?:(?:the|all|our|their|its|a)\s+)?(?P<noun>[a-z]{3,})")
_CHANGE = re.compile(r"\bby\s+(?:about\s+|around\s+|roughly\s+|~)?$")
# a share that sizes a change or a part the design sets aside, not a rate of the world: "a
# 0.2% change in watch time", "a minimum detectable effect of 0.5%", "a 2% lift", "a 1% arm",
# "a 5% holdout": never compared with a share the card gives
_EFFECT_AFTER = re.compile(
    r"\s*(?:relative\s+|absolute\s+)?(?:change|changes|lift|uplift|improvement|increase|"
    r"decrease|drop|gain|effect|difference|delta|regression|shift|arm|arms|holdout|hold-out|"
    r"bucket|treatment|control|ramp|rollout|canary)\b"
)
_EFFECT_BEFORE = re.compile(
    r"\b(?:detectable|detect|detecting|mde|effect|lift|uplift|improve\w*|ramp\w* to|"
    r"roll\w* out to|expose|exposing)\b[^.,;!?]{0,25}$"
)
# a share that is one case's likelihood, not a rate of the world: "a 70%-likely hate post",
# "95% confident", "a 30% chance of rain", "a score of 0.9 or a probability of 80%"
_LIKELIHOOD_AFTER = re.compile(
    r"[\s-]*(?:likely|likelihood|chance|chances|probab\w*|confiden\w*|sure|certain|odds)\b"
)
_LIKELIHOOD_BEFORE = re.compile(
    r"\b(?:probability|likelihood|chance|confidence|score)\s+(?:of|is|at)\s+"
    r"(?:about\s+|around\s+|roughly\s+|~)?$"
)
# other figures, spelled out or in digits, bound a share's own words in its clause ("even a
# 1% arm is millions of users": users are the arm's count, not what the share is of)
_OTHER_FIGURE = re.compile(
    r"\d[\d,.]*\s*(?:k|m|b)?\b|\b(?:(?:tens|hundreds)\s+of\s+)?(?:thousand|million|billion)s?\b"
)
# the words between two figures joined by "and" or a comma belong to the one before
_JOINT = re.compile(r"\band\b|,|;")
# a share above half and one below may be complements ("99 percent are not fraud" and
# "0.1% are fraudulent", a 0.5% miss rate and a 99.5% recall target): never compared
HALF = 50.0
# stems as long as this: "moderators" is not "model", "fraudulent" is "fraud"
STEM = 5


class Share(BaseModel):
    value: float
    low: float
    text: str
    words: list[str] = Field(default_factory=list)  # its clause's stems
    base: str = ""  # the stem of what it is a share of ("of transactions"), if named


def _stems(clause: str) -> set[str]:
    return {w[:STEM] for w in _WORD.findall(clause) if w not in _SHARE_STOP}


def shares(text: str) -> list[Share]:
    """Each percentage in the text with the stems of its clause and of the noun it is a
    share of (not an anecdote, a supposed case or a percentile such as p99)."""
    lowered = text.lower()
    out: list[Share] = []
    for m in _SHARE.finditer(lowered):
        start, end = m.start(), m.end()
        if PAST.search(sentence_of(lowered, start, end)) or supposed(lowered, start, end):
            continue
        if _CHANGE.search(lowered, max(0, start - 12), start):
            continue  # "over-predict by 20%", "drop by 30%": a change, not a share
        if _EFFECT_AFTER.match(lowered, end) or _EFFECT_BEFORE.search(lowered, 0, start):
            continue  # the size of a change or of an arm the design sets aside
        if _LIKELIHOOD_AFTER.match(lowered, end) or _LIKELIHOOD_BEFORE.search(
            lowered, max(0, start - 40), start
        ):
            continue  # one case's likelihood ("a 70%-likely post"): no share of anything
        value = float(m.group("num"))
        low = float(m.group("low")) if m.group("low") else value
        of = _OF.match(lowered, end)
        out.append(
            Share(
                value=value,
                low=min(low, value),
                text=text[start:end],
                words=sorted(_stems(_own_words(lowered, start, end))),
                base=of.group("noun")[:STEM] if of else "",
            )
        )
    return out


def _own_words(text: str, start: int, end: int) -> str:
    """The share's clause up to the other figures either side of it."""
    clause = clause_around(text, start, end)
    at = clause.find(text[start:end])
    if at < 0:
        return clause
    pieces = _OTHER_FIGURE.split(clause[:at])
    before = _JOINT.split(pieces[-1])[-1] if len(pieces) > 1 else pieces[-1]
    after = _OTHER_FIGURE.split(clause[at + end - start :])[0]
    return f"{before}{text[start:end]}{after}"


def share_conflicts(text: str, answers: dict[str, str], topics: list[str]) -> list[Conflict]:
    """The candidate's shares that contradict the card's share of the same thing, beyond
    CONFLICT_RATIO, when that share's fact is one of `topics`; a range that reaches the
    card's share agrees. `answers`: every fact's answer, by topic. A card share is about
    the same thing when the two clauses share a word besides what each is a share of ("0.2
    percent fraud" and "0.1% of transactions are fraudulent" share fraud; "1% of traffic for
    a shuffle" and "70% of traffic is mobile" share only the base), on the same side of
    HALF; of several, the nearest: a share contradicts only if even that one is off."""
    theirs = [(t, s) for t, answer in answers.items() for s in shares(answer)]
    out: list[Conflict] = []
    for mine in shares(text):
        shared = {
            id(s): len((set(mine.words) & set(s.words)) - {mine.base, s.base, ""})
            for _, s in theirs
        }
        about = [
            (t, s) for t, s in theirs if shared[id(s)] and (mine.value < HALF) == (s.value < HALF)
        ]
        if not about:
            continue
        # the card's share of the same thing: the one sharing the most words ("a meaningful
        # watch", not the click rate beside it), of those the nearest
        most = max(shared[id(s)] for _, s in about)
        topic, card = min(
            ((t, s) for t, s in about if shared[id(s)] == most),
            key=lambda pair: abs(math.log(max(pair[1].value, 1e-9) / max(mine.value, 1e-9))),
        )
        if topic not in topics:
            continue  # about a fact not in question here (not given yet, when told)
        if mine.low <= card.value * CONFLICT_RATIO and card.value <= mine.value * CONFLICT_RATIO:
            continue
        out.append(Conflict(said=mine.text, given=card.text, topic=topic, kind="percent"))
    return out
