"""Time and turn budgets: when a phase has run long and when the interview must close.

Phase minutes in knowledge/phases.yaml are scaled to the interview's own length, so a
30-minute interview gets proportionally shorter phases than the 45-minute default.
"""

from __future__ import annotations

from agent.content.phases import PHASE_ORDER, Phase, PhasePlan, PhaseSpec, phase_index
from agent.decide.state import InterviewState
from agent.read.reading import Reading

# A phase overruns once its minutes exceed its budget by this factor...
OVERRUN_FACTOR = 1.5
# ...or by this tighter factor when the phase started later than planned (catching up).
BEHIND_SCHEDULE_FACTOR = 1.0
# Below this many minutes left, the interviewer moves to the wrap-up.
WRAP_UP_MINUTES = 3.0
# No wrap-up before this share of the interview's minutes unless asked or nearly out of time.
WRAP_UP_NOT_BEFORE = 35 / 45
# Two answers in a row at least this long, one of them wandering (fillers, hedges and
# asides at WANDERING_FILLERS or more per hundred words), get the interview's one note to
# lead with the decision and its main reason. Length alone is not rambling: a structured,
# on-pace senior writes long answers dense with decisions. In the dev script batches, of
# answers of 110+ words, 0.61 of the rambling persona's reach the filler bar and 0.06 of
# everyone else's; over 30 scripts per persona, two such answers in a row come in 26 rambling
# interviews, 5 strong-senior ones and no other persona's.
LONG_ANSWER_WORDS = 110
LONG_ANSWERS_BEFORE_NOTE = 2
WANDERING_FILLERS = 0.4
CONCISE = "concise"  # the rule suffix of the follow-up that carries that note


def wanders(reading: Reading) -> bool:
    """A long answer with little design in it for its length: the kind a note helps."""
    return reading.word_count >= LONG_ANSWER_WORDS and reading.filler_rate >= WANDERING_FILLERS


def concise_note_due(state: InterviewState) -> bool:
    return (
        state.long_answers >= LONG_ANSWERS_BEFORE_NOTE
        and state.long_wandering
        and not state.concise_asked
    )


def phase_budget_minutes(spec: PhaseSpec, plan: PhasePlan, state: InterviewState) -> float:
    """The phase's planned minutes, scaled to the interview's total length."""
    planned = plan.total_minutes
    scale = state.total_minutes / planned if planned > 0 else 1.0
    return spec.minutes * scale


def planned_start(phase: Phase, plan: PhasePlan, state: InterviewState) -> float:
    """The minute the phase would start if every earlier phase kept to its budget."""
    earlier = PHASE_ORDER[: phase_index(phase)]
    return sum(phase_budget_minutes(plan.spec(p), plan, state) for p in earlier)


def behind_schedule(state: InterviewState, plan: PhasePlan) -> bool:
    """The current phase started later than planned, so it has no slack to give."""
    return state.phase_started_minute > planned_start(state.phase, plan, state) + 1e-9


# The clock paces the interview; turns only stop a phase of very many short messages, at
# this multiple of the phase's planned turns.
TURN_CAP_FACTOR = 2


def over_turns(state: InterviewState, spec: PhaseSpec) -> bool:
    cap = spec.max_turns if spec.id == Phase.WRAP_UP else spec.max_turns * TURN_CAP_FACTOR
    return state.turns_in_phase >= cap


def over_minutes(state: InterviewState, spec: PhaseSpec, plan: PhasePlan) -> bool:
    """Well over the phase's minutes (those spent on it, not on other phases' ground while
    it was the current one), and the clock says the interview as a whole is behind
    (it is past the minute the next phase was planned to start): time is only called short
    when it is."""
    factor = BEHIND_SCHEDULE_FACTOR if behind_schedule(state, plan) else OVERRUN_FACTOR
    if state.minutes_on_phase <= phase_budget_minutes(spec, plan, state) * factor:
        return False
    planned_end = planned_start(spec.id, plan, state) + phase_budget_minutes(spec, plan, state)
    return state.elapsed_minutes > planned_end


def budget_used(state: InterviewState, spec: PhaseSpec, plan: PhasePlan) -> bool:
    """The phase has had its planned minutes (not yet an overrun)."""
    return state.minutes_in_phase >= phase_budget_minutes(spec, plan, state)


def is_overrun(state: InterviewState, spec: PhaseSpec, plan: PhasePlan) -> bool:
    """The current phase is (well) over its minutes, or has had very many turns."""
    return over_turns(state, spec) or over_minutes(state, spec, plan)


def time_exhausted(state: InterviewState) -> bool:
    return state.minutes_left <= 0


def time_nearly_up(state: InterviewState) -> bool:
    return state.minutes_left < WRAP_UP_MINUTES


def too_early_to_close(state: InterviewState) -> bool:
    """Before WRAP_UP_NOT_BEFORE of the interview's minutes: the interviewer does not close."""
    return state.elapsed_minutes < WRAP_UP_NOT_BEFORE * state.total_minutes
