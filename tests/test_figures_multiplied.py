"""A corrected figure that comes back as a factor of a product the candidate leaves for the
listener to work out ("N a second times M candidates", "N × M lookups/s") is a figure the
design rests on: it is corrected once more, like a sizing that states its result (issue 10,
open threads: a number that contradicts the card after a correction).

Expectations worked out by hand from the cards: similar-listings peaks around 2,000 listing
page views per second; eta-prediction around 500,000 requests per second; ad-click-prediction
300,000 ad requests per second; harmful-content-detection around 12,000 posts per second.
"""

from __future__ import annotations

import pytest

from agent.read.derivations import built_on, multiplied
from tests.support.interview_fixtures import new_interview


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Availability lookups: 8k × 300 candidates a second.", (8000.0, 300.0)),
        ("At 40k QPS times 50 segments each we hit the store hard.", (40000.0, 50.0)),
        # the product said too: its factors are still the ones it rests on
        ("5k/s x 200 candidates = 1M scores a second.", (5000.0, 200.0)),
    ],
)
def test_factors_of_a_product_are_what_the_design_builds_on(
    text: str, pair: tuple[float, float]
) -> None:
    assert pair in multiplied(text)
    assert set(pair) <= set(built_on(text))


@pytest.mark.parametrize(
    "text",
    [
        "With 35k games I would precompute nightly, 3 times a day at most.",  # 'times a day'
        "Two stages, 500 candidates, then the top 12 shown.",  # a list, no product
        "At 8k a second, x-ray of the logs shows a long tail.",  # a word, not a sign
    ],
)
def test_figures_side_by_side_are_not_a_product(text: str) -> None:
    assert multiplied(text) == []


# (problem, the assumption the card corrects, the card's figure said back, a later message
# that multiplies the old figure, the old figure as the move quotes it)
_AGAIN = [
    (
        "similar-listings",
        "Scale: I'll assume about 12k QPS at peak.",
        "2,000",
        "Availability check per candidate: 12k × 300 lookups a second, so a bulk endpoint.",
        "12k",
    ),
    (
        "eta-prediction",
        "I'll assume around 80k ETA requests per second at peak, correct me if off.",
        "500,000",
        "Feature reads: 80k QPS times 40 road segments each, so a local cache per node.",
        "80k",
    ),
    (
        "ad-click-prediction",
        "Let me assume 50,000 ad requests a second for sizing.",
        "300,000",
        # said in other units: 0.05 million is the same 50k
        "Scoring load is 0.05 million/s x 400 candidate ads, so GPUs are overkill.",
        "0.05 million",
    ),
]


@pytest.mark.parametrize(("problem", "assume", "card", "later", "old"), _AGAIN)
def test_a_corrected_rate_multiplied_later_is_corrected_once_more(
    problem: str, assume: str, card: str, later: str, old: str
) -> None:
    iv = new_interview(problem)
    iv.start()
    first = iv.respond(assume)
    assert card in first  # the assumption was corrected with the card's figure
    reply = iv.respond(later)
    move = iv.transcript.turns[-1].move
    assert move is not None and move.number is not None and move.number.again, move
    assert move.number.said.lower().startswith(old.lower())
    assert card in reply


def test_the_corrected_figure_multiplied_is_not_queried() -> None:
    # the candidate took the correction: 12,000 posts a second times five checks
    iv = new_interview("harmful-content-detection")
    iv.start()
    assert "12,000" in iv.respond("I'll assume about 3,000 posts per second at peak.")
    iv.respond("Serving: 12,000 posts/s × 5 policy heads, batched on two GPU pools.")
    move = iv.transcript.turns[-1].move
    assert move is not None and move.number is None


def test_a_corrected_rate_restated_in_the_requirements_is_pointed_out() -> None:
    # corrected to 2,000 a second, the candidate lists their old 12k among the requirements
    # the design is sized on: read against the card's per-second figure, it is pointed out
    iv = new_interview("similar-listings")
    iv.start()
    assert "2,000" in iv.respond("Scale: I'll assume about 12k QPS at peak.")
    reply = iv.respond(
        "Requirements: 12 similar listings per page, about 12k QPS at peak, 100 ms p99, "
        "and a geo fallback when the model path fails."
    )
    move = iv.transcript.turns[-1].move
    assert move is not None and move.number is not None, (move, reply)
    assert "2,000" in reply
