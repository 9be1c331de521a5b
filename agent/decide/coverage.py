"""How much of a phase the candidate has shown, and which signal to ask about next.

A phase's signals are the rubric signals of the dimensions whose home phase it is
(`Rubric.signals_for_phase`). Everything here is a pure function of its arguments.
"""

from __future__ import annotations

from collections.abc import Collection

from agent.content.phases import PHASE_ORDER, Phase, PhaseSpec, next_phase, phase_index
from agent.content.rubric import Rubric, Signal
from agent.decide.quotable import decides
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, Reading

# A phase counts as covered once the candidate has spent its minimum turns in it and shown
# either this share of the phase's signal weight or at least this many of its signals.
COVERED_WEIGHT_FRACTION = 0.5
COVERED_SIGNAL_COUNT = 2


def phase_signals(rubric: Rubric, phase: Phase) -> list[Signal]:
    """The phase's signals, most important first (weight, then rubric order)."""
    signals = rubric.signals_for_phase(phase)
    order = {s.id: i for i, s in enumerate(signals)}
    return sorted(signals, key=lambda s: (-s.weight, order[s.id]))


def seen_fraction(state: InterviewState, rubric: Rubric, phase: Phase) -> float:
    """Share of the phase's signal weight the candidate has shown so far (1.0 if none)."""
    signals = phase_signals(rubric, phase)
    total = sum(s.weight for s in signals)
    if total == 0:
        return 1.0
    seen = set(state.signals_seen)
    return sum(s.weight for s in signals if s.id in seen) / total


def min_turns_met(state: InterviewState, spec: PhaseSpec, *, excluding_current: int = 0) -> bool:
    return state.turns_in_phase - excluding_current >= spec.min_turns


def is_covered(state: InterviewState, spec: PhaseSpec, rubric: Rubric) -> bool:
    """The phase's essentials are covered: enough turns and enough of its signals shown."""
    if not min_turns_met(state, spec):
        return False
    return shown_enough(state, rubric, spec.id)


def shown_enough(state: InterviewState, rubric: Rubric, phase: Phase) -> bool:
    """Enough of the phase's signals were shown, wherever in the interview they were said."""
    signals = phase_signals(rubric, phase)
    if not signals:
        return True
    seen = set(state.signals_seen)
    shown = sum(1 for s in signals if s.id in seen)
    return (
        seen_fraction(state, rubric, phase) >= COVERED_WEIGHT_FRACTION
        or shown >= COVERED_SIGNAL_COUNT
    )


def next_uncovered(state: InterviewState, rubric: Rubric, phase: Phase) -> Phase:
    """The phase after this one, passing over later phases the candidate already covered
    earlier in the interview (asking "what features would you use?" after they were listed
    is asking for what was said); the wrap-up when none is left."""
    nxt = next_phase(phase) or Phase.WRAP_UP
    while nxt != Phase.WRAP_UP and shown_enough(state, rubric, nxt):
        nxt = next_phase(nxt) or Phase.WRAP_UP
    return nxt


def missing_signals(
    state: InterviewState, rubric: Rubric, phase: Phase, skip: Collection[str] = ()
) -> list[Signal]:
    """The phase's signals not shown yet, most important first; `skip` are signals the
    problem card marks not applicable (never asked for)."""
    seen = set(state.signals_seen) | set(skip)
    return [s for s in phase_signals(rubric, phase) if s.id not in seen]


def said(state: InterviewState) -> set[str]:
    """Signals the candidate talked about at all, shown or only mentioned, or answered when
    asked about: a question that asks for one of them asks for what was said."""
    return set(state.signals_seen) | set(state.signals_mentioned) | set(state.asks_answered)


def hint_target(state: InterviewState, rubric: Rubric, skip: Collection[str] = ()) -> str | None:
    """The most important missing signal of the current phase; one not yet followed up on
    and not talked about if there is any, so a second hint nudges somewhere new."""
    missing = missing_signals(state, rubric, state.phase, skip)
    asked = set(state.probed_targets) | set(state.asked_for) | said(state)
    fresh = [s for s in missing if s.id not in asked]
    pick = fresh or missing
    return pick[0].id if pick else None


# A substantive answer (at least this many words) whose signals were all followed up on
# before still gets a follow-up on its own words, from a new angle, rather than a stock
# question about something else.
AGAIN_MIN_WORDS = 12


# A signal read at or above this probability is sure enough for an angle that presumes it
# (the voice uses the same bar; on dev sentences 0.92 of signals read at >= 0.9 are right).
SURE_SIGNAL = 0.9


def _sure(reading: Reading, signal: str) -> bool:
    """The reader is sure the message shows this signal (a reader that gives no confidence,
    such as the LLM one, is taken at its word)."""
    return reading.signal_confidence.get(signal, 1.0) >= SURE_SIGNAL


# a quote of at least this many words is a statement worth a follow-up, not a remark
STATEMENT_WORDS = 8
# a quote shorter than this, in a substantive answer, is a passing remark: never pushed on
REMARK_WORDS = 4


def _full_statement(reading: Reading, signal: str) -> bool:
    return len(reading.quotes.get(signal, "").split()) >= STATEMENT_WORDS


def touched_target(
    state: InterviewState,
    reading: Reading,
    rubric: Rubric,
    not_applicable: Collection[str] = (),
    told: str = "",
) -> str | None:
    """The signal of the candidate's last message most worth pushing on: one not followed
    up on yet; else, for a substantive answer, the one followed up on longest ago. Never a
    signal the card rules out (a push on a first stage of a problem with no funnel would
    ask about a design the problem does not have), and never words that make no design
    decision (`decides`: a remark to the interviewer, a bare act of framing, the
    interviewer's own answer said back; `told` is what the interviewer told of the card)."""
    done = state.probed_targets
    home = {s.id for s in rubric.signals_for_phase(state.phase)}
    weight = {s.id: s.weight for d in rubric.dimensions for s in d.signals}
    ruled_out = set(not_applicable)
    shown = [
        sid
        for sid in reading.signals
        if sid in weight
        and sid in reading.quotes
        and sid not in ruled_out
        and decides(sid, reading.quotes[sid], rubric, told)
    ]
    if reading.word_count >= AGAIN_MIN_WORDS:
        # in a substantive answer, a signal shown only in a passing remark ("Millions,
        # okay.") is not what to push on: the statements around it are
        shown = [sid for sid in shown if len(reading.quotes[sid].split()) >= REMARK_WORDS]
    fresh = [sid for sid in shown if sid not in done]
    if fresh:
        # a signal the reader is sure of first: its angle fits the words (see SURE_SIGNAL);
        # then one said in a full statement, not in a passing remark ("Millions, okay.")
        order = reading.signals.index
        return max(
            fresh,
            key=lambda sid: (
                _sure(reading, sid),
                _full_statement(reading, sid),
                sid in home,
                weight[sid],
                -order(sid),
            ),
        )
    if reading.word_count < AGAIN_MIN_WORDS or not shown:
        return None
    return min(shown, key=done.index)


def revisit_target(state: InterviewState, rubric: Rubric, skip: Collection[str] = ()) -> str | None:
    """Before the wrap-up: the most important signal still missing from any design phase
    and not followed up on yet (a phase the candidate skipped or cut short); one never asked
    for before first, so a point is asked for at most twice (a gap question, a revisit)."""
    done = set(state.probed_targets) | set(skip)
    seen = said(state)
    asked = set(state.asked_for)
    best: tuple[bool, float, int, str] | None = None
    for i, phase in enumerate(PHASE_ORDER):
        if phase in (Phase.CLARIFY, Phase.WRAP_UP):
            continue
        for s in phase_signals(rubric, phase):
            if s.id in seen or s.id in done:
                continue
            key = (s.id not in asked, s.weight, -i, s.id)
            if best is None or key > best:
                best = key
    return best[3] if best else None


def essential_target(
    state: InterviewState, rubric: Rubric, skip: Collection[str] = ()
) -> str | None:
    """The most important missing signal not yet followed up on or asked for (for 'can we
    move on?')."""
    done = set(state.probed_targets) | set(state.asked_for) | said(state)
    for s in missing_signals(state, rubric, state.phase, skip):
        if s.id not in done:
            return s.id
    return None


def next_gap(
    state: InterviewState,
    reading: Reading,
    rubric: Rubric,
    spec: PhaseSpec,
    skip: Collection[str] = (),
) -> str | None:
    """On entering a phase the candidate talks about now (or names: "Okay, for serving.")
    or touched earlier: its weightiest signal not shown yet and not asked for before (None
    when the candidate has not started on the phase, which then gets its usual opening
    question)."""
    if spec.id == Phase.WRAP_UP:
        return None
    of_phase = [s for d in rubric.dimensions if d.id in spec.dimensions for s in d.signals]
    seen = set(state.signals_seen) | set(reading.signals)
    started = spec.id in reading.phases or spec.id in reading.parts_named
    # begun in this message or in any earlier one, shown or only talked about (features
    # listed at minute 6 begin the features phase: "what would you compute?" asks again)
    if not started and not (seen | said(state)) & {s.id for s in of_phase}:
        return None  # a phase not started yet
    # never asked for twice, nor off-problem, nor when it was talked about
    gone = seen | said(state) | set(reading.signals_mentioned) | set(skip) | set(state.asked_for)
    gone |= set(state.probed_targets)  # a question put on it, answered or dodged
    open_ = [s for s in of_phase if s.id not in gone]
    return max(open_, key=lambda s: s.weight).id if open_ else None


def jumped_to(phase: Phase, reading: Reading) -> Phase | None:
    """The furthest phase an answer talks about beyond the next one, if any. Talking about
    the next phase is a natural transition; wrap-up does not count."""
    if reading.kind != MessageKind.ANSWER:
        return None
    limit = phase_index(phase) + 1
    ahead = [p for p in reading.phases if p != Phase.WRAP_UP and phase_index(p) > limit]
    return max(ahead, key=phase_index) if ahead else None


def dominant_phase(reading: Reading, rubric: Rubric, at_least: int = 1) -> Phase | None:
    """The design phase most of the message's signals belong to (the later one on a tie),
    if it holds at least `at_least` of them."""
    counts: dict[Phase, int] = {}
    for sid in reading.signals:
        try:
            phase = rubric.dimension_of_signal(sid).phase
        except KeyError:
            continue
        if phase not in (Phase.CLARIFY, Phase.WRAP_UP):
            counts[phase] = counts.get(phase, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda p: (counts[p], phase_index(p)))
    return best if counts[best] >= at_least else None


def requirements_heard(state: InterviewState, rubric: Rubric) -> bool:
    """The candidate has asked about or stated at least one requirement."""
    framing = {s.id for s in rubric.signals_for_phase(Phase.CLARIFY)}
    return bool(state.fact_topics_asked) or any(s in framing for s in state.signals_seen)
