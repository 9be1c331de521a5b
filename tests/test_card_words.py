"""The cards' own words are weighted from the card library, not listed: a word every card uses
weighs nothing, a word only one card uses points to that card. Expectations by hand."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.grading.card_words import card_words

LIBRARY = load_content().problems
CARDS = {cid: LIBRARY.get(cid) for cid in LIBRARY.ids()}


def test_a_word_every_card_uses_weighs_nothing():
    words = card_words(CARDS)
    assert "the" not in words.idf


def test_a_payment_design_is_closest_to_the_fraud_card_in_words():
    said = card_words(CARDS).similarities(
        [
            "Chargebacks arrive weeks after the payment, so labels for recent transactions are "
            "incomplete.",
            "Velocity counts per card and per merchant go into the score.",
        ]
    )
    assert max(said, key=said.__getitem__) == "fraud-detection", said


def test_shared_ml_words_alone_point_to_no_card_in_particular():
    # an adversarial answer of generic ML vocabulary: no card's own words are in it
    said = card_words(CARDS).similarities(["We train a model on the data and evaluate it."])
    assert max(said.values()) < 0.1, said
