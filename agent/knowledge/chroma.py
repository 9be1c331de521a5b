"""Connecting to Chroma: an on-disk store by default, a `chroma run` server when configured.

Telemetry is always off and no collection ever carries Chroma's default embedding function
(which would download a model): embeddings are computed by agent.knowledge.embedding and
passed explicitly. A local store that cannot be read is wiped and rebuilt with a message;
an unreachable server raises StoreUnavailable with a one-line explanation.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import shutil
from pathlib import Path
from typing import Any

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.collection_configuration import CreateCollectionConfiguration
from chromadb.api.models.Collection import Collection
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings

from agent.knowledge.chunking import CHUNKER_VERSION
from agent.knowledge.embedding import EMBEDDING_ID
from agent.knowledge.errors import StoreUnavailable
from agent.knowledge.location import server_address
from agent.knowledge.record_vectors import VECTOR_RECIPE
from agent.settings import Settings

log = logging.getLogger("agent.knowledge")

# Bump when the record layout (ids, metadata keys) changes.
STORE_FORMAT = "2"  # 2: one record per chunk `ask` beside each chunk (kind, parent)
COLLECTION_PREFIX = "mlsd-knowledge-"


def _cosine() -> CreateCollectionConfiguration:
    return {"hnsw": {"space": "cosine"}}  # a fresh dict: chroma may add keys to it


def close_client(client: object) -> None:
    """Release a Chroma client where the installed version can (best effort)."""
    close = getattr(client, "close", None)
    if callable(close):
        with contextlib.suppress(Exception):
            close()


def collection_name() -> str:
    recipe = f"{EMBEDDING_ID}|{CHUNKER_VERSION}|{VECTOR_RECIPE}"
    key = hashlib.sha256(recipe.encode()).hexdigest()[:10]
    return f"{COLLECTION_PREFIX}v{STORE_FORMAT}-{key}"


def collection_metadata() -> dict[str, Any]:
    return {
        "embedding": EMBEDDING_ID,
        "chunker": CHUNKER_VERSION,
        "vectors": VECTOR_RECIPE,
        "format": STORE_FORMAT,
    }


def _chroma_settings() -> ChromaSettings:
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def open_server(settings: Settings) -> ClientAPI:
    try:
        return chromadb.HttpClient(
            host=str(settings.chroma_host), port=settings.chroma_port, settings=_chroma_settings()
        )
    except Exception as e:
        raise StoreUnavailable(unreachable_message(settings, e)) from e


def unreachable_message(settings: Settings, e: BaseException) -> str:
    return (
        f"cannot reach the Chroma server at {server_address(settings)} ({_one_line(e)}); "
        "start it with `chroma run` or unset MLSD_CHROMA_HOST to use the local store"
    )


def _wipe(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _forget_system(path: Path) -> None:
    """Drop chroma's per-process cached system for `path`.

    A PersistentClient whose start-up failed leaves a half-started system in chroma's
    cache, and every later client for the same path would reuse it.
    """
    key = str(path)
    with contextlib.suppress(Exception):
        system = SharedSystemClient._identifier_to_system.pop(key, None)
        SharedSystemClient._identifier_to_refcount.pop(key, None)
        if system is not None:
            system.stop()


def _probe(client: ClientAPI) -> None:
    """Read enough to prove the store is sound (the sqlite file and our collection)."""
    for col in client.list_collections():
        if col.name.startswith(COLLECTION_PREFIX):
            c = client.get_collection(col.name, embedding_function=None)
            c.count()
            c.get(limit=1, include=["metadatas"])


def open_persistent(path: Path, notes: list[str]) -> ClientAPI:
    """Open (creating if needed) the on-disk store; wipe and rebuild it if it is unreadable."""
    path = path.expanduser().resolve()
    client: ClientAPI | None = None
    try:
        if path.exists() and not path.is_dir():
            raise NotADirectoryError(f"{path} is a file, not a store directory")
        path.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
        _probe(client)
        return client
    except Exception as e:
        note = f"the knowledge store at {path} was unreadable ({_one_line(e)}); rebuilt it"
        log.warning(note)
        notes.append(note)
        if client is not None:
            close_client(client)  # best effort before wiping
        _forget_system(path)
    try:
        _wipe(path)
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except Exception as e:
        raise StoreUnavailable(
            f"cannot create the knowledge store at {path}: {_one_line(e)}"
        ) from e


def open_collection(client: ClientAPI, notes: list[str], rebuild: bool = False) -> Collection:
    """Our versioned collection; older versions are dropped (with a note)."""
    name = collection_name()
    for col in client.list_collections():
        stale = col.name.startswith(COLLECTION_PREFIX) and col.name != name
        if stale or (rebuild and col.name == name):
            client.delete_collection(col.name)
            if stale:
                note = f"dropped {col.name} (older store version); rebuilding as {name}"
                log.warning(note)
                notes.append(note)
    col = client.get_or_create_collection(
        name, configuration=_cosine(), metadata=collection_metadata(), embedding_function=None
    )
    meta = col.metadata or {}
    if any(meta.get(k) != v for k, v in collection_metadata().items()):
        client.delete_collection(name)  # same name, foreign content: start over
        note = f"{name} held records from another embedding or chunker; rebuilt it"
        log.warning(note)
        notes.append(note)
        col = client.create_collection(
            name, configuration=_cosine(), metadata=collection_metadata(), embedding_function=None
        )
    return col
