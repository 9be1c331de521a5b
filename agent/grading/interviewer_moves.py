"""What the interviewer's recorded moves tell the grader: hints per dimension, steers.

A hint lowers the dimension it targeted by at most one level. Steers back to the template
(skipped phase, overrun, off topic) are counted for the record but cost nothing: communication
is judged on the candidate's own answers. A challenged wrong claim is a content matter and is
graded through misconceptions instead; the statement each challenge quoted is kept, so the
recap never cites the very sentence the interviewer challenged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agent.content.phases import PHASE_ORDER
from agent.content.rubric import Rubric
from agent.decide.moves import MoveKind, SteerKind
from agent.grading.scoring import COMMUNICATION_ID
from agent.record.transcript import Transcript

STRUCTURE_STEERS = {SteerKind.SKIPPED_PHASE, SteerKind.OVERRUN, SteerKind.OFF_TOPIC}


@dataclass
class InterviewerMoves:
    hints: dict[str, list[int]] = field(default_factory=dict)  # dimension -> hint turn indexes
    hint_count: int = 0
    steers: int = 0  # structure steers only
    # (misconception id, the candidate's statement the challenge quoted), in order
    challenged: list[tuple[str, str]] = field(default_factory=list)


def hint_dimensions(target: str | None, phase: str, rubric: Rubric) -> list[str]:
    """The dimensions a hint targeted: its signal's, a named dimension, or its phase's."""
    if target:
        try:
            return [rubric.dimension_of_signal(target).id]
        except KeyError:
            pass
        if any(d.id == target for d in rubric.dimensions):
            return [target]
        phase = target if target in {p.value for p in PHASE_ORDER} else phase
    return [d.id for d in rubric.dimensions if d.phase == phase and d.id != COMMUNICATION_ID]


def interviewer_moves(transcript: Transcript, rubric: Rubric) -> InterviewerMoves:
    out = InterviewerMoves()
    for i, turn in enumerate(transcript.turns):
        move = turn.move
        if turn.role != "interviewer" or move is None:
            continue
        if move.kind == MoveKind.STEER and move.steer in STRUCTURE_STEERS:
            out.steers += 1
        if move.steer == SteerKind.WRONG_CLAIM and move.target and move.anchor:
            out.challenged.append((move.target, move.anchor))
        if move.kind != MoveKind.HINT:
            continue
        out.hint_count += 1
        for dim_id in hint_dimensions(move.target, move.phase, rubric):
            out.hints.setdefault(dim_id, []).append(i)
    return out
