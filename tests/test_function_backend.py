"""Function backends: a plain function at a seam runs inside the real interview."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.backends.function import FunctionGrader, function_backend
from agent.content.bundle import load_content
from agent.decide.moves import MoveKind
from agent.grading.offline import OfflineGrader
from agent.interview import Interview
from agent.read.reading import MessageKind, ReadContext, Reading
from agent.record.transcript import load_transcript
from agent.speak.base import SpeakContext


def test_a_function_voice_speaks_every_move_the_policy_decides(tmp_path: Path) -> None:
    seen: list[SpeakContext] = []

    def speak(context: SpeakContext) -> list[str]:
        seen.append(context)
        return [f"[{context.move.kind}] ", "go on."]

    interview = Interview(
        "fraud-detection", backend=function_backend(speak=speak), save_path=tmp_path / "f.json"
    )
    assert interview.start() == "[open] go on."
    reply = interview.respond("What is the latency budget?")
    assert reply == "[answer_clarification] go on."
    assert seen[-1].move.kind == MoveKind.ANSWER_CLARIFICATION
    assert seen[-1].candidate_text == "What is the latency budget?"
    saved = load_transcript(tmp_path / "f.json")
    assert saved.turns[-1].text == reply and saved.turns[-1].backend == "function"


def test_a_function_reader_decides_what_the_policy_sees(tmp_path: Path) -> None:
    contexts: list[ReadContext] = []

    def read(text: str, context: ReadContext) -> Reading:
        contexts.append(context)
        return Reading(kind=MessageKind.MANIPULATION, source="function")

    interview = Interview(
        "fraud-detection", backend=function_backend(read=read), save_path=tmp_path / "r.json"
    )
    interview.start()
    interview.respond("What is the latency budget?")
    move = interview.transcript.last_move()
    assert move is not None and move.kind == MoveKind.DECLINE and move.rule == "manipulation"
    assert contexts[0].card.id == "fraud-detection"


def test_a_failing_function_falls_back_only_when_declared(tmp_path: Path) -> None:
    def broken(context: SpeakContext) -> str:
        raise TimeoutError("slow function")

    kept = Interview(
        "fraud-detection", backend=function_backend(speak=broken), save_path=tmp_path / "a.json"
    )
    assert kept.start()  # the offline voice stood in
    assert "voice failed: slow function" in (kept.transcript.turns[-1].fallback or "")

    strict = Interview(
        "fraud-detection",
        backend=function_backend(speak=broken, falls_back=False),
        save_path=tmp_path / "b.json",
    )
    with pytest.raises(TimeoutError):
        strict.start()


def test_a_function_grader_grades_answers_and_interviews() -> None:
    content = load_content()
    card, rubric = content.problems.get("fraud-detection"), content.rubric
    texts: list[str] = []

    def grade(text, card, rubric):
        texts.append(text)
        return OfflineGrader().grade_answer(text, card, rubric)

    grader = FunctionGrader(grade)
    recap = grader.grade_answer("I would ask about the fraud rate first.", card, rubric)
    assert recap.dimensions and texts == ["I would ask about the fraud rate first."]
