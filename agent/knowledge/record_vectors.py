"""The vectors of a chunk's records: the recipe, and reuse of vectors already computed.

A chunk's record vector blends its body's embedding with its heading's; each ask gets its
own plain vector. Vectors this process already computed for the same text are reused
(VectorMemo), and so are the shipped vectors (agent.knowledge.shipped): a fresh install's
index of the shipped content is a copy of them, without the model.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any, Protocol

import numpy as np

from agent.knowledge.chunking import Chunk
from agent.knowledge.embedding import EMBEDDING_ID
from agent.knowledge.record_layout import ask_id, ask_metadata, chunk_metadata
from agent.knowledge.shipped import ShippedVectors


class Embedder(Protocol):
    id: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


class VectorMemo:
    """Vectors of chunk texts already embedded by this process (bounded, thread-safe).

    Re-indexing the same text into another collection (a rebuild, a second store, a
    server) then costs no model time. Keyed by embedding id and the exact text.
    """

    def __init__(self, capacity: int = 4096) -> None:
        self.capacity = capacity
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(embedding_id: str, text: str) -> str:
        return hashlib.sha256(f"{embedding_id}\x1f{text}".encode()).hexdigest()

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            v = self._vectors.get(key)
            if v is not None:
                self._vectors.move_to_end(key)
            return v

    def put(self, key: str, vector: np.ndarray) -> None:
        with self._lock:
            self._vectors[key] = vector
            self._vectors.move_to_end(key)
            while len(self._vectors) > self.capacity:
                self._vectors.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()


MEMO = VectorMemo()


# A chunk's vector blends the embedding of its whole text with that of its heading, so the
# heading (a person's one-line summary) counts for a little more than one sentence among
# many. Chosen on the labelled set (bench/retrieval.py): +2-3 points recall@1 over body only.
HEADING_WEIGHT = 0.15
# Each of a chunk's `asks` also gets its own plain vector (scored by the store, not blended).
VECTOR_RECIPE = f"body+heading@{HEADING_WEIGHT}+asks"


def _memo_embed(
    texts: list[str], embedder: Embedder, shipped: ShippedVectors | None = None
) -> tuple[list[np.ndarray], set[int]]:
    """Vectors for texts, from the memo or the shipped vectors where possible; also which
    indices were computed by the model."""
    keys = [MEMO.key(embedder.id, t) for t in texts]
    found: list[np.ndarray | None] = [MEMO.get(k) for k in keys]
    if shipped is not None and embedder.id == EMBEDDING_ID:
        found = [v if v is not None else shipped.get(t) for v, t in zip(found, texts, strict=True)]
    missing = [i for i, v in enumerate(found) if v is None]
    unique = list(dict.fromkeys(texts[i] for i in missing))
    if unique:
        fresh = dict(zip(unique, embedder.embed(unique), strict=True))
        if shipped is not None:
            shipped.note_missed(len(unique), "index")
        for i in missing:
            found[i] = fresh[texts[i]]
            MEMO.put(keys[i], fresh[texts[i]])
    return [v for v in found if v is not None], set(missing)


def chunk_vectors(
    chunks: list[Chunk], embedder: Embedder, shipped: ShippedVectors | None = None
) -> tuple[np.ndarray, set[str]]:
    """Unit vectors for chunks (body blended with heading); ids of chunks that needed the model."""
    n = len(chunks)
    vectors, computed = _memo_embed(
        [c.indexed_text() for c in chunks] + [c.title for c in chunks], embedder, shipped
    )
    body, heading = np.vstack(vectors[:n]), np.vstack(vectors[n:])
    blend = (1 - HEADING_WEIGHT) * body + HEADING_WEIGHT * heading
    blend /= np.clip(np.linalg.norm(blend, axis=1, keepdims=True), 1e-12, None)
    fresh = {c.id for i, c in enumerate(chunks) if i in computed or i + n in computed}
    return blend.astype(np.float32), fresh


def records(
    chunks: list[Chunk], embedder: Embedder, shipped: ShippedVectors | None = None
) -> tuple[list[tuple[str, np.ndarray, str, dict[str, Any]]], int]:
    """(id, vector, document, metadata) of each chunk and each of its asks; also how many
    chunks needed the model for any of their texts."""
    vectors, fresh = chunk_vectors(chunks, embedder, shipped)
    asked, fresh_asks = ask_vectors(chunks, embedder, shipped)
    out: list[tuple[str, np.ndarray, str, dict[str, Any]]] = []
    row = 0
    for chunk, vector in zip(chunks, vectors, strict=True):
        out.append((chunk.id, vector, chunk.text, chunk_metadata(chunk)))
        for n, ask in enumerate(chunk.asks):
            out.append((ask_id(chunk.id, n), asked[row], ask, ask_metadata(chunk)))
            row += 1
    return out, len(fresh | fresh_asks)


def ask_vectors(
    chunks: list[Chunk], embedder: Embedder, shipped: ShippedVectors | None = None
) -> tuple[np.ndarray, set[str]]:
    """Unit vectors of every ask of chunks, in order; ids of chunks that needed the model."""
    texts = [a for c in chunks for a in c.asks]
    owners = [c.id for c in chunks for _ in c.asks]
    if not texts:
        return np.zeros((0, 0), dtype=np.float32), set()
    vectors, computed = _memo_embed(texts, embedder, shipped)
    matrix = np.vstack(vectors)
    matrix /= np.clip(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12, None)
    return matrix.astype(np.float32), {owners[i] for i in computed}
