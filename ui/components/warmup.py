"""Getting the guidance index and the embedding model ready when the app starts.

Done once per server process, on the first page view, with visible progress, so that a
candidate's first answer is not the moment the index (hundreds of vectors) gets built and
the model gets loaded. A store that cannot be prepared only costs guidance: the interview
still runs, and the page says so.
"""

from __future__ import annotations

import threading
import time

import streamlit as st

from agent.settings import Settings

_lock = threading.Lock()
_done: list[str] | None = None  # the notes of the one preparation this process made


def ready() -> bool:
    return _done is not None


def prepare(settings: Settings) -> list[str]:
    """Index the guidance and load the embedder (once per process); returns notes."""
    global _done
    with _lock:
        if _done is not None:
            return _done
        # imported here, under the progress box: Chroma alone takes about a second to import
        from agent.knowledge.embedding import get_embedder
        from agent.knowledge.store import KnowledgeStore

        notes: list[str] = []
        try:
            store = KnowledgeStore.open(settings)
            notes.extend(store.ensure_index().notes)
            get_embedder().embed(["warm up"])  # the model loads now, not on the first answer
        except Exception as e:  # StoreUnavailable or a broken model: runs without guidance
            notes.append(f"guidance unavailable, interviews run without it: {e}")
        _done = notes
        return notes


def render(settings: Settings) -> None:
    """On the first page view of this process: prepare, with a visible progress box."""
    if ready():
        return
    started = time.perf_counter()
    with st.status("Preparing the interviewer…", expanded=True) as box:
        st.write("Indexing the guidance (slow only the first time) and loading the model…")
        notes = prepare(settings)
        for n in notes:
            st.write(n)
        box.update(
            label=f"Interviewer ready ({time.perf_counter() - started:.1f} s)",
            state="error" if any("unavailable" in n for n in notes) else "complete",
            expanded=False,
        )
