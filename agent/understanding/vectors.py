"""Sentence vectors for the understanding models: MiniLM embeddings, cached by text.

The shipped texts' vectors are read from the shipped table; anything else is embedded once
per process and kept in an LRU cache, so the recap of an interview re-uses the vectors its
turns already computed. A message's vector is the mean of its sentences' vectors, and so is
a retrieval query's: the reader has just embedded the sentences of the candidate's message
it quotes, so a query costs the model nothing new (see `query_vector`).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np

from agent.understanding.sentences import split_sentences

MAX_SENTENCES = 64  # sentences read per text; the rest of a huge paste is not analysed
MAX_CHARS = 20_000
CACHE_SIZE = 8192
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# What separates the parts of a retrieval query (agent/ground/grounding.py builds them).
QUERY_PART_BREAK = "\n\n"
_PART_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


class Embedder(Protocol):
    id: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


class _VectorCache:
    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> np.ndarray | None:
        with self._lock:
            v = self._data.get(key)
            if v is not None:
                self._data.move_to_end(key)
            return v

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def put(self, key: tuple[str, str], value: np.ndarray) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)


_CACHE = _VectorCache(CACHE_SIZE)

if TYPE_CHECKING:
    from agent.knowledge.shipped import ShippedVectors


def clear_vector_cache() -> None:
    """Forget cached sentence vectors (benchmarks use it to time cold reads)."""
    _CACHE.clear()


def _clean(text: str) -> str:
    return _SURROGATES.sub("\ufffd", text)


def _shipped_table(embedding_id: str) -> ShippedVectors | None:
    """The shipped vectors of the configured content, when they are this embedder's."""
    from agent.knowledge.embedding import EMBEDDING_ID
    from agent.knowledge.shipped import shipped_vectors

    return shipped_vectors() if embedding_id == EMBEDDING_ID else None


def embed_texts(embedder: Embedder | None, texts: Sequence[str], dim: int = 384) -> np.ndarray:
    """Unit vectors for texts (zeros without an embedder), cached by (embedder, text); the
    vectors of shipped content come from the file built by `mlsd vectors`."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    if embedder is None or not texts:
        return out
    eid = getattr(embedder, "id", type(embedder).__name__)
    shipped = _shipped_table(eid)
    todo: list[int] = []
    for i, t in enumerate(texts):
        v = _CACHE.get((eid, t))
        if v is None and shipped is not None:
            v = shipped.get(t)
        if v is None:
            todo.append(i)
        else:
            out[i] = v
    if todo:
        # grouped by length, so short sentences are not padded to the longest one
        todo.sort(key=lambda i: len(texts[i]))
        for lo in range(0, len(todo), 64):
            part = todo[lo : lo + 64]
            vecs = embedder.embed([_clean(texts[i]) for i in part])
            for i, v in zip(part, vecs, strict=True):
                out[i] = v
                _CACHE.put((eid, texts[i]), np.asarray(v, dtype=np.float32))
    return out


def message_embeddings(
    embedder: Embedder | None, texts: Sequence[str], dim: int = 384
) -> np.ndarray:
    """One vector per message: the normalised mean of its sentences' vectors.

    A whole message is never embedded as one long text: its sentences are (and are cached
    for the sentence heads and the recap), so a long message costs one pass, not two.
    """
    spans = [split_sentences(t[:MAX_CHARS])[:MAX_SENTENCES] for t in texts]
    flat = [s.text for ss in spans for s in ss]
    vectors = embed_texts(embedder, flat, dim)
    out = np.zeros((len(texts), dim), dtype=np.float32)
    pos = 0
    for i, ss in enumerate(spans):
        out[i] = mean_vector(vectors[pos : pos + len(ss)], dim)
        pos += len(ss)
    return out


def mean_vector(vectors: np.ndarray, dim: int = 384) -> np.ndarray:
    """The normalised mean of some unit vectors (zeros for none)."""
    if not len(vectors):
        return np.zeros(dim, dtype=np.float32)
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean


def query_vector(embedder: Embedder | None, query: str, dim: int = 384) -> np.ndarray:
    """A retrieval query's unit vector: the normalised mean of its parts' vectors (parts are
    separated by a blank line, QUERY_PART_BREAK), each the normalised mean of its sentences'.

    Each sentence is embedded on its own and cached by text, like the reader's, so a query
    made of a move's description, its phase's goal and the candidate's sentences finds all
    of them at hand instead of running the model on their ~90-token concatenation; each
    part weighs the same however many sentences the candidate wrote. A query of one
    sentence gets that sentence's vector, as before.
    """
    parts = [p for p in _PART_BREAK.split(query) if p.strip()]
    sentences = [[s.text for s in split_sentences(p)] or [p.strip()] for p in parts]
    flat = [t for ts in sentences for t in ts]
    if not flat:
        return embed_texts(embedder, [query], dim)[0]
    vectors = embed_texts(embedder, flat, dim)
    if len(flat) == 1:
        return vectors[0]
    means, pos = [], 0
    for ts in sentences:
        means.append(mean_vector(vectors[pos : pos + len(ts)], dim))
        pos += len(ts)
    return mean_vector(np.vstack(means), dim).astype(np.float32)
