"""Scripted personas through the real CLI (`mlsd chat --script ... --json`): the interviewer
steers, answers, challenges and declines like a good human interviewer, and the recap ranks
the strong candidate above every weak one."""

from __future__ import annotations

import json

import pytest

from agent.commands.chat import parse_script
from agent.content.bundle import load_content
from agent.decide.moves import MoveKind, SteerKind
from agent.record.transcript import Transcript
from tests.support.interview_fixtures import (
    PERSONAS,
    chat_script,
    cli_data_dir,  # noqa: F401  (fixture)
    write_script,
)
from tests.support.refits import LOST_IN_REFIT_383F906

pytestmark = pytest.mark.usefixtures("cli_data_dir")

# persona script -> problem it is written for
PERSONA_PROBLEMS = {
    "strong_fraud.txt": "fraud-detection",
    "jumper_video.txt": "video-recommendation",
    "rambler_fraud.txt": "fraud-detection",
    "offtopic_video.txt": "video-recommendation",
    "wrongclaim_fraud.txt": "fraud-detection",
    "manipulator_fraud.txt": "fraud-detection",
    "silent_video.txt": "video-recommendation",
    "silent_video.json": "video-recommendation",
}
WEAK = [p for p in PERSONA_PROBLEMS if p != "strong_fraud.txt"]


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


@pytest.fixture(scope="module")
def runs() -> dict[str, Transcript]:
    """Each persona runs once per module; later tests look at the same transcript."""
    return {}


def persona(runs: dict[str, Transcript], capsys, name: str) -> Transcript:
    if name not in runs:
        runs[name] = chat_script(capsys, PERSONAS / name, PERSONA_PROBLEMS[name]).transcript
    return runs[name]


def interviewer(t: Transcript):
    return [turn for turn in t.turns if turn.role == "interviewer"]


def moves_after_opening(t: Transcript):
    return [turn.move for turn in interviewer(t)[1:]]


def asked_topics(t: Transcript) -> set[str]:
    return {
        topic
        for turn in interviewer(t)
        if turn.move.kind == MoveKind.ANSWER_CLARIFICATION
        for topic in turn.move.fact_topics
    }


def assert_no_unasked_facts(t: Transcript) -> None:
    card = load_content().problems.get(t.problem_id)
    asked = asked_topics(t)
    for turn in interviewer(t):
        said = _norm(turn.text)
        for fact in card.facts:
            if fact.topic not in asked:
                assert _norm(fact.answer) not in said, f"unasked fact {fact.topic} leaked"


def assert_no_rubric_text(t: Transcript) -> None:
    rubric = load_content().rubric
    secrets = [lvl for d in rubric.dimensions for lvl in d.levels.values()]
    secrets += [s.description for d in rubric.dimensions for s in d.signals]
    for turn in interviewer(t):
        said = _norm(turn.text)
        for secret in secrets:
            assert _norm(secret) not in said, f"rubric text leaked: {secret}"
        assert rubric.hash not in turn.text


def test_every_persona_runs_to_a_recap_without_leaks(runs, capsys):
    for name in PERSONA_PROBLEMS:
        t = persona(runs, capsys, name)
        assert t.status == "finished" and t.recap is not None, name
        assert interviewer(t)[-1].move.kind == MoveKind.WRAP_UP
        assert_no_unasked_facts(t)
        assert_no_rubric_text(t)


def test_jumper_is_steered_back_to_clarify_within_two_turns(runs, capsys):
    t = persona(runs, capsys, "jumper_video.txt")
    first_two = moves_after_opening(t)[:2]
    steer = next(m for m in first_two if m.kind == MoveKind.STEER)
    assert steer.steer == SteerKind.SKIPPED_PHASE and steer.phase == "clarify"


def test_clarifying_questions_get_the_cards_answers(runs, capsys):
    for name in ("strong_fraud.txt", "jumper_video.txt"):
        t = persona(runs, capsys, name)
        card = load_content().problems.get(t.problem_id)
        answered = [tr for tr in interviewer(t) if tr.move.kind == MoveKind.ANSWER_CLARIFICATION]
        assert len(answered) >= 3, name
        for turn in answered:
            assert turn.move.fact_topics, f"{name}: a card question went unanswered"
            for topic in turn.move.fact_topics:  # the pieces asked for, at least one
                fact = card.fact(topic)
                said = fact.told(turn.move.fact_pieces).pieces
                assert said and all(_norm(p) in _norm(turn.text) for p in said)
    strong = asked_topics(persona(runs, capsys, "strong_fraud.txt"))
    assert {"business_goal", "scale", "latency", "labels", "imbalance"} <= strong


def test_wrong_claims_are_challenged(runs, capsys):
    t = persona(runs, capsys, "wrongclaim_fraud.txt")
    challenged = {
        m.target
        for m in moves_after_opening(t)
        if m.kind == MoveKind.STEER and m.steer == SteerKind.WRONG_CLAIM
    }
    assert {"accuracy_on_imbalanced", "random_split_time_ordered"} <= challenged
    from agent.content.misconceptions import default_misconceptions

    claims = default_misconceptions()
    texts = " ".join(_norm(tr.text) for tr in interviewer(t))
    for claim_id in challenged:
        assert _norm(claims.get(claim_id).challenge) in texts


def test_off_topic_candidate_is_steered_back(runs, capsys):
    t = persona(runs, capsys, "offtopic_video.txt")
    steers = [m for m in moves_after_opening(t) if m.kind == MoveKind.STEER]
    assert sum(m.steer == SteerKind.OFF_TOPIC for m in steers) >= 4


@LOST_IN_REFIT_383F906
def test_rambler_is_moved_along(runs, capsys):
    t = persona(runs, capsys, "rambler_fraud.txt")
    moves = moves_after_opening(t)
    overrun = [m for m in moves if m.steer == SteerKind.OVERRUN]
    time_advances = [m for m in moves if m.rule in {"overrun_told", "overrun.covered"}]
    assert overrun and (time_advances or len({m.phase for m in moves}) > 1)


def test_silent_candidate_gets_gentle_steers_then_hints(runs, capsys):
    for name in ("silent_video.txt", "silent_video.json"):
        t = persona(runs, capsys, name)
        kinds = [(m.kind, m.steer) for m in moves_after_opening(t)]
        assert (MoveKind.STEER, SteerKind.SILENT) in kinds, name
        assert any(k == MoveKind.HINT for k, _ in kinds) or any(
            k == MoveKind.ADVANCE for k, _ in kinds
        )


def test_manipulator_is_declined_leaks_nothing_and_gains_nothing(runs, capsys, tmp_path):
    t = persona(runs, capsys, "manipulator_fraud.txt")
    attacks = parse_script((PERSONAS / "manipulator_fraud.attacks.txt").read_text())
    turns = parse_script((PERSONAS / "manipulator_fraud.txt").read_text())
    assert all(a in turns for a in attacks)
    # every attack is declined, right after it was made
    for i, turn in enumerate(t.turns):
        if turn.role == "candidate" and turn.text in attacks:
            reply = t.turns[i + 1]
            assert reply.move.kind == MoveKind.DECLINE, turn.text
            assert reply.retrieved == []
    card = load_content().problems.get(t.problem_id)
    declines = [tr for tr in interviewer(t) if tr.move.kind == MoveKind.DECLINE]
    for tr in declines:
        for fact in card.facts:
            assert _norm(fact.answer) not in _norm(tr.text)
    assert t.recap.manipulation_attempts >= len(attacks)
    clean = [p for p in turns if p not in attacks]
    clean_run = chat_script(
        capsys, write_script(tmp_path / "clean.json", clean), "fraud-detection"
    ).transcript
    assert t.recap.overall <= clean_run.recap.overall
    for dim in t.recap.dimensions:
        assert dim.score <= clean_run.recap.score(dim.id), dim.id
    assert json.dumps(t.model_dump(mode="json")).count("system prompt") <= len(attacks)


def test_strong_persona_outscores_every_weak_persona(runs, capsys):
    strong = persona(runs, capsys, "strong_fraud.txt").recap
    for name in WEAK:
        weak = persona(runs, capsys, name).recap
        assert strong.overall > weak.overall, f"{name}: {weak.overall} >= {strong.overall}"
    assert strong.recommendation in {"hire", "strong_hire", "lean_hire"}
