"""Reading chunks back from a collection: what indexing wrote, as chunks and results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from agent.ground.grounding import RetrievedChunk
from agent.knowledge.chunking import Chunk
from agent.knowledge.record_layout import (
    KIND_CHUNK,
    phase_from_metadata,
    topics_from_metadata,
)

if TYPE_CHECKING:  # only a type here: nothing in this module needs chromadb itself
    from chromadb.api.models.Collection import Collection


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


def to_retrieved(chunk_id: str, text: str, meta: dict[str, Any], score: float) -> RetrievedChunk:
    return RetrievedChunk(
        id=chunk_id,
        source=str(meta.get("source", "")),
        phase=phase_from_metadata(meta),
        topics=topics_from_metadata(meta),
        title=str(meta.get("title", "")),
        text=text,
        score=round(float(score), 6),
    )


def documents_of(col: Collection, ids: list[str]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Text and metadata of the records with these ids that the collection holds."""
    res = col.get(ids=ids, include=["documents", "metadatas"])
    docs, metas = res.get("documents") or [], res.get("metadatas") or []
    return {i: (d or "", dict(m or {})) for i, d, m in zip(res["ids"], docs, metas, strict=True)}


def chunk_count(col: Collection) -> int:
    """Chunks in the collection, not counting their ask records."""
    return len(col.get(where={"kind": KIND_CHUNK}, include=[])["ids"])
