"""A question asks about a practice and makes no wrong claim (agent/understanding/asking.py):
a direct question is read with no claim, by the reader and so by the grader; a statement with
a question mark, a tag, a negative question, "why not" and "how about" still assert what they
name. Expectations by hand; sentences written for this test."""

from __future__ import annotations

import pytest

from agent.understanding import shared_understanding
from agent.understanding.asking import asks


@pytest.mark.parametrize(
    "text",
    [
        "Would it be okay to split the sessions at random?",
        "Can I just use accuracy here, or is that off?",
        "So should the threshold be chosen on the test data?",
        "What blur strength does legal ask for?",
        "How many dimensions do the vectors need?",
        "Is collaborative filtering usable when events last two weeks?",
    ],
)
def test_a_direct_question_asks(text: str) -> None:
    assert asks(text)


@pytest.mark.parametrize(
    "text",
    [
        # statements, with a question mark or a tag
        "random split is fine?",
        "We'll split the sessions at random, right?",
        "Accuracy works here, no?",
        # negative questions expect agreement with what they name
        "Isn't accuracy enough here?",
        "Don't we just tune on the test set?",
        "Shouldn't a light blur do?",
        # proposals and dismissals put as questions
        "Why not just use accuracy?",
        "Why would we need a baseline at all?",
        "How about a random split?",
        "What if we pick the threshold on the test set?",
        # no question mark at all
        "Would a random split work here. I think so.",
        "",
    ],
)
def test_a_statement_or_a_proposal_does_not_ask(text: str) -> None:
    assert not asks(text)


@pytest.mark.parametrize(
    "text",
    [
        "Would a random split of the sessions be acceptable for this?",
        "Should I pick the hyperparameters on the test set, or is there a validation split?",
    ],
)
def test_the_reader_finds_no_claim_in_a_direct_question(text: str) -> None:
    found = shared_understanding().message(text, challenge=True)
    assert all(s.wrong_claims == {} for s in found.sentences), found.sentences


def test_the_reader_still_finds_the_claim_stated_beside_a_question() -> None:
    # the statement makes the claim; the question after it does not take it back
    found = shared_understanding().message(
        "We tune the hyperparameters on the test set. Is that the usual way here?",
        challenge=True,
    )
    claims = [s.wrong_claims for s in found.sentences]
    assert "tune_on_test_set" in claims[0] and claims[1] == {}, claims
