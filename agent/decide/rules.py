"""The policy's rules, one function each: a Situation in, a Move (or None: not my case) out.

Their order, and the table that documents it, live in agent/decide/policy.py. The rule for
a covered phase, and where the candidate leads the interview, live in
agent/decide/leading.py. The rules that
answer what the candidate asked live in agent/decide/answers.py (a question about the
problem), agent/decide/about_interview.py (about the interview: time, "can we move on?") and
agent/decide/hints.py (a hint), and those that challenge what the candidate said (wrong
claims, contradicted figures) in agent/decide/challenges.py.
"""

from __future__ import annotations

from agent.content.phases import Phase, phase_index
from agent.decide import budget, coverage, pushes
from agent.decide.about_interview import meta  # the rule that answers about the interview
from agent.decide.answers import (  # the rule that answers a question about the problem
    FOLLOW_SIGNALS,
    clarifying,
)
from agent.decide.leading import where_they_are, with_candidate
from agent.decide.moves import DEFERRED, Move, MoveKind, SteerKind, branch
from agent.decide.pushes import push_on_what_was_said
from agent.decide.situation import RECAP_SIGNAL, Situation
from agent.read.reading import MessageKind, MetaTopic

# Consecutive silent/gibberish turns (within the phase) before a hint, and before moving on.
SILENT_HINT_AT = 2
SILENT_MOVE_ON_AT = 3
# Consecutive off-topic turns from which the steer gets firmer.
FIRM_OFF_TOPIC_AT = 2
# What DECLINE names when the reader could not say what was asked for.
HIDDEN_CONTENT = "hidden_content"


def closed(s: Situation) -> Move | None:
    if s.state.finished:
        return s.wrap_up("the interview is already over", "finished")
    if budget.time_exhausted(s.state):
        return s.wrap_up(f"time is up: all {s.state.total_minutes:g} minutes used", "time_up")
    return None


def manipulation(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.MANIPULATION:
        return None
    asked = s.reading.focus or next(iter(s.reading.fact_topics), None) or HIDDEN_CONTENT
    # back to the part of the design the message itself is about, when it talks about one:
    # not the part a counter left the interview in
    parts = [p for p in s.reading.phases if p not in (Phase.CLARIFY, Phase.WRAP_UP)]
    named = parts[0] if len(parts) == 1 and parts[0] != s.phase else None
    return s.move(
        MoveKind.DECLINE,
        f"candidate asked for something the interviewer keeps hidden ({asked}); decline",
        target=asked,
        named_phase=named,
    )


def end_request(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.END_REQUEST:
        return None
    early = budget.too_early_to_close(s.state)
    if early and s.phase != Phase.WRAP_UP and not (s.reading.asks_to_stop or s.state.end_deferred):
        # "Done." with most of the time left says the design is done, not the interview:
        # once, the time left goes to what they said or a part covered thinly
        deeper = pushes.deeper(s)
        if deeper is not None:
            inner = f"{DEFERRED}.{deeper.rule}" if deeper.rule else DEFERRED
            return deeper.model_copy(update={"rule": inner})
    if phase_index(s.phase) < phase_index(Phase.DEPLOYMENT):
        left = f"{s.state.minutes_left:.0f} min left"
        return s.wrap_up(f"candidate asked to end early, during {s.phase} with {left}", "early")
    return s.wrap_up("candidate asked to end the interview")


def wrap_up_phase(s: Situation) -> Move | None:
    if s.phase != Phase.WRAP_UP:
        return None
    if s.state.turns_in_phase < s.spec.max_turns:
        if s.reading.kind == MessageKind.CLARIFYING_QUESTION:
            return _variant(clarifying(s), "clarifying")
        if s.reading.kind == MessageKind.META and s.reading.meta != MetaTopic.NEXT:
            return _variant(meta(s), "meta")
    return s.wrap_up("candidate gave their closing summary; end the interview")


def nearly_up(s: Situation) -> Move | None:
    if not budget.time_nearly_up(s.state):
        return None
    left = s.state.minutes_left
    reason = f"only {left:.1f} min left: skip to the wrap-up and ask for a recap"
    return s.go_to(Phase.WRAP_UP, reason)


def overrun_told(s: Situation) -> Move | None:
    if s.state.overrun_warned and s.overrun:
        return s.advance(f"time: {s.phase} ran over budget and the candidate was told; move on")
    return None


def silent(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.EMPTY:
        return None
    streak = min(s.state.empty_streak, s.state.turns_in_phase)
    if streak >= SILENT_MOVE_ON_AT:
        return s.advance(f"no answer {streak} times in a row; suggest moving on", "move_on")
    if streak >= SILENT_HINT_AT:
        target = coverage.hint_target(s.state, s.rubric, s.card.not_applicable)
        return s.move(
            MoveKind.HINT,
            f"no answer twice in a row; offer a hint toward {target or s.phase}",
            target=target,
            rule="hint",
        )
    return s.steer(SteerKind.SILENT, "empty or unclear answer; gently re-ask")


def off_topic(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.OFF_TOPIC:
        return None
    streak = s.state.off_topic_streak
    back = s.thread()  # the steer names it (its target); the interview's phase stays
    if streak >= FIRM_OFF_TOPIC_AT:
        return s.steer(
            SteerKind.OFF_TOPIC,
            f"off topic {streak} times in a row; firmly back to {back}",
            back.value,
            rule="firm",
        )
    if coverage.shown_enough(s.state, s.rubric, back):
        # the part they were on is covered already: back to the design, where they lead,
        # not a request for that part's ground again
        return s.steer(
            SteerKind.OFF_TOPIC,
            f"off topic; back to the design ({back} already covered)",
            back.value,
            rule="covered",
        )
    return s.steer(SteerKind.OFF_TOPIC, f"off topic; steer back to {back}", back.value)


def overrun(s: Situation) -> Move | None:
    if not s.overrun:
        return None
    moved_on = coverage.dominant_phase(s.reading, s.rubric, at_least=1)
    if moved_on is not None and phase_index(moved_on) > phase_index(s.phase):
        # the candidate already talks about a later phase: go there, no "running long" note
        reason = f"time: {s.phase} used its budget and the candidate is on {moved_on}"
        # they are there already: a push on their words, not the part's opening question
        # ("how would you evaluate this?" right after their evaluation plan asks for it)
        pushed = push_on_what_was_said(s, f"{reason}; ")
        if pushed is not None:
            return branch(pushed.model_copy(update={"phase": moved_on}), "moved_on")
        return s.go_to(moved_on, reason, "moved_on")
    if s.covered:
        return (
            with_candidate(s)
            or where_they_are(s)
            or s.advance(
                f"time: {s.phase} used its budget and its essentials are covered", "covered"
            )
        )
    if not budget.over_minutes(s.state, s.spec, s.plan):
        # many short turns, but the clock is fine: move on without calling time short
        return (
            with_candidate(s)
            or where_they_are(s)
            or s.advance(f"{s.phase} had {s.state.turns_in_phase} turns; move on", "turns")
        )
    return s.steer(
        SteerKind.OVERRUN,
        f"time: {s.phase} is over budget (missing {s.missing_names()}); ask for the short "
        "version, then move on",
    )


def recap(s: Situation) -> Move | None:
    """A recap of the whole design closes it once the clock allows a close
    (WRAP_UP_NOT_BEFORE): before that, a summary is the candidate taking stock, not asking
    to end (one that asks to end is an end request, rule 3), and the time left goes on."""
    if s.reading.kind != MessageKind.ANSWER or RECAP_SIGNAL not in s.reading.signals:
        return None
    if s.phase == Phase.WRAP_UP or budget.too_early_to_close(s.state):
        return None
    return s.go_to(Phase.WRAP_UP, "candidate recapped the whole design; close with the wrap-up")


def requirements_first(s: Situation) -> Move | None:
    if s.phase != Phase.CLARIFY or s.state.order_steered:
        return None
    ahead = [p for p in s.reading.phases if p not in (Phase.CLARIFY, Phase.WRAP_UP)]
    if s.reading.kind != MessageKind.ANSWER or not ahead:
        return None
    if coverage.requirements_heard(s.state, s.rubric):
        return None
    skipped_to = max(ahead, key=phase_index)
    return s.steer(
        SteerKind.SKIPPED_PHASE,
        f"candidate designs ({skipped_to}) before asking or stating any requirement",
        skipped_to=skipped_to,
    )


def follow(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.ANSWER or s.reading.asks:
        return None  # a question about a later part is not yet a move there
    ahead = coverage.dominant_phase(s.reading, s.rubric, at_least=FOLLOW_SIGNALS)
    if ahead is None or phase_index(ahead) <= phase_index(s.phase) + 1:
        return None
    if not (s.covered or budget.budget_used(s.state, s.spec, s.plan)):
        return None  # this phase first; what they said ahead is credited and probed
    touched = s.touched()
    return Move(
        kind=MoveKind.ADVANCE,
        phase=ahead,
        target=touched[0] if touched else ahead.value,  # the signal pushed on, if there is one
        reason=f"candidate moved on to {ahead}; follow their order",
        anchor=touched[1] if touched else None,
    )


def probe(s: Situation) -> Move:
    pushed = push_on_what_was_said(s)
    if pushed is not None:
        return pushed
    missing = s.probe_missing("follow up on {target}: most important missing signal", "missing")
    if missing is not None:
        return missing
    if coverage.min_turns_met(s.state, s.spec):
        return s.advance(f"nothing left to follow up on in {s.phase}", "exhausted")
    return s.move(
        MoveKind.PROBE, f"open follow-up in {s.phase}; every signal already probed", rule="open"
    )


def _variant(move: Move | None, variant: str) -> Move | None:
    """A move another rule made, named as a branch of the calling rule."""
    return branch(move, variant)
