"""Vectors a search can use without reading Chroma or running the model again.

- `known_vectors`: every record of the local collection (chunks and their asks) from the
  shipped vectors or ones this process computed. A vector depends only on its text, and the
  collection's name pins the embedding and the recipe, so these are the stored vectors;
  None when some text's vector is not at hand (then the index is read from Chroma).
- `QueryVectors`: the vectors of recent retrieval queries. A query repeats (a steer with no
  candidate words in it, a search made ahead of an LLM turn and then made again) and its
  vector depends only on its text, so the second search gives the same result for free.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

from agent.knowledge.chunking import Chunk
from agent.knowledge.embedding import EMBEDDING_ID, get_embedder
from agent.knowledge.exact import ExactIndex
from agent.knowledge.indexing import records
from agent.knowledge.shipped import shipped_vectors

QUERY_CACHE = 256


class _NotAtHand(Exception):
    pass


class _KnownOnly:
    """An embedder for vectors already at hand: any text that would need the model stops."""

    id = EMBEDDING_ID

    def embed(self, texts: list[str]) -> np.ndarray:
        raise _NotAtHand


def known_vectors(chunks: list[Chunk], knowledge_dir: Path) -> ExactIndex | None:
    """The records as indexing wrote them, from vectors at hand (None if some are not)."""
    try:
        rows, _ = records(chunks, _KnownOnly(), shipped_vectors(knowledge_dir))
    except _NotAtHand:
        return None
    if not rows:
        return None
    return ExactIndex([r[0] for r in rows], np.vstack([r[1] for r in rows]), [r[3] for r in rows])


class QueryVectors:
    """The model's vectors of the last QUERY_CACHE query texts, as a (1, 384) array each."""

    def __init__(self, size: int = QUERY_CACHE) -> None:
        self.size = size
        self._data: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vector(self, query: str) -> np.ndarray:
        with self._lock:
            found = self._data.get(query)
            if found is not None:
                self._data.move_to_end(query)
                return found.copy()
        vector = get_embedder().embed([query])
        with self._lock:
            self._data[query] = vector
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return vector.copy()
