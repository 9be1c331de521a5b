"""Which quantity a figure is about decides whether it contradicts the card.

A count of users is held to the user counts the interviewer gave (all users never fewer
than the active ones); "a few hundred million daily users, say 400 million" and "500 new
ones a week" name their quantity before or elsewhere; "docs" and "items" count whatever
the catalogue holds. Not contradictions: a stage's share of the whole ("the heavy ranker
scores 300 posts"), a supposed scale-up ("at ten times the traffic"), the speaker's own
life ("I own like 150 games"). A figure a little off what was just given is still off.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.read.numbers import conflicts, quantities


def _found(text: str, problem: str, given: list[str], *, assumed: bool = False) -> list[str]:
    card = load_content().problems.get(problem)
    return [f"{c.said} | {c.given}" for c in conflicts(text, card, given, assumed=assumed)]


def test_user_counts_are_held_to_the_user_counts_given() -> None:
    # game store: about 30 million monthly active players, 8 million daily
    found = _found(
        "So we have about 45 million monthly players to serve.", "game-recommendation", ["scale"]
    )
    assert found == ["45 million monthly players | 30 million monthly active players"]
    assert (
        _found(
            "With 8 million daily players, nightly batches are cheap.",
            "game-recommendation",
            ["scale"],
        )
        == []
    )
    # all players can be many more than the monthly actives, never fewer
    assert (
        _found("Across 120 million registered players overall.", "game-recommendation", ["scale"])
        == []
    )
    found = _found(
        "With only 12 million players in total, a single box does it.",
        "game-recommendation",
        ["scale"],
    )
    assert found == ["12 million players | 30 million monthly active players"]


def test_a_figure_restating_an_order_of_magnitude_counts_the_same_thing() -> None:
    # news feed: about 1 billion daily active users; not told yet, but a stated user base
    text = (
        "Let me assume a few hundred million daily users, call it 300 million, and go from there."
    )
    found = _found(text, "news-feed-ranking", [], assumed=True)
    assert len(found) == 1 and found[0].endswith("| 1 billion daily active users")
    kinds = [(q.kind, q.value) for q in quantities(text)]
    assert ("daily_users", 300e6) in kinds


def test_ones_counts_what_the_figure_before_it_counts() -> None:
    # about 40 new games a day, roughly 280 a week
    text = "About 60k games in the catalogue, and maybe 900 new ones every week."
    assert [q.kind for q in quantities(text)] == ["game", "game/day"]
    found = _found(text, "game-recommendation", ["scale", "cold_start"])
    assert found == ["900 new ones every week | 40 new games are released per day"]
    assert (
        _found(
            "About 60k games, and maybe 300 new ones every week.",
            "game-recommendation",
            ["scale", "cold_start"],
        )
        == []
    )


def test_docs_and_items_count_whatever_the_catalogue_holds() -> None:
    # search: a catalogue of 300 million products; the ranker re-ranks the top 500 items
    found = _found(
        "The inverted index for 120 million documents fits on a dozen shards.",
        "search-ranking",
        ["scale", "latency"],
    )
    assert found == ["120 million documents | 300 million products"]
    found = _found(
        "Embeddings for 40M items take about 40 GB in float32.",
        "search-ranking",
        ["scale", "latency"],
    )
    assert found == ["40M items | 300 million products"]
    # games: a catalogue of about 60,000 games
    assert (
        _found(
            "Only 20k items, so the whole index sits in memory.", "game-recommendation", ["scale"]
        )
        != []
    )
    assert (
        _found(
            "Around 60k items, so the whole index sits in memory.", "game-recommendation", ["scale"]
        )
        == []
    )


def test_a_stage_share_of_the_whole_is_not_the_whole() -> None:
    # news feed: a typical user has about 1,500 eligible unseen posts at each load
    given = ["candidates"]
    assert (
        _found("The heavy ranker on GPUs scores 300 posts per request.", "news-feed-ranking", given)
        == []
    )
    assert (
        _found(
            "Candidate generation returns 1,500 posts and the light model cuts it to 400 posts.",
            "news-feed-ranking",
            given,
        )
        == []
    )
    # the inventory itself, misremembered, is still off
    found = _found(
        "A user has maybe 600 eligible posts each time the feed loads.", "news-feed-ranking", given
    )
    assert found == ["600 eligible posts | 1,500 eligible unseen posts"]


@pytest.mark.parametrize(
    "text",
    [
        "At ten times our traffic, 15k loads a second would hit the feature store first.",
        "If traffic grew 10x to about 15k loads per second, I'd shard the store.",
        "What if it were 600k games? Then the index would need sharding.",
    ],
)
def test_a_supposed_scale_up_is_not_a_sizing_error(text: str) -> None:
    assert _found(text, "game-recommendation", ["scale"]) == []


def test_a_figure_after_a_scale_up_in_another_paragraph_is_held_to_the_card() -> None:
    text = (
        "At ten times the traffic the cache breaks first.\n\nToday we serve 15k loads per second."
    )
    assert _found(text, "game-recommendation", ["scale"]) == [
        "15k loads per second | 1,500 loads per second"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Honestly, I own like 150 games and play maybe five of them.",
        "My library has about 300 games from bundles, and most are unplayed.",
        "As a player I bought 40 games last year.",
    ],
)
def test_the_speakers_own_life_is_not_the_catalogue(text: str) -> None:
    assert _found(text, "game-recommendation", ["scale"]) == []


def test_a_figure_a_little_off_the_one_just_given_is_off() -> None:
    found = _found(
        "OK, so 70k games and 1,500 loads per second at peak.", "game-recommendation", ["scale"]
    )
    assert found == ["70k games | 60,000 games"]
    assert _found("OK, so roughly 62k games then.", "game-recommendation", ["scale"]) == []


def test_an_order_of_magnitude_over_a_period_is_converted_at_both_ends() -> None:
    # "hundreds of new games every week" is 14 to 143 a day: 40 a day is inside it
    text = "New releases matter, hundreds of new games come out every week."
    (q,) = quantities(text)
    assert q.low < 40 < q.high < 200
    assert _found(text, "game-recommendation", ["cold_start"]) == []


def test_a_vague_latency_is_over_a_budget_only_from_its_low_end() -> None:
    # similar listings: 100 ms; video search: 300 ms for the whole query
    assert (
        _found("It should answer in a few hundred milliseconds.", "similar-listings", ["latency"])
        != []
    )
    assert (
        _found("It should answer in a few hundred milliseconds.", "video-search", ["latency"]) == []
    )


def test_a_range_a_thousand_times_off_is_another_quantity() -> None:
    # a few hundred listings are the candidates, not the 8 million listings
    assert (
        _found(
            "Candidate generation gets a few hundred listings per query.",
            "similar-listings",
            ["scale"],
        )
        == []
    )
    assert (
        _found("The index holds a few hundred thousand listings.", "similar-listings", ["scale"])
        != []
    )


def test_a_hedge_after_other_figures_does_not_restate_the_first() -> None:
    # "20 embedding, maybe 80 for the index" is a list of stages, not "40 ms, maybe 80"
    text = "Roughly: 40 ms detection, 20 embedding, maybe 80 for the index fan-out."
    assert [q.value for q in quantities(text)] == [40.0]


def test_a_stage_smaller_than_the_one_the_card_sized_is_a_design_choice() -> None:
    # search: the ranking model re-ranks the top 500 items from retrieval in 80 ms
    assert (
        _found("A GBDT on CPU takes a few ms for 200 items.", "search-ranking", ["latency"]) == []
    )
