"""The interview engine through its Python API: one turn is read, decide, ground, speak,
record; replies are grounded, varied and reproducible; resume and finish work (what the
ground step retrieves for each move: tests/test_interview_grounding.py)."""

from __future__ import annotations

import itertools

import pytest

from agent.backends.registry import make_backend
from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide.clock import SimulatedClock, speaking_minutes
from agent.decide.moves import MoveKind, SteerKind
from agent.interview import Interview, InterviewBusy, InterviewFinished
from agent.read.reading import MessageKind
from agent.record.transcript import load_transcript
from tests.support.fixtures_store import shared_store
from tests.support.interview_fixtures import new_interview

FRAUD = "fraud-detection"


CLARIFY_TURNS = [
    "What is the business goal, and how many transactions per second do we handle?",
    "What is the latency budget for a decision?",
    "How do we get labels, and how rare is fraud?",
    "I would frame it as binary classification predicting the probability that a "
    "transaction is fraud, and I will assume we score every transaction in real time.",
    "The training data comes from transaction logs joined with chargebacks as labels.",
]


def interviewer_turns(iv: Interview):
    return [t for t in iv.transcript.turns if t.role == "interviewer"]


def test_start_says_the_bare_opening_and_saves():
    iv = new_interview(FRAUD)
    opening = iv.start()
    card = load_content().problems.get(FRAUD)
    assert card.opening in opening
    saved = load_transcript(iv.save_path)
    assert [t.role for t in saved.turns] == ["interviewer"]
    assert saved.turns[0].move.kind == MoveKind.OPEN
    rubric = load_content().rubric
    assert (saved.rubric_version, saved.rubric_hash) == (rubric.version, rubric.hash)
    assert saved.seed == 1 and saved.problem_id == FRAUD and saved.backend == "offline"
    assert iv.start() == opening  # idempotent


def test_clarifying_question_is_answered_from_the_card_only():
    iv = new_interview(FRAUD)
    iv.start()
    reply = iv.respond("What is the latency budget for a decision?")
    card = load_content().problems.get(FRAUD)
    latency = " ".join(card.fact("latency").answer.split())
    assert latency in reply
    for fact in card.facts:
        if fact.topic != "latency":
            assert " ".join(fact.answer.split()) not in reply
    turn = iv.transcript.turns[-1]
    assert turn.move.kind == MoveKind.ANSWER_CLARIFICATION
    assert turn.move.fact_topics == ["latency"]
    assert turn.retrieved == []  # facts, not guidance
    candidate = iv.transcript.turns[-2]
    assert candidate.role == "candidate" and candidate.kind == MessageKind.CLARIFYING_QUESTION


def test_question_the_card_cannot_answer_gets_make_an_assumption():
    iv = new_interview(FRAUD)
    iv.start()
    reply = iv.respond("Is the mobile app built natively or as a web view?")
    assert "assum" in reply.lower()
    card = load_content().problems.get(FRAUD)
    assert not any(" ".join(f.answer.split()) in reply for f in card.facts)


def test_every_interviewer_turn_is_annotated():
    iv = new_interview(FRAUD)
    iv.start()
    for text in CLARIFY_TURNS:
        iv.respond(text)
    for turn in interviewer_turns(iv):
        assert turn.move is not None and turn.move.reason
        assert turn.backend == "offline" and turn.fallback is None
        assert turn.latency_ms is not None and turn.latency_ms >= 0
        if turn.move.kind in {MoveKind.PROBE, MoveKind.ADVANCE, MoveKind.HINT, MoveKind.STEER}:
            assert turn.retrieved, f"{turn.move.kind} should be grounded in guidance"
        if turn.move.kind in {MoveKind.DECLINE, MoveKind.ANSWER_META, MoveKind.OPEN}:
            assert turn.retrieved == []
        assert 1 <= turn.text.count(".") + turn.text.count("?") <= 8  # short, like a person
    frame = next(t for t in iv.transcript.turns if "binary classification" in t.text)
    assert "frames_ml_task" in frame.signals


def test_streaming_yields_words_and_records_when_exhausted():
    iv = new_interview(FRAUD)
    iv.start()
    stream = iv.respond_stream("What is the latency budget for a decision?")
    first = next(stream)
    assert iv.transcript.turns[-1].role == "candidate"  # saved before speaking
    assert load_transcript(iv.save_path).turns[-1].role == "candidate"
    rest = list(stream)
    assert len(rest) >= 5  # word by word
    text = (first + "".join(rest)).strip()
    assert iv.transcript.turns[-1].role == "interviewer"
    assert iv.transcript.turns[-1].text == text


def _run(seed: int, turns: list[str]) -> list[str]:
    iv = new_interview(FRAUD, seed=seed)
    iv.start()
    for text in turns:
        iv.respond(text)
    return [t.text for t in interviewer_turns(iv)]


def test_same_seed_same_words_different_seed_different_words():
    assert _run(5, CLARIFY_TURNS) == _run(5, CLARIFY_TURNS)
    texts = {tuple(_run(seed, CLARIFY_TURNS)) for seed in (1, 2, 3)}
    assert len(texts) > 1


def test_repeated_situations_do_not_repeat_the_same_line():
    iv = new_interview("video-recommendation", seed=4)
    iv.start()
    off_topic = [
        "Did you watch the football match last night?",
        "What is your favourite pizza topping?",
        "The weather has been awful all week, rain every day.",
        "Do you think crypto prices will recover this year?",
    ]
    replies = [iv.respond(t) for t in off_topic]
    kinds = [t.move.steer for t in interviewer_turns(iv)[1:]]
    assert kinds.count(SteerKind.OFF_TOPIC) >= 3
    for a, b in itertools.pairwise(replies):
        assert a != b


def test_resume_continues_exactly_where_it_stopped(tmp_path):
    path = tmp_path / "iv.json"
    whole = new_interview(FRAUD, seed=9, save_path=tmp_path / "whole.json")
    whole.start()
    for text in CLARIFY_TURNS:
        whole.respond(text)

    first = new_interview(FRAUD, seed=9, save_path=path)
    first.start()
    for text in CLARIFY_TURNS[:2]:
        first.respond(text)
    del first
    resumed = Interview.resume(path, store=shared_store(), clock=SimulatedClock())
    assert resumed.seed == 9 and resumed.card.id == FRAUD
    for text in CLARIFY_TURNS[2:]:
        resumed.respond(text)
    assert [t.text for t in resumed.transcript.turns] == [t.text for t in whole.transcript.turns]
    assert resumed.phase == whole.phase
    assert load_transcript(path).turns[-1].text == whole.transcript.turns[-1].text


def test_finish_grades_saves_and_closes():
    iv = new_interview(FRAUD)
    iv.start()
    for text in CLARIFY_TURNS:
        iv.respond(text)
    recap = iv.finish()
    assert iv.finished
    closing = iv.transcript.turns[-1]
    assert closing.role == "interviewer" and closing.move.kind == MoveKind.WRAP_UP
    saved = load_transcript(iv.save_path)
    assert saved.status == "finished" and saved.ended_at is not None
    assert saved.recap == recap
    assert recap.rubric_hash == load_content().rubric.hash
    assert {d.id for d in recap.dimensions} == {d.id for d in load_content().rubric.dimensions}
    assert iv.finish() == recap  # idempotent
    with pytest.raises(InterviewFinished):
        iv.respond("one more thing")


def test_end_request_wraps_up_and_finish_adds_no_second_goodbye():
    iv = new_interview(FRAUD)
    iv.start()
    iv.respond(CLARIFY_TURNS[0])
    iv.respond("end interview")
    assert iv.wrapping_up
    count = len(iv.transcript.turns)
    iv.finish()
    assert len(iv.transcript.turns) == count


def test_simulated_clock_makes_budgets_deterministic():
    clock = SimulatedClock()
    clock.observe_candidate("one two three")
    assert clock.elapsed_minutes() == pytest.approx(speaking_minutes("one two three"))
    assert speaking_minutes("") == pytest.approx(0.5)
    iv = new_interview(FRAUD)
    iv.start()
    iv.respond(CLARIFY_TURNS[0])
    assert iv.state.elapsed_minutes == pytest.approx(speaking_minutes(CLARIFY_TURNS[0]))
    assert iv.minutes_left == pytest.approx(45 - speaking_minutes(CLARIFY_TURNS[0]))


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown backend 'nope'"):
        make_backend("nope")
    with pytest.raises(ValueError, match="unknown backend"):
        Interview(FRAUD, "nope")


def test_unknown_problem_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown problem id 'no-such-problem'"):
        Interview("no-such-problem", "offline")


def test_random_problem_is_fixed_by_the_seed():
    a = Interview(None, "offline", store=shared_store(), seed=11)
    b = Interview(None, "offline", store=shared_store(), seed=11)
    assert a.card.id == b.card.id


def test_a_stream_cut_short_keeps_what_was_said_and_the_interview_goes_on():
    iv = new_interview(FRAUD)
    iv.start()
    stream = iv.respond_stream("What is the latency budget for a decision?")
    said = next(stream) + next(stream)
    with pytest.raises(InterviewBusy):
        next(iv.respond_stream("And how rare is fraud?"))
    stream.close()
    cut = iv.transcript.turns[-1]
    assert cut.role == "interviewer" and cut.text == said.strip()
    assert "reply interrupted" in cut.fallback
    assert load_transcript(iv.save_path).turns[-1] == cut
    assert "0.1%" in iv.respond("And how rare is fraud?")


def test_the_interview_goes_with_a_candidate_who_designs_straight_through() -> None:
    """A candidate who skips the questions and designs phase after phase: after the one
    order steer, each follow-up pushes on their words in the phase they are on, so the
    interview's phase (the sidebar, the minutes per phase) follows them out of the
    requirements instead of staying there."""
    from tests.support.interview_fixtures import new_interview

    iv = new_interview("fraud-detection")
    iv.start()
    for message in (
        "Binary classification per transaction, scored before authorisation, labelled by "
        "chargebacks that arrive a month or two later.",
        "Data: the transaction log, user and merchant profiles, device fingerprints and the "
        "chargeback table, with about one percent of transactions fraudulent.",
        "Features: the amount relative to the user's usual spend, merchant category, "
        "velocity counts over the last hour and day, and the device's age.",
        "For the model I'd start with gradient boosted trees, fast to serve and strong on "
        "tabular features, with logistic regression as the baseline.",
    ):
        iv.respond(message)
    visited = iv.state.phases_visited
    assert iv.state.phase != Phase.CLARIFY
    assert {Phase.DATA, Phase.FEATURES} <= set(visited)
