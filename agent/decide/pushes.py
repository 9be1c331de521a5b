"""A follow-up on the candidate's own words: the claim it quotes back, in the phase the
candidate is talking about, or, with no signal left to push on, the statement of a substantive
answer most worth it. The rules in agent/decide/rules.py call it wherever they push."""

from __future__ import annotations

from agent.content.phases import Phase, next_phase
from agent.decide import budget, coverage
from agent.decide.moves import Move, MoveKind
from agent.decide.situation import THREAD_SIGNALS, Situation
from agent.read.reading import MessageKind

# An answer from this many words carries a design decision worth a push on its own words.
FOCUS_MIN_WORDS = 25
# An answer to the interviewer's own question is followed up from this many words: what the
# candidate answered is not dropped for a stock question about something else.
ANSWER_FOCUS_MIN_WORDS = 8


def push_on_what_was_said(s: Situation, why: str = "") -> Move | None:
    """A follow-up on the candidate's own words (the quote it pushes on is the anchor)."""
    found = s.touched()
    if found is None:
        return _push_on_focus(s, why)
    touched, quote = found
    where = _candidates_phase(s, touched)
    long = budget.concise_note_due(s.state)
    return s.move(
        MoveKind.PROBE,
        f"{why}push on what the candidate said about {touched}"
        + (f"; the interview goes with them to {where}" if where != s.phase else "")
        + ("; long answers in a row: ask to lead with the decision" if long else ""),
        target=touched,
        rule=f"touched.{budget.CONCISE}" if long else "touched",
        anchor=quote,
        phase=where,
    )


def _push_on_focus(s: Situation, why: str) -> Move | None:
    """No signal left to push on, but a substantive answer: a follow-up on the statement
    the reader found most worth it (its depth), not a stock question about something else."""
    focus = s.reading.focus
    if s.reading.kind != MessageKind.ANSWER or not focus:
        return None
    least = ANSWER_FOCUS_MIN_WORDS if s.answers_question else FOCUS_MIN_WORDS
    if s.reading.word_count < least:
        return None
    return s.move(
        MoveKind.PROBE, f"{why}push on the candidate's own words", anchor=focus, rule="focus"
    )


def _candidates_phase(s: Situation, touched: str) -> Phase:
    """The phase a follow-up on the candidate's words happens in: the design phase the
    message is about, once the requirements were heard or the order was steered (the
    candidate leads the order), else the current one."""
    talked = coverage.dominant_phase(s.reading, s.rubric, at_least=1)
    if talked is None or talked == s.phase or s.phase == Phase.WRAP_UP:
        return s.phase
    if not (coverage.requirements_heard(s.state, s.rubric) or s.state.order_steered):
        return s.phase
    try:
        own = s.rubric.dimension_of_signal(touched).phase
    except KeyError:
        return s.phase
    if own != talked or not _topic_of_last_messages(s, talked):
        return s.phase
    return talked


def _topic_of_last_messages(s: Situation, phase: Phase) -> bool:
    """The candidate's last messages are on the design, not one word of it: this message
    holds THREAD_SIGNALS signals of design phases, or their previous answer was on this
    phase too (one signal read in an answer about something else does not move the
    interview to deployment)."""
    design = [p for p in map(lambda sid: _phase_of(s, sid), s.reading.signals) if _designs(p)]
    if len(design) >= THREAD_SIGNALS or phase == next_phase(s.phase):
        return True  # design talk, or the next part in order (not a jump)
    return any(_phase_of(s, sid) == phase for sid in s.state.earlier_answer_signals)


def _designs(phase: Phase | None) -> bool:
    return phase is not None and phase not in (Phase.CLARIFY, Phase.WRAP_UP)


def _phase_of(s: Situation, signal: str) -> Phase | None:
    try:
        return s.rubric.dimension_of_signal(signal).phase
    except KeyError:
        return None


def deeper(s: Situation) -> Move | None:
    """Time left and nothing that moves the interview on: a push on what the candidate just
    said (a signal's quote, or the statement worth it), else the most important gap of the
    part of the design the candidate is on (not a pull back to an earlier part: "can we move
    on? monitoring is left" is not answered with offline metrics), else the most important
    signal still missing from a phase that was skipped or cut short ("revisit"). None when
    nothing is left anywhere."""
    left = f"{s.state.minutes_left:.0f} min left"
    pushed = push_on_what_was_said(s, f"{left}: ")
    if pushed is not None:
        return pushed
    if s.phase not in (Phase.CLARIFY, Phase.WRAP_UP):
        gap = s.probe_missing(f"{left}: before wrapping up, {{target}} in {s.phase}", "gap")
        if gap is not None:
            return gap
    target = coverage.revisit_target(s.state, s.rubric, s.card.not_applicable)
    rule = "revisit"
    if target is None:
        # every question was answered, but some answers gave nothing the reader credits:
        # with time left, coming back to one of those beats closing early
        uncredited = s.state.model_copy(update={"asks_answered": []})
        target = coverage.revisit_target(uncredited, s.rubric, s.card.not_applicable)
        rule = "answered.revisit"
    if target is None:
        return None
    return s.move(
        MoveKind.PROBE,
        f"{left}: before wrapping up, come back to {target}",
        target=target,
        rule=rule,
    )


def elsewhere(s: Situation) -> Move | None:
    """A request to move on with nothing left ahead and too early to close: the most
    important signal still missing from a part of the design the interview has not been in
    (one the candidate covered in passing), never one of the part they are leaving, of a
    part they named as done or of one that already had its turn (not back unless they ask).
    None when nothing is left there."""
    leaving = {s.phase, *s.reading.parts_done, *s.state.phases_visited}
    skip = set(s.card.not_applicable)
    skip |= {sig.id for part in leaving for sig in coverage.phase_signals(s.rubric, part)}
    target = coverage.revisit_target(s.state, s.rubric, skip)
    if target is None:
        return None
    left = f"{s.state.minutes_left:.0f} min left"
    return s.move(
        MoveKind.PROBE,
        f"{left}: the candidate asked to move on from {s.phase}; come back to {target}",
        target=target,
        rule="leaving.revisit",
    )
