"""A backend bundles the two swappable steps of a turn (read, speak) and the grader.

`decide`, `ground` and `record` are shared by every backend and live elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent.grading.base import Grader
from agent.reading import Reader
from agent.voice.base import Voice


@dataclass
class Backend:
    name: str  # "offline" | "openai"
    model: str | None
    reader: Reader
    voice: Voice
    grader: Grader
