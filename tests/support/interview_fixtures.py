"""Helpers for interview, CLI and persona tests: a ready store, scripts, CLI runs.

The retrieval store over the real knowledge/ is indexed once per test process
(tests/fixtures_store.py). API tests pass it to `Interview(store=...)`; CLI tests copy its
folder into the test's own data dir, so `mlsd chat` finds an up-to-date index there and
only has to open it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from agent import cli
from agent.commands.chat import parse_script
from agent.content.bundle import load_content
from agent.decide.clock import SimulatedClock
from agent.interview import Interview
from agent.record.transcript import Transcript, Turn, parse_transcript
from agent.settings import get_settings
from tests.support.fixtures_store import shared_store

PERSONAS = Path(__file__).resolve().parents[1] / "personas"


def persona_turns(name: str) -> list[str]:
    path = PERSONAS / name
    return parse_script(path.read_text(encoding="utf-8"), str(path))


def new_interview(problem: str = "fraud-detection", seed: int = 1, **kw: object) -> Interview:
    """An offline interview on the shared store with a simulated clock."""
    kw.setdefault("clock", SimulatedClock())
    kw.setdefault("backend", "offline")
    return Interview(problem, store=shared_store(), seed=seed, **kw)  # type: ignore[arg-type]


def pieces_said(problem: str, reply: str) -> set[str]:
    """The ids of the card's fact pieces whose words the reply says."""
    card = load_content().problems.get(problem)
    return {
        pid
        for f in card.facts
        for pid, text in zip(f.piece_ids(), f.pieces, strict=True)
        if text in reply
    }


def last_turn_after(problem: str, setup: list[str], message: str) -> Turn:
    """The interviewer's turn that answers `message`, said after the candidate's `setup`
    messages in a new interview on `problem`."""
    iv = new_interview(problem)
    iv.start()
    for earlier in setup:
        iv.respond(earlier)
    iv.respond(message)
    return iv.transcript.turns[-1]


def copy_store_into(data_dir: Path) -> None:
    """Give `data_dir` an indexed copy of the shared store."""
    source = shared_store().settings.store_dir
    target = data_dir / "store"
    if not target.exists():
        shutil.copytree(source, target)


@pytest.fixture
def cli_data_dir(_isolated_data_dir: Path) -> Path:
    copy_store_into(_isolated_data_dir)
    get_settings.cache_clear()
    return _isolated_data_dir


@dataclass
class ChatRun:
    code: int
    stdout: str
    stderr: str

    @property
    def transcript(self) -> Transcript:
        return parse_transcript(self.stdout, "<stdout>")


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> ChatRun:
    capsys.readouterr()  # drop anything printed before
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return ChatRun(code=code, stdout=out, stderr=err)


def chat_script(
    capsys: pytest.CaptureFixture[str],
    script: Path,
    problem: str,
    seed: int = 1,
    *extra: str,
) -> ChatRun:
    run = run_cli(
        capsys,
        "chat",
        "--problem",
        problem,
        "--script",
        str(script),
        "--json",
        "--seed",
        str(seed),
        *extra,
    )
    assert run.code == 0, run.stderr[-2000:]
    return run


def write_script(path: Path, turns: list[str]) -> Path:
    path.write_text(json.dumps(turns), encoding="utf-8")
    return path


def talk(problem: str, *messages: str, seed: int = 1) -> tuple[list[str], list[object]]:
    """A fresh offline interview on `problem` told `messages` in turn: the replies, and the
    move recorded with each."""
    iv = new_interview(problem, seed=seed)
    iv.start()
    replies, moves = [], []
    for message in messages:
        replies.append(iv.respond(message))
        moves.append(iv.transcript.turns[-1].move)
    return replies, moves
