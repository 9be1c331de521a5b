"""A hint runs the sentence model only on what was said in the interview (the candidate's
words, the question they are stuck on): the lines it chooses from (guidance sentences with
other problems' examples left out, the card's own lines) have shipped vectors, so a hint turn
costs no model time for them."""

from __future__ import annotations

import pytest

from agent.decide.moves import MoveKind
from agent.knowledge.embedding import MiniLMEmbedder
from tests.support.interview_fixtures import new_interview


@pytest.mark.parametrize(
    ("problem", "before", "asked"),
    [
        (
            "eta-prediction",
            "I'd frame it as regression of trip duration from completed trips.",
            "I'm not sure how to split the data for evaluating this. Could you give me a hint?",
        ),
        # a bare request after a silence: the hint is about the phase's next gap
        ("fraud-detection", "...", "hmm, no idea, any hint?"),
    ],
)
def test_a_hint_embeds_nothing_but_what_was_said(
    problem: str, before: str, asked: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    iv = new_interview(problem)
    iv.start()
    iv.respond(before)
    embedded: list[str] = []
    real = MiniLMEmbedder.embed

    def spy(self: MiniLMEmbedder, texts: list[str]):  # type: ignore[no-untyped-def]
        embedded.extend(texts)
        return real(self, texts)

    monkeypatch.setattr(MiniLMEmbedder, "embed", spy)
    iv.respond(asked)
    last = iv.transcript.turns[-1]
    assert last.move is not None and last.move.kind == MoveKind.HINT
    said = " ".join(t.text for t in iv.transcript.turns[:-1])
    assert [t for t in embedded if t.strip() not in said] == []
