"""A card's first question runs the sentence model on the candidate's words only: the card's
fact pieces, which a question part is matched against, are shipped vectors."""

from __future__ import annotations

import pytest

from agent.knowledge.embedding import MiniLMEmbedder
from agent.read import pieces
from agent.understanding.vectors import clear_vector_cache
from tests.support.interview_fixtures import new_interview


@pytest.mark.parametrize(
    ("problem", "question"),
    [
        ("fraud-detection", "What is the business goal?"),
        ("fraud-detection", "How many transactions a day, and how fast do labels come back?"),
        ("eta-prediction", "what's the latency budget per request?"),
    ],
)
def test_a_first_question_embeds_only_its_own_words(
    monkeypatch: pytest.MonkeyPatch, problem: str, question: str
) -> None:
    embedded: list[str] = []
    real = MiniLMEmbedder.embed

    def spy(self: MiniLMEmbedder, texts: list[str]):  # type: ignore[no-untyped-def]
        embedded.extend(texts)
        return real(self, texts)

    interview = new_interview(problem)
    interview.start()
    clear_vector_cache()
    pieces._CACHE.clear()  # a new process: no card's pieces read yet
    monkeypatch.setattr(MiniLMEmbedder, "embed", spy)
    interview.respond(question)
    assert embedded, "the question itself is read through the sentence model"
    asked = question.lower()
    assert all(text.lower() in asked for text in embedded), embedded
