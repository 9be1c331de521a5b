"""Design figures are held to freshness requirements, the card's and the candidate's own.

A cache kept for minutes, counters refreshed every quarter hour or features recomputed
nightly let data get staler than "at most a minute old" or "within a minute or two"
allows. The interviewer asks once how the two fit; a retrain cadence is not a feature's
freshness, and a design inside the bound is fine.
"""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.decide.moves import MoveKind
from agent.read.freshness import conflicts, stated_requirements
from tests.support.interview_fixtures import new_interview


def _card(problem: str):
    return load_content().problems.get(problem)


def test_a_refresh_slower_than_the_cards_bound_contradicts_it() -> None:
    card = _card("news-feed-ranking")  # engagement counts at most a minute old as features
    (found,) = conflicts(
        "Engagement counts get updated every 20 minutes by a batch job.", card, ["freshness"], []
    )
    assert "20 minutes" in found.said and "at most a minute old" in found.given
    assert (
        conflicts(
            "Engagement counts are updated every 10 seconds from the stream.",
            card,
            ["freshness"],
            [],
        )
        == []
    )
    # a bound the interviewer has not given yet is not held against the design
    assert conflicts("Engagement counts get updated every 20 minutes.", card, [], []) == []


def test_a_retrain_cadence_is_not_the_features_freshness() -> None:
    card = _card("eta-prediction")  # features reflect the last few minutes; model weekly
    assert conflicts("The model itself is retrained every 3 days.", card, ["freshness"], []) == []
    (found,) = conflicts(
        "Traffic features are recomputed nightly in Spark.", card, ["freshness"], []
    )
    assert "nightly" in found.said and "last few minutes" in found.given


def test_a_requirement_the_candidate_stated_holds_their_design() -> None:
    stated = stated_requirements(
        "How fresh must prices be? I'll assume a price change has to reach the results page "
        "within 30 seconds."
    )
    assert stated == ["a price change has to reach the results page within 30 seconds"]
    card = _card("search-ranking")
    (found,) = conflicts(
        "We cache results pages for popular queries for 10 minutes.", card, [], stated
    )
    assert found.topic == "requirement"
    assert (
        conflicts("We cache results pages for popular queries for 10 seconds.", card, [], stated)
        == []
    )
    # about something else: the embeddings, not the results page
    assert conflicts("Query embeddings are rebuilt every 10 minutes.", card, [], stated) == []


def test_the_interviewer_asks_once_how_a_stale_design_fits_the_requirement() -> None:
    iv = new_interview("search-ranking")
    iv.start()
    iv.respond(
        "One assumption first: a price change has to reach the results page within 30 seconds."
    )
    reply = iv.respond("For cost, we cache results pages for popular queries for 10 minutes.")
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.PROBE and move.number is not None
    assert "10 minutes" in reply and "within 30 seconds" in reply
    iv.respond("And yes, results pages for popular queries stay cached for 10 minutes.")
    assert iv.transcript.turns[-1].move.number is None  # asked once, not again


def test_a_fast_path_in_the_same_clause_meets_the_bound() -> None:
    card = _card("video-recommendation")  # new uploads should get exposure within an hour
    text = (
        "New uploads go into a small index refreshed every 5 minutes and the main index is "
        "rebuilt daily."
    )
    assert conflicts(text, card, ["cold_start"], []) == []
    assert conflicts("The index of new uploads is rebuilt daily.", card, ["cold_start"], []) != []


def test_a_real_time_path_in_the_same_sentence_meets_the_bound() -> None:
    stated = stated_requirements("I'll assume a price change must reach results within a minute.")
    card = _card("search-ranking")
    text = (
        "Price updates reach the index as near-real-time partial updates, and a full "
        "rebuild of the results index runs nightly."
    )
    assert conflicts(text, card, [], stated) == []
    assert conflicts("The results index is rebuilt nightly.", card, [], stated) != []
