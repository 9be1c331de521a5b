"""A question that offers alternatives ("must it be caught before it is visible, or can it be
live for a while?") asks which of them holds. Where the card answers it in pieces of one fact
that each say how one alternative goes (the blocking check's budget, then the window the
later analysis has while the post is visible), it is answered with the fact's pieces as far
as they bear on it, not only the one nearest the whole question: where the fact has no more
pieces than the question offers alternatives, its pieces are taken within ALTERNATIVES_MARGIN
of the nearest rather than PIECE_MARGIN (agent/read/pieces.py). A fact of more pieces says
more than the alternatives ask: there the wider margin added the constraints' further rules
and the data's further logs to questions about one of them (bench/part_answers on the test15
and test16 labels, dev).

An alternative is a clause of the part after ", or" / " or " (the first runs from the part's
start) of at least MIN_ALTERNATIVE_WORDS words with a verb of its own: "text or images?" and
"only text and photos, or also videos and links?" offer values of one thing (a piece that
names them), and "..., or both?" adds nothing of its own.
"""

from __future__ import annotations

import re

from agent.read.pieces import PIECE_MARGIN

MIN_ALTERNATIVE_WORDS = 3
# MiniLM reads the clauses by their words, not by which alternative they take: "before it is
# visible" sits nearer the piece that says "while the post is already visible" than the
# blocking budget does. On the alternatives questions of the judged dev batches, the second
# piece of the fact asked about sat 0.10-0.19 behind the nearest (the first piece's lead included)
ALTERNATIVES_MARGIN = 0.2
_OR = re.compile(r",?\s+or\s+", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# an auxiliary or a copula: the alternative is a clause ("can it be visible for a while"),
# not a value of one ("also videos and links")
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|can|could|must|should|may|might|will|would|do|does|did|has|have)\b",
    re.IGNORECASE,
)


def alternatives(text: str) -> list[str]:
    """The clauses a question offers as alternatives (none when it offers fewer than two)."""
    sides = [s.strip(" ,?") for s in _OR.split(text)]
    sides = [s for s in sides if len(_WORD.findall(s)) >= MIN_ALTERNATIVE_WORDS and _VERB.search(s)]
    return sides if len(sides) >= 2 else []


def piece_margin(text: str, pieces: int) -> float:
    """How far behind the nearest piece of a fact of `pieces` pieces a part's other pieces
    may be and still be said for it."""
    offered = len(alternatives(text))
    return ALTERNATIVES_MARGIN if offered and pieces <= offered else PIECE_MARGIN
