"""A strong-answer note is kept off the recap's list when the candidate said it, compared piece
by piece with their statements and clauses, and only then: a question outside the clarify
phase, a heading fragment or a bare list of terms names a note's words without saying it.

Every sentence here was written for these tests; expectations were decided by reading each
note and sentence, before running the check."""

from __future__ import annotations

import pytest

from agent.grading.note_cover import covered, note_pieces
from agent.understanding.sentences import clauses, is_term_list
from tests.support.card_reading import strong_answer_note

_note = strong_answer_note


def _covered(problem: str, start: str, said: list[str]) -> bool:
    phase, note = _note(problem, start)
    return covered(note, set(), said, phase)


# -- the pieces ------------------------------------------------------------------------------


def test_a_terse_note_is_cut_into_what_it_asks_for():
    assert clauses("Time split + sim offline", 2) == ["Time split", "sim offline"]
    assert clauses("Retrain daily; calibrate the scores.", 2) == [
        "Retrain daily",
        "calibrate the scores",
    ]


def test_a_list_item_stays_with_its_head():
    # "review count" alone is not a piece a candidate could be asked to say
    assert clauses("Quality such as ratings, review count", 3) == [
        "Quality such as ratings, review count"
    ]


def test_what_a_note_rules_out_is_not_one_of_its_pieces():
    pieces = note_pieces("A model on content features rather than item ids, not a lookup table.")
    assert pieces == ("A model on content features",)


@pytest.mark.parametrize(
    "text, listed",
    [
        ("Scale, QPS, latency.", True),
        ("Risks: drift, bias, latency.", True),
        ("Retrain daily on fresh data, with calibration.", False),  # a statement
        ("QPS, 500 candidates per request.", False),  # a figure is not a term
    ],
)
def test_a_bare_list_of_terms_is_told_from_a_statement(text, listed):
    assert is_term_list(text) is listed


# -- said: kept off the list -----------------------------------------------------------------


def test_a_note_said_in_one_clause_of_a_long_sentence_is_covered():
    # rider-driver-matching, modeling: the whole sentence is about three things, its last
    # clause is the note (the whole sentence alone is too far from it)
    said = [
        "Pickup ETA comes from the routing service, cancellations are predicted for each "
        "pair, and between trips idle drivers get nudged toward zones the demand forecast "
        "says will run short."
    ]
    assert _covered("rider-driver-matching", "Optionally reposition idle drivers", said)


def test_a_clarify_note_is_said_by_asking():
    said = [
        "How many ad requests per second at peak, how many candidate ads does each one "
        "score, and what latency budget do we have per request?"
    ]
    assert _covered("ad-click-prediction", "Asks scale", said)


def test_a_deployment_note_said_as_a_statement_is_covered():
    said = [
        "At request time the app calls a ranker that fetches the user's and each candidate "
        "event's features from an online store and scores them."
    ]
    assert _covered("event-recommendation", "Online ranking for the app", said)


# -- named only: still listed (adversarial) --------------------------------------------------


def test_a_question_outside_the_clarify_phase_does_not_cover_a_note():
    said = ["Should we also move idle drivers toward where demand is forecast?"]
    assert not _covered("rider-driver-matching", "Optionally reposition idle drivers", said)


def test_a_heading_fragment_does_not_cover_a_note():
    assert not _covered("event-recommendation", "Online ranking for the app", ["Ranking features:"])


def test_a_keyword_list_does_not_cover_a_note():
    # the clarify note on scale and latency: naming the words is not asking for the figures
    assert not _covered("ad-click-prediction", "Asks scale", ["Scale, QPS, latency."])


def test_a_sentence_on_another_part_does_not_cover_a_note():
    said = ["Features are the ad's category, the advertiser and the user's past clicks."]
    assert not _covered("rider-driver-matching", "Optionally reposition idle drivers", said)


@pytest.mark.xfail(
    strict=True,
    reason="a dismissal of a concept with no rubric signal: the note 'Optionally reposition "
    "idle drivers using demand forecasts' reads with no signal, the sentence shows none and "
    "mentions none of it, and its MiniLM cosine to the note is 0.72 (over the 0.62 bar): "
    "only a reading of the sentence's stance (said vs dismissed) for any concept, not only "
    "the rubric's, can keep it listed",
)
def test_a_dismissal_does_not_cover_a_note():
    said = ["Repositioning idle drivers is out of scope; drivers go where they like."]
    assert not _covered("rider-driver-matching", "Optionally reposition idle drivers", said)


@pytest.mark.xfail(
    strict=True,
    reason="a two-piece note said in two sentences in other words: 'drop games the player's "
    "age rating or country does not allow' is 0.46 from the piece 'Filters for age rating, "
    "region' (MiniLM), under PIECE_BAR 0.68, while the diversity piece is at 0.73",
)
def test_a_note_said_across_two_sentences_is_covered():
    said = [
        "Before showing a shelf I drop games the player's age rating or country does not allow.",
        "I also spread the shelf across genres so it is not ten shooters in a row.",
    ]
    assert _covered("game-recommendation", "Filters for age rating", said)
