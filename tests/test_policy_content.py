"""The policy against the real content: knowledge/rubric.yaml, phases.yaml, misconceptions
and the problem cards, walking whole interviews (following the candidate's words:
tests/test_policy_following.py)."""

from __future__ import annotations

from hypothesis import given, settings

from agent.content.misconceptions import load_misconceptions
from agent.content.phases import PHASE_ORDER, Phase
from agent.content.problems import load_problems
from agent.decide import policy
from agent.decide.moves import MoveKind, SteerKind
from agent.decide.progress import apply_move, apply_reading
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, Reading
from tests.support.policy_content import CARD, KNOWLEDGE, PLAN, RUBRIC
from tests.support.policy_walk import scripts_for, walk

MISCONCEPTIONS = [
    m.id for m in load_misconceptions(KNOWLEDGE / "misconceptions.yaml").misconceptions
]


def run(script: list[tuple[Reading, float]], state: InterviewState | None = None):
    state = state or InterviewState()
    clock = state.elapsed_minutes
    moves = []
    for r, dt in script:
        clock += dt
        state = apply_reading(state, r, clock)
        move = policy.decide(state, r, PLAN, RUBRIC, CARD)
        state = apply_move(state, move)
        moves.append(move)
        if state.finished:
            break
    return moves, state


def strong_turn(phase: Phase, i: int) -> Reading:
    """An answer showing two of the phase's signals not shown before."""
    ids = [s.id for s in RUBRIC.signals_for_phase(phase)]
    return Reading(kind=MessageKind.ANSWER, signals=ids[2 * i : 2 * i + 2], phases=[phase])


def test_strong_candidate_hears_a_follow_up_in_every_phase_and_no_early_wrap_up():
    """Each answer shows two new signals of the phase the interview is in, in the
    candidate's own words; the candidate never stops on their own."""
    state, moves = InterviewState(), []
    shown: set[str] = set()
    while not state.finished and len(moves) < 200:
        fresh = [s.id for s in RUBRIC.signals_for_phase(state.phase) if s.id not in shown][:2]
        shown |= set(fresh)
        quotes = {s: f"because {s.replace('_', ' ')} matters here" for s in fresh}
        r = Reading(kind=MessageKind.ANSWER, signals=fresh, phases=[state.phase], quotes=quotes)
        state = apply_reading(state, r, state.elapsed_minutes + 1.5)
        move = policy.decide(state, r, PLAN, RUBRIC, CARD)
        state = apply_move(state, move)
        moves.append((move, r))
    advances = [m.phase for m, _ in moves if m.kind == MoveKind.ADVANCE]
    assert advances == list(PHASE_ORDER[1:])  # in order: this candidate never jumps
    probed = {m.phase for m, _ in moves if m.kind == MoveKind.PROBE}
    assert set(PHASE_ORDER[:-1]) <= probed  # a follow-up in every design phase
    anchored = [(m, r) for m, r in moves if m.kind == MoveKind.PROBE and m.anchor]
    assert anchored and all(m.anchor in r.quotes.values() for m, r in anchored)
    assert not [m for m, _ in moves if m.kind == MoveKind.STEER]
    wrap = next(m for m, _ in moves if m.phase == Phase.WRAP_UP)
    assert state.finished and wrap.rule is not None
    assert state.minutes_per_phase.get(Phase.DEPLOYMENT, 0) > 0
    wrap_minute = next(i for i, (m, _) in enumerate(moves) if m.phase == Phase.WRAP_UP) * 1.5 + 1.5
    assert wrap_minute >= 35 * state.total_minutes / 45 or wrap.rule.startswith("nearly_up")


def test_jumper_is_steered_back_to_clarify_within_two_turns():
    jump = Reading(
        kind=MessageKind.ANSWER,
        signals=["model_family_choice"],
        phases=[Phase.MODELING],
        misconceptions=["accuracy_on_imbalanced"],
    )
    moves, state = run([(jump, 1.0), (jump, 1.0)])
    assert moves[0].steer == SteerKind.WRONG_CLAIM
    assert moves[1].steer == SteerKind.SKIPPED_PHASE
    assert moves[1].phase == Phase.CLARIFY and moves[1].skipped_to == Phase.MODELING
    assert state.phase == Phase.CLARIFY


def test_silent_candidate_is_moved_through_to_the_end():
    moves, state = run([(Reading(kind=MessageKind.EMPTY), 0.5)] * 120)
    assert state.finished
    kinds = {m.kind for m in moves}
    assert {MoveKind.STEER, MoveKind.HINT, MoveKind.ADVANCE, MoveKind.WRAP_UP} <= kinds
    assert kinds <= {
        MoveKind.STEER,
        MoveKind.HINT,
        MoveKind.ADVANCE,
        MoveKind.PROBE,
        MoveKind.WRAP_UP,
    }


def test_clarifying_questions_get_each_cards_facts():
    cards = load_problems(KNOWLEDGE / "problems")
    for card_id in cards.ids():
        card = cards.get(card_id)
        topics = [f.topic for f in card.facts][:2]
        r = Reading(kind=MessageKind.CLARIFYING_QUESTION, fact_topics=[*topics, "not_a_topic"])
        state = apply_reading(InterviewState(), r, 1)
        move = policy.decide(state, r, PLAN, RUBRIC, card)
        assert move.kind == MoveKind.ANSWER_CLARIFICATION, card_id
        assert move.fact_topics == topics, card_id


@settings(max_examples=60, deadline=None)
@given(scripts_for(RUBRIC, CARD, MISCONCEPTIONS))
def test_real_content_interview_walks_forward_and_ends_in_time(script):
    walk(script, PLAN, RUBRIC, CARD)
