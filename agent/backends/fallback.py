"""A backend's read and speak steps with the stand-in the backend declares for them."""

from __future__ import annotations

from collections.abc import Callable

from agent.backends.base import Backend
from agent.read.reading import ReadContext, Reading, WaitingReader
from agent.record.turns import note
from agent.speak.base import SpeakContext, Utterance


class ModelSteps:
    """The backend's read and speak steps. When a step fails and the backend declared a
    fallback (a model backend declares its offline twin), the fallback stands in for that
    step and the turn records why; with no fallback declared the failure is raised."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._stand_in: Backend | None = None

    def _fallback(self, error: Exception) -> Backend:
        if self.backend.fallback is None:
            raise error
        if self._stand_in is None:
            self._stand_in = self.backend.fallback()
        return self._stand_in

    def read(
        self,
        text: str,
        context: ReadContext,
        while_waiting: Callable[[Reading], None] | None = None,
    ) -> Reading:
        """The reading. A reader that waits on a model (an LLM reader) hands the offline
        reading to `while_waiting` while it waits; other readers never call it."""
        reader = self.backend.reader
        try:
            if while_waiting is not None and isinstance(reader, WaitingReader):
                return reader.read(text, context, while_waiting=while_waiting)
            return reader.read(text, context)
        except Exception as error:
            reading = self._fallback(error).reader.read(text, context)
            return reading.model_copy(update={"fallback": note(f"reader failed: {error}")})

    def speak(self, context: SpeakContext) -> Utterance:
        try:
            return self.backend.voice.speak(context)
        except Exception as error:
            utterance = self._fallback(error).voice.speak(context)
            utterance.meta.fallback = note(f"voice failed: {error}")
            return utterance
