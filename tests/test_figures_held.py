"""A corrected figure holds for the rest of the interview; a figure is read in its scope
and its role before it is compared (issue 10, open threads).

Expectations are worked out by hand from the cards: fraud-detection has about 40 million
transactions a day and 100 ms at p99; video-search 150 million searches a day; ad-click
prediction 300,000 ad requests per second and about 10 ms for the click model;
event-recommendation about 1 million upcoming events in 30 cities; street-view-blurring
about 20 million panoramas a month (about 0.67 million a day).
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.decide.moves import MoveKind
from agent.read.figure_conflict import NumberConflict
from agent.read.held_figures import held
from agent.read.numbers import conflicts
from tests.support.interview_fixtures import new_interview


def _card(problem: str):
    return load_content().problems.get(problem)


_FIVE_MILLION = NumberConflict(
    said="5 million transactions a day",
    given="40 million card transactions a day",
    topic="scale",
    kind="transaction/day",
    told=False,
)
_A_FEW_MILLION = _FIVE_MILLION.model_copy(update={"said": "a few million transactions a day"})
_TWENTY_MILLION_SEARCHES = NumberConflict(
    said="20 million searches a day",
    given="150 million searches a day",
    topic="scale",
    kind="search/day",
    told=False,
)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # the corrected number again, without its noun, as the base of a sizing
        (
            "Five million a day comes to roughly 60 a second, so two boxes do it.",
            "Five million a day",
        ),
        # in another unit's arithmetic: "times 5M is ..." builds on it
        ("At 4 ms of CPU each, times 5 million is 20,000 CPU-seconds.", "5 million"),
    ],
)
def test_a_corrected_figure_a_sizing_rests_on_again_is_held(text: str, said: str) -> None:
    found = held(text, [_FIVE_MILLION])
    assert [c.said for c in found] == [said]
    assert found[0].builds and found[0].given == "40 million card transactions a day"


def test_a_corrected_count_implied_by_a_cost_per_unit_and_its_total_is_held() -> None:
    # 0.05 GPU-seconds per search and 1 million GPU-seconds a day: 20 million searches
    text = "Encoding is 0.05 GPU-seconds per search, so 1 million GPU-seconds a day."
    found = held(text, [_TWENTY_MILLION_SEARCHES])
    assert len(found) == 1 and "implied by" in found[0].said


def test_a_number_inside_a_corrected_range_is_the_same_figure() -> None:
    # "a few million" spans 2 to 10 million: "3 million" sized on is that figure again
    found = held("Sizing for 3 million a day, which is 35 a second.", [_A_FEW_MILLION])
    assert [c.said for c in found] == ["3 million a day"]


@pytest.mark.parametrize(
    "text",
    [
        "At 40 million a day that is about 460 a second on average.",  # the right figure
        "With 5 million a day I would still start from a GBDT.",  # said in passing
        "5 million cardholders is a lot of profiles to keep.",  # another thing counted
        "The 5 million labelled rows give us a decent training set.",  # no derivation
        # a cost per another unit: 10,000 / 0.002 is 5 million cards, not transactions
        "Profiles cost 0.002 CPU-seconds per card, so 10,000 CPU-seconds a day.",
    ],
)
def test_what_is_not_the_corrected_figure_reused_is_left_alone(text: str) -> None:
    assert held(text, [_FIVE_MILLION]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Each shard holds about 40 thousand upcoming events.",
        "A single city has maybe 50 thousand upcoming events.",
        "A metro has at most 60 thousand upcoming events, so exact search is fine.",
    ],
)
def test_one_partitions_count_is_not_held_to_the_global_count(text: str) -> None:
    assert conflicts(text, _card("event-recommendation"), ["scale"]) == []


def test_a_partition_larger_than_the_whole_and_a_small_global_count_contradict() -> None:
    card = _card("event-recommendation")
    bigger = conflicts("A metro has around 3 million upcoming events.", card, ["scale"])
    assert [c.given for c in bigger] == ["1 million upcoming events"]
    small = conflicts("We have about 200 thousand upcoming events.", card, ["scale"])
    assert [c.given for c in small] == ["1 million upcoming events"]


@pytest.mark.parametrize(
    "text",
    ["We blur every face in 5 million panoramas a day.", "Every plate of 5M panoramas a day."],
)
def test_the_whole_a_part_is_taken_of_is_compared_per_day(text: str) -> None:
    # 5 million a day against 20 million a month (0.67 million a day)
    found = conflicts(text, _card("street-view-blurring"), ["scale"])
    assert [c.given for c in found] == ["20 million panoramas a month"]


@pytest.mark.parametrize(
    "text",
    [
        # a story of a past system, told in the past simple
        "Last year a model we shipped was fine offline but took 70 ms at p99 in production.",
        # an example's share, not a setting of this design
        "For example, if 99% of impressions are negatives, accuracy tells you nothing.",
        # a figure in a question, the card's own
        "Is the 10 ms at p99 for all 500 candidates of a request?",
        # a tolerance on late labels, not a rate of anything the card gives
        "A click counts within 15 minutes; if 1-2% of clicks come later, I can live with it.",
    ],
)
def test_figures_in_another_role_are_not_design_figures(text: str) -> None:
    card = _card("ad-click-prediction")
    assert conflicts(text, card, ["latency", "scale", "labels", "imbalance"]) == []


@pytest.mark.parametrize(
    "text", ["The ranker takes 70 ms at p99.", "The budget was 10 ms, so I'd run it in 30 ms."]
)
def test_a_design_latency_over_the_budget_is_still_queried(text: str) -> None:
    found = conflicts(text, _card("ad-click-prediction"), ["latency"])
    assert [c.given for c in found] == ["10 ms"]


def test_a_latency_corrected_once_is_held_in_a_later_plan_and_the_summary() -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("I'll assume a 300 ms p99 budget for the whole scoring call.")
    first = iv.transcript.turns[-1]
    assert "100 ms" in first.text  # the assumption corrected with the card's budget
    # a plan held to the old budget later on: corrected once more, plainly
    reply = iv.respond("Serving: the model scores within 300 ms at p99 using a GBDT on CPU.")
    move = iv.transcript.turns[-1].move
    assert move.number is not None and move.number.again and "100 ms" in reply
    # the same budget restated beside a plan that fits inside the card's: not again
    iv.respond("Against 300 ms: features 20 ms, model 15 ms, rules 5 ms, about 40 ms.")
    assert iv.transcript.turns[-1].move.number is None


def test_a_corrected_volume_a_sizing_rests_on_is_corrected_again() -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("I'll assume about 5 million transactions a day, tell me if that's off.")
    assert "40 million" in iv.transcript.turns[-1].text
    # in passing: the correction was heard once, not repeated
    iv.respond("With 5 million a day I would start from a gradient boosted tree model.")
    assert iv.transcript.turns[-1].move.number is None
    # a sizing built on it: the design rests on the old figure, so it is said again
    reply = iv.respond("Five million a day is about 60 a second on average, so one box.")
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.PROBE and move.number is not None and move.number.again
    assert "40 million" in reply
