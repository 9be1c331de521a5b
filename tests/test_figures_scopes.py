"""Only like with like: a figure is held to a card figure of the same quantity and scope.

A latency budget has a scope (the page, the service, one stage): a stage's figure, or the
sum of a plan's stages of one part, is held to that part's budget ("ranking gets roughly 50
ms"), a whole plan to the budget that holds it. A share is compared only with the card's
share of the same thing, never an effect size or an experiment arm; a count after a stage of
the funnel is not the eligible count; one person's count is not the user base; a cut-off in
time is not a threshold on a score. A corrected figure restated later hears the right one
once more. The sentences are written for these tests; the expectations are the cards'
figures read by hand (in the comments).
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.follow_ups import Asked, load_follow_ups
from agent.read.numbers import conflict, conflicts
from agent.settings import get_settings
from tests.support.interview_fixtures import new_interview


def _card(problem: str):
    return load_content().problems.get(problem)


def _all_given(problem: str) -> tuple[object, list[str]]:
    card = _card(problem)
    return card, [f.topic for f in card.facts]


# -- a stage budget: one stage over it, and a sum of stages over it --------------------------

# news feed: "The first page of the feed must come back in about 150 ms; ranking gets roughly
# 50 ms of that."
FEED = "news-feed-ranking"


@pytest.mark.parametrize(
    "text",
    [
        "Okay, so about 80 ms for the heavy model, batched on one GPU.",
        "The heavy ranker takes 60 ms per request.",
        "I'd give ranking roughly 70 ms.",
    ],
)
def test_one_stage_over_the_ranking_budget_is_queried(text: str) -> None:
    found = conflict(text, _card(FEED), ["latency"])
    assert found is not None and found.given.startswith("50 ms")


@pytest.mark.parametrize(
    "text",
    [
        "The heavy ranker takes 40 ms per request.",
        "Retrieval gets 60 ms because of the fan-out to inboxes.",  # no budget of its own: 150
        "The whole feed page in about 140 ms.",
    ],
)
def test_a_stage_inside_its_own_budget_is_left_alone(text: str) -> None:
    assert conflict(text, _card(FEED), ["latency"]) is None


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # 10 + 60 + 10 of ranking, though the whole plan (125 ms) fits the page's 150 ms
        (
            "Per request: 25 ms for retrieval and merge, 20 ms for feature fetch, 10 ms first "
            "stage, 60 ms heavy model, 10 ms re-rank, the rest is headroom.",
            "80 ms",
        ),
        # terse notes, the unit only once at the end: light 15 + heavy 35 + rerank 10
        ("Budget: retrieval 30, features 20, light 15, heavy 35, rerank 10 ms.", "60 ms"),
    ],
)
def test_stages_of_one_part_are_summed_against_that_parts_budget(text: str, total: str) -> None:
    found = conflicts(text, _card(FEED), ["latency"])
    assert [c.given for c in found] == ["50 ms for ranking"]
    assert f"ranking stages adding up to {total}" in found[0].said


def test_a_plan_within_every_budget_is_no_conflict() -> None:
    plan = "Budget: retrieval 30, features 20, light 10, heavy 30, rerank 5 ms, so 95 in all."
    assert conflicts(plan, _card(FEED), ["latency"]) == []


def test_the_click_models_budget_holds_the_model_stage_not_the_auction() -> None:
    # ad click: the auction 50 ms, the click model 10 ms at p99
    card = _card("ad-click-prediction")
    over = conflicts("Feature fetch 15 ms, the click model 20 ms, pacing 10 ms.", card, ["latency"])
    assert [c.given for c in over] == ["10 ms for ranking"]
    assert (
        conflicts("Feature fetch 15 ms, the click model 8 ms, pacing 10 ms.", card, ["latency"])
        == []
    )


def test_serving_is_held_to_the_only_budget_at_a_percentile() -> None:
    # ad click: the click model's 10 ms at p99 is what serving the model gets
    found = conflict("We keep serving at about 30 ms.", _card("ad-click-prediction"), ["latency"])
    assert found is not None and found.given == "10 ms"


# -- the page against the service ------------------------------------------------------------

# video recommendation: the page renders in about 200 ms; the service gets 100 ms at p99
VIDEO = "video-recommendation"


def test_a_plan_of_service_stages_is_held_to_the_service_budget() -> None:
    plan = (
        "Latency:\n- user feature fetch: 10 ms\n- retrieval across sources: 30 ms\n"
        "- candidate feature hydration: 20 ms\n- ranking: 50 ms\n- re-ranking: 10 ms"
    )
    found = conflicts(plan, _card(VIDEO), ["latency"])
    assert [c.given for c in found] == ["100 ms"] and "120 ms" in found[0].said


def test_a_plan_that_adds_the_network_is_held_to_the_page() -> None:
    card = _card(VIDEO)
    plan = "Roughly 60 ms for network hops, 30 ms for retrieval, 50 ms for ranking."  # 140
    assert conflicts(plan, card, ["latency"]) == []
    assert conflict("Ranking gets 50 ms of the service's 100.", card, ["latency"]) is None
    # a single stage no budget names is held to the service that holds it
    found = conflict("Ranking alone takes about 130 ms.", card, ["latency"])
    assert found is not None and found.given == "100 ms"


def test_a_page_figure_and_a_stage_figure_in_one_sentence_are_each_their_own() -> None:
    # search: the results page 300 ms; the ranking model gets about 80 ms
    card = _card("search-ranking")
    assert conflict("the page has 280 ms and ranking 75 ms", card, ["latency"]) is None
    found = conflict("the page has 280 ms and the ranking model 120 ms", card, ["latency"])
    assert found is not None and found.given == "80 ms"


def test_a_stage_named_in_the_question_before_does_not_scope_the_figure() -> None:
    # search: the ranking model's 80 ms; "features plus the model?" is the question's, and
    # "120 ms overall" names no stage, so it is held to the ranking model's budget
    card = _card("search-ranking")
    text = "Is that for features plus the model? If we get 120 ms overall, I'd split it evenly."
    found = conflict(text, card, ["latency"])
    assert found is not None and found.given == "80 ms"


# -- shares of different things --------------------------------------------------------------

# video recommendation: 4% of impressions get a click, 1.5% lead to a meaningful watch; 10%
# of sessions come from new or logged-out users; 70% of traffic is mobile


@pytest.mark.parametrize(
    "text",
    [
        # an effect size is not a rate of the world
        "With 200 million users we can detect something like a 0.2% change in watch time.",
        "A minimum detectable effect of 0.5% on meaningful watches is realistic.",
        # an experiment arm is not the logged-out share, and the users it comes to are no
        # count of all users
        "Even a 1% arm is millions of users, which is plenty of power.",
        "Even 1% of traffic is two million users.",
    ],
)
def test_effect_sizes_and_experiment_arms_are_not_the_cards_shares(text: str) -> None:
    card, given = _all_given(VIDEO)
    assert conflicts(text, card, given) == []


def test_a_share_is_held_to_the_cards_share_of_the_same_thing() -> None:
    card, given = _all_given(VIDEO)
    # a meaningful watch, not the click rate next to it in the card's sentence
    found = conflict("About 5% of impressions get a meaningful watch.", card, given)
    assert found is not None and found.given == "1.5%"
    found = conflict("Roughly 30% of sessions come from logged-out users.", card, given)
    assert found is not None and found.given == "10%"
    assert conflict("About 1.5% of impressions lead to a meaningful watch.", card, given) is None


# -- funnel counts and one person's counts ---------------------------------------------------


def test_a_count_after_a_stage_is_not_the_eligible_count() -> None:
    # news feed: about 1,500 eligible unseen posts at each load
    card = _card(FEED)
    for text in (
        "Then a multi-task heavy network for about 500 posts, and re-ranking rules.",
        "The light ranker cuts it to 400 posts for the heavy model.",
    ):
        assert conflict(text, card, ["candidates"]) is None
    found = conflict(
        "A typical user has about 500 eligible posts at each load.", card, ["candidates"]
    )
    assert found is not None and "1,500" in found.given


def test_a_count_no_stage_can_take_is_the_whole() -> None:
    # video recommendation: a catalogue of roughly 800 million videos
    text = "We can't run a heavy model over 2 billion videos, so a funnel it is."
    found = conflict(text, _card(VIDEO), ["scale"])
    assert found is not None and "800 million" in found.given


def test_one_persons_count_is_not_the_user_base() -> None:
    card = _card(FEED)  # about 1 billion daily active users
    text = "Fan-out on read is expensive for someone who follows 2,000 accounts."
    assert conflict(text, card, ["scale"]) is None
    found = conflict("I'd size it for about 300 million daily active users.", card, ["scale"])
    assert found is not None and "1 billion" in found.given


# -- a cut-off in time is not a threshold on a score -----------------------------------------


def test_a_time_cutoff_gets_no_threshold_follow_up() -> None:
    follow_ups = load_follow_ups(get_settings().knowledge_dir)
    thresholds = next(t for t in follow_ups.techniques if t.id == "thresholds")
    window = "Cutoff a few hours back, so late cancels are in."
    score = "I'd set the cutoff on a validation week to hold precision at 90%."
    for push in thresholds.pushes:
        assert not follow_ups.applies(push, Asked(message=window, sentence=window))
    assert any(
        follow_ups.applies(p, Asked(message=score, sentence=score)) for p in thresholds.pushes
    )


# -- a corrected figure restated later -------------------------------------------------------


def test_a_stage_budget_restated_in_a_summary_after_it_was_queried_is_not_repeated() -> None:
    iv = new_interview(FEED)
    iv.start()
    iv.respond("What's the latency budget?")
    first = iv.respond(
        "So 30 ms retrieval, 20 ms features, 10 ms light, 60 ms heavy, 10 ms re-rank."
    )
    move = iv.transcript.turns[-1].move
    assert move.number is not None and move.number.kind == "stages:ranking"
    assert "50 ms" in first
    again = iv.respond(
        "To sum up the serving: 30 ms retrieval, 20 ms features, 10 ms light, 60 ms heavy, "
        "10 ms re-rank, all on one GPU box per shard."
    )
    # a summary derives nothing from the plan: the correction was heard, not said twice
    assert iv.transcript.turns[-1].move.number is None and "50 ms" not in again
