"""The knowledge store's connection to Chroma: one client and collection per location.

A local store opens an on-disk client once and keeps it; a server store drops its client
after a failure and connects again on the next use (the server may come back). Every
failure comes out as StoreUnavailable, worded for where the store is. chromadb is imported
on the first connection, not with this module: a search answered in memory never needs it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from agent.knowledge.errors import StoreUnavailable
from agent.knowledge.location import Mode, server_address
from agent.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection


class StoreConnection:
    def __init__(self, settings: Settings, lock: threading.RLock) -> None:
        self.settings = settings
        self.mode: Mode = "server" if settings.chroma_host else "persistent"
        self.notes: list[str] = []  # what opening the store had to do (kept for the report)
        self._lock = lock  # the store's own lock: connecting and writing are serialised
        self._client: ClientAPI | None = None
        self._col: Collection | None = None

    @property
    def location(self) -> str:
        if self.mode == "server":
            return server_address(self.settings)
        return str(self.settings.store_dir)

    def collection(self, rebuild: bool = False) -> Collection:
        with self._lock:
            if self._col is not None and not rebuild:
                return self._col
            try:
                from agent.knowledge import chroma  # imports chromadb (0.5-2 s cold)

                if self._client is None:
                    self._client = (
                        chroma.open_server(self.settings)
                        if self.mode == "server"
                        else chroma.open_persistent(self.settings.store_dir, self.notes)
                    )
                self._col = chroma.open_collection(self._client, self.notes, rebuild=rebuild)
            except StoreUnavailable:
                self.forget()
                raise
            except Exception as e:
                raise self.unavailable(e) from e
            return self._col

    def forget(self) -> None:
        """Drop the collection (and a server's client): the next use connects again."""
        self._col = None
        if self.mode == "server":
            self._client = None

    def unavailable(self, e: Exception) -> StoreUnavailable:
        """The error to raise for a failure of the store (the connection is dropped)."""
        self.forget()
        if self.mode == "server":
            from agent.knowledge import chroma

            return StoreUnavailable(chroma.unreachable_message(self.settings, e))
        return StoreUnavailable(f"the knowledge store at {self.location} failed: {e}")

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                from agent.knowledge import chroma

                chroma.close_client(self._client)
            self._client, self._col = None, None
