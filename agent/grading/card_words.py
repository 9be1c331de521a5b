"""The words that make a problem card its own, learned from the card library itself.

Each card's texts (agent/content/card_texts.relevance_texts: title and opening, fact
answers, strong-answer notes, pitfalls) are counted, and each word is weighted by how few
cards use it (inverse document frequency over the library): "chargeback", "merchant" or
"rider" weigh on the card that names them, "model" or "latency" weigh nothing. An answer's
design sentences are weighted the same way, and the cosine between the two says how much
of the answer is about that card's own entities and figures. No word is listed by hand: add
a card and the weights follow from its text.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable

from agent.content.card_texts import relevance_texts
from agent.content.problems import ProblemCard
from agent.read.facts import card_fingerprint

_WORD = re.compile(r"[a-z][a-z0-9\-]{2,}")

Weights = dict[str, float]


def words(texts: Iterable[str]) -> Counter[str]:
    return Counter(w for t in texts for w in _WORD.findall(t.lower()))


class CardWords:
    """Per card, its words weighted by term frequency times inverse card frequency."""

    def __init__(self, cards: dict[str, ProblemCard]) -> None:
        counts = {cid: words(relevance_texts(card)) for cid, card in cards.items()}
        seen = Counter(w for c in counts.values() for w in c)
        n = len(cards)
        self.idf = {w: math.log(n / k) for w, k in seen.items() if k < n}
        self.cards = {cid: self.weigh(c) for cid, c in counts.items()}
        self.norms = {cid: _norm(w) for cid, w in self.cards.items()}

    def weigh(self, counts: Counter[str]) -> Weights:
        """Sublinear term frequency times the library's inverse card frequency."""
        return {w: (1 + math.log(k)) * self.idf[w] for w, k in counts.items() if w in self.idf}

    def similarities(self, texts: list[str]) -> dict[str, float]:
        """Cosine of the texts' weighted words to each card's."""
        answer = self.weigh(words(texts))
        size = _norm(answer)  # each card's norm is the library's, worked out once
        return {
            cid: _cosine(answer, size, card, self.norms[cid]) for cid, card in self.cards.items()
        }


def _norm(a: Weights) -> float:
    return math.sqrt(sum(v * v for v in a.values()))


def _cosine(a: Weights, a_norm: float, b: Weights, b_norm: float) -> float:
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    norm = a_norm * b_norm
    return dot / norm if norm else 0.0


_CACHE: dict[int, CardWords] = {}
_LOCK = threading.Lock()


def card_words(cards: dict[str, ProblemCard]) -> CardWords:
    """The library's weights, built once per set of cards."""
    key = hash(tuple(sorted((cid, card_fingerprint(c)) for cid, c in cards.items())))
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is None:
            if len(_CACHE) > 16:
                _CACHE.clear()
            hit = _CACHE[key] = CardWords(cards)
    return hit
