"""`mlsd chat`: scripted runs (paragraphs, JSON, stdin), --json output discipline, the
interactive loop (typed turns, "end interview", Ctrl-D) and clear errors."""

from __future__ import annotations

import builtins
import io
import json
import sys

import pytest

from agent.commands.chat import parse_script
from agent.decide.moves import MoveKind
from agent.record.transcript import load_transcript
from tests.support.interview_fixtures import (
    PERSONAS,
    chat_script,
    cli_data_dir,  # noqa: F401  (fixture)
    run_cli,
    write_script,
)

pytestmark = pytest.mark.usefixtures("cli_data_dir")


def test_parse_script_paragraphs_and_json():
    text = "First turn\nstill first.\n\n\nSecond turn.\r\n\r\nThird."
    assert parse_script(text) == ["First turn still first.", "Second turn.", "Third."]
    assert parse_script('["a", "", "  b "]') == ["a", "", "  b "]
    with pytest.raises(ValueError, match="list of strings"):
        parse_script("[1, 2]")
    with pytest.raises(ValueError, match="not valid"):
        parse_script('["unterminated')


def test_script_json_prints_only_the_transcript_on_stdout(capsys, tmp_path):
    save = tmp_path / "saved.json"
    run = chat_script(
        capsys, PERSONAS / "jumper_video.txt", "video-recommendation", 3, "--save", str(save)
    )
    transcript = run.transcript  # stdout parses as one transcript, nothing else
    assert transcript.status == "finished" and transcript.recap is not None
    assert transcript.problem_id == "video-recommendation" and transcript.seed == 3
    candidates = [t.text for t in transcript.turns if t.role == "candidate"]
    assert candidates == parse_script((PERSONAS / "jumper_video.txt").read_text())
    # the conversation and the recap went to stderr
    assert "Interviewer:" in run.stderr and "Recap  overall" in run.stderr
    assert load_transcript(save) == transcript


def test_script_without_json_prints_conversation_and_recap(capsys):
    run = run_cli(
        capsys,
        "chat",
        "--problem",
        "fraud-detection",
        "--script",
        str(PERSONAS / "wrongclaim_fraud.txt"),
        "--seed",
        "2",
    )
    assert run.code == 0
    assert run.stdout.count("Interviewer:") >= 6
    assert "You: What is the goal" in run.stdout
    assert "Recap  overall" in run.stdout and "transcript saved to" in run.stdout


def test_script_from_stdin(capsys, monkeypatch):
    turns = ["What is the latency budget?", "", "end interview"]
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(turns)))
    run = chat_script(capsys, "-", "fraud-detection")  # type: ignore[arg-type]
    texts = [t.text for t in run.transcript.turns if t.role == "candidate"]
    assert texts == ["What is the latency budget?", "end interview"]  # the blank one skipped
    assert "turn 2 is empty; skipped" in run.stderr
    assert run.transcript.turns[-1].move.kind == MoveKind.WRAP_UP


def _typing(monkeypatch, lines):
    feed = iter(lines)

    def fake_input(prompt=""):
        sys.stdout.write(prompt)
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr(builtins, "input", fake_input)


def test_interactive_end_interview(capsys, monkeypatch, tmp_path):
    save = tmp_path / "live.json"
    _typing(monkeypatch, ["What is the latency budget?", "end interview", "never read"])
    run = run_cli(capsys, "chat", "--problem", "fraud-detection", "--save", str(save))
    assert run.code == 0
    assert "100 ms at p99" in run.stdout
    assert "Recap  overall" in run.stdout
    saved = load_transcript(save)
    assert [t.text for t in saved.turns if t.role == "candidate"] == [
        "What is the latency budget?",
        "end interview",
    ]
    assert saved.status == "finished"


def test_interactive_blank_lines_are_not_sent_and_long_ones_ask_first(
    capsys, monkeypatch, tmp_path
):
    save = tmp_path / "live.json"
    essay = "Features: velocity counts per card over the last hour. " * 400  # ~22,000 chars
    question = "What is the latency budget?"
    # a blank and a whitespace-only line, then an over-long message refused and retyped
    _typing(monkeypatch, ["", "   \t ", essay, "n", question, "end interview"])
    run = run_cli(capsys, "chat", "--problem", "fraud-detection", "--save", str(save))
    assert run.code == 0
    assert run.stdout.count("(nothing sent: the message was empty)") == 2
    assert f"that message has {len(essay):,} characters" in run.stdout
    assert "(not sent: type it again, shorter)" in run.stdout
    saved = load_transcript(save)
    said = [t.text for t in saved.turns if t.role == "candidate"]
    assert said == [question, "end interview"]  # no empty turn, nothing cut unasked


def test_interactive_long_message_sent_cut_when_agreed(capsys, monkeypatch, tmp_path):
    save = tmp_path / "live.json"
    essay = "Labels: chargebacks arrive within ninety days of the payment. " * 400
    _typing(monkeypatch, [essay, "y", "end interview"])
    run = run_cli(capsys, "chat", "--problem", "fraud-detection", "--save", str(save))
    assert run.code == 0
    first = next(t.text for t in load_transcript(save).turns if t.role == "candidate")
    assert first.startswith(essay[:20_000]) and "[message cut:" in first


def test_interactive_ctrl_d_ends_with_a_recap(capsys, monkeypatch, tmp_path):
    save = tmp_path / "live.json"
    _typing(monkeypatch, ["How many transactions per second at peak?"])
    run = run_cli(capsys, "chat", "--problem", "fraud-detection", "--save", str(save))
    assert run.code == 0 and "Recap  overall" in run.stdout
    saved = load_transcript(save)
    assert saved.status == "finished"
    assert saved.turns[-1].move.kind == MoveKind.WRAP_UP


def _clear_error(run, *words):
    assert run.code == 2
    assert run.stdout == ""
    line = run.stderr.strip()
    assert len(line.splitlines()) == 1 and "Traceback" not in line
    for word in words:
        assert word in line


def test_unknown_problem_missing_script_and_bad_script(capsys, tmp_path):
    _clear_error(
        run_cli(
            capsys, "chat", "--problem", "no-such", "--script", str(PERSONAS / "silent_video.txt")
        ),
        "unknown problem id 'no-such'",
        "fraud-detection",
    )
    _clear_error(run_cli(capsys, "chat", "--script", str(tmp_path / "missing.txt")), "not found")
    bad = tmp_path / "bad.json"
    bad.write_text('["ok", 3]', encoding="utf-8")
    _clear_error(run_cli(capsys, "chat", "--script", str(bad)), "list of strings")


def test_same_seed_same_transcript_text(capsys, tmp_path):
    script = write_script(
        tmp_path / "s.json", ["What is the goal?", "I would use logistic regression."]
    )
    a = chat_script(capsys, script, "ad-click-prediction", 8).transcript
    b = chat_script(capsys, script, "ad-click-prediction", 8).transcript
    assert [t.text for t in a.turns] == [t.text for t in b.turns]
    assert a.recap == b.recap


def test_ctrl_c_keeps_the_interview_and_resume_continues_it(capsys, monkeypatch, tmp_path):
    save = tmp_path / "cut.json"
    feed = iter(["What is the latency budget?"])

    def typing_then_ctrl_c(prompt=""):
        try:
            return next(feed)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(builtins, "input", typing_then_ctrl_c)
    run = run_cli(capsys, "chat", "--problem", "fraud-detection", "--save", str(save))
    assert run.code == 130 and "--resume" in run.stderr and str(save) in run.stderr
    cut = load_transcript(save)
    assert cut.status == "in_progress" and len(cut.turns) == 3

    script = write_script(tmp_path / "rest.json", ["How rare is fraud?", "end interview"])
    run = run_cli(capsys, "chat", "--resume", str(save), "--script", str(script), "--json")
    assert run.code == 0, run.stderr
    done = run.transcript
    assert done.id == cut.id and done.status == "finished"
    assert done.turns[:3] == cut.turns
    assert done.candidate_texts() == [
        "What is the latency budget?",
        "How rare is fraud?",
        "end interview",
    ]
    assert load_transcript(save) == done
    again = run_cli(capsys, "chat", "--resume", str(save), "--script", str(script))
    assert again.code == 2 and "already finished" in again.stderr


def test_resume_of_a_broken_file_is_one_clear_line(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "turns": [', encoding="utf-8")
    _clear_error(run_cli(capsys, "chat", "--resume", str(bad)), "not valid JSON")


def test_broken_problem_yaml_is_one_clear_line(capsys, monkeypatch, tmp_path):
    from agent.settings import get_settings

    user = tmp_path / "my-problems"
    user.mkdir()
    (user / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("MLSD_USER_PROBLEMS_DIR", str(user))
    get_settings.cache_clear()
    script = write_script(tmp_path / "s.json", ["hello"])
    _clear_error(run_cli(capsys, "chat", "--script", str(script)), "broken.yaml")


def test_a_terminal_that_cannot_show_emoji_does_not_crash_the_chat(_isolated_data_dir, tmp_path):
    import os
    import subprocess

    script = write_script(tmp_path / "s.json", ["What is the latency budget? \U0001f600 caf\u00e9"])
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "MLSD_DATA_DIR": str(_isolated_data_dir)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "agent.cli",
            "chat",
            "--problem",
            "fraud-detection",
            "--script",
            str(script),
            "--save",
            str(tmp_path / "iv.json"),
        ],
        capture_output=True,
        text=True,
        encoding="ascii",
        errors="replace",
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-1500:]
    assert "You: What is the latency budget? ? caf?" in done.stdout
    assert (
        load_transcript(tmp_path / "iv.json").candidate_texts()[0].endswith("\U0001f600 caf\u00e9")
    )
