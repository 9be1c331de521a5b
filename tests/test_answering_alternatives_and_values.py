"""Two ways a clarifying question asks for what a line of the card says (issue 10: every
part answered, from the card): a question offering alternatives hears the pieces of its fact
that say how each goes, and values listed beside a question are answered by the line that
names them, never called open beside it."""

from __future__ import annotations

from agent.read.alternatives import alternatives
from agent.read.asked_parts import named_by_reply
from agent.read.reading import AskedPart
from tests.support.interview_fixtures import last_turn_after

HARMS = "harmful-content-detection"
OPEN_LINES = ("open", "not specified", "assume", "isn't fixed", "pick an assumption")


def test_alternatives_are_clauses_not_values():
    assert alternatives("Is the check done before it is published, or can it wait a while?") == [
        "Is the check done before it is published",
        "can it wait a while",
    ]
    assert alternatives("Is it text or images?") == []
    assert alternatives("Are the posts only text and photos, or also videos and links?") == []
    assert alternatives("Do we rank by clicks, or by bookings, or both?") == []


def test_a_question_offering_alternatives_hears_both_pieces_of_its_fact():
    # the card's latency fact says both: a blocking check at upload within 500 ms, and a
    # deeper pass of up to 10 minutes while the post is visible
    turn = last_turn_after(
        HARMS,
        [],
        "Has the verdict to come before the post is live, or can people see it for a bit first?",
    )
    assert "500 ms" in turn.text
    assert "10 minutes" in turn.text


def test_values_listed_beside_a_question_are_answered_by_the_line_that_names_them():
    # the labels' line lists the policy categories, so the listed harms are not open
    turn = last_turn_after(HARMS, [], "What counts as harmful here? Hate speech, violence, nudity?")
    text = turn.text.lower()
    assert "hate speech" in text and "nudity" in text
    assert not any(line in text for line in OPEN_LINES)


def test_a_choice_between_words_a_line_names_is_not_answered_by_that_line():
    # the consumers' line names pickups and trips, but does not say which one is predicted;
    # listed harms the labels' line names are answered by it
    line = {"output_consumer#0": "Dispatch uses pickup times; riders see the trip time."}
    choice = AskedPart(text="ETA for the pickup, or for the trip?")
    values = AskedPart(text="pickup times")
    named_by_reply([choice, values], line)
    assert choice.pieces == []
    assert values.pieces == ["output_consumer#0"]


def test_a_listed_value_the_line_does_not_name_is_still_open():
    turn = last_turn_after(HARMS, [], "What counts as harmful here? Hate speech, doxxing?")
    text = turn.text.lower()
    assert "doxxing" in text
    assert any(line in text for line in OPEN_LINES)


def test_a_terse_question_spelled_out_by_a_list_hears_each_item():
    # "Scale?" alone hears the user count; the list after it asks for the catalogue and the
    # latency budget too, which the card gives (800 million videos; about 100 ms at p99)
    turn = last_turn_after("video-recommendation", [], "Scale? Users, catalogue size, latency.")
    assert "200 million daily active users" in turn.text
    assert "800 million videos" in turn.text
    assert "100 ms" in turn.text
