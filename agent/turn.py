"""Pieces of one turn that are not the conversation's flow: the turn records written to the
transcript, and grounding that keeps going when the knowledge store is down."""

from __future__ import annotations

import time
from collections.abc import Callable

from agent.backends import Backend
from agent.grounding import Grounding, Retriever, ground
from agent.interview_content import InterviewContent
from agent.moves import Move, MoveKind
from agent.phases import Phase
from agent.problems import ProblemCard
from agent.reading import ReadContext, Reading
from agent.transcript import Turn
from agent.voice.base import SpeakContext, SpeechMeta, Utterance

# After the store fails, turns go on without guidance for this long before trying it again.
STORE_RETRY_SECONDS = 60.0
MAX_NOTE_CHARS = 300

_GROUNDED = {MoveKind.PROBE, MoveKind.HINT, MoveKind.STEER, MoveKind.ADVANCE}


def note(*parts: str | None) -> str | None:
    """Join annotation notes ("fallback" reasons), capped so an error cannot bloat a file."""
    text = "; ".join(p for p in parts if p)
    return text[:MAX_NOTE_CHARS] or None


def candidate_turn(text: str, reading: Reading, phase: Phase, minutes: float) -> Turn:
    return Turn(
        role="candidate",
        text=text,
        phase=phase,
        elapsed_minutes=minutes,
        kind=str(reading.kind),
        signals=list(reading.signals),
        misconceptions=list(reading.misconceptions),
        backend=reading.source,
        fallback=note(reading.fallback),
        prompt_tokens=reading.prompt_tokens,
        completion_tokens=reading.completion_tokens,
    )


def unread_candidate_turn(text: str, phase: Phase, minutes: float, error: Exception) -> Turn:
    """What the candidate typed when the reader crashed on it: kept, marked unread."""
    return Turn(
        role="candidate",
        text=text,
        phase=phase,
        elapsed_minutes=minutes,
        fallback=note(f"not read: {error}"),
    )


def interviewer_turn(
    move: Move,
    grounding: Grounding,
    meta: SpeechMeta,
    text: str,
    *,
    minutes: float,
    latency_ms: float,
    extra_note: str | None = None,
) -> Turn:
    return Turn(
        role="interviewer",
        text=text,
        phase=move.phase,
        elapsed_minutes=minutes,
        move=move,
        retrieved=grounding.chunk_ids,
        backend=meta.backend,
        fallback=note(meta.fallback, extra_note),
        latency_ms=round(latency_ms, 3),
        prompt_tokens=meta.prompt_tokens,
        completion_tokens=meta.completion_tokens,
        tokens_estimated=meta.tokens_estimated,
    )


class Guidance:
    """The ground step over a store that may fail: without it, a turn goes on ungrounded
    (and says why in its annotations); a failed store is left alone for a while."""

    def __init__(self, store: Retriever | None, opener) -> None:
        self._store = store
        self._opener = opener  # opens the store on first need (it may be slow)
        self._down_until = 0.0

    @property
    def store(self) -> Retriever:
        if self._store is None:
            self._store = self._opener()
        return self._store

    def prepare(self) -> list[str]:
        """Open and index the store now (not in the middle of the first answer); returns
        notes worth showing, including why the interview will run without guidance."""
        from agent.knowledge.chroma import StoreUnavailable

        try:
            store = self.store
            ensure = getattr(store, "ensure_index", None)
            if ensure is None:
                return []
            notes = []
            count = getattr(store, "count", None)
            if count is not None and count() == 0:
                notes.append("built the knowledge index (first run only)")
            return [*ensure().notes, *notes]
        except StoreUnavailable as error:
            self._down_until = time.monotonic() + STORE_RETRY_SECONDS
            return [f"no guidance this time: {error}"]

    def ground(
        self,
        move: Move,
        reading: Reading,
        card: ProblemCard,
        text: str,
        content: InterviewContent,
    ) -> tuple[Grounding, str | None]:
        """The move's grounding, and a note when guidance could not be retrieved."""
        from agent.knowledge.chroma import StoreUnavailable

        if move.kind not in _GROUNDED:
            return ground(move, reading, card, None, text), None
        if time.monotonic() < self._down_until:
            problem = "no guidance: the knowledge store failed a moment ago; not retried yet"
            return ground(move, reading, card, None, text), problem
        try:
            grounding = ground(
                move, reading, card, self.store, text, rubric=content.rubric, plan=content.plan
            )
        except StoreUnavailable as error:
            self._down_until = time.monotonic() + STORE_RETRY_SECONDS
            return ground(move, reading, card, None, text), note(f"no guidance: {error}")
        return grounding, None


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
