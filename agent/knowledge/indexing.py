"""Bringing a Chroma collection in line with the chunks on disk, embedding only what changed.

A run compares the chunks' content hashes with the stored ones, embeds new and changed
chunks (their own vector and their asks: agent.knowledge.record_vectors), deletes removed
ones and does no embedding work when nothing changed. The records' layout is in
agent.knowledge.record_layout; reading them back in agent.knowledge.collection_reads.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Literal

import numpy as np
from pydantic import BaseModel, Field

from agent.knowledge.chunking import Chunk, corpus_hash
from agent.knowledge.collection_reads import stored_hashes
from agent.knowledge.record_vectors import Embedder, records
from agent.knowledge.shipped import ShippedVectors

if TYPE_CHECKING:  # only a type here: records are built without importing chromadb
    from chromadb.api.models.Collection import Collection

_WRITE_BATCH = 256


class IndexReport(BaseModel):
    collection: str
    mode: Literal["persistent", "server"]
    chunks: int = 0
    corpus: str = ""  # hash of every chunk id and content hash: which knowledge is indexed
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    embedded: int = (
        0  # new or changed chunks with a text (body, heading or ask) run through the model
    )
    vectors: int = 0  # records written (chunk vectors plus ask vectors)
    reused: int = 0  # new or changed chunks whose vector this process had already computed
    seconds: float = 0.0
    notes: list[str] = Field(default_factory=list)  # rebuilds and other things worth saying

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def sync(
    col: Collection,
    chunks: list[Chunk],
    embedder: Embedder,
    mode: Literal["persistent", "server"],
    notes: list[str] | None = None,
    shipped: ShippedVectors | None = None,
) -> IndexReport:
    started = time.perf_counter()
    stored = stored_hashes(col)
    wanted = {c.id: c for c in chunks}
    fresh = [c for c in chunks if c.id not in stored]
    changed = [c for c in chunks if c.id in stored and stored[c.id] != c.hash]
    gone = sorted(set(stored) - set(wanted))
    todo = fresh + changed
    computed, written = 0, 0
    # Changed chunks may have lost topics or asks: delete first so no stale record remains.
    stale = gone + [c.id for c in changed]
    if stale:
        col.delete(ids=stale)
        among: dict[Literal["$in", "$nin"], list[str | int | float | bool]] = {"$in": [*stale]}
        col.delete(where={"parent": among})
    if todo:
        rows, computed = records(todo, embedder, shipped)
        written = len(rows)
        for i in range(0, len(rows), _WRITE_BATCH):
            part = rows[i : i + _WRITE_BATCH]
            col.upsert(
                ids=[r[0] for r in part],
                embeddings=np.vstack([r[1] for r in part]),
                documents=[r[2] for r in part],
                metadatas=[r[3] for r in part],
            )
    return IndexReport(
        collection=col.name,
        mode=mode,
        chunks=len(chunks),
        corpus=corpus_hash(chunks),
        added=len(fresh),
        updated=len(changed),
        removed=len(gone),
        unchanged=len(chunks) - len(todo),
        embedded=computed,
        reused=len(todo) - computed,
        vectors=written,
        seconds=round(time.perf_counter() - started, 3),
        notes=list(notes or []),
    )
