"""Which card figure a candidate's figure is about decides whether it contradicts the card.

A request rate ("35k QPS") is held to the card's one rate per second even where the card
counts it in what the service is called for ("12,000 posts per second"); a count in the word
the questions about a fact use ("images", where the card counts panoramas of eight frames)
is held to that fact's nearest count; a count that refers back ("5,000 such requests a
month", users' reports) is not the service's traffic; a percentage that is one case's
likelihood ("a 70%-likely post") is no share of anything; a delay reported of most events
("most clicks come within two minutes") is not a label window.

Sentences written for these tests; the expectations are the shipped cards' figures (in the
comments), worked out by hand, not values computed by the code under test.
"""

from __future__ import annotations

from agent.read import windows
from agent.read.numbers import conflicts
from tests.support.interview_fixtures import talk
from tests.support.policy_fixtures import shipped_card

HARMFUL = "harmful-content-detection"  # 500 million posts a day, peak 12,000 posts/s; 85%
STREET = "street-view-blurring"  # 20M panoramas a month of 8 frames: 160M frames a month
ADS = "ad-click-prediction"  # a positive is a click within 15 minutes of the impression


def _pairs(text: str, problem: str, given: list[str]) -> list[str]:
    return [f"{c.said} | {c.given}" for c in conflicts(text, shipped_card(problem), given)]


# -- a request rate against a rate per second of what the service is called for ---------


def test_a_request_rate_is_held_to_a_peak_the_card_counts_in_posts() -> None:
    # 35k at peak is about three times the card's 12,000 posts a second
    said = "If a batched GPU handles about 2,000 items a second, 35k peak QPS is under 20 GPUs."
    found = _pairs(said, HARMFUL, ["scale"])
    assert len(found) == 1 and found[0].startswith("35k") and "12,000" in found[0]


def test_a_request_rate_that_agrees_with_the_posts_a_second_is_no_conflict() -> None:
    assert _pairs("so roughly 12k QPS at peak", HARMFUL, ["scale"]) == []
    # 500 million a day is about 5,800 a second on average
    assert _pairs("that's about 6k QPS on average", HARMFUL, ["scale"]) == []


# -- a count in the word the fact's questions use --------------------------------------------


def test_a_daily_count_of_images_is_held_to_the_panoramas_and_frames() -> None:
    # 20M panoramas a month is about 670k a day, 160M frames about 5.3M a day: a million
    # images a day is neither
    said = "Then one million images a day is like 12 per second, so one GPU is enough?"
    found = _pairs(said, STREET, ["scale"])
    assert len(found) == 1 and found[0].startswith("one million images a day")
    assert "20 million panoramas" in found[0]


def test_a_count_of_images_near_one_of_the_card_counts_is_no_conflict() -> None:
    assert _pairs("we get about 700k images a day", STREET, ["scale"]) == []
    assert _pairs("about 160 million images a month", STREET, ["scale"]) == []
    # one GPU's throughput is no volume of the system
    assert _pairs("If one GPU does maybe 50 images per second, fine.", STREET, ["scale"]) == []


def test_a_count_of_a_noun_a_cue_names_without_asking_how_many_is_held_to_nothing() -> None:
    # the ETA card's consumer cue says "how is the prediction used": no count of predictions;
    # predictions a day are not the card's 10 billion GPS pings a day
    said = "I'll assume that comes to roughly 2 to 3 billion predictions a day."
    card = shipped_card("eta-prediction")
    assert not [c for c in conflicts(said, card, [], assumed=True) if "pings" in c.given]


def test_a_count_that_refers_back_is_not_the_service_traffic() -> None:
    # the card's "5,000 such requests a month" are users' reports, not calls to the service
    said = "That's like 12 per second, so one GPU is enough."
    assert not [p for p in _pairs(said, STREET, ["output_consumer"]) if "requests" in p]


# -- a likelihood is no share -----------------------------------------------------------------


def test_a_likelihood_of_one_post_is_not_held_to_the_moderators_agreement() -> None:
    said = (
        "A 70%-likely hate post about to go viral should come before a 95%-likely one on an "
        "account with twelve followers."
    )
    assert _pairs(said, HARMFUL, ["labels"]) == []
    # the moderators' own agreement rate said wrong is still held to the card's 85%
    found = _pairs("moderators agree on hate speech maybe 70% of the time", HARMFUL, ["labels"])
    assert found == ["70% | 85%"]


# -- a reported delay is no label window ------------------------------------------------------


def test_a_delay_reported_of_most_clicks_is_not_a_label_window() -> None:
    card = shipped_card(ADS)
    said = "For the labels, most clicks come within two minutes of the impression anyway."
    assert windows.conflicts(said, card, ["labels"]) == []
    said = "For the labels, 90% of clicks arrive within 2 minutes, so the join is cheap."
    assert windows.conflicts(said, card, ["labels"]) == []
    # a window that defines the label is still held to the card's 15 minutes
    found = windows.conflicts("A positive is a click within 30 minutes.", card, ["labels"])
    assert [(c.said, c.given) for c in found] == [("within 30 minutes", "within 15 minutes")]
    said = "I'd usually count a click within 30 minutes of the impression as the positive."
    found = windows.conflicts(said, card, ["labels"])
    assert [(c.said, c.given) for c in found] == [("within 30 minutes", "within 15 minutes")]


# -- three wrong figures of two facts are pointed out at once ---------------------------------


def test_three_wrong_figures_of_two_given_facts_are_pointed_out_in_one_reply() -> None:
    # similar-listings: 50 million views a day, 2,000 a second at peak; ready within 100 ms
    replies, moves = talk(
        "similar-listings",
        "How much traffic does the listing page get?",
        "And what is the latency budget?",
        "OK. So I will design for about 150 million listing-page views a day, roughly 5k QPS "
        "at peak, and a 120 ms budget for the carousel.",
        "For candidates I would train listing embeddings on co-clicks within sessions.",
    )
    reply = replies[2]
    for said, given in (("150 million", "50 million"), ("5k", "2,000"), ("120 ms", "100 ms")):
        assert said in reply and given in reply
    # the next point is heard, not taken by a figure left over
    assert moves[3].number is None
