"""An answer for another problem earns little on the problem asked and well on its own; a
junior's wrong decision still shows the level its kind of mistake sits at (issue 14).

The answers in tests/data/wrong_problem/ were written by hand for these tests, each a
plain design of its own problem; expectations are set by hand from the rubric."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.content.bundle import load_content
from agent.grading.offline import OfflineGrader

DATA = Path(__file__).resolve().parent / "data" / "wrong_problem"
CONTENT = load_content()
# (the problem the answer designs, the problem it is graded against)
PAIRS = [
    ("video-recommendation", "fraud-detection"),
    ("eta-prediction", "search-ranking"),
    pytest.param(
        "harmful-content-detection",
        "people-you-may-know",
        marks=pytest.mark.xfail(
            strict=True,
            reason="the understanding layer reads 7 design sentences in this moderation "
            "design, under the 8 the off-problem check needs (relevance.MIN_DESIGN_SENTENCES): "
            "on dev, answers on their own problem with 4-7 design sentences reach claim and "
            "word margins up to 0.11 and 0.08, so a shorter answer cannot be told apart",
        ),
    ),
    # both social ranking problems; written by hand for grading10
    pytest.param(
        "news-feed-ranking",
        "event-recommendation",
        marks=pytest.mark.xfail(
            strict=True,
            reason="graded 1.0 on the asked problem as expected, but 2.14 on its own: one "
            "or two sentences a section earn 2-3 per dimension, under the 2.5 set by hand "
            "for a sound complete design (a depth reading miss, not the off-problem check)",
        ),
    ),
]


@pytest.fixture(scope="module")
def grader() -> OfflineGrader:
    return OfflineGrader()


def _overall(grader: OfflineGrader, text: str, problem: str) -> float:
    return grader.grade_answer(text, CONTENT.problems.get(problem), CONTENT.rubric).overall


@pytest.mark.parametrize(
    ("own", "asked"),
    [("news-feed-ranking", "event-recommendation"), ("video-recommendation", "fraud-detection")],
)
def test_a_nearby_products_design_is_off_the_problem_asked(grader, own, asked):
    # a feed design shares ranking, engagement labels and social entities with event
    # recommendation; its claims still fit the feed card better than the event card
    text = (DATA / f"{own}.md").read_text(encoding="utf-8")
    recap = grader.grade_answer(text, CONTENT.problems.get(asked), CONTENT.rubric)
    assert recap.overall <= 1.2, recap.overall
    assert all(d.score <= 2 for d in recap.dimensions), [(d.id, d.score) for d in recap.dimensions]


@pytest.mark.parametrize(("own", "asked"), PAIRS)
def test_a_design_for_another_problem_scores_low_on_the_one_asked(grader, own, asked):
    text = (DATA / f"{own}.md").read_text(encoding="utf-8")
    on_own = _overall(grader, text, own)
    on_asked = _overall(grader, text, asked)
    assert on_asked <= 1.2, (own, asked, on_asked)
    assert on_own >= 2.5, (own, on_own)


FRAUD_JUNIOR = """We take all the transactions of the last year with their chargeback labels.
Features are the amount, the merchant category and the country of the card.
I would train a random forest on them because it handles mixed features well.

We split the data randomly into 80% training and 20% test and look at precision and recall
on the test part.
"""


def test_a_random_split_of_time_ordered_data_is_still_a_hold_out(grader):
    # the rubric's evaluation 2: "uses a hold-out set but ignores time order"; the wrong
    # claim left standing keeps it from going higher
    card = CONTENT.problems.get("fraud-detection")
    recap = grader.grade_answer(FRAUD_JUNIOR, card, CONTENT.rubric)
    evaluation = next(d for d in recap.dimensions if d.id == "evaluation")
    assert evaluation.score == 2, evaluation.why
    cut = FRAUD_JUNIOR.split("We split")[0]
    recap = grader.grade_answer(cut, card, CONTENT.rubric)
    assert next(d for d in recap.dimensions if d.id == "evaluation").score == 1


def test_saying_a_test_is_not_needed_shows_nothing(grader):
    card = CONTENT.problems.get("fraud-detection")
    text = FRAUD_JUNIOR.split("We split")[0] + (
        "We don't need a test set or an online experiment; the training fit is enough.\n"
    )
    recap = grader.grade_answer(text, card, CONTENT.rubric)
    assert next(d for d in recap.dimensions if d.id == "evaluation").score == 1
