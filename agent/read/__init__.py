"""The `read` step of a turn: what is this candidate message?

`OfflineReader` (lexicon + embeddings, deterministic) lives in agent.read.offline; the LLM
reader in agent.read.llm. Imported lazily so light modules stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent.read.offline import OfflineReader

__all__ = ["OfflineReader"]


def __getattr__(name: str) -> Any:
    if name == "OfflineReader":
        from agent.read.offline import OfflineReader

        return OfflineReader
    raise AttributeError(name)
