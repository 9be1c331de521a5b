"""A retrieval query's vector is composed from sentence vectors the reader already holds.

The query of a grounded move is the move's description, its phase's goal and the candidate's
first sentences; its vector is the mean of those parts' vectors (each the mean of its
sentences'), so the sentence model runs on none of the candidate's words a second time.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.ground.grounding import QUERY_CANDIDATE_WORDS, retrieval_query
from agent.understanding.sentences import split_sentences
from agent.understanding.vectors import (
    QUERY_PART_BREAK,
    clear_vector_cache,
    embed_texts,
    query_vector,
)

DIM = 8


class _CountingEmbedder:
    """A stand-in sentence model: a fixed pseudo-random unit vector per text, and a record
    of every text it was asked to embed."""

    id = "counting-test-embedder"

    def __init__(self) -> None:
        self.asked: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.asked.extend(texts)
        return np.vstack([_unit(t) for t in texts])


def _unit(text: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "little")
    v = np.random.default_rng(seed).normal(size=DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def _normalised(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_vector_cache()
    yield
    clear_vector_cache()


def test_one_sentence_query_is_that_sentences_vector():
    e = _CountingEmbedder()
    text = "how should we split the data by time"
    assert np.allclose(query_vector(e, text, DIM), _unit(text))


def test_parts_weigh_alike_whatever_their_sentence_count():
    e = _CountingEmbedder()
    a = "Chooses a loss function that fits the task."
    b1, b2, b3 = "Outliers worry me.", "Some trips take far longer.", "MSE would chase them."
    query = a + QUERY_PART_BREAK + "\n".join([b1, b2, b3])
    candidate_part = _normalised(_unit(b1) + _unit(b2) + _unit(b3))
    expected = _normalised(_unit(a) + candidate_part)
    assert np.allclose(query_vector(e, query, DIM), expected, atol=1e-6)


def test_a_read_message_costs_the_query_no_new_embedding():
    """What the reader embedded (the message's sentences) and the move's own texts are not
    embedded again for the query, line breaks and bullets included."""
    e = _CountingEmbedder()
    message = (
        "Request path:\n- Client sends origin and destination.\n- The service calls routing,"
        " which returns a route. Then the model corrects the base ETA; it runs in 5 ms."
    )
    content = load_content()
    move = Move(kind=MoveKind.PROBE, phase=Phase.TRAINING, reason="r", target="loss_function")
    embed_texts(e, [s.text for s in split_sentences(message)], DIM)  # what the reader does
    own = [
        content.rubric.signal("loss_function").description,
        content.plan.spec(Phase.TRAINING).goal,
    ]
    embed_texts(e, own, DIM)  # shipped or cached after a first use
    e.asked.clear()
    query_vector(e, retrieval_query(move, message), DIM)
    assert e.asked == []


def test_a_long_message_gives_its_first_sentences_only():
    sentence = "We log every transaction with its merchant, amount, device and country code."
    message = " ".join([sentence.replace("We", f"Then {i} we") for i in range(12)])
    move = Move(
        kind=MoveKind.STEER, phase=Phase.DATA, reason="r", steer=SteerKind.WRONG_CLAIM, target=""
    )
    candidate = retrieval_query(move, message).split(QUERY_PART_BREAK)[-1]
    lines = candidate.split("\n")
    words = sum(len(line.split()) for line in lines)
    # whole sentences, up to the one that reaches the limit, never the whole ramble
    assert words >= QUERY_CANDIDATE_WORDS
    assert sum(len(line.split()) for line in lines[:-1]) < QUERY_CANDIDATE_WORDS
    assert all(line in message for line in lines)
    assert len(lines) < len(split_sentences(message))


def test_a_noisy_steer_queries_without_the_candidates_words():
    move = Move(
        kind=MoveKind.STEER, phase=Phase.DATA, reason="r", steer=SteerKind.OFF_TOPIC, target=""
    )
    query = retrieval_query(move, "Let me tell you about my weekend trip to the mountains.")
    assert "mountains" not in query
    assert query.strip()


class _ShippedOnly:
    """The configured sentence model's id, but any text not in the shipped table fails."""

    def __init__(self) -> None:
        from agent.knowledge.embedding import EMBEDDING_ID

        self.id = EMBEDDING_ID

    def embed(self, texts: list[str]) -> np.ndarray:
        raise AssertionError(f"embedded at run time: {texts!r}")


def test_the_moves_own_query_texts_are_shipped():
    """Every phase's goal and every wrong claim's text is in the shipped vectors, so no
    turn runs the sentence model on a query part the build could have embedded."""
    from agent.content.misconceptions import default_misconceptions

    content, e = load_content(), _ShippedOnly()
    for spec in content.plan.phases:
        probe = Move(kind=MoveKind.PROBE, phase=spec.id, reason="r", target="")
        query_vector(e, retrieval_query(probe, ""))
    for claim in default_misconceptions().misconceptions:
        steer = Move(
            kind=MoveKind.STEER,
            phase=claim.phase,
            reason="r",
            steer=SteerKind.WRONG_CLAIM,
            target=claim.id,
        )
        query_vector(e, retrieval_query(steer, ""))


def test_the_readers_examples_of_interview_questions_are_shipped():
    from agent.read.lexicon import default_lexicon

    examples = [x for xs in default_lexicon().examples.values() for x in xs]
    assert examples
    embed_texts(_ShippedOnly(), examples)
