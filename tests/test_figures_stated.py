"""Figures stated against the card: what each one is tied to, and what the interviewer
says about it.

A rate of predictions is at least the rate of requests; an average may not exceed the
peak; a figure with no noun of its own ("and 9k at peak") counts what the one before it
counts; "per row" belongs to the figure it follows; a latency over the budget is over it;
a cut-off by rank is compared only with a rule about the same thing. A stated requirement
the card contradicts is corrected even before it was asked about, every one in the
message, and a "does that match?" with a wrong figure is not answered "that works for me".
"""

from __future__ import annotations

from agent.decide.moves import MoveKind
from agent.read.numbers import conflict, conflicts, quantities
from tests.support.policy_fixtures import interview_on, reply_to, shipped_card


def test_a_prediction_rate_below_the_request_rate_contradicts_it() -> None:
    card = shipped_card("search-ranking")  # peaking around 5,000 queries per second
    found = conflict("We'd have to serve about 1,500 predictions per second.", card, ["scale"])
    assert found is not None and "5,000" in found.given
    # many predictions per request (one per candidate) is another quantity, not a mistake
    many = "Scoring 400 items each, that's 2 million predictions a second."
    assert conflict(many, card, ["scale"]) is None


def test_an_average_contradicts_the_peak_only_from_above() -> None:
    card = shipped_card("search-ranking")
    above = conflict("Say 9,000 queries per second on average.", card, ["scale"])
    assert above is not None and "5,000" in above.given
    assert conflict("Say 1,200 queries per second on average.", card, ["scale"]) is None


def test_a_figure_joined_to_the_one_before_counts_the_same_thing() -> None:
    found = quantities("We see 2k requests per second on average and 9k at peak.")
    assert [(q.kind, q.value, q.stat) for q in found] == [
        ("per_second", 2000.0, "average"),
        ("per_second", 9000.0, "peak"),
    ]
    wrong = conflict(
        "Roughly 1k queries per second normally and 12k at peak.",
        shipped_card("search-ranking"),
        ["scale"],
    )
    assert wrong is not None and wrong.said.startswith("12k")


def test_a_part_named_after_another_figure_is_not_this_figures_part() -> None:
    first, second = quantities("At 3,000 queries per second and 2 ms of CPU per query, it fits.")
    assert first.kind == "per_second" and first.scope == []
    assert second.kind == "ms"


def test_a_total_over_the_latency_budget_contradicts_it() -> None:
    card = shipped_card("fraud-detection")  # 100 ms at p99 end to end
    over = conflict("Adding the stages up I land at 112 ms.", card, ["latency"])
    assert over is not None and over.given == "100 ms"
    assert conflict("Adding the stages up I land at 98 ms.", card, ["latency"]) is None


def test_a_budget_with_no_stage_named_is_the_service_budget_not_the_page() -> None:
    card = shipped_card("video-recommendation")  # page in 200 ms; the service 100 ms at p99
    over = conflict("I'd plan for roughly 160 ms end to end.", card, ["latency"])
    assert over is not None and over.given == "100 ms"
    # a figure about the page is compared with the page's
    assert conflict("The home page renders in about 180 ms.", card, ["latency"]) is None


def test_a_cut_off_by_rank_is_compared_with_a_rule_about_the_same_thing() -> None:
    card = shipped_card("video-recommendation")  # two per channel in the first twenty slots
    found = conflict("Cap it at two videos per channel within the top 10.", card, ["constraints"])
    assert found is not None and found.said == "top 10" and found.given == "first twenty"
    assert conflict("We show the top ten videos in a row.", card, ["constraints"]) is None


def test_a_message_that_also_gives_the_right_figure_is_not_contradicting_it() -> None:
    card = shipped_card("search-ranking")
    said = "I'll size for 5,000 queries per second instead of the 2,000 queries per second I had."
    assert conflict(said, card, ["scale"]) is None


def test_a_stated_requirement_the_card_contradicts_is_corrected_before_it_is_asked() -> None:
    found = conflicts(
        "I think 500 ms is plenty for this check.", shipped_card("fraud-detection"), []
    )
    assert [(c.topic, c.told) for c in found] == [("latency", False)]
    # a figure of the candidate's own (no card fact of that kind) is theirs to choose
    assert (
        conflicts(
            "Each analyst reviews about 40 cases an hour.", shipped_card("fraud-detection"), []
        )
        == []
    )


def test_every_assumed_figure_the_card_contradicts_is_corrected_at_once() -> None:
    reply, move = reply_to(
        interview_on("fraud-detection"),
        "I'll assume about 10 million transactions a day and a 400 ms budget for the "
        "decision, and I'll design for that.",
    )
    assert move.kind == MoveKind.ANSWER_CLARIFICATION
    assert set(move.fact_topics) == {"scale", "latency"}
    assert "40 million" in reply and "100 ms" in reply


def test_a_latency_said_in_passing_is_corrected_with_theshipped_card() -> None:
    iv = interview_on(
        "fraud-detection", "Who are the users here, and what happens after a decline?"
    )
    reply, move = reply_to(
        iv, "For latency, I'd say half a second, 500 ms, is fine for a fraud check."
    )
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and move.fact_topics == ["latency"]
    assert "100 ms" in reply


def test_a_range_joined_to_the_figure_before_keeps_both_ends() -> None:
    card = shipped_card("search-ranking")  # peaking around 5,000 queries per second
    said = "About 900 queries per second on average and maybe 4 to 6 thousand at peak."
    assert conflict(said, card, ["scale"]) is None
    # lookups fan out per request: more of them than requests is no contradiction
    assert conflict("The feature store must take 800k lookups/s.", card, ["scale"]) is None


def test_a_total_over_budget_stands_beside_the_budget_named_for_a_stage() -> None:
    card = shipped_card("similar-listings")  # must be ready within 100 ms
    said = "If the whole call is 160 ms, the ranking part stays below 100 ms."
    found = conflict(said, card, ["latency"])
    assert found is not None and found.said == "160 ms"


def test_a_budget_is_compared_with_the_one_its_clause_is_about() -> None:
    card = shipped_card("video-recommendation")  # page in 200 ms; the service 100 ms at p99
    said = "Fine, and a 230 ms p99 budget for the whole home-page render call."
    found = conflict(said, card, ["latency"])
    assert found is not None and found.given == "200 ms"
