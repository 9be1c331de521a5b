"""A model backend's read and speak steps with their declared offline stand-in."""

from __future__ import annotations

from collections.abc import Callable

from agent.backends.registry import Backend
from agent.read.reading import ReadContext, Reading
from agent.record.turns import note
from agent.speak.base import SpeakContext, Utterance


class ModelSteps:
    """The backend's read and speak steps; when a model backend fails, the offline backend
    stands in for that step and the turn records why. An offline failure is a bug: raised."""

    def __init__(self, backend: Backend, offline: Callable[[], Backend]) -> None:
        self.backend = backend
        self._make_offline = offline
        self._offline: Backend | None = None

    def _stand_in(self) -> Backend:
        if self._offline is None:
            self._offline = self._make_offline()
        return self._offline

    def read(self, text: str, context: ReadContext) -> Reading:
        try:
            return self.backend.reader.read(text, context)
        except Exception as error:
            if self.backend.name == "offline":
                raise
            reading = self._stand_in().reader.read(text, context)
            return reading.model_copy(update={"fallback": note(f"reader failed: {error}")})

    def speak(self, context: SpeakContext) -> Utterance:
        try:
            return self.backend.voice.speak(context)
        except Exception as error:
            if self.backend.name == "offline":
                raise
            utterance = self._stand_in().voice.speak(context)
            utterance.meta.fallback = note(f"voice failed: {error}")
            return utterance
