"""Walking the pure policy through a generated script of readings, checking every move:
shared by the property test on the small fixture content and the one on the shipped content."""

from __future__ import annotations

from hypothesis import strategies as st

from agent.content.phases import PHASE_ORDER, Phase, PhasePlan, next_phase, phase_index
from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.decide import answers, coverage, policy
from agent.decide.budget import WRAP_UP_MINUTES
from agent.decide.moves import MoveKind
from agent.decide.progress import apply_move, apply_reading
from agent.decide.situation import LED_BY_ORDER, LED_BY_TOPIC
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, MetaTopic, Reading

EARLY = 35 / 45  # a wrap-up before this share of the interview's minutes is early

SAME_PHASE_KINDS = {
    MoveKind.ANSWER_CLARIFICATION,
    MoveKind.ANSWER_META,
    MoveKind.PROBE,
    MoveKind.STEER,
    MoveKind.DECLINE,
    MoveKind.HINT,
}


def readings_for(
    signal_ids: list[str], topics: list[str], misconceptions: list[str]
) -> st.SearchStrategy[Reading]:
    return st.builds(
        Reading,
        kind=st.sampled_from(list(MessageKind)),
        signals=st.lists(st.sampled_from(signal_ids), max_size=4),
        fact_topics=st.lists(st.sampled_from(topics), max_size=2),
        unanswerable=st.booleans(),
        phases=st.lists(st.sampled_from(list(Phase)), max_size=2),
        misconceptions=st.lists(st.sampled_from(misconceptions), max_size=1),
        meta=st.none() | st.sampled_from(list(MetaTopic)),
        focus=st.none() | st.sampled_from(["the rubric", "your prompt"]),
        offers_depth=st.booleans(),
        asks_to_stop=st.booleans(),
    )


def scripts_for(rubric: Rubric, card: ProblemCard, misconceptions: list[str]):
    signal_ids = [s.id for d in rubric.dimensions for s in d.signals]
    topics = [f.topic for f in card.facts] + ["gpu_budget"]
    turns = st.tuples(readings_for(signal_ids, topics, misconceptions), st.floats(0.2, 3.0))
    return st.lists(turns, min_size=1, max_size=40)


def walk(script, plan: PhasePlan, rubric: Rubric, card: ProblemCard) -> InterviewState:
    """Run the script (replayed until the interview ends), checking every move."""
    state = InterviewState()
    clock = 0.0
    probed: list[str] = []
    pressed: list[str] = []
    challenged: list[str] = []
    turns = 0
    while not state.finished:
        r, dt = script[turns % len(script)]  # replay the script until the interview ends
        turns += 1
        assert turns < 500
        clock += dt
        before = state.phase
        state = apply_reading(state, r, clock)
        move = policy.decide(state, r, plan, rubric, card)
        assert policy.decide(state, r, plan, rubric, card) == move  # deterministic
        assert move.reason

        # never backwards; one phase at a time, except following the candidate to the
        # phase most of their answer is about (also while answering a question they asked
        # in it), and the jump to the wrap-up
        assert move.rule, "every move names the rule that made it"
        assert phase_index(move.phase) >= phase_index(before)
        answered_ahead = move.kind == MoveKind.ANSWER_CLARIFICATION and move.phase == (
            coverage.dominant_phase(r, rubric, at_least=answers.FOLLOW_SIGNALS)
        )
        if move.phase != before:
            assert move.kind in (MoveKind.ADVANCE, MoveKind.WRAP_UP) or answered_ahead
            # phases passed over were all covered earlier in the interview
            passed = PHASE_ORDER[phase_index(before) + 1 : phase_index(move.phase)]
            assert (
                move.phase == next_phase(before)
                or (
                    move.kind == MoveKind.ADVANCE
                    and all(coverage.shown_enough(state, rubric, p) for p in passed)
                )
                # a recap of the whole design after minute 30 closes it from any phase
                or move.rule in ("follow", "overrun.moved_on", "recap")
                # the candidate leads there: the part their last messages are about, the
                # next part of an order they announced, or the part a request to move on
                # names by its subject (forward only)
                or bool({LED_BY_TOPIC, LED_BY_ORDER} & set(move.rule.split(".")))
                or move.rule == "meta.asked_part"
                or answered_ahead
                or (
                    move.phase == Phase.WRAP_UP
                    and (move.kind == MoveKind.WRAP_UP or state.minutes_left < WRAP_UP_MINUTES)
                )
            )
        # no wrap-up before minute 35 of 45 unless asked, the clock says so, or every
        # design signal has been shown, talked about or followed up on already
        into_wrap_up = move.phase == Phase.WRAP_UP and before != Phase.WRAP_UP
        if into_wrap_up and state.elapsed_minutes < EARLY * state.total_minutes:
            asked_or_clock = move.rule.split(".")[0] in {"closed", "nearly_up", "recap"}
            # "Done." early is used once for depth; a request to stop is honoured at once
            if move.rule.split(".")[0] == "end_request":
                asked_or_clock = r.asks_to_stop or state.end_deferred
            design = [
                s.id
                for d in rubric.dimensions
                if d.phase not in (Phase.CLARIFY, Phase.WRAP_UP)
                for s in d.signals
            ]
            # shown, talked about (never asked for as if unsaid) or followed up on
            done = set(state.signals_seen) | set(state.signals_mentioned)
            done |= set(state.probed_targets)
            assert asked_or_clock or set(design) <= done, move
        if move.kind in SAME_PHASE_KINDS and not answered_ahead:
            assert move.phase == before
        if move.kind == MoveKind.ADVANCE:
            assert move.phase != before

        # time rules everything; otherwise manipulation only ever gets a decline
        if state.minutes_left <= 0:
            assert move.kind == MoveKind.WRAP_UP
        elif r.kind == MessageKind.MANIPULATION:
            assert move.kind == MoveKind.DECLINE and move.fact_topics == []

        # never the same follow-up or challenge twice
        if move.kind == MoveKind.PROBE and move.target:
            assert move.target not in probed
            probed.append(move.target)
        if move.kind == MoveKind.STEER and move.steer == "wrong_claim":
            # a challenge once; a defence that restates it answered once more ("defended")
            defence = (move.rule or "").endswith("defended")
            assert move.target not in challenged or (defence and move.target not in pressed)
            (pressed if defence else challenged).append(move.target)
        state = apply_move(state, move)

    assert state.phase == Phase.WRAP_UP
    assert Phase.WRAP_UP in state.phases_visited
    # ended at the latest on the first turn after the clock ran out
    assert clock - dt < state.total_minutes
    return state
