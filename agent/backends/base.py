"""A backend bundles the two swappable steps of a turn (read, speak) and the grader.

`decide`, `ground` and `record` are shared by every backend and live elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from agent.grading.base import Grader
from agent.read.reading import Reader
from agent.speak.base import Voice


@dataclass
class Backend:
    name: str  # "offline" | "openai"
    model: str | None
    reader: Reader
    voice: Voice
    grader: Grader
    # What stands in for this backend's read and speak steps when they fail: a model
    # backend declares its offline twin; the offline backend has none (its failure is a bug).
    fallback: Callable[[], Backend] | None = None
