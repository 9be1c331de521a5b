"""Which pieces of a card's facts a question part asks for (a piece is one sentence of a
fact's answer and says one thing, agent/content/problems.py).

The learned matcher (agent/understanding/fact_match.py) says which facts a part asks about;
of a fact of several pieces, the part hears the pieces that answer it, chosen by meaning
(MiniLM cosine of the part with each piece): the nearest, and any other within PIECE_MARGIN
of it. The first piece, which states the fact (the budget, where labels come from, the
volume), leads by FIRST_PIECE_LEAD: a question about the fact as a whole ("what's the latency
expectation?") is about as near to every piece and hears the statement, where the nearest
piece alone once gave the query embedding's share of the budget. A piece that opens with a
word pointing back ("They arrive late: ...") is said with the one before it. A later piece
is said only when its part asks for it: "how many daily users?" hears the user count, not
the catalogue size and the logged signals beside it.

A part the matcher tied to no fact may still ask for a piece of a fact another part of the
same message named ("how do we learn it was fraud? how long does that take?"), when that
piece is at least FOLLOW_ON_BAR near it. Pieces are not matched on their own otherwise: on
the dev split of the fact-question corpus, a part's nearest piece (cosine 0.5-0.7) taken
where the matcher found no fact was right about half the time. A fact said before does not
lower the bar either: a wrong "as I said" answers a question nobody asked. Nor does a
follow-on take a fact the matcher finds implausible while it finds another fact plausible
(FOLLOW_ON_RIVAL, `follow_on_topics`): such a part is about that other fact, below the bars
that would give it, and is named as open rather than answered with its neighbour.
"""

from __future__ import annotations

import re
import threading

import numpy as np

from agent.content.card_texts import piece_texts
from agent.content.problems import OPENING_TOPIC, ProblemCard, piece_topic
from agent.understanding.vectors import Embedder, embed_texts

# chosen on the hand-labelled clarification turns of the judged test15 batch (bench/
# part_labels, dev), reading each message alone: pieces said that no part asked for / card
# parts that got one of their pieces, at margin 0 / 0.03 / 0.06 / 0.1 (first piece's lead
# 0.05): 23 / 27 / 31 / 34 and 75 / 75 / 75 / 75 of 85. The labels count a part answered by
# any one of its pieces, so they cannot see a question about a fact as a whole ("what's the
# scale?") hearing one piece of it: a small margin keeps that, at 4 more unasked pieces
PIECE_MARGIN = 0.03
# the first piece's lead (see above); on the same turns, at margin 0.03: lead 0 / 0.05 / 0.1
# gave 26 / 27 / 27 unasked and 75 / 75 / 74 parts; at margin 0 the lead of 0.05 was best
FIRST_PIECE_LEAD = 0.05
# a piece that opens with a word pointing back cannot stand alone
_LEANS = re.compile(r"(?:they|it|its|their|this|these|that|those|both)\b", re.IGNORECASE)
# a part no fact matched takes a piece of a fact the message's other parts named only this
# near (a follow-on: "how long does that take?")
FOLLOW_ON_BAR = 0.5
# ... and not of a named fact the fact matcher finds implausible (below this probability: the
# bar at which agent/decide/part_answers.py takes the matcher's word for a piece said before)
# while it finds another fact plausible. Nearness shares words as readily as meaning: "where
# do the photos come from?" beside a question on countries is near the countries' piece
# ("photos come from 40 countries"), while the matcher reads it as a question about the data
FOLLOW_ON_RIVAL = 0.5
# how many of a part's nearest pieces the reading keeps (for the reply's consistency)
NEAREST = 3


def follow_on_topics(named: list[str], scores: dict[str, float]) -> list[str]:
    """Of the facts the message's other parts named, those a part no fact matched may follow
    on from: all of them, unless the fact matcher (`scores`: its probability per fact for the
    part) finds a fact nobody named plausible (FOLLOW_ON_RIVAL); then only those it finds
    plausible too."""
    if not any(m >= FOLLOW_ON_RIVAL for t, m in scores.items() if t not in named):
        return named
    return [t for t in named if scores.get(t, 0.0) >= FOLLOW_ON_RIVAL]


class CardPieces:
    """The pieces of one card's facts, with their vectors."""

    def __init__(self, card: ProblemCard) -> None:
        self.ids: list[str] = [i for fact in card.facts for i in fact.piece_ids()]
        # shipped vectors (agent/knowledge/shipped.py), so a card's first question runs the
        # model on its own words only
        self.texts: list[str] = piece_texts(card)
        self._vectors: np.ndarray | None = None
        self._lock = threading.Lock()

    def vectors(self, embedder: Embedder) -> np.ndarray:
        with self._lock:
            if self._vectors is None:
                self._vectors = embed_texts(embedder, self.texts)
            return self._vectors

    def of_topic(self, topic: str) -> list[int]:
        return [i for i, p in enumerate(self.ids) if piece_topic(p) == topic]

    def for_part(
        self, part: np.ndarray, topic: str, embedder: Embedder, margin: float = PIECE_MARGIN
    ) -> list[str]:
        """The pieces of a fact one question part (dim,) asks for, in the card's order: the
        nearest (the first piece leading by FIRST_PIECE_LEAD) and any within `margin` of it
        (all of them when the part has no vector)."""
        idx = self.of_topic(topic)
        if len(idx) <= 1 or topic == OPENING_TOPIC or not part.any():
            return [self.ids[i] for i in idx]
        sims = self.vectors(embedder)[idx] @ part
        scores = sims + np.array([FIRST_PIECE_LEAD if n == 0 else 0.0 for n in range(len(idx))])
        best = float(scores.max())
        keep = {n for n, s in enumerate(scores) if s >= best - margin}
        # a piece that leans on the one before it ("They arrive late: ...") brings it along
        for n in sorted(keep, reverse=True):
            while n > 0 and _LEANS.match(self.texts[idx[n]]):
                n -= 1
                keep.add(n)
        return [self.ids[idx[n]] for n in sorted(keep)]

    def nearest(self, part: np.ndarray, embedder: Embedder) -> tuple[list[str], list[float]]:
        """The NEAREST pieces of the card (the opening left out) to one question part,
        best first, with their cosines (none when the part has no vector)."""
        idx = [i for i, p in enumerate(self.ids) if piece_topic(p) != OPENING_TOPIC]
        if not idx or not part.any():
            return [], []
        sims = self.vectors(embedder)[idx] @ part
        order = np.argsort(-sims)[:NEAREST]
        return [self.ids[idx[int(n)]] for n in order], [round(float(sims[n]), 4) for n in order]

    def follow_on(
        self, part: np.ndarray, topics: list[str], taken: set[str], embedder: Embedder
    ) -> list[str]:
        """For a part no fact matched: the piece of the facts the message's other parts named
        that is nearest it, when it is at least FOLLOW_ON_BAR near (else none). A piece none
        of them took is what a follow-on asks for more of ("how long does that take?"); one
        another part took is what the part asks about too (the list of harms after "which
        harm types?"): the part is answered by that line, and the fact's next piece, which
        nobody asked for, is not said for it."""
        idx = [i for t in topics if t != OPENING_TOPIC for i in self.of_topic(t)]
        if not idx or not part.any():
            return []
        sims = self.vectors(embedder)[idx] @ part
        best = int(np.argmax(sims))
        return [self.ids[idx[best]]] if float(sims[best]) >= FOLLOW_ON_BAR else []

    def nearest_of(self, part: np.ndarray, topic: str, embedder: Embedder) -> float:
        """The part's cosine with the nearest piece of one fact (0 for a fact without one)."""
        idx = self.of_topic(topic)
        if not idx or not part.any():
            return 0.0
        return float(np.max(self.vectors(embedder)[idx] @ part))

    def further(
        self, part: np.ndarray, topics: list[str], taken: set[str], bar: float, embedder: Embedder
    ) -> list[str]:
        """For a part that points back at the answer before it ("and how much of that is the
        embedding step?"): of the pieces of the facts that answer gave, the one nearest the
        part when it is not said yet and at least `bar` near (else none: the part asks what
        that answer says, or something it does not)."""
        idx = [i for t in topics if t != OPENING_TOPIC for i in self.of_topic(t)]
        if not idx or not part.any():
            return []
        sims = self.vectors(embedder)[idx] @ part
        best = int(np.argmax(sims))
        if self.ids[idx[best]] in taken or float(sims[best]) < bar:
            return []
        return [self.ids[idx[best]]]


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
