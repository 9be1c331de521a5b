"""State transitions: what one candidate turn and one interviewer move change.

A turn runs  state = apply_reading(state, reading, minutes)
             move  = policy.decide(state, reading, ...)
             state = apply_move(state, move)
Both functions are pure: they return a new InterviewState and never touch their inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from agent.content.phases import Phase
from agent.content.problems import piece_id_all, piece_topic
from agent.decide.budget import CONCISE, LONG_ANSWER_WORDS, wanders
from agent.decide.coverage import jumped_to
from agent.decide.moves import DEFENDED, DEFERRED, Move, MoveKind, SteerKind
from agent.decide.state import InterviewState
from agent.read.numbers import NumberConflict
from agent.read.reading import MessageKind, Reading

# How many of the most recent moves the state remembers.
LAST_MOVES_KEPT = 12

# Messages whose rubric signals do not count: they are not the candidate's design.
_NO_SIGNALS = frozenset({MessageKind.MANIPULATION, MessageKind.OFF_TOPIC, MessageKind.EMPTY})


T = TypeVar("T")


def _extend_unique(items: Sequence[T], new: Sequence[T]) -> list[T]:
    return list(dict.fromkeys([*items, *new]))


def _without(quotes: dict[str, str], claim: str) -> dict[str, str]:
    return {c: q for c, q in quotes.items() if c != claim}


def _number_threads(state: InterviewState, reading: Reading) -> list[NumberConflict]:
    """Open figure threads: the message's figures that contradict ones the interviewer
    gave, unless that card figure was already corrected or one of its kind is open."""
    open_ = list(state.numbers_open)
    for found in reading.number_conflicts:
        if not found.told or found.key in state.numbers_raised:
            continue
        if all(c.kind_key != found.kind_key for c in open_):
            open_.append(found)
    return open_


def _figures_said(state: InterviewState, reading: Reading) -> list[NumberConflict]:
    """The figures said so far that contradicted the card, one per card figure and figure."""
    seen = {(c.key, c.said) for c in state.numbers_said}
    fresh = [c for c in reading.number_conflicts if (c.key, c.said) not in seen]
    return [*state.numbers_said, *fresh]


def _replies_to(state: InterviewState, reading: Reading) -> bool:
    """Whether an answer after the interviewer's question (`last_asked`) is its reply: one
    about that signal, or one the reader places in no other part of the design than the
    question's (a terse note, a formula, a bare "nightly, offline" credits nothing and is
    about what was asked). One that says it is elsewhere ("Monitoring: ...") or whose every
    signal belongs to other parts talks about something else, and answers nothing asked."""
    if state.last_asked in (*reading.signals, *reading.signals_mentioned):
        return True
    part = state.last_asked_phase or state.phase
    if reading.parts_named:  # where the candidate says they are, whatever is credited
        return part in reading.parts_named
    return not reading.phases or part in reading.phases


def apply_reading(state: InterviewState, reading: Reading, minutes: float) -> InterviewState:
    """Record a candidate turn. `minutes` is the interview clock (minutes since the start)
    when the turn was made; the clock never runs backwards."""
    kind = reading.kind
    now = max(state.elapsed_minutes, minutes)
    elsewhere = bool(reading.phases) and state.phase not in reading.phases
    long = kind == MessageKind.ANSWER and reading.word_count >= LONG_ANSWER_WORDS
    update: dict[str, object] = {
        "elapsed_minutes": now,
        # the time this message took counts against the phase it was about
        "minutes_elsewhere": state.minutes_elsewhere
        + (now - state.elapsed_minutes if elsewhere and kind not in _NO_SIGNALS else 0.0),
        "candidate_turns": state.candidate_turns + 1,
        "turns_in_phase": state.turns_in_phase + 1,
        "off_topic_streak": state.off_topic_streak + 1 if kind == MessageKind.OFF_TOPIC else 0,
        "long_answers": state.long_answers + 1 if long else 0,
        "long_wandering": long and (state.long_wandering or wanders(reading)),
        "empty_streak": state.empty_streak + 1 if kind == MessageKind.EMPTY else 0,
        "skip_attempts": state.skip_attempts + int(jumped_to(state.phase, reading) is not None),
        "manipulation_attempts": state.manipulation_attempts
        + int(kind == MessageKind.MANIPULATION),
        "signals_seen": list(state.signals_seen),
        "fact_topics_asked": list(state.fact_topics_asked),
    }
    if kind not in _NO_SIGNALS:
        update["signals_seen"] = _extend_unique(state.signals_seen, reading.signals)
        update["signals_mentioned"] = _extend_unique(
            state.signals_mentioned, [*reading.signals, *reading.signals_mentioned]
        )
        fresh = [m for m in reading.misconceptions if m not in state.challenged]
        # a claim left open that this message puts right is closed, unless it states it anew
        kept = [c for c in state.claims_open if c not in reading.repairs or c in fresh]
        claims_open = _extend_unique(kept, fresh)
        update["claims_open"] = claims_open
        quotes = {c: reading.claim_quotes[c] for c in fresh if c in reading.claim_quotes}
        merged = {**quotes, **state.claim_quotes}  # the first statement stays
        update["claim_quotes"] = {c: q for c, q in merged.items() if c in claims_open}
        update["numbers_open"] = _number_threads(state, reading)
        update["numbers_said"] = _figures_said(state, reading)
        update["requirements_stated"] = _extend_unique(
            state.requirements_stated, reading.requirements
        )
        update["figures_derived"] = _extend_unique(state.figures_derived, reading.figures_derived)
        if reading.announced:  # the candidate's latest plan is the one followed
            update["announced_order"] = list(reading.announced)
    elif kind == MessageKind.OFF_TOPIC:
        # a message read as off topic that still talks about parts of the design ("not my
        # strong side, but I'd check the predictions and the features don't drift") is not
        # credited as shown, but what it talks about is said: not asked for again as if
        # never heard
        update["signals_mentioned"] = _extend_unique(
            state.signals_mentioned, [*reading.signals, *reading.signals_mentioned]
        )
    if kind == MessageKind.ANSWER and state.last_asked and _replies_to(state, reading):
        # the answer to the interviewer's question is about what it asked, whatever the
        # reader credits: asking for it again later asks for what was given
        update["asks_answered"] = _extend_unique(state.asks_answered, [state.last_asked])
    if kind == MessageKind.ANSWER and reading.signals:
        update["last_answer_signals"] = list(reading.signals)
        update["earlier_answer_signals"] = list(state.last_answer_signals)
    if kind == MessageKind.CLARIFYING_QUESTION:
        update["fact_topics_asked"] = _extend_unique(state.fact_topics_asked, reading.fact_topics)
    return _copy(state, update)


def _phase_change(state: InterviewState, new_phase: Phase) -> dict[str, object]:
    """Close the current phase's clock and open the new one's."""
    spent = dict(state.minutes_per_phase)
    spent[state.phase] = spent.get(state.phase, 0.0) + state.minutes_in_phase
    update: dict[str, object] = {
        "minutes_per_phase": spent,
        "phase_started_minute": state.elapsed_minutes,
        "minutes_elsewhere": 0.0,
    }
    if new_phase != state.phase:
        update |= {
            "phase": new_phase,
            "turns_in_phase": 0,
            "hints_in_phase": 0,
            "steers_in_phase": 0,
            "probes_in_phase": 0,
            "overrun_warned": False,
            "phases_visited": _extend_unique(state.phases_visited, [new_phase]),
        }
    return update


def _move_effects(state: InterviewState, move: Move) -> dict[str, object]:
    """What the move itself records, apart from any phase change."""
    update: dict[str, object] = {}
    told = [move.number, *move.more_numbers] if move.number is not None else []
    update["numbers_just_raised"] = [*(c.key for c in told), *move.numbers_answered]
    if move.kind in (MoveKind.PROBE, MoveKind.HINT) and move.target:
        update["probed_targets"] = _extend_unique(state.probed_targets, [move.target])
    if move.kind == MoveKind.PROBE:
        update["probes_in_phase"] = state.probes_in_phase + 1
    if move.gap or move.asks:
        asked = [move.gap] if move.gap else []
        update["asked_for"] = _extend_unique(state.asked_for, [*asked, *move.asks])
    if move.kind == MoveKind.ANSWER_CLARIFICATION and move.anchor and move.target:
        # a short answer followed by a push on the candidate's words is a follow-up too
        update["probed_targets"] = _extend_unique(state.probed_targets, [move.target])
        update["probes_in_phase"] = state.probes_in_phase + 1
    if move.kind == MoveKind.ANSWER_CLARIFICATION and move.fact_topics:
        update["fact_topics_given"] = _extend_unique(state.fact_topics_given, move.fact_topics)
        update["fact_pieces_given"] = _extend_unique(state.fact_pieces_given, _said_pieces(move))
    if move.kind == MoveKind.HINT:
        update["hints_given"] = state.hints_given + 1
        update["hints_in_phase"] = state.hints_in_phase + 1
    if move.kind == MoveKind.STEER:
        update["steers_in_phase"] = state.steers_in_phase + 1
        if move.steer == SteerKind.SKIPPED_PHASE:
            update["order_steered"] = True
        if move.steer == SteerKind.WRONG_CLAIM and move.target:
            update["challenged"] = _extend_unique(state.challenged, [move.target])
            if (move.rule or "").endswith(DEFENDED):
                update["claims_pressed"] = _extend_unique(state.claims_pressed, [move.target])
            update["claims_open"] = [c for c in state.claims_open if c != move.target]
            update["claim_quotes"] = _without(state.claim_quotes, move.target)
    if move.claim:  # an answer that also challenged a claim
        update["challenged"] = _extend_unique(state.challenged, [move.claim])
        update["claims_open"] = [c for c in state.claims_open if c != move.claim]
        update["claim_quotes"] = _without(state.claim_quotes, move.claim)
    if move.number is not None:
        told = [move.number, *move.more_numbers]
        keys = [c.key for c in told]
        update["numbers_raised"] = _extend_unique(state.numbers_raised, keys)
        update["numbers_open"] = [c for c in state.numbers_open if c.key not in keys]
        again = [c.restatement for c in told if c.again]
        if again:
            update["numbers_restated"] = _extend_unique(state.numbers_restated, again)
    if move.numbers_answered:
        raised = update.get("numbers_raised", state.numbers_raised)
        assert isinstance(raised, list)
        update["numbers_raised"] = _extend_unique(raised, move.numbers_answered)
        update["numbers_open"] = [
            c for c in state.numbers_open if c.key not in move.numbers_answered
        ]
    if move.steer == SteerKind.OVERRUN:
        update["overrun_warned"] = True
    if (move.rule or "").endswith(CONCISE):
        update["concise_asked"] = True
    if (move.rule or "").startswith(f"end_request.{DEFERRED}"):
        update["end_deferred"] = True
    return update


# Moves that leave the interviewer's pending question as it was (an answer about the
# interview itself, a refusal): a request for help after them is still about that question.
_KEEPS_QUESTION = frozenset({MoveKind.ANSWER_META, MoveKind.DECLINE})


def _asked_about(move: Move) -> str | None:
    """The signal a move's question is about: a probe's or hint's target, the gap asked on
    entering a phase, the signal a push inside an answer follows up on; None otherwise."""
    if move.kind in (MoveKind.PROBE, MoveKind.HINT):
        return move.target
    if move.kind == MoveKind.ADVANCE:
        opening = move.asks[0] if move.asks else None
        return move.gap or (move.target if move.anchor else opening)
    if move.kind == MoveKind.ANSWER_CLARIFICATION and move.anchor:
        return move.target
    return None


def _said_pieces(move: Move) -> list[str]:
    """The pieces an answer said: those it lists, and "<topic>#*" for a fact it said whole
    (InterviewState.pieces_told reads them against the card)."""
    listed = {piece_topic(p) for p in move.fact_pieces}
    whole = [piece_id_all(t) for t in move.fact_topics if t not in listed]
    return [*move.fact_pieces, *whole]


def apply_move(state: InterviewState, move: Move) -> InterviewState:
    """Record an interviewer move: phase changes, what was followed up on, hints, steers,
    challenged claims, and the end of the interview on WRAP_UP."""
    if state.finished:
        return state.model_copy(deep=True)
    update = _move_effects(state, move)
    if move.kind not in _KEEPS_QUESTION:
        update["last_asked"] = _asked_about(move)
        update["last_asked_phase"] = move.target_phase if move.kind != MoveKind.ADVANCE else None
    update["last_moves"] = [*state.last_moves, move.kind][-LAST_MOVES_KEPT:]
    if move.phase != state.phase or move.kind == MoveKind.WRAP_UP:
        update |= _phase_change(state, move.phase)
    if move.kind == MoveKind.ADVANCE and move.anchor and move.target:
        # going with the candidate to a later phase is itself a follow-up on their words
        update["probed_targets"] = _extend_unique(state.probed_targets, [move.target])
        update["probes_in_phase"] = 1
    if move.kind == MoveKind.WRAP_UP:
        update["finished"] = True
    return _copy(state, update)


def _copy(state: InterviewState, update: dict[str, object]) -> InterviewState:
    """A new state with `update` applied; list and dict fields are fresh copies."""
    fresh = state.model_copy(deep=True)
    return fresh.model_copy(update=update)
