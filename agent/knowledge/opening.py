"""A local store's first searches, answered in memory while Chroma opens on a side thread.

Importing chromadb and opening and syncing the collection costs a fresh process a second or
more. When every chunk on disk has its vectors at hand (the shipped corpus), the chunks and
the exact index of their records are what the collection holds once synced, so searching
them in memory gives the same results: the store does that until Chroma is ready, and
Chroma opens meanwhile on a side thread (started once the first search is answered, so
that search does not share the interpreter with importing chromadb). Content whose
vectors only Chroma holds (added since the shipped vectors were built, embedded by an
earlier process) is not at hand: such a store waits for Chroma, as before.

An opening that fails is never silent: it is logged, and the next search raises it (as a
first search would have raised it before), after which searches open the store as before.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from agent.knowledge.at_hand import ChunksAtHand

log = logging.getLogger("agent.knowledge")


class Opening:
    """The chunks searched in memory before Chroma is ready, and the thread opening it."""

    def __init__(self, knowledge_dir: Path, open_chroma: Callable[[], None]) -> None:
        self.knowledge_dir = knowledge_dir
        self._open_chroma = open_chroma  # opens and syncs Chroma (raises on failure)
        self._lock = threading.Lock()
        self._at_hand: ChunksAtHand | None = None
        self._read = False  # whether the chunks at hand were looked for
        self._thread: threading.Thread | None = None
        self._failure: Exception | None = None

    def at_hand(self, chroma_ready: Callable[[], bool]) -> ChunksAtHand | None:
        """The chunks to search in memory (starting Chroma's opening on first use); None once
        Chroma is ready or when some vector is not at hand. Raises a failed opening once."""
        with self._lock:
            failure, self._failure = self._failure, None
            if chroma_ready():  # opened since (by `ensure_index`, say): nothing to report
                return None
            if failure is not None:
                self._at_hand = None  # from now on searches go to Chroma, as before
                raise failure
            if not self._read:
                self._read = True
                self._at_hand = ChunksAtHand.read(self.knowledge_dir)
            return self._at_hand

    def begin(self) -> None:
        """Start opening Chroma on the side thread (once; after a search answered in memory,
        so that search does not share the interpreter with chromadb's import)."""
        with self._lock:
            if self._thread is None and self._at_hand is not None:
                self._thread = threading.Thread(
                    target=self._open, name="knowledge-store-open", daemon=False
                )
                self._thread.start()

    def _open(self) -> None:
        try:
            self._open_chroma()
        except Exception as e:  # for the next search to raise, as a first search would have
            log.warning("%s (searches answered in memory until now)", e)
            with self._lock:
                self._failure = e

    def wait(self, timeout: float | None = None) -> None:
        """Wait for an opening in progress (if any)."""
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def reset(self) -> None:
        """Forget what was read and any failure (after the store was closed)."""
        self.wait()
        with self._lock:
            self._at_hand, self._read, self._failure, self._thread = None, False, None, None
