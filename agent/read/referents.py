"""Which of the card's figures a candidate's figure is about.

A card may give several counts of one thing: "15,000 moderators review around 2 million
items a day" and "50,000 reviews a week of randomly sampled posts" both count reviews, and
"500 million new posts a day" and those 50,000 randomly sampled posts both count posts. A
candidate's "20k random posts a day for labelling" is about the random-review budget, and
"a moderation team doing about 300k reviews per day" about the moderators' capacity: of the
card's figures that count the same thing (under any noun they count, see Quantity.also), the
figure is compared only with those whose sentence shares the most words with its own. When
no card figure shares more words than another, it is compared with all of them, as before.
"""

from __future__ import annotations

from agent.read.counted import KIND_NAMES, UNITS, words_of
from agent.read.quantities import RANK, Quantity

# stems that say nothing about what is counted: numbers, periods, hedges
_IGNORED = frozenset(
    w[:4]
    for w in words_of(
        "three four five seven eight nine twelve fifteen twenty thirty forty fifty sixty "
        "seventy eighty ninety hundred hundreds thousand thousands million millions billion "
        "billions second seconds minute minutes hour hours daily week weeks weekly month months "
        "monthly year years maybe roughly around about approximately there that this then "
        "which what would could should"
    )
)
# a tie this strong (at least this many shared words, more than any other's) also gives
# the candidate's figure the part the card's figure counts: "a random sample, maybe 30
# thousand posts a day" is a sampled subset like "50,000 reviews a week of randomly
# sampled posts"
STRONG_TIE = 2


def counts(q: Quantity) -> set[str]:
    return {q.kind, *q.also}


def same_thing(mine: Quantity, theirs: Quantity) -> bool:
    return bool(counts(mine) & counts(theirs))


def shared_words(mine: Quantity, theirs: Quantity) -> int:
    return len((set(mine.sentence) & set(theirs.sentence)) - _IGNORED)


def by_noun(q: Quantity) -> bool:
    """A count of a named thing ("posts", "reviews a week"), not a latency, a request rate,
    a user count or a unit: only those are tied by their sentence's words."""
    return q.kind not in KIND_NAMES and q.kind not in UNITS.values() and q.kind != RANK


def about(mine: Quantity, figures: list[Quantity]) -> list[tuple[Quantity, bool]]:
    """The card's figures that count what `mine` counts and that it is about, each with
    whether the tie is strong (its sentence shares at least STRONG_TIE words, more than any
    other's)."""
    same = [q for q in figures if q.value > 0 and same_thing(mine, q)]
    if not by_noun(mine) or len(same) < 2:
        return [(q, False) for q in same]
    scored = [(shared_words(mine, q), q) for q in same]
    best = max(n for n, _ in scored)
    if all(n == best for n, _ in scored):
        # nothing tells them apart: those that count it under its own noun, if any
        own = [q for q in same if q.kind == mine.kind]
        return [(q, False) for q in own or same]
    strong = best >= STRONG_TIE
    return [(q, strong) for n, q in scored if n == best]
