"""Autosave appends a journal beside the snapshot: what a crash leaves is read back without
losing earlier turns, resume and replay see what a whole-file save gives, bytes written
grow linearly with the interview, and files in the old single-file format still load."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from agent.content.phases import Phase
from agent.decide.clock import SimulatedClock
from agent.decide.state import InterviewState
from agent.interview import Interview
from agent.record.autosave import COMPACT_FLOOR_BYTES, Autosave
from agent.record.journal import journal_path
from agent.record.transcript import (
    Transcript,
    TranscriptError,
    Turn,
    dump_snapshot,
    load_transcript,
    save_transcript,
)
from tests.support.fixtures_store import shared_store
from tests.support.interview_fixtures import new_interview, persona_turns, run_cli

DATA = Path(__file__).resolve().parent / "data"
TURNS = persona_turns("wrongclaim_fraud.txt") + persona_turns("strong_fraud.txt")


def _interview(path: Path, answers: list[str]) -> Interview:
    iv = new_interview("fraud-detection", seed=4, save_path=path)
    iv.start()
    for text in answers:
        iv.respond(text)
    return iv


def test_a_journal_torn_mid_line_keeps_every_earlier_turn_and_resumes(tmp_path: Path) -> None:
    path = tmp_path / "iv.json"
    iv = _interview(path, TURNS[:4])
    journal = journal_path(path)
    lines = journal.read_bytes().split(b"\n")[:-1]
    assert len(lines) >= 4  # header + two records per turn after the first compaction
    kept = load_transcript(path)
    assert kept == iv.transcript
    last = lines[-1]
    whole_before = b"\n".join(lines[:-1]) + b"\n"
    for cut in (1, len(last) // 2, len(last) - 1):  # a crash in the middle of the last write
        journal.write_bytes(whole_before + last[:cut])
        torn = load_transcript(path)
        assert torn.turns == iv.transcript.turns[:-1]  # only the record in flight is lost
    journal.write_bytes(whole_before + last[: len(last) // 2])
    resumed = Interview.resume(path, store=shared_store(), clock=SimulatedClock())
    assert resumed.transcript.turns == iv.transcript.turns[:-1]
    assert resumed.respond(TURNS[4])
    assert resumed.respond(TURNS[5])
    on_disk = load_transcript(path)
    assert on_disk == resumed.transcript
    assert on_disk.turns[: len(iv.transcript.turns) - 1] == iv.transcript.turns[:-1]
    assert journal.read_bytes().endswith(b"\n")  # the torn tail was folded away, not appended to


def test_a_journal_left_by_a_crash_during_compaction_is_not_applied_twice(tmp_path: Path) -> None:
    path = tmp_path / "iv.json"
    iv = _interview(path, TURNS[:3])
    stale = journal_path(path).read_bytes()
    iv.compact()  # the snapshot now holds every record of `stale`
    assert not journal_path(path).exists()
    journal_path(path).write_bytes(stale)  # as if the crash came before the journal was removed
    assert load_transcript(path) == iv.transcript


def test_resume_and_replay_equal_the_whole_file_format(tmp_path: Path, capsys) -> None:
    journaled = tmp_path / "journaled.json"
    iv = _interview(journaled, TURNS[:5])
    assert journal_path(journaled).is_file()
    whole = save_transcript(iv.transcript, tmp_path / "whole.json")  # the old way of saving
    assert load_transcript(journaled) == load_transcript(whole) == iv.transcript

    replays = []
    for path in (journaled, whole):
        run = run_cli(capsys, "replay", str(path))
        assert run.code == 0
        replays.append(run.stdout)
    assert replays[0] == replays[1] and TURNS[4][:20] in replays[0]

    resumed = [
        Interview.resume(p, store=shared_store(), clock=SimulatedClock())
        for p in (journaled, whole)
    ]
    for r in resumed:
        r.respond(TURNS[5])
    a, b = (r.transcript for r in resumed)
    assert [t.text for t in a.turns] == [t.text for t in b.turns]
    assert [t.move for t in a.turns] == [t.move for t in b.turns] and a.state == b.state


def test_a_finished_interview_is_one_whole_file_a_reader_can_parse(tmp_path: Path) -> None:
    path = tmp_path / "iv.json"
    iv = _interview(path, TURNS[:3])
    iv.finish()
    assert not journal_path(path).exists()
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["status"] == "finished" and len(raw["turns"]) == len(iv.transcript.turns)
    assert path.read_bytes() == dump_snapshot(iv.transcript)


def test_an_old_single_file_transcript_still_loads_resumes_and_keeps_its_bytes(
    tmp_path: Path,
) -> None:
    """tests/data/transcript_v1_base.json was written by the whole-file autosave before the
    journal existed (two clarifying turns, unfinished)."""
    path = tmp_path / "old.json"
    shutil.copy(DATA / "transcript_v1_base.json", path)
    old = load_transcript(path)
    assert old.schema_version == 1 and len(old.turns) == 5 and old.status == "in_progress"
    # the snapshot is still that document: only fields added since then, at their defaults
    again = json.loads(dump_snapshot(old))
    assert _drop_added_nulls(again, json.loads(path.read_bytes())) == json.loads(path.read_bytes())
    resumed = Interview.resume(path, store=shared_store(), clock=SimulatedClock())
    resumed.respond(TURNS[2])
    assert load_transcript(path) == resumed.transcript
    assert load_transcript(path).turns[:5] == old.turns


def _drop_added_nulls(new: object, old: object) -> object:
    """`new` without the keys `old` lacks whose value is an empty default (null, 0, false,
    empty): fields added later, which old files load with."""
    if isinstance(new, dict) and isinstance(old, dict):
        return {
            k: _drop_added_nulls(v, old.get(k))
            for k, v in new.items()
            if k in old or v not in (None, 0, False, [], {})
        }
    if isinstance(new, list) and isinstance(old, list) and len(new) == len(old):
        return [_drop_added_nulls(a, b) for a, b in zip(new, old, strict=True)]
    return new


def test_a_journal_from_a_newer_version_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "iv.json"
    _interview(path, TURNS[:1])
    journal = journal_path(path)
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    journal.write_text(json.dumps({**header, "journal": 99}) + "\n" + "".join(lines[1:]))
    with pytest.raises(TranscriptError, match="journal version 99 is newer"):
        load_transcript(path)


def _grow(path: Path, turns: int, *, journal: bool, floor: int = COMPACT_FLOOR_BYTES) -> int:
    """Save like an interview does (after the candidate's turn, after the reply) and return
    the bytes each save put on disk, as the files' sizes show them."""
    transcript = Transcript(problem_id="fraud-detection", rubric_version="1", rubric_hash="h")
    autosave = Autosave(path, compact_floor_bytes=floor)
    written = 0

    def save() -> int:
        if journal:
            before = journal_path(path).stat().st_size if journal_path(path).exists() else 0
            compactions = autosave.compactions
            autosave.save(transcript)
            if autosave.compactions > compactions:
                return path.stat().st_size
            return journal_path(path).stat().st_size - before
        save_transcript(transcript, path)
        return path.stat().st_size

    for i in range(turns):
        text = TURNS[i % len(TURNS)]
        transcript.turns.append(Turn(role="candidate", text=text, phase=Phase.DATA))
        state = transcript.state.model_dump()
        state["candidate_turns"] = i + 1
        transcript.state = InterviewState.model_validate(state)
        written += save()
        transcript.turns.append(Turn(role="interviewer", text="Why that?", phase=Phase.DATA))
        written += save()
    assert load_transcript(path) == transcript
    return written


def test_bytes_written_grow_linearly_with_the_number_of_turns(tmp_path: Path) -> None:
    after = {n: _grow(tmp_path / f"a{n}.json", n, journal=True) for n in (40, 200)}
    before = {n: _grow(tmp_path / f"b{n}.json", n, journal=False) for n in (40, 200)}
    assert before[200] / before[40] > 20  # the whole-file rewrite: quadratic (25x for 5x turns)
    assert after[200] / after[40] < 7  # appended records (+ geometric compaction): about 5x
    assert after[200] * 10 < before[200]


def test_compaction_mid_interview_keeps_the_writes_linear_and_the_reads_equal(
    tmp_path: Path,
) -> None:
    """With a tiny floor the snapshot is rewritten many times; each rewrite is paid for by
    journal bytes, so the total still grows linearly, and every load equals the transcript."""
    small = {n: _grow(tmp_path / f"s{n}.json", n, journal=True, floor=4096) for n in (40, 200)}
    assert small[200] / small[40] < 7


def test_each_save_is_in_the_file_when_it_returns_and_synced_after(tmp_path: Path) -> None:
    """The disk sync runs beside the turn: a crash of the process right after a save (before
    the sync) still finds the line, and `flush` returns once everything is synced."""
    path = tmp_path / "iv.json"
    iv = _interview(path, TURNS[:2])
    journal = journal_path(path)
    for text in TURNS[2:6]:
        iv.respond(text)
        last = journal.read_bytes().split(b"\n")[-2]  # read at once, no flush
        assert json.loads(last)["turns"][-1]["text"] == iv.transcript.turns[-1].text
        assert load_transcript(path) == iv.transcript
    iv._autosave.flush()
    assert load_transcript(path) == iv.transcript
