"""The transcript an interview writes: autosaved after every turn, complete
annotations, and readable again (load, resume, replay)."""

from __future__ import annotations

import json

from agent.decide.moves import MoveKind
from agent.record.transcript import SCHEMA_VERSION, load_transcript
from tests.support.interview_fixtures import new_interview, persona_turns


def test_autosaved_after_every_turn_with_no_temp_files(tmp_path):
    path = tmp_path / "deep" / "folder" / "iv.json"
    iv = new_interview("video-recommendation", save_path=path)
    iv.start()
    assert len(load_transcript(path).turns) == 1
    for i, text in enumerate(persona_turns("jumper_video.txt"), start=1):
        iv.respond(text)
        on_disk = load_transcript(path)
        assert len(on_disk.turns) == 1 + 2 * i
        assert on_disk.turns[-2].text == text
        assert on_disk.state == iv.state
    # the snapshot and the journal appended beside it, and no temp files
    assert sorted(p.name for p in path.parent.iterdir()) == ["iv.json", "iv.json.journal"]
    iv.finish()  # folds the journal into the snapshot: one whole file is left
    assert [p.name for p in path.parent.iterdir()] == ["iv.json"]
    assert load_transcript(path) == iv.transcript


def test_default_save_path_is_the_data_dir(_isolated_data_dir):
    iv = new_interview("fraud-detection")
    iv.start()
    assert iv.save_path == _isolated_data_dir / "interviews" / f"{iv.id}.json"
    assert iv.save_path.is_file()


def test_turn_annotations_survive_a_round_trip(tmp_path):
    path = tmp_path / "iv.json"
    iv = new_interview("fraud-detection", save_path=path)
    iv.start()
    for text in persona_turns("wrongclaim_fraud.txt"):
        iv.respond(text)
    iv.finish()
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["schema_version"] == SCHEMA_VERSION
    assert raw["rubric_version"] and raw["rubric_hash"] and raw["seed"] == 1
    assert raw["started_at"] and raw["ended_at"] and raw["status"] == "finished"
    loaded = load_transcript(path)
    assert loaded == iv.transcript
    candidates = [t for t in loaded.turns if t.role == "candidate"]
    assert all(t.kind for t in candidates)
    assert any("accuracy_on_imbalanced" in t.misconceptions for t in candidates)
    interviewer = [t for t in loaded.turns if t.role == "interviewer"]
    assert all(t.move and t.move.phase and t.move.reason for t in interviewer)
    assert any(t.retrieved for t in interviewer)
    assert interviewer[-1].move.kind == MoveKind.WRAP_UP
    assert loaded.recap is not None and loaded.recap.dimensions


def test_last_interviewer_turn_and_move_skip_candidate_turns() -> None:
    from agent.content.phases import Phase
    from agent.decide.moves import Move, MoveKind
    from agent.record.transcript import Transcript, Turn

    t = Transcript(problem_id="fraud-detection", rubric_version="1", rubric_hash="h")
    assert t.last_interviewer_turn() is None and t.last_move() is None
    opening = Move(kind=MoveKind.OPEN, phase=Phase.CLARIFY, reason="open")
    t.turns = [
        Turn(role="interviewer", text="Design it.", phase=Phase.CLARIFY, move=opening),
        Turn(role="candidate", text="How many users?", phase=Phase.CLARIFY),
        Turn(role="interviewer", text="(no move recorded)", phase=Phase.CLARIFY),
        Turn(role="candidate", text="And latency?", phase=Phase.CLARIFY),
    ]
    last = t.last_interviewer_turn()
    assert last is not None and last.text == "(no move recorded)"
    assert t.last_move() == opening


def test_owner_is_optional_and_lists_only_that_owners_interviews(tmp_path) -> None:
    """Shared deployments tag interviews with an owner; files without one still load."""
    from agent.record.history import load_history

    folder = tmp_path / "interviews"
    mine = new_interview(save_path=folder / "mine.json")
    mine.transcript.owner = "a" * 32
    mine.start()
    theirs = new_interview(save_path=folder / "theirs.json")
    theirs.start()
    legacy = json.loads((folder / "theirs.json").read_text())
    assert legacy.pop("owner") is None  # written as null; older files have no key at all
    (folder / "legacy.json").write_text(json.dumps(legacy))

    assert load_transcript(folder / "legacy.json").owner is None
    assert load_transcript(folder / "mine.json").owner == "a" * 32
    history = load_history(folder)
    assert len(history.entries) == 3 and not history.unreadable
    assert [e.path.name for e in history.owned_by("a" * 32).entries] == ["mine.json"]
    assert history.owned_by("b" * 32).entries == []
