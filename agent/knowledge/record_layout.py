"""How a chunk is laid out as records of the collection: ids and metadata.

Each chunk is one record (kind "chunk") keeping its content hash in metadata, plus one
record per `asks` phrasing (kind "ask", id `<chunk id>::ask<N>`, metadata `parent` and the
chunk's phase/topic keys so the same filters apply). Chroma metadata values are scalars, so
topics are both a "|"-joined string and one boolean key each.
"""

from __future__ import annotations

from typing import Any

from agent.content.phases import Phase
from agent.knowledge.chunking import Chunk

TOPIC_KEY = "topic_"  # one boolean metadata key per topic: chroma metadata values are scalars
NO_PHASE = "any"
KIND_CHUNK, KIND_ASK = "chunk", "ask"
ASK_SEPARATOR = "::ask"


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
