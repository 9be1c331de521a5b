"""Backends by name: `offline` (the default) and `openai` (any OpenAI-compatible server)."""

from __future__ import annotations

from agent.backends.base import Backend
from agent.settings import Settings, get_settings

BACKEND_NAMES: tuple[str, ...] = ("offline", "openai")


def make_backend(name: str, settings: Settings | None = None) -> Backend:
    """The reader, voice and grader for `name`; ValueError for a name that does not exist."""
    settings = settings or get_settings()
    if name == "offline":
        from agent.backends.deferred import DeferredOfflineGrader
        from agent.read.offline import OfflineReader
        from agent.speak.offline import OfflineVoice

        return Backend(
            name="offline",
            model=None,
            reader=OfflineReader(),
            voice=OfflineVoice(settings=settings),
            grader=DeferredOfflineGrader(),  # imported at the first grade, not the first turn
        )
    if name == "openai":
        from agent.backends.openai import make_openai_backend

        offline = make_backend("offline", settings)
        return make_openai_backend(settings, offline=offline)
    raise ValueError(f"unknown backend {name!r}; choose one of {', '.join(BACKEND_NAMES)}")
