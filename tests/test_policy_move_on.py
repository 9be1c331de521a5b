"""Requests to move on, on the toy rubric (issue 10: the candidate leads the order): a request
never goes back to the part the candidate says they covered, one that stays in the part the
interview is in is taken on to what that part still lacks (never a push on the words of the
request, never an early close), and an answer that moves on by itself is followed there.
Expectations by hand."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide.moves import MoveKind
from agent.read.reading import MessageKind, MetaTopic
from tests.support.policy_fixtures import answer, decide_after, reading, state_in

SEEN_BEFORE_DEPLOYMENT = ["asks_scale", "asks_latency", "asks_business_goal", "label_source"]
# the reader may leave the reason given with the request as the message's focus
REASON = "I think the model part is fine"


def _request(**kw: object) -> object:
    return reading(MessageKind.META, meta=MetaTopic.NEXT, focus=REASON, **kw)


def _in_deployment(minutes: float) -> object:
    return state_in(
        Phase.DEPLOYMENT,
        elapsed_minutes=minutes,
        signals_seen=[*SEEN_BEFORE_DEPLOYMENT, "serving"],
        turns_in_phase=2,
    )


def test_moving_on_in_the_last_part_early_asks_what_it_still_lacks_not_a_close() -> None:
    move = decide_after(_in_deployment(22.0), _request())
    assert move.kind == MoveKind.PROBE and move.phase == Phase.DEPLOYMENT
    assert move.target in ("monitoring", "drift")
    assert move.anchor is None
    assert move.anchor is None  # not a push on the words of the request


def test_moving_on_to_the_part_we_are_in_asks_what_it_still_lacks() -> None:
    move = decide_after(
        _in_deployment(22.0),
        _request(wants_phase=Phase.DEPLOYMENT),
    )
    assert move.kind == MoveKind.PROBE and move.phase == Phase.DEPLOYMENT
    assert move.target in ("monitoring", "drift")


def test_moving_on_in_the_last_part_late_goes_to_the_wrap_up() -> None:
    move = decide_after(_in_deployment(38.0), _request())
    assert move.kind in (MoveKind.ADVANCE, MoveKind.WRAP_UP)
    assert move.phase == Phase.WRAP_UP


def test_an_answer_that_moves_on_to_a_later_part_is_followed_there() -> None:
    state = state_in(Phase.EVALUATION, elapsed_minutes=20.0, signals_seen=SEEN_BEFORE_DEPLOYMENT)
    move = decide_after(
        state,
        answer("ab_test", "serving", meta=MetaTopic.NEXT, wants_phase=Phase.DEPLOYMENT),
    )
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.DEPLOYMENT


def test_an_answer_that_names_an_earlier_part_is_not_moved_back() -> None:
    state = state_in(Phase.EVALUATION, elapsed_minutes=20.0, signals_seen=SEEN_BEFORE_DEPLOYMENT)
    move = decide_after(state, answer("ab_test", meta=MetaTopic.NEXT, wants_phase=Phase.FEATURES))
    assert move.phase not in (Phase.FEATURES, Phase.DATA)
