"""The policy as a contract: its scenarios reach every move kind and steer kind, it is a pure
function (same inputs, same move; inputs untouched), and its docstring's rule table is its rule
list (the behaviours themselves: tests/test_policy.py and its neighbours)."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide import policy
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, MetaTopic
from tests.support.policy_fixtures import (
    CARD,
    PLAN,
    RUBRIC,
    answer,
    decide_after,
    fresh,
    reading,
    state_in,
)

K = MessageKind

# ---------------------------------------------------------------- coverage of the vocabulary

SCENARIOS: list[tuple[InterviewState, object]] = [
    (fresh(), reading(K.CLARIFYING_QUESTION, fact_topics=["scale"])),
    (fresh(), reading(K.META, meta=MetaTopic.TIME_LEFT)),
    (state_in(Phase.DATA), answer("data_sources")),
    (fresh(), answer(phases=(Phase.MODELING,))),
    (state_in(Phase.DATA, elapsed_minutes=19, phase_started_minute=6), answer()),
    (fresh(), reading(K.OFF_TOPIC)),
    (fresh(), answer(misconceptions=["accuracy_on_imbalanced"])),
    (fresh(), reading(K.EMPTY)),
    (fresh(), reading(K.MANIPULATION)),
    (fresh(), reading(K.HINT_REQUEST)),
    (
        state_in(Phase.DATA, probes_in_phase=1, probed_targets=["label_source", "data_sources"]),
        answer("label_source", "data_sources"),
    ),
    (fresh(), reading(K.END_REQUEST)),
]


def test_scenarios_reach_every_move_kind_and_steer_kind():
    moves: list[Move] = [policy.opening_move(PLAN)]
    moves += [decide_after(s, r) for s, r in SCENARIOS]  # type: ignore[arg-type]
    assert {m.kind for m in moves} == set(MoveKind)
    assert {m.steer for m in moves if m.kind == MoveKind.STEER} == set(SteerKind)
    assert all(m.reason for m in moves)


def test_same_inputs_same_move():
    for state, r in SCENARIOS:
        after = state.model_copy(update={"turns_in_phase": state.turns_in_phase + 1})
        first = policy.decide(after, r, PLAN, RUBRIC, CARD)  # type: ignore[arg-type]
        assert policy.decide(after, r, PLAN, RUBRIC, CARD) == first  # type: ignore[arg-type]


def test_decide_does_not_mutate_its_inputs():
    for state, r in SCENARIOS:
        before = [m.model_dump() for m in (state, r, PLAN, RUBRIC, CARD)]  # type: ignore[attr-defined]
        policy.decide(state, r, PLAN, RUBRIC, CARD)  # type: ignore[arg-type]
        after = [m.model_dump() for m in (state, r, PLAN, RUBRIC, CARD)]  # type: ignore[attr-defined]
        assert before == after


def test_the_docstring_rule_table_is_the_rule_list() -> None:
    """The policy's docstring is the map a reader trusts: it lists RULES in order."""
    import re

    from agent.decide import policy

    doc = policy.__doc__ or ""
    listed = re.findall(r"^\s*\d+\.\s+([a-z_]+)\s", doc, flags=re.M)
    assert listed == [rule_id for rule_id, _ in policy.RULES] + [policy.FALLBACK_RULE]


def test_every_decided_move_names_its_rule() -> None:
    from agent.decide import policy

    ids = {rule_id for rule_id, _ in policy.RULES} | {policy.FALLBACK_RULE}
    for r in (answer(), reading(K.OFF_TOPIC), reading(K.HINT_REQUEST), reading(K.EMPTY)):
        move = decide_after(fresh(), r)
        assert move.rule is not None and move.rule.split(".")[0] in ids
