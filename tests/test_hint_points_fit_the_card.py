"""A hint point's words fit the problem it is given on (issue 10: hints that fit). Members of
a social network who interfere in a test are connected to each other, not drawing on one pool
of supply: the hint asks for clusters of the graph, not time slots of a whole area (that one
stays for marketplaces). A classifier that scores one payment retrieves no candidates: the
latency hint names stages every serving path has. Requests written for this file (none is a
line of a judged batch); expectations by hand.
"""

from __future__ import annotations

from agent.content.hint_points import default_hint_points
from agent.decide.moves import MoveKind
from agent.record.transcript import Turn
from tests.support.interview_fixtures import last_turn_after


def _hint(problem: str, setup: list[str], request: str) -> Turn:
    turn = last_turn_after(problem, setup, request)
    assert turn.move is not None and turn.move.kind == MoveKind.HINT, turn.text
    return turn


def test_connected_members_get_a_hint_on_clusters_not_time_slots() -> None:
    turn = _hint(
        "people-you-may-know",
        ["I'd A/B test the new ranker on half of the members, split at random."],
        "But members in the test half invite members in the other half, so the halves are not "
        "independent. I don't see how to set the experiment up around that. A hint?",
    )
    text = turn.text.lower()
    assert "cluster" in text, turn.text
    assert "time slot" not in text and "whole area" not in text, turn.text


def test_a_shared_pool_of_drivers_still_gets_the_time_slot_hint() -> None:
    point = default_hint_points().get("shared_pool_interference")
    assert point is not None and "time slots" in point.line(0)
    turn = _hint(
        "rider-driver-matching",
        ["I'd A/B test the new matcher on half of the riders, split at random."],
        "If riders in the treatment arm and riders in the control arm pull from one set of "
        "cars, the arms are not independent, and I don't see how to set the experiment up "
        "around that. Help?",
    )
    assert point.line(0) in " ".join(turn.text.split()), turn.text


def test_the_latency_hint_names_no_stage_a_classifier_lacks() -> None:
    for level in (0, 1):
        point = default_hint_points().get("where_time_goes")
        assert point is not None
        line = point.line(level).lower()
        assert "candidate" not in line and "retriev" not in line, line
