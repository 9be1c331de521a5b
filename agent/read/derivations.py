"""The candidate's own arithmetic: figures derived from figures said before them.

"2 billion images times about 3 vectors each is 6 billion vectors" derives 6 billion from two
factors (a derived figure states the candidate's arithmetic, not a size that could contradict
the card's); "at 20k queries a second with a few lookups each, that's some 2 billion reads a
day" and "0.002 CPU-seconds per transaction, so 16,000 CPU-seconds a day" size the design
from the figures before them. A figure a sentence builds on is one the design
rests on: a corrected figure used that way is corrected again (agent/decide/challenges.py).
agent/read/quantities.py reads what each figure counts.
"""

from __future__ import annotations

import re
from itertools import pairwise

from agent.read.quantities import FIGURE, MULTIPLIERS, WORD_NUMBERS, WORDS, number_value

# a product said with its factors: "2 billion images times about 3 vectors each is 6 billion
# vectors", "5k QPS x 200 candidates = 1M scores a second"
_TIMES_SIGN = re.compile(r"\b(?:times|multiplied by)\b|(?<=\d)\s*[x×*]\s*(?=[\d(a-z~])|\s[x×*]\s")
SENTENCE = re.compile(r"[^.!?\n]+(?:\.\d[^.!?\n]*)*")
_PRODUCT_RATIO = 1.15  # a product rounded the way one says it ("~6 billion" of 5.8)


def derived(text: str) -> list[float]:
    """The values of the figures the text derives as a product of two figures said before
    it in the same sentence, with a multiplication between them ("2 billion images times 3
    vectors each is 6 billion vectors": 6e9): a derived figure states the candidate's own
    arithmetic, not a size that could contradict the card's."""
    return [p for p, _, _ in products(text)]


def factors(text: str) -> list[float]:
    """The figures the text multiplies to derive another: what the candidate builds on,
    whether the product is said ("5k QPS x 200 candidates = 1M scores a second") or left
    for the listener to work out ("10k x 400 lookups/s")."""
    said = [f for _, a, b in products(text) for f in (a, b)]
    return [*said, *(f for pair in multiplied(text) for f in pair)]


# what may stand between a figure and the times sign of a product: the figure's own words
# ("5k QPS x 200", "10k/s × 400"), never a clause of its own
_FACTOR_WORDS = re.compile(r"[^,;:.!?\d]{0,25}")


def multiplied(text: str) -> list[tuple[float, float]]:
    """Each pair of figures of a sentence joined by a multiplication ("10k × 400 lookups/s",
    "20k QPS times 300 candidates"), whether or not the product is said: the candidate
    sizes the design on both factors."""
    out: list[tuple[float, float]] = []
    for sentence in SENTENCE.finditer(text.lower()):
        said = sentence.group(0)
        found = numbers_in(said)
        for (a_at, a), (b_at, b) in pairwise(found):
            own = FIGURE.match(said, a_at)
            end = own.end() if own else a_at
            gap = said[end:b_at]
            sign = _TIMES_SIGN.search(said, end, b_at)  # the sign sees the digit before it
            if a > 0 and b > 0 and sign is not None and _FACTOR_WORDS.fullmatch(gap):
                out.append((a, b))
    return out


# what a sentence says follows from a figure: "at 20k queries a second ..., that's some 2
# billion reads a day", "eight million a day works out to about 90 a second"
CONSEQUENCE = re.compile(
    r"\b(?:so|thus|hence|that's|that is|which is|which means|means|is|are|gives?|giving|"
    r"comes? to|works? out|makes?|equals?|needs?|leaves?)\b|=|->|→"
)


def built_on(text: str) -> list[float]:
    """The figures the text builds on, as said (a range by its upper end, per period as
    said): the factors of a product (factors()), and every figure from which its sentence
    goes on to a figure it says follows ("at 20k queries a second with a few lookups each,
    that's some 2 billion reads a day": 20,000; "eight million a day is about
    90 a second"), in the clause of that consequence. Not a figure said in
    passing ("with 35k games I'd precompute candidates nightly") nor one a judgement
    follows from ("2,000 QPS is a few GPUs, ...")."""
    out = factors(text)
    for sentence in SENTENCE.finditer(text.lower()):
        said = sentence.group(0)
        for start, value in numbers_in(said):
            own = re.search(r"\s", said[start:])  # past the figure's own first word
            then = CONSEQUENCE.search(said, start + own.start()) if own else None
            if value > 0 and then is not None and _FOLLOWS.match(said, then.end()):
                out.append(value)
    return out


# a figure in the clause after the consequence: "that's some 2 billion ...", "is about 90"
_FOLLOWS = re.compile(
    r"[^,;:.!?]*?(?:\d|\b(?:a|one|two|three|four|five|ten|several|few|tens|hundreds|"
    r"thousands|millions|billions)\s+(?:hundred|thousand|million|billion)s?\b)"
)


def products(text: str) -> list[tuple[float, float, float]]:
    """Each product the text derives, with its two factors (see derived())."""
    out: list[tuple[float, float, float]] = []
    for sentence in SENTENCE.finditer(text.lower()):
        said = sentence.group(0)
        found = numbers_in(said)
        for k, (start, value) in enumerate(found):
            if not _TIMES_SIGN.search(said, 0, start):
                continue
            earlier = [v for _, v in found[:k] if v > 0]
            pair = next(
                (
                    (a, b)
                    for i, a in enumerate(earlier)
                    for b in earlier[i + 1 :]
                    if value > max(a, b) and max(a * b, value) / min(a * b, value) < _PRODUCT_RATIO
                ),
                None,
            )
            if pair is not None:
                out.append((value, *pair))
    return out


def numbers_in(text: str) -> list[tuple[int, float]]:
    """Every number of a text with where it is: figures with their multipliers ("2 billion",
    "5k") and small counts in words ("three regions")."""
    out: list[tuple[int, float]] = []
    for m in FIGURE.finditer(text):
        if m.group("num"):
            mult = (m.group("mult") or "").rstrip("s")
            scale = 1.0 if mult in ("m", "b") and m.group("mult") in ("ms", "bs") else None
            value = number_value(m.group("num")) * (scale or MULTIPLIERS.get(mult, 1.0))
        else:
            value = WORD_NUMBERS[m.group("word")] * MULTIPLIERS.get(
                (m.group("mult") or "").rstrip("s"), 1.0
            )
        out.append((m.start(), value))
    taken = {p for p, _ in out}
    for m in re.finditer(rf"\b(?:{WORDS})\b", text):
        if m.group(0) not in ("a", "an") and m.start() not in taken:
            out.append((m.start(), WORD_NUMBERS[m.group(0)]))
    return sorted(out)
