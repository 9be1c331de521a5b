"""A wrong figure the design rests on is raised once (issue 10, open threads), on four
problems: a label window other than the card's, said as "a 30-minute window" or assumed
before the labels were given; a recall bar under the card's floor, said after the metric or
with it earlier in the sentence, given or not; a sizing computed from a volume the candidate
was corrected on; an order of magnitude assumed right after the correction. Not raised: a
stricter bar than the card's, a share or a margin said in percent beside a metric, a
feature's window beside label talk, the card's own figure said again, a sizing computed
from the card's volume. Sentences and expectations written by hand for these tests.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.decide.moves import MoveKind
from agent.read import targets, windows
from agent.read.numbers import conflicts
from tests.support.interview_fixtures import new_interview


def _card(problem: str):
    return load_content().problems.get(problem)


# -- a label window ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # the window as an adjective of its noun, the label talk in the sentence before
        "The labelling job matters most. It keeps each impression for a 40-minute attribution "
        "window and then emits it.",
        # "a window of", with the label talk in the sentence after
        "I'd join with a window of 5 minutes. Anything clicked inside it is a positive.",
        # a clipped unit in notes
        "Positive = click within 45 min of impression.",
    ],
)
def test_a_label_window_said_another_way_is_held_to_the_cards(text: str) -> None:
    card = _card("ad-click-prediction")  # a click within 15 minutes is a positive
    found = windows.conflicts(text, card, ["labels"])
    assert [(c.topic, c.given, c.told) for c in found] == [("labels", "within 15 minutes", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Positive = click within 15 min of impression.",  # the card's own window
        # a feature's window beside a label sentence
        "Labels are clicks within 15 minutes. Features: clicks per user in a 30-minute window.",
        # a window of something else, no label talk anywhere
        "The dashboards refresh within 30 minutes of an incident.",
    ],
)
def test_the_cards_window_or_another_windows_figure_is_no_conflict(text: str) -> None:
    assert windows.conflicts(text, _card("ad-click-prediction"), ["labels"]) == []


def test_a_label_window_before_the_labels_were_given_is_answered_with_them() -> None:
    card = _card("people-you-may-know")  # accepted within 30 days
    text = "Label: a suggestion is a positive if the invitation is accepted within 7 days."
    found = windows.conflicts(text, card, [])
    assert [(c.topic, c.told) for c in found] == [("labels", False)]
    # assumed in a list with no label word: compared because it is an assumption
    listed = "My assumptions: invites are accepted within 90 days, and 300 million members."
    assert windows.conflicts(listed, card, [], assumed=True)[0].topic == "labels"
    assert windows.conflicts(listed, card, []) == []


def test_an_assumed_label_window_is_corrected_with_the_labels_fact() -> None:
    iv = new_interview("ad-click-prediction")
    iv.start()
    reply = iv.respond(
        "Label: click within 30 min of impression. Invalid clicks filtered upstream?"
    )
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and "labels" in move.fact_topics
    assert "15 minutes" in reply


def test_a_label_window_longer_than_the_cards_is_raised_once() -> None:
    iv = new_interview("ad-click-prediction")
    iv.start()
    iv.respond("What counts as a positive?")
    text = (
        "The label join is the part I'd be careful with. A streaming job holds impressions "
        "for the 30-minute attribution window, and a click inside it emits a positive."
    )
    reply = iv.respond(text)
    move = iv.transcript.turns[-1].move
    assert move.number is not None and move.number.topic == "labels"
    assert "30-minute" in reply and "15 minutes" in reply


# -- a recall bar --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("If it is good, like recall 95 percent, then we can deploy.", "recall 95 percent"),
        (
            "Thresholds are tuned to hit a recall target per class, about 99.5 percent for "
            "faces and 98 percent for plates.",
            "recall 98 percent",
        ),
        ("We'd ship at 97% recall on the audit sample.", "97% recall"),
    ],
)
def test_a_recall_bar_below_the_cards_floor_is_a_conflict(text: str, said: str) -> None:
    card = _card("street-view-blurring")  # at least 99.5% recall
    told = targets.conflicts(text, card, ["constraints"])
    assert [(c.said, c.told) for c in told] == [(said, True)]
    # before the constraint was given: a requirement the card answers
    assert [c.told for c in targets.conflicts(text, card, [])] == [False]


@pytest.mark.parametrize(
    "text",
    [
        "We'd hold recall at 99.8 percent on faces and plates.",  # stricter than the card's
        "Coverage recall: the share of faces with at least 90 percent of their area blurred.",
        "Claiming 99.7% recall within plus or minus 0.2 percent needs a big audit set.",
        "Tiling lifted recall on small faces by 3 percent.",
        "Precision of 80% is acceptable.",  # a metric the card sets no floor on
        # the metric named before a colon, the figure in a relative clause after it
        "Main metric is mask recall: the share of plates whose box is 85 percent inside a mask.",
        # a story's figure, told in the past
        "At my last job we measured reviewer recall once and it came out at 91 percent.",
    ],
)
def test_a_bar_at_or_above_the_floor_or_a_share_is_no_conflict(text: str) -> None:
    assert targets.conflicts(text, _card("street-view-blurring"), ["constraints"]) == []


def test_a_launch_bar_under_the_floor_is_answered_with_the_requirement() -> None:
    iv = new_interview("street-view-blurring")
    iv.start()
    reply = iv.respond(
        "For offline evaluation we compute mAP and recall on the test set; if recall is 95 "
        "percent we deploy."
    )
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and "constraints" in move.fact_topics
    assert "99.5%" in reply


# -- sizing from a corrected volume ----------------------------------------------------------


def _corrected(problem: str, assumed: str, given: list[str]):
    card = _card(problem)
    first = conflicts(assumed, card, [], assumed=True)
    assert first, "the assumption must contradict the card"
    return card, first, [*given, *(c.topic for c in first)]


def test_a_sizing_computed_from_a_corrected_volume_is_a_conflict() -> None:
    card, first, given = _corrected(
        "street-view-blurring", "I'll design for 10 million panoramas a day at peak.", []
    )
    text = (
        "Sizing: with about seven frames per panorama and four 1024-pixel tiles each, that's "
        "roughly 280 million tiles a day, so about 8 GPUs busy."
    )
    found = conflicts(text, card, given, corrected=first)
    assert [(c.topic, c.builds) for c in found] == [("scale", True)]
    assert "280 million tiles a day" in found[0].said
    # the same arithmetic on the card's volume (20 million a month, about 670k a day)
    right = (
        "Sizing: with about seven frames per panorama and four 1024-pixel tiles each, that's "
        "roughly 19 million tiles a day, so a single GPU busy."
    )
    assert conflicts(right, card, given, corrected=first) == []


def test_an_order_of_magnitude_assumed_after_the_correction_rests_the_design_on_it() -> None:
    card = _card("ad-click-prediction")  # 300,000 requests a second at peak
    text = "So I'll assume tens of thousands of requests per second and a few hundred ads each."
    found = conflicts(text, card, ["scale"], assumed=True)
    assert [(c.kind, c.vague, c.builds) for c in found] == [("per_second", True, True)]
    # the card's figure said back is no conflict, assumed or not
    assert (
        conflicts("So I'll assume 300k requests per second.", card, ["scale"], assumed=True) == []
    )


def test_a_couple_of_million_is_read_as_two_million() -> None:
    card = _card("street-view-blurring")  # 20 million panoramas a month
    text = "I'll assume a couple of million panoramas a day."
    found = conflicts(text, card, [], assumed=True)
    assert [(c.topic, c.told) for c in found] == [("scale", False)]


def test_a_sizing_on_the_corrected_volume_is_corrected_again_in_the_interview() -> None:
    iv = new_interview("street-view-blurring")
    iv.start()
    iv.respond("I'll assume something like a couple of million panoramas a day.")
    assert "20 million panoramas a month" in iv.transcript.turns[-1].text
    iv.respond("The detector is a one-stage model with a feature pyramid, run on tiles.")
    reply = iv.respond(
        "If it's two million panoramas a day, each of six frames cut into five tiles, that's "
        "60 million tiles a day, around 700 a second, so maybe 3 GPUs."
    )
    move = iv.transcript.turns[-1].move
    assert move.number is not None and move.number.topic == "scale" and move.number.again
    assert "20 million panoramas a month" in reply


# -- a figure inside a request to move on ----------------------------------------------------


def test_a_figure_in_a_request_to_move_on_is_pointed_out_as_the_interview_moves_on() -> None:
    iv = new_interview("news-feed-ranking")  # peak around 200,000 feed loads per second
    iv.start()
    iv.respond("What's the scale: how many users and what peak request rate?")
    reply = iv.respond("Can we move on to the data? We would do 5k QPS at peak anyway.")
    move = iv.transcript.turns[-1].move
    assert move.number is not None and move.number.topic == "scale"
    assert move.kind in (MoveKind.ADVANCE, MoveKind.PROBE)
    assert "200,000" in reply and "5k" in reply.lower()
    assert reply.rstrip().endswith("?")  # the move itself still asks its question
    # raised once: the next answer is not held up by it again
    iv.respond("For data, I'd log impressions, clicks, dwell time and hides per user.")
    assert iv.transcript.turns[-1].move.number is None


def test_a_request_to_move_on_with_the_cards_figure_moves_on_without_a_note() -> None:
    iv = new_interview("news-feed-ranking")
    iv.start()
    iv.respond("What's the scale: how many users and what peak request rate?")
    reply = iv.respond("Can we move on to the data? 200k feed loads a second is plenty to go on.")
    assert iv.transcript.turns[-1].move.number is None
    assert "figure" not in reply
