"""Hard-wrapped prose (lines broken at ~80 columns mid-sentence) is read as whole sentences;
headings, list items, labels and a column of one-line notes stay apart (recap17)."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.grading.quotable import whole_quote
from agent.grading.whole_sentences import whole_sentence
from agent.understanding.sentences import split_sentences
from tests.support import grading_fixtures

grader = grading_fixtures.grader
rubric = grading_fixtures.rubric

WRAPPED = (
    "## Training\n"
    "\n"
    "We retrain the ranking model every night on the last twenty-eight days of\n"
    "clicks, because user interests drift quickly and a weekly refresh would lag\n"
    "behind new releases. The candidate generator is a two-tower model served from\n"
    "an ANN index.\n"
)


def _texts(text: str) -> list[str]:
    return [" ".join(s.text.split()) for s in split_sentences(text)]


def test_a_wrapped_paragraph_reads_as_its_sentences() -> None:
    assert _texts(WRAPPED) == [
        "Training",
        "We retrain the ranking model every night on the last twenty-eight days of clicks, "
        "because user interests drift quickly and a weekly refresh would lag behind new "
        "releases.",
        "The candidate generator is a two-tower model served from an ANN index.",
    ]


def test_the_spans_stay_verbatim() -> None:
    for span in split_sentences(WRAPPED):
        assert WRAPPED[span.start : span.end] == span.text


def test_a_wrapped_list_item_goes_on_under_its_item_only() -> None:
    text = (
        "- Retrieval: two-tower model over user and item embeddings, served with an\n"
        "  ANN index refreshed nightly so that new items appear within a day.\n"
        "- Ranking: a GBDT over engagement features.\n"
    )
    assert _texts(text) == [
        "Retrieval: two-tower model over user and item embeddings, served with an ANN "
        "index refreshed nightly so that new items appear within a day.",
        "Ranking: a GBDT over engagement features.",
    ]


def test_one_note_per_line_stays_apart() -> None:
    notes = "Two-tower retrieval\nGBDT ranker\nCanary rollout with automatic rollback\n"
    assert _texts(notes) == [
        "Two-tower retrieval",
        "GBDT ranker",
        "Canary rollout with automatic rollback",
    ]


def test_long_notes_each_opening_with_a_capital_stay_apart() -> None:
    notes = (
        "Candidate generation from a two-tower model over user and item embeddings\n"
        "Ranking with a gradient-boosted tree on engagement and freshness features\n"
        "Shadow deployment first, then a canary at five percent of the traffic\n"
    )
    assert len(_texts(notes)) == 3


def test_a_heading_a_bold_label_and_a_labelled_line_are_not_joined() -> None:
    text = (
        "**Serving and monitoring of the ranking model in production traffic**\n"
        "requests are scored in under 80 ms by the ranker, with a fallback to the\n"
        "popularity list when the model times out or the feature store is down\n"
        "Monitoring: daily feature drift reports and a click-through dashboard\n"
    )
    assert _texts(text) == [
        "**Serving and monitoring of the ranking model in production traffic**",
        "requests are scored in under 80 ms by the ranker, with a fallback to the "
        "popularity list when the model times out or the feature store is down",
        "Monitoring: daily feature drift reports and a click-through dashboard",
    ]


def test_a_question_after_a_list_stays_its_own_sentence() -> None:
    text = (
        "- live: average speed on the route segments over the last fifteen minutes\n"
        "- pickup: airport or stadium flag, and the historical wait at that spot\n"
        "shall I go into how the live speeds are computed?\n"
    )
    assert _texts(text)[-1] == "shall I go into how the live speeds are computed?"


def test_a_short_chat_message_keeps_its_line_breaks() -> None:
    text = "ok so\nwe could use a two tower model\nand then rank with gbdt"
    assert _texts(text) == ["ok so", "we could use a two tower model", "and then rank with gbdt"]


def test_the_recap_shows_the_whole_wrapped_sentence() -> None:
    found = whole_sentence(WRAPPED, "We retrain the ranking model every night")
    assert found is not None
    assert found[1] == (
        "We retrain the ranking model every night on the last twenty-eight days of clicks, "
        "because user interests drift quickly and a weekly refresh would lag behind new "
        "releases."
    )


def test_a_quote_widens_to_its_wrapped_sentence_verbatim() -> None:
    source = (
        "I'll assume it must be real time, because we block fraud before the payment\n"
        "goes through. So we treat this as a binary classification of each incoming\n"
        "transaction, fraud or not.\n"
    )
    assert whole_quote("treat this as a binary classification", [source]) == (
        "So we treat this as a binary classification of each incoming\ntransaction, fraud or not."
    )


# -- grading: the same answer wrapped at ~80 columns grades the same ----------------------

WRAPPED_ANSWER = """## Approach

I would train a model on past transactions to tell fraud from normal ones,
using the amount, the merchant and the time of day as features. Labels come
from chargebacks that customers file. I think a random forest should work well
enough, and we can check it with accuracy on a test set. We will also keep
monitoring, drift detection, PSI, calibration, shadow deployment, canary
releases, feature stores, point-in-time joins and A/B tests with guardrails in
mind. Once it looks good we deploy it behind an API and retrain it when
needed.
"""


def _on_long_lines(text: str) -> str:
    """Each paragraph on one line (the heading stays on its own)."""
    return "\n\n".join(" ".join(p.split("\n")) for p in text.strip().split("\n\n")) + "\n"


def test_a_wrapped_list_of_names_lifts_no_grade(grader, rubric) -> None:
    # cut at every line break, the wrapped names read as one-line notes of their own
    card = load_content().problems.get("fraud-detection")
    long_lines = grader.grade_answer(_on_long_lines(WRAPPED_ANSWER), card, rubric)
    wrapped = grader.grade_answer(WRAPPED_ANSWER, card, rubric)
    assert {d.id: d.score for d in wrapped.dimensions} == {
        d.id: d.score for d in long_lines.dimensions
    }
