"""What the interviewer decides to do next: the output of the `decide` step."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from agent.content.phases import Phase
from agent.read.numbers import NumberConflict


class MoveKind(StrEnum):
    OPEN = "open"  # the bare problem statement
    ANSWER_CLARIFICATION = "answer_clarification"  # answer from the card's facts only
    ANSWER_META = "answer_meta"  # time left, current phase, repeat the question
    PROBE = "probe"  # follow up on something the candidate said, grounded in guidance
    STEER = "steer"  # back to a skipped phase, off a rabbit hole, on topic, challenge a claim
    DECLINE = "decline"  # refuse a manipulation attempt, then carry on
    HINT = "hint"  # a nudge when the candidate is stuck or asks
    ADVANCE = "advance"  # move to the next phase
    WRAP_UP = "wrap_up"  # end the interview; the recap follows


class SteerKind(StrEnum):
    SKIPPED_PHASE = "skipped_phase"  # jumped ahead (e.g. straight to the model)
    OVERRUN = "overrun"  # too long in one phase / a rabbit hole
    OFF_TOPIC = "off_topic"
    WRONG_CLAIM = "wrong_claim"  # a misconception to challenge
    SILENT = "silent"  # empty or gibberish


# the rule of a wrong-claim steer answering a defence of a claim already challenged: the
# correction is said plainly, once (agent/decide/challenges.py)
DEFENDED = "defended"
# the rule variant of an early "I'm done" (not a request to stop) answered with the time left
# and a question instead of the wrap-up (agent/decide/rules.py); said once per interview
DEFERRED = "deferred"


class PartState(StrEnum):
    ANSWERED = "answered"  # its pieces are said now
    OPEN = "open"  # the card does not cover it: named, with "state an assumption"
    TOLD = "told"  # everything it asks was said earlier (beside new answers): said again
    # its fact was given earlier, but the part asks past what was said (it is not near the
    # piece): pointed back to by the fact's subject and the rest left to an assumption, never
    # the same card sentence read out again as its answer
    BEYOND = "beyond"
    # what it asks is said in this same reply, for another part: no line of its own (and
    # never named as open)
    COVERED = "covered"
    HELD = "held"  # past the message's cap: to be asked again when it matters


class PartAnswer(BaseModel):
    """One part of a clarifying question as the answer takes it, in the order asked."""

    text: str  # the part, verbatim
    state: PartState
    pieces: list[str] = Field(default_factory=list)  # said now (answered) or before (told)


class Move(BaseModel):
    kind: MoveKind
    phase: Phase  # the phase the interview is in once this move is made
    reason: str  # why, in one sentence (shown in replay)
    target: str | None = None  # signal id, fact topic, misconception id, or phase
    # a signal target's part of the design (its rubric dimension's phase; None for the
    # signals of no single part): what a reply to a question on it talks about
    target_phase: Phase | None = None
    steer: SteerKind | None = None
    fact_topics: list[str] = Field(default_factory=list)  # for answer_clarification
    # of those facts, the pieces said ("<topic>#<n>"); a fact with none listed is said whole
    fact_pieces: list[str] = Field(default_factory=list)
    # answer_clarification of a question read part by part: each part and what it gets, in
    # the order asked (empty: the answer goes by fact_topics and fact_pieces alone)
    parts: list[PartAnswer] = Field(default_factory=list)
    # steer(skipped_phase): the later phase the candidate jumped to (target is the phase
    # being steered back to)
    skipped_to: Phase | None = None
    # Which policy rule made the move ("off_topic", or "rule.variant" such as
    # "off_topic.firm"); tests and replay key on it, never on the reason's prose. None in
    # transcripts written before moves recorded it.
    rule: str | None = None
    # the part of the design a line that says where we are names, when it is not the phase
    # the interview is in: the one the candidate's last messages are about (a meta answer's
    # "we're on ..."); None: the interview's phase
    named_phase: Phase | None = None
    # the candidate's own words a probe follows up on (verbatim, from their last message)
    anchor: str | None = None
    # advance into a phase the candidate already started: its weightiest signal still
    # missing, which the question asks for (None: the phase's usual opening question)
    gap: str | None = None
    # advance with the phase's usual opening question: the signals it asks for (the phase's
    # asks_for not yet talked about), recorded as asked so the next turn does not ask again
    asks: list[str] = Field(default_factory=list)
    # a probe on a figure that contradicts the card: what was said and what was given
    number: NumberConflict | None = None
    # further contradicted figures of the same message, pointed out together with `number`
    more_numbers: list[NumberConflict] = Field(default_factory=list)
    # figures an answer corrected as assumptions (NumberConflict.key): said
    # once, like a figure queried
    numbers_answered: list[str] = Field(default_factory=list)
    # an answer to a question that also challenges a wrong claim of the same message (or one
    # left open earlier): the misconception id
    claim: str | None = None


# the rule that answers a question about the interview itself (agent/decide/about_interview.py)
META_RULE = "meta"


def moving_on(move: Move) -> bool:
    """A move that answers a request to move on and also carries a wrong figure of that
    message (agent/decide/policy.py): the figure is a note said before the move, which
    still moves on."""
    return move.number is not None and (move.rule or "").startswith(f"{META_RULE}.")


def branch(move: Move | None, variant: str) -> Move | None:
    """A move another rule made, named as a branch of the calling rule ("variant.inner")."""
    if move is None:
        return None
    inner = f"{variant}.{move.rule}" if move.rule else variant
    return move.model_copy(update={"rule": inner})
