"""The knowledge store's error, in a module light enough to import on every turn.

The ground step catches StoreUnavailable on turns that retrieve nothing too; keeping it out
of agent.knowledge.chroma means such a turn never pays for importing chromadb.
"""

from __future__ import annotations


class StoreUnavailable(RuntimeError):
    """The retrieval store cannot be reached or opened (one-line, user-facing message)."""


__all__ = ["StoreUnavailable"]
