"""How an interview ended, as a recap must tell it: on the clock, and which phases it never
reached; and which signals the candidate showed anywhere (never "missed" in a recap).
"""

from __future__ import annotations

from agent.content.phases import PHASE_ORDER, Phase
from agent.content.rubric import Rubric
from agent.grading.scoring import Evidence
from agent.read.reading import MessageKind
from agent.record.transcript import Transcript

CLOCK_RULES = frozenset({"closed.time_up", "nearly_up"})  # policy rules that end on time


def ended_on_clock(transcript: Transcript) -> bool:
    """The interviewer closed (or jumped to the wrap-up) because time was up or nearly up."""
    state = transcript.state
    if state.total_minutes > 0 and state.elapsed_minutes >= state.total_minutes:
        return True
    return any(
        t.role == "interviewer" and t.move is not None and t.move.rule in CLOCK_RULES
        for t in transcript.turns
    )


def phases_not_reached(
    transcript: Transcript, evidence: list[Evidence], rubric: Rubric
) -> list[Phase]:
    """Phases before the wrap-up the interview never visited and the candidate never spoke to.

    Empty unless the interview ended on the clock: an interview ended by the candidate
    leaves its gaps as gaps.
    """
    if not ended_on_clock(transcript):
        return []
    visited = set(transcript.state.phases_visited) | {t.phase for t in transcript.turns}
    spoken = {rubric.dimension(e.dimension_id).phase for e in evidence}
    return [p for p in PHASE_ORDER if p != Phase.WRAP_UP and p not in visited and p not in spoken]


def signals_said(transcript: Transcript) -> set[str]:
    """Signals the reader found in the candidate's turns during the interview."""
    out: set[str] = set()
    for t in transcript.turns:
        if t.role == "candidate" and t.kind != MessageKind.MANIPULATION:
            out |= set(t.signals)
    return out
