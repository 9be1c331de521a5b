"""Shared retrieval-store fixtures: one indexed copy of the real corpus per test process.

Embedding the whole corpus takes seconds, so the store over knowledge/ is built once per
process (in a temp dir) and reused by every test that only reads from it. Tests that
change content work on a small copy of two real files instead.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from agent.knowledge.chunking import parse_file
from agent.knowledge.store import KnowledgeStore
from agent.settings import Settings

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
DATA = Path(__file__).resolve().parents[1] / "data"
# Two real files: enough for updates, removals and filters, cheap to embed.
SMALL_CORPUS = ("guidance/data.md", "cheatsheets/imbalance.md")

_lock = threading.Lock()
_shared: KnowledgeStore | None = None


def store_settings(data_dir: Path, knowledge_dir: Path = KNOWLEDGE, **extra: object) -> Settings:
    return Settings(data_dir=data_dir, knowledge_dir=knowledge_dir, chroma_host=None, **extra)


def shared_store() -> KnowledgeStore:
    """The real corpus, indexed once per process; read-only for tests."""
    global _shared
    with _lock:
        if _shared is None:
            tmp = Path(tempfile.mkdtemp(prefix="mlsd-shared-store-"))
            atexit.register(shutil.rmtree, tmp, True)
            store = KnowledgeStore.open(store_settings(tmp))
            store.ensure_index()
            _shared = store
        return _shared


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    end = flat.find(". ")
    return flat if end < 0 else flat[: end + 1]


def small_knowledge(dest: Path) -> Path:
    """A knowledge/ dir with SMALL_CORPUS cut down to one sentence per section; returns it.

    Same files, headings, topics and asks as the real ones, but short texts embed in a blink.
    """
    for rel in SMALL_CORPUS:
        original = (KNOWLEDGE / rel).read_text(encoding="utf-8")
        front = original[: original.index("\n---", 3) + 5]
        parts = [front, f"# {rel}\n"]
        for chunk in parse_file(KNOWLEDGE / rel, KNOWLEDGE):
            topics = ", ".join(chunk.topics)
            asks = " | ".join(chunk.asks)
            parts.append(f"## {chunk.title}\n<!-- topics: {topics} -->\n<!-- asks: {asks} -->\n")
            parts.append(_first_sentence(chunk.text) + "\n")
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(parts), encoding="utf-8")
    return dest


def searches_at_once(store: KnowledgeStore, n: int, query: str, k: int = 3) -> list[list[str]]:
    """The hit ids of `n` searches started together on threads (a barrier lines them up);
    an error in any of them is raised here."""
    results: list[list[str]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def search() -> None:
        try:
            start.wait()
            results.append([h.id for h in store.search(query, k=k)])
        except BaseException as e:  # collected and re-raised in the calling thread
            errors.append(e)

    threads = [threading.Thread(target=search) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def refuse_chroma_default_embedding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chroma's default embedding downloads a model; the store must never reach for it."""
    from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("chroma's default embedding function was invoked")

    for name in ("__call__", "_download", "_download_model_if_not_exists"):
        monkeypatch.setattr(ONNXMiniLM_L6_V2, name, refuse)
