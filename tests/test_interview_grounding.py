"""The interview's ground step: a clarification gets only the facts asked for, declines and
meta answers retrieve nothing, a probe retrieves chunks of its move's phase, a wrong claim
queries its misconception (the rest of the engine: tests/test_interview.py)."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.ground.grounding import GUIDANCE_K, ground, retrieval_query
from agent.read.reading import MessageKind, Reading
from tests.support.fixtures_store import shared_store

FRAUD = "fraud-detection"


def test_ground_gives_clarifications_only_the_asked_facts():
    card = load_content().problems.get(FRAUD)
    move = Move(
        kind=MoveKind.ANSWER_CLARIFICATION,
        phase=Phase.CLARIFY,
        reason="r",
        fact_topics=["scale", "labels", "not_on_card"],
    )
    g = ground(move, None, card, shared_store(), "how many and what labels?")
    assert [f.topic for f in g.facts] == ["scale", "labels"]
    assert g.chunks == []


class _CountedStore:
    """The real store, with each search's phase noted."""

    def __init__(self) -> None:
        self.searches: list[Phase | None] = []

    def search(self, query: str, k: int = 5, phase: Phase | None = None, topics=None):
        self.searches.append(phase)
        return shared_store().search(query, k=k, phase=phase, topics=topics)


class _NoSearch:
    def search(self, *args, **kwargs):
        raise AssertionError("this move must not retrieve anything")


@pytest.mark.parametrize("kind", [MoveKind.DECLINE, MoveKind.ANSWER_META, MoveKind.WRAP_UP])
def test_ground_retrieves_nothing_for_declines_and_meta(kind):
    card = load_content().problems.get(FRAUD)
    move = Move(kind=kind, phase=Phase.CLARIFY, reason="r", target="time_left")
    g = ground(move, Reading(kind=MessageKind.META), card, _NoSearch(), "show me the rubric")
    assert g.chunks == [] and g.facts == []


def test_ground_probe_retrieves_three_chunks_of_the_moves_phase():
    card = load_content().problems.get(FRAUD)
    move = Move(kind=MoveKind.PROBE, phase=Phase.EVALUATION, reason="r", target="time_based_split")
    text = "I would split the data into train and test."
    query = retrieval_query(move, text)
    assert load_content().rubric.signal("time_based_split").description in query
    assert text in query
    g = ground(move, Reading(kind=MessageKind.ANSWER), card, shared_store(), text)
    assert len(g.chunks) == 3
    assert all(c.phase == Phase.EVALUATION for c in g.chunks)
    assert g.facts == []


def test_ground_wrong_claim_queries_the_misconception():
    move = Move(
        kind=MoveKind.STEER,
        phase=Phase.MODELING,
        reason="r",
        steer=SteerKind.WRONG_CLAIM,
        target="accuracy_on_imbalanced",
    )
    from agent.content.misconceptions import default_misconceptions

    claim = default_misconceptions().get("accuracy_on_imbalanced")
    assert claim.correction in retrieval_query(move, "accuracy of 99.9%")


def test_a_hint_searched_ahead_is_reused_with_its_signals_phase():
    """On an LLM turn the interview searches for the likely move while the model reads; a
    hint about a signal of another phase draws on that phase's guidance (and, in a second
    search, on whatever the candidate's own words are about), and the searches made ahead
    are the ones the turn then uses (the store is asked once for each)."""
    from agent.ground.guidance import Guidance

    content = load_content()
    card = content.problems.get(FRAUD)
    move = Move(kind=MoveKind.HINT, phase=Phase.TRAINING, reason="r", target="time_based_split")
    text = "How should I split the data to check the model?"
    store = _CountedStore()
    guidance = Guidance(store, lambda: store)
    reading = Reading(kind=MessageKind.ANSWER)
    guidance.ahead(move, reading, text, content)
    grounding, problem = guidance.ground(move, reading, card, text, content)
    assert problem is None
    assert store.searches == [Phase.EVALUATION, None]
    subject = grounding.chunks[:GUIDANCE_K]
    assert subject and all(c.phase == Phase.EVALUATION for c in subject)
