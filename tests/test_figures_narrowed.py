"""An order of magnitude narrowed by the figure after it ("many millions of posts a day,
maybe 100 million") is one figure, the narrow one: it is the figure held to the card, and
the wide range no longer covers the card's figure for it (issue 10: numbers that contradict
the card). Expectations by hand from the cards: harmful-content-detection has about 500
million new posts a day; fraud-detection about 40 million card transactions a day.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.read.numbers import conflicts
from agent.read.quantities import quantities


def _card(problem: str):
    return load_content().problems.get(problem)


@pytest.mark.parametrize(
    ("problem", "text", "said"),
    [
        (
            "harmful-content-detection",
            "I'll assume lots of posts, many millions per day, maybe 80 million, mostly text.",
            "80 million",
        ),
        (
            "fraud-detection",
            "Let's say millions of transactions a day, perhaps 5 million.",
            "5 million",
        ),
    ],
)
def test_a_narrowed_order_of_magnitude_is_held_to_the_card(
    problem: str, text: str, said: str
) -> None:
    found = conflicts(text, _card(problem), [], assumed=True)
    assert [c.said.strip() for c in found] == [said]


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # narrowed to the card's own figure: nothing to correct
        ("harmful-content-detection", "I assume millions of posts per day, say 500 million."),
        ("fraud-detection", "Tens of millions of transactions a day, roughly 40 million."),
        # an order of magnitude alone that spans the card's figure
        ("harmful-content-detection", "I assume hundreds of millions of posts a day."),
    ],
)
def test_a_range_that_holds_the_card_figure_is_not_queried(problem: str, text: str) -> None:
    assert conflicts(text, _card(problem), [], assumed=True) == []


def test_the_wide_range_is_dropped_once_narrowed() -> None:
    read = quantities("Millions of users a day, say 3 million, peak at noon.")
    assert [q.value for q in read] == [3_000_000]
