"""mlsd-interviewer: a mock interviewer for ML system design interviews.

    from agent import Interview, KnowledgeStore, grade

The names are imported lazily, so `import agent` stays cheap (no chromadb, no models).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "Interview": "agent.interview",
    "KnowledgeStore": "agent.knowledge.store",
    "grade": "agent.grading",
}

if TYPE_CHECKING:
    from agent.grading import grade
    from agent.interview import Interview
    from agent.knowledge.store import KnowledgeStore

__all__ = ["Interview", "KnowledgeStore", "__version__", "grade"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'agent' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
