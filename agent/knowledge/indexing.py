"""Bringing a Chroma collection in line with the chunks on disk, embedding only what changed.

Each chunk is one record (kind "chunk") keeping its content hash in metadata, plus one
record per `asks` phrasing (kind "ask", id `<chunk id>::ask<N>`, metadata `parent` and the
chunk's phase/topic keys so the same filters apply). A run compares chunk hashes, embeds
new and changed chunks (their own vector and their asks), deletes removed ones and does no
embedding work when nothing changed. Vectors this process already computed for the same
text are reused (VectorMemo), and so are the shipped vectors (agent.knowledge.shipped): a
fresh install's index of the shipped content is a copy of them, without the model.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np
from pydantic import BaseModel, Field

from agent.content.phases import Phase
from agent.knowledge.chunking import Chunk, corpus_hash
from agent.knowledge.embedding import EMBEDDING_ID
from agent.knowledge.shipped import ShippedVectors

if TYPE_CHECKING:  # only a type here: records are built without importing chromadb
    from chromadb.api.models.Collection import Collection

TOPIC_KEY = "topic_"  # one boolean metadata key per topic: chroma metadata values are scalars
NO_PHASE = "any"
KIND_CHUNK, KIND_ASK = "chunk", "ask"
ASK_SEPARATOR = "::ask"
_WRITE_BATCH = 256


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


def topic_key(topic: str) -> str:
    return TOPIC_KEY + topic


def chunk_metadata(chunk: Chunk) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "source": chunk.source,
        "phase": chunk.phase.value if chunk.phase else NO_PHASE,
        "title": chunk.title,
        "document": chunk.document,
        "topics": "|".join(chunk.topics),
        "asks": "|".join(chunk.asks),
        "hash": chunk.hash,
        "kind": KIND_CHUNK,
    }
    for t in chunk.topics:
        meta[topic_key(t)] = True
    return meta


def ask_id(chunk_id: str, n: int) -> str:
    return f"{chunk_id}{ASK_SEPARATOR}{n}"


def ask_metadata(chunk: Chunk) -> dict[str, Any]:
    """An ask record: filterable like its chunk, pointing at it through `parent`."""
    meta = chunk_metadata(chunk)
    del meta["asks"]
    return {**meta, "kind": KIND_ASK, "parent": chunk.id}


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


def phase_from_metadata(meta: dict[str, Any]) -> Phase | None:
    value = meta.get("phase")
    if not value or value == NO_PHASE:
        return None
    try:
        return Phase(str(value))
    except ValueError:
        return None


def topics_from_metadata(meta: dict[str, Any]) -> list[str]:
    raw = meta.get("topics") or ""
    return [t for t in str(raw).split("|") if t]


def stored_chunks(col: Collection) -> list[Chunk]:
    """The chunks as the collection holds them (to search when knowledge/ cannot be read)."""
    got = col.get(where={"kind": KIND_CHUNK}, include=["documents", "metadatas"])
    docs = got.get("documents") or ["" for _ in got["ids"]]
    metas = got.get("metadatas") or [{} for _ in got["ids"]]
    chunks = []
    for chunk_id, text, meta in zip(got["ids"], docs, metas, strict=True):
        m = dict(meta or {})
        chunks.append(
            Chunk(
                id=chunk_id,
                source=str(m.get("source", "")),
                phase=phase_from_metadata(m),
                topics=topics_from_metadata(m),
                title=str(m.get("title", "")),
                document=str(m.get("document", "")),
                text=text or "",
                asks=[a for a in str(m.get("asks") or "").split("|") if a],
                hash=str(m.get("hash", "")),
            )
        )
    return sorted(chunks, key=lambda c: c.id)


def stored_hashes(col: Collection) -> dict[str, str]:
    got = col.get(where={"kind": KIND_CHUNK}, include=["metadatas"])
    metas = got.get("metadatas") or [{} for _ in got["ids"]]
    return {i: str((m or {}).get("hash", "")) for i, m in zip(got["ids"], metas, strict=True)}


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
