"""`mlsd replay PATH [--json]`: turn by turn with phase, move and reason; bad files give
one clear line on stderr and exit code 2."""

from __future__ import annotations

import json

from agent.record.transcript import SCHEMA_VERSION, parse_transcript
from tests.support.interview_fixtures import new_interview, persona_turns, run_cli


def _finished(tmp_path):
    path = tmp_path / "iv.json"
    iv = new_interview("video-recommendation", save_path=path)
    iv.start()
    for text in persona_turns("jumper_video.txt"):
        iv.respond(text)
    iv.finish()
    return iv, path


def test_replay_prints_every_turn_with_phase_move_and_reason(tmp_path, capsys):
    iv, path = _finished(tmp_path)
    run = run_cli(capsys, "replay", str(path))
    assert run.code == 0 and run.stderr == ""
    for turn in iv.transcript.turns:
        if turn.role == "interviewer":
            assert f"| {turn.move.phase}] Interviewer: {turn.move.kind}" in run.stdout
            assert turn.move.reason in run.stdout
        else:
            assert f"Candidate ({turn.kind}" in run.stdout
    assert "skipped_phase" in run.stdout
    assert "Recap  overall" in run.stdout
    assert iv.transcript.recap.summary.split()[0] in run.stdout


def test_replay_json_round_trips(tmp_path, capsys):
    iv, path = _finished(tmp_path)
    run = run_cli(capsys, "replay", str(path), "--json")
    assert run.code == 0
    assert parse_transcript(run.stdout) == iv.transcript


def test_replay_of_an_unfinished_interview_says_so(tmp_path, capsys):
    path = tmp_path / "iv.json"
    iv = new_interview("fraud-detection", save_path=path)
    iv.start()
    iv.respond("What is the latency budget?")
    run = run_cli(capsys, "replay", str(path))
    assert run.code == 0
    assert "no recap" in run.stdout and "in_progress" in run.stdout


def _one_line_error(run, *words):
    assert run.code == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    for word in words:
        assert word in lines[0]


def test_replay_malformed_truncated_newer_and_missing(tmp_path, capsys):
    _, path = _finished(tmp_path)
    raw = path.read_text(encoding="utf-8")

    truncated = tmp_path / "truncated.json"
    truncated.write_text(raw[: len(raw) // 2], encoding="utf-8")
    _one_line_error(run_cli(capsys, "replay", str(truncated)), "not valid JSON")

    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x00\xff\xfe not json at all")
    _one_line_error(run_cli(capsys, "replay", str(garbage)), "garbage.json")

    wrong_shape = tmp_path / "list.json"
    wrong_shape.write_text("[1, 2, 3]", encoding="utf-8")
    _one_line_error(run_cli(capsys, "replay", str(wrong_shape)), "expected a JSON object")

    data = json.loads(raw)
    data["schema_version"] = SCHEMA_VERSION + 1
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(data), encoding="utf-8")
    _one_line_error(run_cli(capsys, "replay", str(newer)), "newer", "upgrade")

    data["schema_version"] = SCHEMA_VERSION
    data["turns"][1]["role"] = "narrator"
    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps(data), encoding="utf-8")
    _one_line_error(run_cli(capsys, "replay", str(invalid)), "not a valid transcript")

    _one_line_error(run_cli(capsys, "replay", str(tmp_path / "nope.json")), "not found")
