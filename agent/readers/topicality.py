"""How much a message is about ML system design or this problem (MiniLM similarity).

On-topic anchors: the rubric's example sentences and the card's opening and fact answers.
Off-topic anchors: the lexicon's small-talk examples. A message is off-topic-like when it is
closer to small talk than to anything on the interview side.
"""

from __future__ import annotations

import threading
from typing import ClassVar

import numpy as np

from agent.readers.facts import card_fingerprint
from agent.readers.lexicon import ReaderLexicon
from agent.reading import ReadContext
from agent.signals import SignalDetector

# cosine of the best on-topic anchor mapped linearly from [LOW, HIGH] onto [0, 1]
LOW, HIGH = 0.12, 0.45
OFF_MARGIN = 0.05  # off-topic-like: best small-talk similarity beats on-topic by this much
OFF_FLOOR = 0.35  # ... and is at least this high


class Topicality:
    def __init__(self, on: np.ndarray, off: np.ndarray) -> None:
        self.on = on
        self.off = off

    def score(self, vectors: np.ndarray | None) -> tuple[float, bool]:
        """(on-topic score in [0, 1], looks like small talk). Without vectors: (1.0, False)."""
        if vectors is None or not len(vectors) or not len(self.on):
            return 1.0, False
        on = float((vectors @ self.on.T).max())
        off = float((vectors @ self.off.T).max()) if len(self.off) else -1.0
        scaled = min(1.0, max(0.0, (on - LOW) / (HIGH - LOW)))
        return scaled, off >= OFF_FLOOR and off > on + OFF_MARGIN

    _cache: ClassVar[dict[tuple[str, int, int], Topicality]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def for_context(
        cls, detector: SignalDetector, context: ReadContext, lexicon: ReaderLexicon, rubric_key: str
    ) -> Topicality:
        embedder = detector.embedder
        if embedder is None:
            return cls(np.zeros((0, 1)), np.zeros((0, 1)))
        key = (rubric_key, card_fingerprint(context.card), id(lexicon))
        with cls._lock:
            hit = cls._cache.get(key)
            if hit is not None:
                return hit
        card = context.card
        card_texts = [card.opening, *(f.answer for f in card.facts)]
        card_texts += [note for notes in card.strong_answer.values() for note in notes]
        rubric_vectors = detector._index.example_vectors(embedder)
        on = np.vstack([rubric_vectors, embedder.embed(card_texts)])
        off = embedder.embed(list(lexicon.off_topic_examples))
        made = cls(on, off)
        with cls._lock:
            if len(cls._cache) > 64:
                cls._cache.clear()
            cls._cache[key] = made
        return made
