"""Exact cosine search in memory over a collection's records, for the local store.

The shipped corpus is ~700 vectors of 384 numbers: one matrix product scores them all in
well under a millisecond, where a Chroma query costs a few milliseconds. The store reads
the collection's vectors and metadata once (after indexing, on the first search) and
answers queries here with the same filters and the same result shape as `col.query`
(ids and cosine distances, nearest first), so ranking downstream is unchanged. Chroma
stays the store: every write goes to it, and a server store is always queried directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # only a type here: searching in memory never imports chromadb
    from chromadb.api.models.Collection import Collection


def matches(meta: dict[str, Any], clause: dict[str, Any] | None) -> bool:
    """Whether a record's metadata passes a filter as `candidates.where` builds them."""
    if not clause:
        return True
    for key, value in clause.items():
        if key == "$and":
            if not all(matches(meta, c) for c in value):
                return False
        elif key == "$or":
            if not any(matches(meta, c) for c in value):
                return False
        elif isinstance(value, dict):
            raise ValueError(f"unsupported filter operator in {clause!r}")
        elif meta.get(key) != value:
            return False
    return True


class ExactIndex:
    """Every record of a collection: ids, unit vectors and metadata."""

    def __init__(self, ids: list[str], vectors: np.ndarray, metas: list[dict[str, Any]]):
        self.ids = ids
        self.metas = metas
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        self.vectors = (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)
        self._rows: dict[str, np.ndarray] = {}  # filter (as text) -> rows passing it

    @classmethod
    def load(cls, col: Collection) -> ExactIndex:
        got = col.get(include=["embeddings", "metadatas"])
        embeddings = got.get("embeddings")
        vectors = np.asarray(embeddings if embeddings is not None else [], dtype=np.float32)
        metas = [dict(m or {}) for m in got.get("metadatas") or [{} for _ in got["ids"]]]
        return cls(list(got["ids"]), vectors.reshape(len(got["ids"]), -1), metas)

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self, clause: dict[str, Any] | None) -> np.ndarray:
        key = repr(clause)
        found = self._rows.get(key)
        if found is None:
            found = np.array(
                [i for i, m in enumerate(self.metas) if matches(m, clause)], dtype=np.intp
            )
            self._rows[key] = found
        return found

    def query(self, vector: np.ndarray, clause: dict[str, Any] | None) -> dict[str, Any]:
        """Like `col.query(..., n_results=all, include=["distances"])` for one vector."""
        rows = self.rows(clause)
        q = np.asarray(vector, dtype=np.float32).reshape(-1)
        q = q / max(float(np.linalg.norm(q)), 1e-12)
        distances = 1.0 - self.vectors[rows] @ q
        order = np.argsort(distances, kind="stable")
        return {
            "ids": [[self.ids[rows[i]] for i in order]],
            "distances": [[float(distances[i]) for i in order]],
        }
