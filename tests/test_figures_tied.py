"""A figure is compared with the card figure it is about, after converting its period.

A card may count one thing twice: the harmful-content card's moderators review about 2
million items a day, and a separate budget pays for 50,000 reviews a week of randomly
sampled posts, beside 500 million new posts a day. A candidate's figure is held to the one
its sentence is about (the random sample, the moderators, the upload volume), per day
whatever period either names; a figure said again after it was queried (a recap) is
corrected once more with the right figure; several wrong figures in one message are pointed
out together.
"""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.decide.moves import MoveKind
from agent.read.numbers import conflicts, quantities
from tests.support.interview_fixtures import new_interview

HARMFUL = "harmful-content-detection"  # 500M posts/day; 2M reviewed/day; 50k random/week
GIVEN = ["scale", "labelling_budget"]


def _conflicts(text: str, problem: str = HARMFUL, given: list[str] = GIVEN) -> list[str]:
    card = load_content().problems.get(problem)
    return [f"{c.said} | {c.given}" for c in conflicts(text, card, given)]


def test_a_random_sample_is_held_to_the_random_review_budget_per_day() -> None:
    # 12k a day is about 84k a week: well over the 50,000 a week the card affords
    found = _conflicts("We should hand-label a random sample of about 12k posts every day.")
    assert found == ["12k posts every day | 50,000 reviews a week of randomly sampled posts"]
    # 1,000 a day is within it, and is not read against the 500 million uploads
    assert _conflicts("A random sample of 1,000 posts a day goes to trained raters.") == []


def test_the_moderators_capacity_is_not_the_random_review_budget() -> None:
    found = _conflicts("Our moderators can get through maybe 400k reviews per day.")
    assert found == ["400k reviews per day | 2 million items a day"]
    assert _conflicts("The moderators review close to 2 million items a day.") == []


def test_the_upload_volume_is_held_to_the_upload_figure() -> None:
    found = _conflicts("Roughly 150 million posts are uploaded every day.")
    assert found == ["150 million posts are uploaded every day | 500 million new posts a day"]


def test_a_bare_number_after_a_latency_counts_milliseconds() -> None:
    figures = [(q.kind, q.value) for q in quantities("Total is 240 ms, well under 450.")]
    assert figures == [("ms", 240.0), ("ms", 450.0)]
    found = _conflicts("Total is 240 ms, well under 450.", "visual-search", ["latency"])
    assert found == ["450 ms | 300 ms"]


def test_a_request_rate_named_with_several_words_is_a_rate() -> None:
    (rate,) = quantities("plan for 3 thousand photo search QPS")
    assert rate.kind == "per_second" and rate.value == 3000.0


def test_a_queried_figure_is_corrected_once_more_only_when_built_on() -> None:
    iv = new_interview(HARMFUL)
    iv.start()
    iv.respond("How many posts are uploaded per day?")
    first = iv.respond("Okay, I'll size everything for 120 million posts a day.")
    assert "500 million" in first and iv.transcript.turns[-1].move.number is not None
    iv.respond("So in short: 120 million posts a day, a cheap text model first.")
    assert iv.transcript.turns[-1].move.number is None  # a recap restating it: heard already
    again = iv.respond("At 120 million posts a day times 2 models that is 240 million scores.")
    move = iv.transcript.turns[-1].move
    assert move.number is not None and move.number.again
    assert "500 million" in again and "120 million" in again
    iv.respond("Fine, the 120 million posts a day design stays as it is.")
    assert iv.transcript.turns[-1].move.number is None  # never a third time


def test_several_wrong_figures_of_one_message_are_pointed_out_together() -> None:
    iv = new_interview(HARMFUL)
    iv.start()
    iv.respond("What volume of posts is there, and how big is the moderation team?")
    reply = iv.respond(
        "Got it. So about 90 million posts a day, and moderators handle some 250k reviews a day."
    )
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.PROBE and move.number is not None
    assert len(move.more_numbers) == 1
    assert "500 million" in reply and "2 million items a day" in reply


def test_a_figure_from_a_past_job_is_not_this_design() -> None:
    story = "At my last company latency sat around 900 ms and nobody complained."
    assert _conflicts(story, "visual-search", ["latency"]) == []
    plan = "Here latency should stay around 900 ms at p99."
    assert _conflicts(plan, "visual-search", ["latency"]) == ["900 ms | 300 ms"]


def test_a_couple_hundred_milliseconds_is_a_latency() -> None:
    (latency,) = quantities("it should answer in a couple hundred milliseconds")
    assert latency.kind == "ms" and latency.value == 200.0


def test_a_figure_taken_back_beside_the_right_one_is_not_corrected_again() -> None:
    iv = new_interview("visual-search")  # results within 300 ms
    iv.start()
    iv.respond("What latency do we need to hit?")
    iv.respond("Fine, I'll still plan the stages inside 650 ms at p99.")
    move = iv.transcript.turns[-1].move  # queried, or answered with the target if unsaid
    assert move.number is not None or move.numbers_answered == ["latency:ms@300 ms"]
    iv.respond("Right, 300 ms then, not the 650 ms I had; the re-ranker gets trimmed.")
    assert iv.transcript.turns[-1].move.number is None
