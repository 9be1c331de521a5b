"""Turn records: what one candidate message or interviewer move leaves in the transcript."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide.moves import Move
from agent.ground.grounding import Grounding
from agent.read.reading import Reading
from agent.record.transcript import Turn
from agent.speak.base import SpeechMeta

MAX_NOTE_CHARS = 300


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
