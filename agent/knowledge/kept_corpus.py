"""The in-memory index of the shipped corpus, kept parsed in the data folder.

A process's first search builds `ChunksAtHand`: it parses the corpus files (their front
matter with PyYAML), finds every record's vector among the shipped vectors (a sha256 key per
text) and counts every chunk's words for BM25 (60-100 ms of CPU on the 2-core box, before the
first retrieving answer). What that build gives depends only on the corpus files, the shipped
vectors file and the code that reads them, so it is kept after the first build (the chunks,
each chunk's word counts, the records' ids, metadata and vectors) in
`<data folder>/cache/corpus/<key>.npz`, the key a sha256 of:
- the corpus files' paths and bytes (read each time: a file edited, added or removed is a
  new key);
- the shipped vectors file's sha256 (kept per file version, agent/knowledge/model_files.py);
- the source of the modules that shape the build (chunking, the record recipe and layout,
  BM25's words, this module), so a change of code is a new key, not a stale copy.
It is written on a side thread after the first build, off the first answer's path. A copy is
kept only when every record's vector came from the shipped file (a text embedded by this
process leaves the index to Chroma, as before) and its data reads back equal; a missing,
damaged or unwritable copy only costs the build. A copy is one per corpus and code version
(about 1.8 MB): after writing one, the folder keeps the KEEP copies used last (a copy's
modification time is set when it is read, so checkouts of different versions sharing a data
folder each keep theirs) and drops the older ones, and write leftovers of a process that died
(older than an hour). Reading one gives the same chunks,
word counts and vectors bit for bit (tests/test_kept_corpus.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from agent.knowledge import chunking, lexical, record_layout, record_vectors
from agent.knowledge.chunking import Chunk
from agent.knowledge.embedding import EMBEDDING_ID
from agent.knowledge.exact import ExactIndex
from agent.knowledge.model_files import file_sha256
from agent.knowledge.shipped import ShippedVectors, vectors_path

FORMAT = 1
FOLDER = ("cache", "corpus")
KEEP = 3  # copies kept in a data folder: the ones used last
_LEFTOVER_AGE_S = 3600.0  # a temporary file this old is no write in progress


class Kept:
    """What a build of the index gives: chunks, word counts per chunk, the exact index's rows."""

    def __init__(
        self,
        chunks: list[Chunk],
        counts: dict[str, Counter[str]],
        ids: list[str],
        vectors: np.ndarray,
        metas: list[dict[str, Any]],
    ) -> None:
        """The exact index's rows in `ExactIndex`'s order: ids, vectors, metadata."""
        self.chunks, self.counts = chunks, counts
        self.ids, self.vectors, self.metas = ids, vectors, metas

    def exact(self) -> ExactIndex:
        return ExactIndex(self.ids, self.vectors, self.metas)


def corpus_key(texts: list[tuple[str, bytes]], knowledge_dir: Path) -> str | None:
    """The key of a build over these corpus files (relative path, bytes); None when the
    shipped vectors file or the code cannot be read."""
    digest = hashlib.sha256(f"{FORMAT}\x1e{EMBEDDING_ID}\x1e".encode())
    try:
        digest.update(file_sha256(vectors_path(knowledge_dir)).encode())
        for module in (chunking, lexical, record_layout, record_vectors):
            digest.update(b"\x1e" + Path(str(module.__file__)).read_bytes())
        digest.update(b"\x1e" + Path(__file__).read_bytes())
    except OSError:
        return None
    for name, raw in texts:
        digest.update(b"\x1d" + name.encode("utf-8") + b"\x1f" + raw)
    return digest.hexdigest()


def kept_path(data_dir: Path, key: str) -> Path:
    return data_dir.joinpath(*FOLDER) / f"{key}.npz"


def all_shipped(chunks: list[Chunk], shipped: ShippedVectors) -> bool:
    """Whether every record's text has its vector in the shipped file."""
    return all(
        shipped.get(t) is not None for c in chunks for t in (c.indexed_text(), c.title, *c.asks)
    )


def _payload(kept: Kept) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "chunks": [c.model_dump(mode="json") for c in kept.chunks],
        "counts": [list(kept.counts[c.id].items()) for c in kept.chunks],
        "ids": kept.ids,
        "metas": kept.metas,
    }


def _from_payload(data: dict[str, Any], vectors: np.ndarray) -> Kept:
    if data.get("format") != FORMAT:
        raise ValueError("another format")
    chunks = [Chunk.model_validate(c) for c in data["chunks"]]
    counts = {c.id: Counter(dict(pairs)) for c, pairs in zip(chunks, data["counts"], strict=True)}
    ids, metas = list(data["ids"]), [dict(m) for m in data["metas"]]
    if vectors.shape[0] != len(ids) or len(metas) != len(ids):
        raise ValueError("rows do not match")
    return Kept(chunks, counts, ids, vectors, metas)


def read_kept(path: Path) -> Kept | None:
    """The kept build at `path`, or None when there is none or it cannot be read."""
    try:
        with np.load(path, allow_pickle=False) as data:
            payload = json.loads(bytes(data["meta"]).decode("utf-8"))
            vectors = np.array(data["vectors"], dtype=np.float32)
        kept = _from_payload(payload, vectors)
    except Exception:  # a missing or damaged copy only costs the build
        return None
    with contextlib.suppress(OSError):  # used now: `prune` drops the copies used least lately
        os.utime(path)
    return kept


def prune(folder: Path, written: str, keep: int = KEEP) -> None:
    """Drop all but the `keep` copies used or written last (the one just `written` among
    them), and write leftovers older than an hour; a file that cannot be listed or removed is
    left (it only costs disk)."""
    with contextlib.suppress(OSError):
        copies, now = [], time.time()
        for entry in os.scandir(folder):
            if not entry.name.endswith(".npz") or not entry.is_file(follow_symlinks=False):
                continue
            modified = entry.stat(follow_symlinks=False).st_mtime
            if entry.name == written:
                continue
            if not entry.name.endswith(".tmp.npz"):
                copies.append((modified, entry.name))
            elif now - modified > _LEFTOVER_AGE_S:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        copies.sort(reverse=True)
        for _, name in copies[keep - 1 :]:
            with contextlib.suppress(OSError):
                (folder / name).unlink()


_pending: list[threading.Thread] = []
_pending_lock = threading.Lock()


def keep_later(path: Path, kept: Kept) -> None:
    """Keep the build on a side thread, off the first answer's path (writing it costs about as
    much CPU as the build saves). Not a daemon: a process waits for the write at exit, and
    what it writes is renamed into place only when complete."""
    thread = threading.Thread(target=keep, args=(path, kept), name="corpus-keep", daemon=False)
    with _pending_lock:
        _pending[:] = [t for t in _pending if t.is_alive()]
        _pending.append(thread)
    thread.start()


def wait_kept() -> None:
    """Wait for the builds being kept (tests and benches read the folder after)."""
    with _pending_lock:
        pending = list(_pending)
    for thread in pending:
        thread.join()


def keep(path: Path, kept: Kept) -> None:
    """Write the build, if its data reads back equal; a failure to write is ignored."""
    if kept.vectors.dtype != np.float32:  # kept only where reading back gives the same bits
        return
    with contextlib.suppress(TypeError, ValueError, OSError):
        payload = _payload(kept)
        text = json.dumps(payload, ensure_ascii=False)
        back = _from_payload(json.loads(text), kept.vectors)
        if (
            back.chunks != kept.chunks
            or back.counts != kept.counts
            or any(list(back.counts[i]) != list(kept.counts[i]) for i in kept.counts)
            or back.metas != kept.metas
            or back.ids != kept.ids
        ):
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npz")
        meta = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
        np.savez(tmp, meta=meta, vectors=kept.vectors)
        os.replace(tmp, path)
        prune(path.parent, path.name)
