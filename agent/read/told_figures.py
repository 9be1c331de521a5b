"""Which pieces of a card fact a figure check is about: the part of a fact the candidate was
told (or never told), the piece that holds the card's figure of a conflict, and whether a
told figure was really heard (numbers.py)."""

from __future__ import annotations

import re

from agent.content.problems import Fact, ProblemCard
from agent.read.figure_conflict import NumberConflict

_DIGITS = re.compile(r"\d[\d,.]*\d|\d")


def told_part(fact: Fact, told: list[str], *, heard: bool) -> str:
    """The fact's answer cut to its pieces told (heard) or to those never told."""
    ids = fact.piece_ids()
    keep = [p for p, i in zip(fact.pieces, ids, strict=True) if (i in told) == heard]
    if len(keep) == len(ids):
        return fact.answer  # the whole answer, read as one text
    return " ".join(keep)


def piece_of(card: ProblemCard, found: NumberConflict) -> str:
    """The id of the piece of the fact that holds the card's figure of a conflict."""
    fact = card.fact(found.topic)
    if fact is None:
        return ""
    # the card's figure as the conflict writes it, less a stage ("50 ms for ranking") or a
    # conversion in brackets ("80 million times a day (about 930 a second on average)")
    given = " ".join(found.given.split()).split(" for ")[0].split(" (")[0]
    number = _DIGITS.search(given)
    ids = fact.piece_ids()
    pieces = list(zip(fact.pieces, ids, strict=True))
    exact = next((i for p, i in pieces if given in p), "")
    return exact or next((i for p, i in pieces if number and number.group(0) in p), "")


def heard(
    found: list[NumberConflict], card: ProblemCard, pieces: list[str]
) -> list[NumberConflict]:
    """`found` with heard=False on each told figure whose digits no piece said of its fact
    holds (`pieces`: the ids of the card's pieces told so far, ProblemCard.pieces_told)."""
    out = []
    for c in found:
        fact = card.fact(c.topic) if c.told else None
        digits = _DIGITS.findall(c.given)
        if fact is not None and digits:
            said = fact.told(pieces).answer
            if not all(d in said for d in digits):
                c = c.model_copy(update={"heard": False})
        out.append(c)
    return out
