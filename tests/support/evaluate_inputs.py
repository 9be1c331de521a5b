"""Inputs and runs for the `mlsd evaluate` tests: a written answer, an interview transcript
file, and one CLI run with its exit code and output (tests/test_evaluate*.py)."""

from __future__ import annotations

from pathlib import Path

from agent.cli import main
from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.read.reading import MessageKind
from agent.record.transcript import Transcript, Turn, save_transcript

ANSWER = (
    "---\nproblem: fraud-detection\n---\n"
    "What is the business goal, and how many transactions per second do we score?\n\n"
    "- Labels come from chargebacks; positives are rare, so the data is imbalanced.\n"
    "- Offline I would use PR-AUC; the business KPI is fraud losses.\n"
    "- I would split by time and then run an A/B test.\n"
)
TRANSCRIPT_LINE = "I would use a time-based split and an A/B test with guardrails."


def transcript_file(path: Path) -> Path:
    rubric = load_content().rubric
    t = Transcript(
        problem_id="fraud-detection",
        rubric_version=rubric.version,
        rubric_hash=rubric.hash,
        turns=[
            Turn(role="interviewer", text="How would you evaluate it?", phase=Phase.EVALUATION),
            Turn(
                role="candidate",
                text=TRANSCRIPT_LINE,
                phase=Phase.EVALUATION,
                kind=MessageKind.ANSWER,
            ),
        ],
    )
    return save_transcript(t, path)


def run_evaluate(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["evaluate", *argv])
    out, err = capsys.readouterr()
    return code, out, err
