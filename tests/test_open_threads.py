"""Open threads (issue 10): a figure that contradicts one the interviewer gave is pointed out
once; a wrong claim stated while a question took the turn is raised on a later answer."""

from __future__ import annotations

from agent.decide.moves import MoveKind, SteerKind
from agent.read.numbers import conflict, quantities
from tests.support.policy_fixtures import interview_on, reply_to, shipped_card


def test_quantities_read_the_number_its_multiplier_and_what_it_counts() -> None:
    found = [(q.value, q.kind) for q in quantities("50 ms end to end at 15k rps for 100M users")]
    assert found == [(50.0, "ms"), (15000.0, "per_second"), (1e8, "user")]
    assert quantities("train on 2 weeks, 3 times a day") == []  # durations count nothing


def test_a_conflict_needs_the_same_kind_of_quantity_clearly_apart() -> None:
    card = shipped_card("game-recommendation")  # 60,000 games; 250 ms
    assert conflict("about 40k games", card, ["scale"]).given == "60,000 games"
    assert conflict("about 58k games", card, ["scale"]) is None  # a rounding, not a conflict
    assert conflict("about 40k games", card, []) is None  # nothing was given yet
    assert conflict("the ranker gets 80 ms of it", card, ["latency"]) is None  # a stage
    assert conflict("a 400 ms page", card, ["latency"]).said == "400 ms"  # over the budget


def test_a_figure_contradicting_the_card_is_raised_once() -> None:
    iv = interview_on(
        "game-recommendation", "How many games are in the catalogue, and how many players?"
    )
    reply, move = reply_to(
        iv,
        "Got it. With around 40k games I'd retrieve a few hundred candidates with a two-tower "
        "model and rank them with gradient boosted trees.",
    )
    assert (move.kind, move.rule) == (MoveKind.PROBE, "numbers")
    assert "40k games" in reply and "60,000 games" in reply
    _, later = reply_to(
        iv,
        "Right, with 40k games the candidate step stays cheap, and the ranker uses play time, "
        "genre affinity and price features.",
    )
    assert later.rule != "numbers"


def test_a_wrong_claim_said_with_a_question_is_challenged_in_the_answer_once() -> None:
    iv = interview_on(
        "fraud-detection", "What's the business goal, and how many transactions per second at peak?"
    )
    reply, move = reply_to(
        iv,
        "We'd measure the model with plain accuracy, that's the simplest metric and fine here. "
        "What is the latency budget for scoring?",
    )
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and "latency" in move.fact_topics
    assert move.claim == "accuracy_on_imbalanced"
    assert "100 ms" in reply and "always predicting the negative class" in reply
    _, later = reply_to(
        iv,
        "For features I'd use the amount relative to the user's usual spend, merchant "
        "category and device velocity over the last hour.",
    )
    assert later.steer != SteerKind.WRONG_CLAIM  # raised once


def test_a_rate_is_compared_per_day_and_never_with_a_plain_count() -> None:
    card = shipped_card("street-view-blurring")  # ~20 million panoramas a month
    found = conflict("we process about 15 million panoramas a day", card, ["scale"])
    assert found is not None and found.given == "20 million panoramas a month"
    assert conflict("about 700k panoramas a day", card, ["scale"]) is None  # the same rate
    assert conflict("a backlog of 15 million panoramas", card, ["scale"]) is None  # a count


def test_an_assumed_figure_the_card_contradicts_is_corrected_with_the_card_answer() -> None:
    reply, move = reply_to(
        interview_on("street-view-blurring"),
        "Let me size it first. I'll assume the capture fleet brings in roughly 15 million "
        "panoramas a day; unless you correct me I'll design around that.",
    )
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and move.fact_topics == ["scale"]
    assert "20 million panoramas a month" in reply
    # an assumption the card does not contradict is left to the candidate
    _, kept = reply_to(
        interview_on("street-view-blurring"),
        "I'll assume about 700k panoramas a day; correct me if that's off.",
    )
    assert "scale" not in kept.fact_topics


def test_a_figure_under_another_name_for_the_same_thing_is_compared() -> None:
    """'10M SKUs' after '300 million products'; daily actives at the monthly count."""
    found = conflict(
        "with roughly 10M SKUs the index stays small", shipped_card("search-ranking"), ["scale"]
    )
    assert found is not None and found.given == "300 million products"
    pymk = shipped_card("people-you-may-know")  # 900 million members, 300 million monthly active
    assert conflict("with 300M daily actives we precompute", pymk, ["scale"]) is not None
    assert conflict("with 30M daily actives we precompute", pymk, ["scale"]) is None
    assert conflict("with 300M users we precompute", pymk, ["scale"]) is None  # a figure it gave


def test_a_count_a_thousand_times_smaller_is_another_quantity_not_a_conflict() -> None:
    card = shipped_card("search-ranking")  # 300 million products
    assert conflict("we show the top 20 products on the first page", card, ["scale"]) is None


def test_a_compound_noun_counts_its_head_and_a_modified_rate_is_still_a_rate() -> None:
    """'5 billion ad impressions a day' counts impressions, so '50 billion impressions a
    day' contradicts it; '300,000 ad requests per second' is a request rate, so '100k
    requests per second' does; a plural after a count is its noun, a verb is not."""
    card = shipped_card("ad-click-prediction")
    told = conflict("we serve maybe 50 billion impressions a day", card, ["scale"])
    assert told is not None and told.said == "50 billion impressions a day"
    told = conflict("serving about 100k requests per second", card, ["scale"])
    assert told is not None and "300,000" in told.given
    assert conflict("about 5B impressions a day at 300k QPS", card, ["scale"]) is None
    assert [q.kind for q in quantities("500 candidate ads, 500 users said so")] == ["ad", "user"]


def test_a_claim_left_open_and_then_put_right_is_not_raised() -> None:
    from agent.decide.progress import apply_reading
    from agent.decide.state import InterviewState
    from agent.read.reading import MessageKind, Reading

    state = InterviewState(claims_open=["tune_on_test_set"])
    fixed = Reading(kind=MessageKind.ANSWER, repairs=["tune_on_test_set"])
    assert apply_reading(state, fixed, 10.0).claims_open == []
    again = Reading(
        kind=MessageKind.ANSWER, repairs=["tune_on_test_set"], misconceptions=["tune_on_test_set"]
    )
    assert apply_reading(state, again, 10.0).claims_open == ["tune_on_test_set"]
