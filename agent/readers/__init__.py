"""Readers: the `read` step of a turn (what is this candidate message?).

`OfflineReader` (lexicon + embeddings, deterministic) lives in agent.readers.offline; the LLM
reader in agent.readers.llm. Imported lazily so light modules (spans) stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent.readers.offline import OfflineReader

__all__ = ["OfflineReader"]


def __getattr__(name: str) -> Any:
    if name == "OfflineReader":
        from agent.readers.offline import OfflineReader

        return OfflineReader
    raise AttributeError(name)
