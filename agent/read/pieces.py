"""Which pieces of a card's facts a question part asks for (a piece is one sentence of a
fact's answer, agent/content/problems.py).

The learned matcher (agent/understanding/fact_match.py) says which facts a part asks about;
of a fact of several pieces, the message gets the first piece, which states the fact, and a
later piece, which elaborates, when it is about as near in meaning (MiniLM cosine, within
PIECE_MARGIN) to one of its question parts as the fact's nearest piece (a part the matcher
tied to no fact may still ask for a piece of a fact another part named). So "what does a
positive look like?" hears the definition and not the list of negatives beside it, "is
there a rules system today?" hears that there is, not how much it catches, and "how late do
labels arrive?" hears where they come from and the delay. On the replayed dev interviews,
letting the nearest piece alone stand for the fact dropped the budget itself from "what's
the latency expectation?" (the sentence on the query embedding's share was nearer).

Pieces are not matched on their own: on the dev split of the fact-question corpus, the part
whose nearest piece (cosine 0.5-0.7) is taken where the matcher found no fact was right about
half the time (at 0.6: 7 right, 6 wrong among 129 unmatched parts), as was the matcher's own
best fact below its bars. A fact said before does not lower the bar either: a wrong "as I
said" answers a question nobody asked.
"""

from __future__ import annotations

import threading

import numpy as np

from agent.content.problems import OPENING_TOPIC, ProblemCard, piece_topic
from agent.understanding.vectors import Embedder, embed_texts

# a piece is asked for when it is this near the part, or nearer, as the fact's nearest piece;
# with two pieces, a question about the fact as a whole ("what's the scale?") sits about as
# near to both and hears both
PIECE_MARGIN = 0.08


class CardPieces:
    """The pieces of one card's facts, with their vectors."""

    def __init__(self, card: ProblemCard) -> None:
        self.ids: list[str] = []
        self.texts: list[str] = []
        for fact in card.facts:
            self.ids += fact.piece_ids()
            self.texts += fact.pieces
        self._vectors: np.ndarray | None = None
        self._lock = threading.Lock()

    def vectors(self, embedder: Embedder) -> np.ndarray:
        with self._lock:
            if self._vectors is None:
                self._vectors = embed_texts(embedder, self.texts)
            return self._vectors

    def of_topic(self, topic: str) -> list[int]:
        return [i for i, p in enumerate(self.ids) if piece_topic(p) == topic]

    def chosen(self, parts: np.ndarray, topic: str, embedder: Embedder) -> list[str]:
        """The pieces of a fact a message's question parts (parts, dim) ask for: its first
        piece, and each later piece about as near to one of them as the fact's nearest piece
        (all of them when no part has a vector)."""
        idx = self.of_topic(topic)
        if len(idx) <= 1 or topic == OPENING_TOPIC or not parts.any():
            return [self.ids[i] for i in idx]
        sims = (self.vectors(embedder)[idx] @ parts.reshape(len(parts), -1).T).max(axis=1)
        best = float(sims.max())
        # the first piece states the fact (the budget, where labels come from, the volume)
        # and is always said; a later one elaborates and is said when asked for
        return [
            self.ids[i]
            for n, (i, s) in enumerate(zip(idx, sims, strict=True))
            if n == 0 or s >= best - PIECE_MARGIN
        ]


_CACHE: dict[int, CardPieces] = {}
_CACHE_LOCK = threading.Lock()


def card_pieces(card: ProblemCard) -> CardPieces:
    """The pieces of a card, cached by the card's content."""
    from agent.read.facts import card_fingerprint

    key = card_fingerprint(card)
    with _CACHE_LOCK:
        entry = _CACHE.get(key)
        if entry is None:
            if len(_CACHE) > 64:
                _CACHE.clear()
            entry = CardPieces(card)
            _CACHE[key] = entry
        return entry
