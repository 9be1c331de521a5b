"""Figures the candidate was corrected on, used again: a correction holds for the interview.

The candidate assumed "around 8 million transactions a day" and was told 40 million; later
the servers are sized on it again: "eight million a day works out to about 90 a second",
"at 2 ms each, times 8 million is 16,000 CPU-seconds", "0.002 CPU-seconds per transaction,
so 16,000 CPU-seconds a day" (8 million transactions). The figure may come back
without its noun or period, or only as what a sizing divides out, so it is known by its
number: a number of the message that equals the corrected figure (CONFLICT_RATIO) and that
the message builds on (derivations.built_on), or a quotient of two of the sentence's figures
("X per transaction, so Y") that equals it. A number the card's own figure also equals is left
to the reader of figures (numbers.py): it may be the right one. Latencies are not read here:
a latency names its unit, and numbers.py holds a design's latency to the budget; nor rank
cut-offs ("top ten"), which count no volume.
rests_on() marks the figures a design rests on (builds=True): only those, once corrected,
are corrected again (agent/decide/challenges.py).
"""

from __future__ import annotations

import re
from itertools import combinations, pairwise
from math import prod

from agent.read.agreement import CONFLICT_RATIO, LATENCY_RATIO
from agent.read.counted import RANK, singular
from agent.read.derivations import CONSEQUENCE, SENTENCE, built_on, numbers_in
from agent.read.figure_conflict import NumberConflict
from agent.read.quantities import FIGURE, UNNAMED, quantities
from agent.read.stage_sums import stage_sums

# an amount of money ("a 5,000 dollar fraud", "$5,000"): a sum, not a count of anything
_MONEY = re.compile(r"[$€£]\s*$")
_MONEY_AFTER = re.compile(
    r"\s*(?:k|m|b|thousand|million|billion)?\s*(?:dollars?|euros?|pounds?|usd|eur|gbp)\b"
)
# "0.002 CPU-seconds per transaction, so 16,000 CPU-seconds a day": a cost per unit, then
# the total it comes to; the count of units is their quotient
_PER_UNIT = re.compile(r"[^,;:.!?\d]{0,40}?\b(?:per|each|a|an)\s+(?P<unit>[a-z]+)\b")


def held(text: str, corrected: list[NumberConflict]) -> list[NumberConflict]:
    """This message's uses of figures already corrected, each as a conflict with the card
    figure it was corrected with (builds=True: the design rests on it again)."""
    out: list[NumberConflict] = []
    lowered = text.lower()
    built = built_on(text)
    for c in corrected:
        low, high = _range(c.said)
        right = _value(c.given)
        if c.placed or c.kind in ("ms", RANK) or high <= 0 or low <= right < high:
            continue
        noun = c.kind.split("/")[0]
        for start, value in numbers_in(lowered):
            if (
                low <= value < high
                and any(_same(value, b) for b in built)
                and not _money(lowered, start)
                and _of_noun(_as_said(text, start), noun)
            ):
                out.append(_again(c, _as_said(text, start)))
                break
        else:
            implied = _quotient(lowered, text, (low, high), noun) or _product(
                lowered, text, (low, high), c.kind
            )
            if implied:
                out.append(_again(c, f"{c.said} (implied by {implied})"))
    return out


def rests_on(
    found: list[NumberConflict], text: str, latencies: list[float]
) -> list[NumberConflict]:
    """The conflicts marked builds=True where the design rests on the figure: the text builds
    on it (derivations.built_on), or it is a latency over the card's budget and the design
    does not fit that budget: none of the message's `latencies` is inside it ("scoring stays
    within a 40 ms budget" against 10 ms; not "against 40 ms: lookups 2 ms, model 5 ms, so
    about 7 ms" against 10 ms), or its stages add up past it ("10 ms to fetch, 40 for
    features, 50 for scoring, inside the 200 ms target" against 50 ms)."""
    built = built_on(text)
    plans = [plan.total for plan in stage_sums(text)]
    return [
        c.model_copy(update={"builds": True})
        if any(_same(_value(c.said), b) for b in built) or _over_budget(c, latencies, plans)
        else c
        for c in found
    ]


def _over_budget(found: NumberConflict, latencies: list[float], plans: list[float]) -> bool:
    if found.kind != "ms":
        return False
    budget = quantities(found.given)
    if not budget:
        return False
    limit = budget[0].value
    return all(v > limit for v in latencies) or any(t >= limit * LATENCY_RATIO for t in plans)


def _again(c: NumberConflict, said: str) -> NumberConflict:
    return c.model_copy(update={"said": said, "told": True, "builds": True, "right_said": False})


def _quotient(lowered: str, text: str, span: tuple[float, float], noun: str) -> str:
    """Two figures of a sentence, a cost per unit of the corrected figure's noun then the
    total it comes to, whose quotient is the corrected count: the words from the first to
    the second, as said."""
    low, high = span
    for sentence in SENTENCE.finditer(lowered):
        said = sentence.group(0)
        found = numbers_in(said)
        for (a_at, a), (b_at, b) in pairwise(found):
            gap = said[a_at:b_at]
            own = FIGURE.match(said, a_at)
            unit = _PER_UNIT.match(said, own.end() if own else a_at)
            if a <= 0 or b <= a or unit is None or singular(unit.group("unit")) != noun:
                continue
            if CONSEQUENCE.search(gap) and low <= b / a < high:
                end = FIGURE.match(said, b_at)
                stop = end.end() if end else b_at
                return " ".join(text[sentence.start() + a_at : sentence.start() + stop].split())
    return ""


# a count of something per unit of another: "seven frames per panorama", "four tiles each"
_PER_EACH = re.compile(r"[^,;:.!?\d]{0,40}?\b(?:per\s+(?P<unit>[a-z]+)\b|each\b)")
# a size said as an adjective ("1024-pixel tiles"): no count of anything
_SIZE = re.compile(r"\d[\d,.]*-[a-z]+")


def _product(lowered: str, text: str, span: tuple[float, float], kind: str) -> str:
    """A figure a sentence says follows ("that's roughly 280 million tiles a day") from the
    corrected count times counts per unit of it ("seven frames per panorama and four tiles
    each"): the figure over those counts is the corrected count, over the same period. The
    words from the first count to the figure, as said."""
    low, high = span
    noun, _, period = kind.partition("/")
    if not period:
        return ""
    for sentence in SENTENCE.finditer(lowered):
        said = _SIZE.sub(lambda m: "#" * len(m.group(0)), sentence.group(0))
        found = numbers_in(said)
        per: list[tuple[int, float, str]] = []  # counts per unit: where, value, of what
        for at, value in found:
            own = FIGURE.match(said, at)
            unit = _PER_EACH.match(said, own.end() if own else at)
            if unit is not None and value > 1:
                per.append((at, value, singular(unit.group("unit") or "")))
                continue
            then = CONSEQUENCE.search(said[:at])
            whole = [q for q in quantities(said[at:]) if said[at:].startswith(q.text.lower())]
            factors = [(a, v) for a, v, _ in per if a < at]
            if (
                not factors
                or then is None
                or then.end() < factors[-1][0]
                or not whole
                or not whole[0].kind.endswith(f"/{period}")
                or not any(u == noun for a, _, u in per if a < at)
            ):
                continue
            for size in range(len(factors), 0, -1):
                for chosen in combinations(factors, size):
                    if low <= value / prod(v for _, v in chosen) < high:
                        start = sentence.start() + chosen[0][0]
                        end = sentence.start() + at + len(whole[0].text)
                        return " ".join(text[start:end].split())
    return ""


def _range(said: str) -> tuple[float, float]:
    """The values the corrected figure stands for: its number, give or take rounding, or
    the span an order of magnitude names ("a few million transactions a day": 2 to 10
    million, so "say 4 million" is the same figure)."""
    value = _value(said)
    if value > 0:
        return value / CONFLICT_RATIO, value * CONFLICT_RATIO
    vague = [q for q in quantities(said) if q.vague]
    return (vague[0].low, vague[0].high) if vague else (0.0, 0.0)


def _value(said: str) -> float:
    return max((v for _, v in numbers_in(said.lower())), default=0.0)


def _same(a: float, b: float) -> bool:
    return a > 0 and b > 0 and max(a, b) / min(a, b) < CONFLICT_RATIO


def _money(lowered: str, start: int) -> bool:
    """The number at `start` is an amount of money: a currency sign before it or a
    currency after it."""
    figure = FIGURE.match(lowered, start)
    end = figure.end() if figure else start
    return bool(
        _MONEY.search(lowered[max(0, start - 2) : start]) or _MONEY_AFTER.match(lowered, end)
    )


def _of_noun(said: str, noun: str) -> bool:
    """The figure counts the corrected figure's noun, or names none ("five million a day"),
    not another thing ("five million labelled tiles")."""
    kinds = [q.kind.split("/")[0] for q in quantities(said)]
    return not kinds or kinds[0] in (noun, UNNAMED)


def _as_said(text: str, start: int) -> str:
    """The figure at `start` as said, with what it counts where that is read ("five million
    a day"), else the number alone ("3 million")."""
    figure = FIGURE.match(text.lower(), start)
    number = " ".join(text[start : figure.end() if figure else start].split())
    window = " ".join(text[start:].split()[:10])
    read = quantities(window)
    return read[0].text if read and window.lower().startswith(read[0].text.lower()) else number
