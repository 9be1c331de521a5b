"""A message about how the interview runs (its pace, format, language, tools, the depth
expected) is meta, not off topic; a request to stop put as having to go, or in another
language, is a request to stop; a request for a different design problem is off topic, not
a hint request. Messages written for this test, in the engineer's own words, not in
knowledge/corpus/ (issue 14: meta was the weakest kind on the dev b-batches, mostly read as
off topic)."""

from __future__ import annotations

import pytest

from agent.understanding import shared_understanding
from tests.support.refits import NOT_LEARNED_IN_REFIT_4C77271


def _kind(text: str) -> str:
    return shared_understanding().message(text).kind


@pytest.mark.parametrize(
    "text",
    [
        "Would you be ok with me thinking out loud while I work through this?",
        "Is it fine if I describe the data flow with a small diagram?",
        "Can I switch to Portuguese for a sentence or two if I get stuck?",
        pytest.param(
            "Is the emphasis here on modelling choices or on the serving infrastructure?",
            marks=NOT_LEARNED_IN_REFIT_4C77271,
        ),
    ],
)
def test_talk_about_the_interview_itself_is_meta(text: str) -> None:
    assert _kind(text) == "meta"


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, I've got a meeting I must get to, so I need to end here.",
        "¿Podemos parar aquí? Tengo que irme.",
    ],
)
def test_a_request_to_stop_is_read_as_one(text: str) -> None:
    assert _kind(text) == "end_request"


@NOT_LEARNED_IN_REFIT_4C77271
def test_a_request_for_another_design_problem_is_off_topic() -> None:
    assert _kind("Could we swap this for designing a notification service instead?") == (
        "off_topic"
    )
