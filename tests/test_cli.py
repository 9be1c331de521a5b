"""The `mlsd` entry point itself: help, unknown commands, and output into closed pipes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agent.cli import COMMAND_MODULES, build_parser, main
from agent.content.phases import Phase
from agent.record.transcript import Transcript, Turn, save_transcript


def test_every_command_is_registered_with_help(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    for name in COMMAND_MODULES:
        with pytest.raises(SystemExit) as exc:
            parser.parse_args([name, "--help"])
        assert exc.value.code == 0
        assert f"mlsd {name}" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["interview-me-now"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_closed_pipe_is_not_a_traceback(tmp_path: Path) -> None:
    # `mlsd replay big.json | head -c 10`: the reader closes early, with far more
    # output pending than a pipe buffers (64 KiB); no traceback on stderr.
    from agent.content.bundle import load_content

    rubric = load_content().rubric
    transcript = Transcript(
        problem_id="fraud-detection", rubric_version=rubric.version, rubric_hash=rubric.hash
    )
    transcript.turns = [
        Turn(role="candidate", text="word " * 400, phase=Phase.CLARIFY) for _ in range(200)
    ]
    path = save_transcript(transcript, tmp_path / "big.json")
    assert path.stat().st_size > 300_000
    proc = subprocess.Popen(
        [sys.executable, "-m", "agent.cli", "replay", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err
