"""A local store's searches over chunks whose vectors are all at hand, without Chroma.

Importing chromadb and opening and syncing the collection costs a fresh process a second or
more of CPU. When every chunk on disk has its vectors at hand (the shipped corpus: its
vectors ship with it), the chunks and the exact index of their records are what the local
collection holds once synced, so searching them in memory gives the same results
(tests/test_store_in_memory.py compares them on every labelled query): the store then
answers every search that way and never imports chromadb for it. Chroma is opened when
something needs it: content whose vectors only Chroma holds (added since the shipped
vectors were built and embedded by an earlier process), a malformed knowledge file (the
store then serves what Chroma last indexed), a server store, or an explicit index
(`ensure_index`: `mlsd index`, the app's warm-up), after which searches go to Chroma.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from agent.knowledge.at_hand import ChunksAtHand


class InMemory:
    """The chunks at hand of a knowledge folder, read once on first use."""

    def __init__(self, knowledge_dir: Path, data_dir: Path | None = None) -> None:
        """`data_dir`: where the build is kept for later processes (kept_corpus.py)."""
        self.knowledge_dir = knowledge_dir
        self.data_dir = data_dir
        self._lock = threading.Lock()
        self._at_hand: ChunksAtHand | None = None
        self._read = False  # whether the chunks at hand were looked for

    def at_hand(self, chroma_ready: Callable[[], bool]) -> ChunksAtHand | None:
        """The chunks to search in memory; None once Chroma is open (searches then go to it)
        or when some text's vector is not at hand or a file is malformed (Chroma needed)."""
        with self._lock:
            if chroma_ready():
                return None
            if not self._read:
                self._read = True
                self._at_hand = ChunksAtHand.read(self.knowledge_dir, self.data_dir)
            return self._at_hand

    def reset(self) -> None:
        """Forget what was read (after the store was closed)."""
        with self._lock:
            self._at_hand, self._read = None, False
