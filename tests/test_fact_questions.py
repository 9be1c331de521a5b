"""Clarifying questions matched to card facts by the learned fact heads
(agent/understanding/fact_match.py), part by part, with sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.read.facts import card_facts
from agent.read.offline import OfflineReader
from agent.read.reading import MessageKind, MetaTopic, ReadContext
from agent.understanding import Understanding, shared_understanding
from agent.understanding.corpus import read_items
from agent.understanding.fact_match import chosen
from agent.understanding.model import OPTIONAL_HEADS, UnderstandingModel


def ctx(problem: str, phase: Phase = Phase.CLARIFY) -> ReadContext:
    content = load_content()
    return ReadContext(phase=phase, card=content.problems.get(problem), rubric=content.rubric)


@pytest.fixture(scope="module")
def reader() -> OfflineReader:
    return OfflineReader()


def test_the_shipped_weights_carry_the_fact_heads() -> None:
    u = shared_understanding()
    assert u.fact_heads() is not None
    figures = u.model.meta.dev_figures
    # chosen on the dev split: the learned matcher beats cues-then-meaning there (0.58 exact)
    assert figures["dev.fact_match.exact"] >= 0.7


def test_a_question_in_words_no_cue_list_has_finds_its_fact(reader: OfflineReader) -> None:
    """No cue phrase of the card, nor of the shared lists, is in the question; the learned
    matcher still finds the fact it asks for."""
    question = "How many people are on the platform each day?"
    facts = card_facts(ctx("video-recommendation").card)
    assert facts.cued(question) == []
    reading = reader.read(question, ctx("video-recommendation"))
    assert reading.kind == MessageKind.CLARIFYING_QUESTION
    assert reading.fact_topics == ["scale"]


def test_each_part_of_a_two_part_question_is_answered(reader: OfflineReader) -> None:
    reading = reader.read(
        "How long may the service take per call, and do we hold past trip records?",
        ctx("eta-prediction"),
    )
    assert set(reading.fact_topics) == {"latency", "data"}
    assert not reading.unanswerable


def test_a_part_no_card_fact_answers_is_left_to_an_assumption(reader: OfflineReader) -> None:
    reading = reader.read(
        "How many posts come in per day? And do we run on our own data centres or on a "
        "public cloud?",
        ctx("harmful-content-detection"),
    )
    assert reading.fact_topics == ["scale"]
    assert reading.unanswerable  # "state an assumption" for the second part


def test_a_design_decision_put_to_the_interviewer_is_the_candidates_call(
    reader: OfflineReader,
) -> None:
    """Not "I have no details on that" and not a card fact: the candidate decides."""
    reading = reader.read(
        "I'd rank with a small GBDT over the similarity scores. Would it be okay to start with "
        "simple rules and bring in a model later?",
        ctx("visual-search", Phase.MODELING),
    )
    assert reading.meta == MetaTopic.DESIGN
    assert reading.fact_topics == []


def test_a_design_decision_gets_a_reply_in_the_interview() -> None:
    from agent import Interview

    interview = Interview("visual-search")
    interview.start()
    reply = interview.respond(
        "Do you think a brute-force search is acceptable for the first launch?"
    )
    move = interview.transcript.turns[-1].move
    assert move.target == MetaTopic.DESIGN.value
    said = reply.lower()
    assert "your call" in said or "decision to you" in said or "choose one" in said


def test_without_the_fact_heads_questions_are_matched_by_cue_and_meaning() -> None:
    """An older weights file without the fact heads still answers by the cue lists."""
    full = shared_understanding().model
    heads = {k: v for k, v in full.heads.items() if k not in OPTIONAL_HEADS}
    older = UnderstandingModel(full.meta, heads)
    reader = OfflineReader(understanding=Understanding(older))
    assert reader.understanding.fact_heads() is None
    reading = reader.read("What's the latency budget?", ctx("fraud-detection"))
    assert reading.fact_topics == ["latency"]


def test_a_part_usually_asks_one_thing() -> None:
    """The best fact needs only the top threshold; a second one needs the full threshold."""
    scores = np.array([0.2, 0.93, 0.95])
    assert chosen(scores, 0.98, 0.9) == [2]
    assert chosen(np.array([0.99, 0.985, 0.1]), 0.98, 0.9) == [0, 1]
    assert chosen(np.array([0.5, 0.4]), 0.98, 0.9) == []


def test_fact_question_items_train_only_the_fact_heads(tmp_path: Path) -> None:
    """A fact question is not a sentence item (it would be a negative for every signal),
    and a writer's "none" topic means no card fact answers the part."""
    lines = [
        {"text": "What's the daily volume?", "topics": ["scale"], "problem": "fraud-detection"},
        {
            "text": "Which office? And how fast?",
            "topics": ["none", "latency"],
            "parts": [
                {"text": "Which office?", "topics": ["none"]},
                {"text": "And how fast?", "topics": ["latency"]},
            ],
        },
    ]
    path = tmp_path / "fq.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    corpus = read_items(path)
    assert corpus.sentences == [] and corpus.messages == []
    parts = [p for q in corpus.fact_questions for p in q.labelled_parts()]
    assert [(p.text, p.topics) for p in parts] == [
        ("What's the daily volume?", ["scale"]),
        ("Which office?", []),
        ("And how fast?", ["latency"]),
    ]
