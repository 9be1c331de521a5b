"""Talk about a mistake's topic is not the mistake: a sound plan for cold start, a rejection
of a random split or of accuracy, and a heading that only names the topic are not
challenged, while the mistake itself, stated plainly, still is (sentences written for
this test, not in knowledge/corpus/ or tests/blind/)."""

from __future__ import annotations

import pytest

from tests.support.card_reading import claims_on_card

_claims = claims_on_card


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "About cold start: a game released today gets a vector from its tags and trailer, "
            "and two home-page slots go to new releases so they collect plays.",
            "game-recommendation",
        ),
        ("Now the cold start part.", "game-recommendation"),
        (
            "Fresh articles have no clicks yet, which is why the ranker also reads the "
            "publisher's track record and the text itself.",
            "news-feed-ranking",
        ),
        ("The test window is the final fortnight, never a shuffled sample.", "fraud-detection"),
        ("I'd report the error in minutes rather than accuracy.", "eta-prediction"),
        ("Plain accuracy is useless for us, almost nothing is fraud.", "fraud-detection"),
        (
            "New releases have zero purchases yet, so a popularity ranker buries them.",
            "game-recommendation",
        ),
    ],
)
def test_sound_talk_about_a_mistake_is_not_challenged(text: str, problem: str) -> None:
    assert _claims(text, problem) == []


@pytest.mark.parametrize(
    ("text", "problem", "claim"),
    [
        pytest.param(
            "New titles can wait until people have bought them; no special path for them.",
            "game-recommendation",
            "ignores_cold_start",
        ),
        (
            "Shuffle the transactions, keep a fifth aside as the test set.",
            "fraud-detection",
            "random_split_time_ordered",
        ),
        (
            "We'd judge the fraud model on its accuracy.",
            "fraud-detection",
            "accuracy_on_imbalanced",
        ),
    ],
)
def test_the_mistake_stated_plainly_is_still_challenged(
    text: str, problem: str, claim: str
) -> None:
    assert claim in _claims(text, problem)
