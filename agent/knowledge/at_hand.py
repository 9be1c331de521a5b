"""Vectors a search can use without reading Chroma or running the model again.

- `known_vectors`: every record of the local collection (chunks and their asks) from the
  shipped vectors or ones this process computed. A vector depends only on its text, and the
  collection's name pins the embedding and the recipe, so these are the stored vectors;
  None when some text's vector is not at hand (then the index is read from Chroma).
- `ChunksAtHand`: the chunks on disk with their records' vectors at hand, searchable in
  memory before Chroma is open: what the local collection holds once it is synced, so a
  search over them ranks exactly as one over the synced collection.
- `QueryVectors`: the vectors of recent retrieval queries. A query repeats (a steer with no
  candidate words in it, a search made ahead of an LLM turn and then made again) and its
  vector depends only on its text, so the second search gives the same result for free.
  A query's vector is composed from its sentences' (agent/understanding/vectors.py,
  `query_vector`), which the reader has mostly embedded already.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np

from agent.content.files import ContentError
from agent.knowledge import kept_corpus
from agent.knowledge.chunking import Chunk, load_chunks, read_corpus
from agent.knowledge.embedding import DIMENSIONS, EMBEDDING_ID, get_embedder
from agent.knowledge.exact import ExactIndex
from agent.knowledge.lexical import BM25, word_counts_of
from agent.knowledge.record_layout import chunk_metadata
from agent.knowledge.record_vectors import records
from agent.knowledge.shipped import shipped_vectors

QUERY_CACHE = 256


class _NotAtHand(Exception):
    pass


class _KnownOnly:
    """An embedder for vectors already at hand: any text that would need the model stops."""

    id = EMBEDDING_ID

    def embed(self, texts: list[str]) -> np.ndarray:
        raise _NotAtHand


def known_rows(
    chunks: list[Chunk], knowledge_dir: Path
) -> tuple[list[str], np.ndarray, list[dict[str, Any]]] | None:
    """The records' ids, vectors and metadata as indexing wrote them, from vectors at hand
    (None if some are not)."""
    try:
        rows, _ = records(chunks, _KnownOnly(), shipped_vectors(knowledge_dir))
    except _NotAtHand:
        return None
    if not rows:
        return None
    return [r[0] for r in rows], np.vstack([r[1] for r in rows]), [r[3] for r in rows]


def known_vectors(chunks: list[Chunk], knowledge_dir: Path) -> ExactIndex | None:
    """The records as indexing wrote them, from vectors at hand (None if some are not)."""
    found = known_rows(chunks, knowledge_dir)
    return None if found is None else ExactIndex(*found)


class ChunksAtHand:
    """The chunks of a knowledge folder, their BM25 index and the exact index of their
    records, built exactly as the store builds them after indexing (`KnowledgeStore._install`
    and `known_vectors`)."""

    def __init__(self, chunks: list[Chunk], exact: ExactIndex, bm25: BM25 | None = None) -> None:
        self.chunks = {c.id: c for c in chunks}
        self.bm25 = bm25 or BM25({c.id: c.indexed_text() for c in chunks})
        self.exact = exact

    @classmethod
    def read(cls, knowledge_dir: Path, data_dir: Path | None = None) -> ChunksAtHand | None:
        """None when a file is malformed (the store then serves what Chroma holds) or some
        text's vector is not at hand (content added since the shipped vectors were built,
        whose vectors Chroma holds). With a data folder, the build is kept there and read
        back by later processes while nothing it depends on changes (kept_corpus.py)."""
        try:
            files = read_corpus(knowledge_dir)
        except ContentError:
            return None
        key = None
        if data_dir is not None:
            named = [(p.relative_to(knowledge_dir).as_posix(), raw) for p, raw in files]
            key = kept_corpus.corpus_key(named, knowledge_dir)
        path = None if key is None or data_dir is None else kept_corpus.kept_path(data_dir, key)
        kept = None if path is None else kept_corpus.read_kept(path)
        if kept is not None:
            return cls(kept.chunks, kept.exact(), BM25.from_counts(kept.counts))
        try:
            chunks = load_chunks(knowledge_dir, files)
        except ContentError:
            return None
        found = known_rows(chunks, knowledge_dir)
        if found is None:
            return None
        counts = word_counts_of({c.id: c.indexed_text() for c in chunks})
        if path is not None and kept_corpus.all_shipped(chunks, shipped_vectors(knowledge_dir)):
            kept_corpus.keep_later(path, kept_corpus.Kept(chunks, counts, *found))
        return cls(chunks, ExactIndex(*found), BM25.from_counts(counts))

    def records_of(self, ids: list[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Text and metadata of chunks, as the store gives them (every id is known here)."""
        known = [i for i in ids if i in self.chunks]
        return {i: (self.chunks[i].text, chunk_metadata(self.chunks[i])) for i in known}


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
        from agent.understanding.vectors import query_vector

        vector = query_vector(get_embedder(), query, DIMENSIONS)[None, :]
        with self._lock:
            self._data[query] = vector
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return vector.copy()
