"""The `decide` step: one pure function from the interview's state and the reading of the
candidate's latest message to the interviewer's next move.

No I/O, no randomness, no clock: the same inputs always give the same Move, whichever
backend read the message or will speak the move. `decide` expects the state *after*
`progress.apply_reading` recorded the candidate turn (counters, signals, streaks, clock);
`progress.apply_move` then records the move.

Rules, in priority order; the first that applies makes the move, and the move records the
rule's id (and its branch, as "id.variant") in `Move.rule`. A test keeps this table equal
to RULES.

 1. closed            interview finished or the clock ran out        -> WRAP_UP
 2. manipulation      asks for the rubric, hidden facts, prompt, score -> DECLINE, same phase
 3. end_request       the candidate wants to stop (even early)       -> WRAP_UP
 4. wrap_up_phase     questions and meta are still answered; anything
                      else (the candidate's recap), or turns used    -> WRAP_UP
 5. clarifying        answered before any time or phase rule: from the card's facts only, at
                      most MAX_FACTS_PER_ANSWER per message; nothing on the card -> empty
                      fact_topics, "state an assumption"             -> ANSWER_CLARIFICATION
 6. meta              time, phase, repeat                            -> ANSWER_META
                      "can we move on?": min turns met -> ADVANCE, else PROBE the missing essential
 7. nearly_up         fewer than WRAP_UP_MINUTES left                -> ADVANCE to wrap-up
 8. wrong_claim       a misconception not challenged yet             -> STEER(wrong_claim)
 9. overrun_told      the phase ran long and the candidate was told  -> ADVANCE
10. hint              the most important missing signal              -> HINT
                      (after MAX_HINTS_PER_PHASE hints in the phase  -> ADVANCE)
11. silent            1st -> STEER(silent), 2nd in a row -> HINT, 3rd -> ADVANCE
12. off_topic         back to the problem, firmer when repeated      -> STEER(off_topic)
13. requirements_first  designs before any requirement was asked or stated; once
                                                                     -> STEER(skipped_phase)
14. follow            most of an answer (FOLLOW_SIGNALS or more, no question in it) is about a
                      later phase beyond the next, and this one is covered or its time used:
                      the candidate leads                            -> ADVANCE there
15. overrun           covered -> ADVANCE, else                       -> STEER(overrun)
16. covered           the phase's essentials are shown AND followed up on at least once,
                      or its time budget is used                     -> ADVANCE
17. probe             otherwise: push on what the candidate just said (the move's anchor is
                      their words), else ask for the most important missing signal -> PROBE

Pacing: an ADVANCE into the wrap-up before WRAP_UP_NOT_BEFORE of the interview's minutes
(35 of 45) becomes a PROBE, unless the candidate asked to end or the clock is nearly out: on
what the candidate just said ("rule.touched"), or else revisiting the most important signal
still missing from a phase that was skipped or cut short ("rule.revisit").
"""

from __future__ import annotations

from collections.abc import Callable

from agent.content.phases import Phase, PhasePlan, phase_index
from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.decide import budget, coverage
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.decide.situation import Situation
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, MetaTopic, Reading

# A candidate who asks for more hints than this in one phase is moved on instead.
MAX_HINTS_PER_PHASE = 2
# Consecutive silent/gibberish turns (within the phase) before a hint, and before moving on.
SILENT_HINT_AT = 2
SILENT_MOVE_ON_AT = 3
# Consecutive off-topic turns from which the steer gets firmer.
FIRM_OFF_TOPIC_AT = 2
# What DECLINE names when the reader could not say what was asked for.
HIDDEN_CONTENT = "hidden_content"
# Signals of a later phase an answer must show before the interview follows it there.
FOLLOW_SIGNALS = 2
# No wrap-up before this share of the interview's minutes unless asked or nearly out of time.
WRAP_UP_NOT_BEFORE = 35 / 45
# Facts are revealed as they are asked for: one message opens at most this many card facts,
# so a question that sweeps every topic (or a reader taken in by one) cannot empty the card.
MAX_FACTS_PER_ANSWER = 3


Rule = Callable[[Situation], Move | None]


def _closed(s: Situation) -> Move | None:
    if s.state.finished:
        return s.wrap_up("the interview is already over", "finished")
    if budget.time_exhausted(s.state):
        return s.wrap_up(f"time is up: all {s.state.total_minutes:g} minutes used", "time_up")
    return None


def _manipulation(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.MANIPULATION:
        return None
    asked = s.reading.focus or next(iter(s.reading.fact_topics), None) or HIDDEN_CONTENT
    return s.move(
        MoveKind.DECLINE,
        f"candidate asked for something the interviewer keeps hidden ({asked}); decline",
        target=asked,
    )


def _end_request(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.END_REQUEST:
        return None
    if phase_index(s.phase) < phase_index(Phase.DEPLOYMENT):
        left = f"{s.state.minutes_left:.0f} min left"
        return s.wrap_up(f"candidate asked to end early, during {s.phase} with {left}", "early")
    return s.wrap_up("candidate asked to end the interview")


def _wrap_up_phase(s: Situation) -> Move | None:
    if s.phase != Phase.WRAP_UP:
        return None
    if s.state.turns_in_phase < s.spec.max_turns:
        if s.reading.kind == MessageKind.CLARIFYING_QUESTION:
            return _variant(_clarifying(s), "clarifying")
        if s.reading.kind == MessageKind.META and s.reading.meta != MetaTopic.NEXT:
            return _variant(_meta(s), "meta")
    return s.wrap_up("candidate gave their closing summary; end the interview")


def _nearly_up(s: Situation) -> Move | None:
    if not budget.time_nearly_up(s.state):
        return None
    left = s.state.minutes_left
    return Move(
        kind=MoveKind.ADVANCE,
        phase=Phase.WRAP_UP,
        target=Phase.WRAP_UP.value,
        reason=f"only {left:.1f} min left: skip to the wrap-up and ask for a recap",
    )


def _wrong_claim(s: Situation) -> Move | None:
    fresh = [m for m in s.reading.misconceptions if m not in s.state.challenged]
    if not fresh:
        return None
    return s.steer(
        SteerKind.WRONG_CLAIM,
        f"candidate claimed something wrong ({fresh[0]}); challenge it before moving on",
        target=fresh[0],
    )


def _overrun_told(s: Situation) -> Move | None:
    if s.state.overrun_warned and s.overrun:
        return s.advance(f"time: {s.phase} ran over budget and the candidate was told; move on")
    return None


def _clarifying(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.CLARIFYING_QUESTION:
        return None
    topics = list(dict.fromkeys(t for t in s.reading.fact_topics if s.card.fact(t)))
    # At an overrun the answer doubles as the "time to move on" note (see rule 7).
    side = {"steer": SteerKind.OVERRUN} if s.overrun and s.phase != Phase.WRAP_UP else {}
    if not topics:
        return s.move(
            MoveKind.ANSWER_CLARIFICATION,
            "not on the card: ask the candidate to state an assumption",
            rule="not_on_card",
            **side,
        )
    asked = len(topics)
    topics = topics[:MAX_FACTS_PER_ANSWER]
    reason = f"answer from the card: {', '.join(topics)}"
    if asked > len(topics):
        reason += f"; {asked - len(topics)} more asked at once: take them one at a time"
    if s.reading.unanswerable:
        reason += "; the rest is not on the card: ask for an assumption"
    variant = "capped" if asked > len(topics) else "partial" if s.reading.unanswerable else None
    return s.move(
        MoveKind.ANSWER_CLARIFICATION,
        reason,
        target=topics[0],
        fact_topics=topics,
        rule=variant,
        **side,
    )


def _meta(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.META:
        return None
    topic = s.reading.meta or MetaTopic.OTHER
    if topic != MetaTopic.NEXT:
        return s.move(MoveKind.ANSWER_META, f"candidate asked about {topic}", target=topic.value)
    # The request itself does not count toward the phase's minimum turns.
    if coverage.min_turns_met(s.state, s.spec, excluding_current=1):
        return s.advance(
            f"candidate asked to move on and {s.phase} had its minimum turns", "move_on"
        )
    target = coverage.essential_target(s.state, s.rubric, s.card.not_applicable)
    if target is None:
        return s.advance(
            f"candidate asked to move on; nothing essential missing in {s.phase}", "move_on"
        )
    return s.move(
        MoveKind.PROBE,
        f"candidate asked to move on too early; first ask about {target}",
        target=target,
        rule="too_early",
    )


def _hint(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.HINT_REQUEST:
        return None
    if s.state.hints_in_phase >= MAX_HINTS_PER_PHASE:
        return s.advance(
            f"candidate still stuck after {s.state.hints_in_phase} hints; move on", "exhausted"
        )
    target = coverage.hint_target(s.state, s.rubric, s.card.not_applicable)
    return s.move(
        MoveKind.HINT,
        f"candidate asked for a hint; nudge toward {target or s.phase}",
        target=target,
    )


def _silent(s: Situation) -> Move | None:
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


def _off_topic(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.OFF_TOPIC:
        return None
    streak = s.state.off_topic_streak
    if streak >= FIRM_OFF_TOPIC_AT:
        return s.steer(
            SteerKind.OFF_TOPIC,
            f"off topic {streak} times in a row; firmly back to {s.phase}",
            rule="firm",
        )
    return s.steer(SteerKind.OFF_TOPIC, f"off topic; steer back to {s.phase}")


def _overrun(s: Situation) -> Move | None:
    if not s.overrun:
        return None
    if s.covered:
        return s.advance(
            f"time: {s.phase} used its budget and its essentials are covered", "covered"
        )
    return s.steer(
        SteerKind.OVERRUN,
        f"time: {s.phase} is over budget (missing {s.missing_names()}); ask for the short "
        "version, then move on",
    )


def _requirements_first(s: Situation) -> Move | None:
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


def _follow(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.ANSWER or s.reading.asks:
        return None  # a question about a later part is not yet a move there
    ahead = coverage.dominant_phase(s.reading, s.rubric, at_least=FOLLOW_SIGNALS)
    if ahead is None or phase_index(ahead) <= phase_index(s.phase) + 1:
        return None
    if not (s.covered or budget.budget_used(s.state, s.spec, s.plan)):
        return None  # this phase first; what they said ahead is credited and probed
    target = coverage.touched_target(s.state, s.reading, s.rubric)
    anchor = s.reading.quotes.get(target) if target else None
    return Move(
        kind=MoveKind.ADVANCE,
        phase=ahead,
        target=target if anchor else ahead.value,  # the signal pushed on, when there is one
        reason=f"candidate moved on to {ahead}; follow their order",
        anchor=anchor,
    )


def _covered(s: Situation) -> Move | None:
    if not s.covered:
        return None
    deep = s.state.probes_in_phase >= 1
    if not deep and not budget.budget_used(s.state, s.spec, s.plan):
        return None  # covered, but not yet followed up on: depth before coverage
    pct = coverage.seen_fraction(s.state, s.rubric, s.phase)
    why = "followed up" if deep else "its time is used"
    return s.advance(f"{s.phase} essentials covered ({pct:.0%} of its signal weight), {why}")


def _probe(s: Situation) -> Move:
    touched = coverage.touched_target(s.state, s.reading, s.rubric)
    quote = s.reading.quotes.get(touched) if touched else None
    if touched is not None and quote is not None:
        return s.move(
            MoveKind.PROBE,
            f"push on what the candidate said about {touched}",
            target=touched,
            rule="touched",
            anchor=quote,
        )
    missing = coverage.essential_target(s.state, s.rubric, s.card.not_applicable)
    if missing is not None:
        return s.move(
            MoveKind.PROBE,
            f"follow up on {missing}: most important missing signal",
            target=missing,
            rule="missing",
        )
    if coverage.min_turns_met(s.state, s.spec):
        return s.advance(f"nothing left to follow up on in {s.phase}", "exhausted")
    return s.move(
        MoveKind.PROBE, f"open follow-up in {s.phase}; every signal already probed", rule="open"
    )


def _paced(s: Situation, move: Move, rule_id: str) -> Move:
    """No wrap-up before WRAP_UP_NOT_BEFORE unless asked or nearly out of time: push on what
    the candidate just said, or else revisit the most important signal still missing from a
    skipped or short phase."""
    early = s.state.elapsed_minutes < WRAP_UP_NOT_BEFORE * s.state.total_minutes
    into_wrap_up = move.kind == MoveKind.ADVANCE and move.phase == Phase.WRAP_UP
    if not (into_wrap_up and early) or rule_id in _WRAP_UP_ALLOWED:
        return move
    touched = coverage.touched_target(s.state, s.reading, s.rubric)
    quote = s.reading.quotes.get(touched) if touched else None
    if quote is not None:
        return s.move(
            MoveKind.PROBE,
            f"{s.state.minutes_left:.0f} min left: push on what the candidate said ({touched})",
            target=touched,
            rule="touched",
            anchor=quote,
        )
    target = coverage.revisit_target(s.state, s.rubric, s.card.not_applicable)
    if target is None:
        return move
    return s.move(
        MoveKind.PROBE,
        f"{s.state.minutes_left:.0f} min left: before wrapping up, come back to {target}",
        target=target,
        rule="revisit",
    )


RULES: tuple[tuple[str, Rule], ...] = (
    ("closed", _closed),
    ("manipulation", _manipulation),
    ("end_request", _end_request),
    ("wrap_up_phase", _wrap_up_phase),
    ("clarifying", _clarifying),
    ("meta", _meta),
    ("nearly_up", _nearly_up),
    ("wrong_claim", _wrong_claim),
    ("overrun_told", _overrun_told),
    ("hint", _hint),
    ("silent", _silent),
    ("off_topic", _off_topic),
    ("requirements_first", _requirements_first),
    ("follow", _follow),
    ("overrun", _overrun),
    ("covered", _covered),
)
# Rules whose move into the wrap-up stands even early: the clock, or the candidate asked.
_WRAP_UP_ALLOWED = frozenset({"closed", "end_request", "wrap_up_phase", "nearly_up"})
FALLBACK_RULE = "probe"  # when no rule applies


def _variant(move: Move | None, variant: str) -> Move | None:
    """A move another rule made, named as a branch of the calling rule."""
    if move is None:
        return None
    inner = f"{variant}.{move.rule}" if move.rule else variant
    return move.model_copy(update={"rule": inner})


def _named(move: Move, rule_id: str) -> Move:
    rule = f"{rule_id}.{move.rule}" if move.rule else rule_id
    return move.model_copy(update={"rule": rule})


def decide(
    state: InterviewState,
    reading: Reading,
    plan: PhasePlan,
    rubric: Rubric,
    card: ProblemCard,
) -> Move:
    """The interviewer's next move; a pure function of its arguments."""
    situation = Situation(state=state, reading=reading, plan=plan, rubric=rubric, card=card)
    for rule_id, rule in RULES:
        move = rule(situation)
        if move is not None:
            return _named(_paced(situation, move, rule_id), rule_id)
    return _named(_paced(situation, _probe(situation), FALLBACK_RULE), FALLBACK_RULE)


def opening_move(plan: PhasePlan) -> Move:
    """The first move: the card's bare problem statement, in the first phase."""
    first = plan.phases[0].id if plan.phases else Phase.CLARIFY
    return Move(
        kind=MoveKind.OPEN, phase=first, reason="open with the bare problem statement", rule="open"
    )
