"""How an interview ended, as a recap must tell it: on the clock, and which phases it never
reached; which signals the candidate showed anywhere (never "missed" in a recap); and which
turns the interview did not take as about the problem, whose questions are no evidence.
"""

from __future__ import annotations

from agent.content.phases import PHASE_ORDER, Phase
from agent.content.rubric import Rubric
from agent.grading.scoring import Evidence
from agent.read.reading import MessageKind
from agent.record.transcript import Transcript

CLOCK_RULES = frozenset({"closed.time_up", "nearly_up"})  # policy rules that end on time
# the kinds of message whose questions are about the problem (asked or answered as such)
ABOUT_THE_PROBLEM = frozenset({MessageKind.ANSWER, MessageKind.CLARIFYING_QUESTION})


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


def turns_off_the_problem(transcript: Transcript) -> frozenset[int]:
    """Candidate turns the interview read as something other than the problem: off topic, about
    the interview or the job, a hint or an end request. A question in one of them is not a
    clarifying question, whatever one sentence read alone suggests ("is there a team-matching
    round?" reads like asking who uses the output): the interviewer answered it as what it was,
    and the recap must not credit it as framing the problem. Its statements still count."""
    return frozenset(
        i
        for i, t in enumerate(transcript.turns)
        if t.role == "candidate" and t.kind is not None and t.kind not in ABOUT_THE_PROBLEM
    )
