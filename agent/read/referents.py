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

import re

from agent.read.counted import CATALOGUE, KIND_NAMES, UNITS, canonical, singular, words_of
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
    """Words the two figures' sentences share, besides the nouns they count: "50 million
    items" shares "items" with "the top 500 items from retrieval" only because both count
    items, which says nothing about which of the card's counts of items it is about."""
    nouns = _nouns(mine) | _nouns(theirs)
    return len((set(mine.sentence) & set(theirs.sentence)) - _IGNORED - nouns)


def _nouns(q: Quantity) -> set[str]:
    kinds = {k.split("/")[0] for k in counts(q)}
    said = [w for w in q.text.lower().replace("-", " ").split() if w.isalpha()]
    return {w[:4] for w in said if canonical(singular(w)) in kinds or singular(w) in kinds}


# a card figure in a clause naming what the system holds ("a catalogue of 300 million
# products", "an index of 2 billion images"), or the main count of its scale fact
_HOLDS = frozenset(("cata", "inve", "corp", "libr", "inde"))


def catalogued(figures: list[Quantity], topic: str) -> list[Quantity]:
    """The card's figures, those that count what the system holds also counting its
    generic items (CATALOGUE): "100 million docs" or "50M items" is about the catalogue,
    whatever it holds."""
    return [
        q.model_copy(update={"also": [*q.also, CATALOGUE]})
        if by_noun(q)
        and not q.kind.endswith("/day")
        and not q.scope
        and (topic == "scale" or _HOLDS & set(q.words))
        else q
        for q in figures
    ]


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


# a volume over a day or longer, not a throughput ("50 images per second" on one GPU)
_VOLUME = re.compile(r"\b(?:a|an|per|each|every)\s+(?:day|week|month|year)\b|\b(?:daily|monthly)\b")


def cued(mine: Quantity, cues: dict[str, list[str]], every: dict[str, list[Quantity]]) -> str:
    """The fact a count of a noun no card figure counts is about, when one of that fact's cues
    asks how many ("how many images" of a fact counting panoramas and their frames): the candidate
    names what the fact counts in the word a question about it uses. Only a volume over a
    day or longer, of no part; "" when none is."""
    if not by_noun(mine) or not mine.kind.endswith("/day") or mine.scope:
        return ""
    if not _VOLUME.search(mine.text.lower()):
        return ""
    if any(same_thing(mine, q) for fs in every.values() for q in fs):
        return ""
    noun = mine.kind.split("/")[0]
    asked = re.compile(rf"\bhow (?:many|much)\s+{re.escape(noun)}s?\b")
    for topic, words in cues.items():
        if topic in every and any(asked.search(cue.lower()) for cue in words):
            return topic
    return ""
