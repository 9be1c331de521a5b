"""A backend bundles the two swappable steps of a turn (read, speak) and the grader.

`decide`, `ground` and `record` are shared by every backend and live elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent.grading.base import Grader
from agent.read.reading import Reader
from agent.settings import Settings, get_settings
from agent.speak.base import Voice


@dataclass
class Backend:
    name: str  # "offline" | "openai"
    model: str | None
    reader: Reader
    voice: Voice
    grader: Grader


BACKEND_NAMES: tuple[str, ...] = ("offline", "openai")


def make_backend(name: str, settings: Settings | None = None) -> Backend:
    """The reader, voice and grader for `name`; ValueError for a name that does not exist."""
    settings = settings or get_settings()
    if name == "offline":
        from agent.grading.offline import OfflineGrader
        from agent.read.offline import OfflineReader
        from agent.speak.offline import OfflineVoice

        return Backend(
            name="offline",
            model=None,
            reader=OfflineReader(),
            voice=OfflineVoice(settings=settings),
            grader=OfflineGrader(),
        )
    if name == "openai":
        from agent.backends.openai import make_openai_backend

        return make_openai_backend(settings, offline=make_backend("offline", settings))
    raise ValueError(f"unknown backend {name!r}; choose one of {', '.join(BACKEND_NAMES)}")
