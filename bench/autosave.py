"""Autosave cost per turn: the whole-file rewrite (before) against the journal (after).

    python -m bench.autosave [--turns 40,200]

A real offline interview of 40 scripted turns is recorded first (its turns and its state
after each turn). It is then saved turn by turn, as Interview does it (once after the
candidate's turn, once after the reply), by two writers:
- before: save_transcript, the whole transcript rewritten atomically with fsync on every
  save (the autosave's code path before the journal; kept as the snapshot writer);
- after: Autosave, one appended journal line per save, the snapshot rewritten only when
  the journal outgrows it; the line is written before the save returns and synced to disk
  on a side thread, so that sync is not in the time (it is in the whole-file rewrite's).
Beyond 40 turns the recorded turns repeat. Bytes written are the kernel's count of bytes
this process passed to write() (/proc/self/io `wchar`; file sizes where that is missing);
times are per turn (two saves), in ms. Goal: bytes per turn flat as the interview grows.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def _written() -> int | None:
    try:
        text = Path("/proc/self/io").read_text()
    except OSError:
        return None
    return int(next(line.split()[1] for line in text.splitlines() if line.startswith("wchar")))


def record_interview(data_dir: Path) -> tuple[object, list[tuple[object, object, object]]]:
    """(opening turn, [(candidate turn, interviewer turn, state after the turn), ...])."""
    from agent.knowledge.store import KnowledgeStore
    from bench.turns import _interview, _settings, script

    KnowledgeStore.open(_settings(data_dir)).ensure_index()
    iv = _interview(data_dir)
    iv.start()
    pairs = []
    for text in script():
        iv.respond(text)
        cand, reply = iv.transcript.turns[-2:]
        pairs.append((cand, reply, iv.transcript.state.model_copy()))
    return iv.transcript.turns[0], pairs


def run(writer: str, turns: int, opening, pairs, folder: Path) -> dict[str, float]:
    from agent.record.autosave import Autosave
    from agent.record.journal import journal_path
    from agent.record.transcript import Transcript, save_transcript

    path = folder / f"{writer}-{turns}.json"
    transcript = Transcript(problem_id="fraud-detection", rubric_version="1", rubric_hash="h")
    transcript.turns.append(opening)
    autosave = Autosave(path)

    def save() -> None:
        if writer == "before":
            save_transcript(transcript, path)
        else:
            autosave.save(transcript)

    save()
    wchar0, sizes = _written(), 0
    times = []
    for i in range(turns):
        cand, reply, state = pairs[i % len(pairs)]
        started = time.perf_counter()
        transcript.turns.append(cand)
        transcript.state = state
        save()
        transcript.turns.append(reply)
        save()
        times.append((time.perf_counter() - started) * 1000)
        sizes += path.stat().st_size if writer == "before" else 0
    wchar1 = _written()
    if wchar0 is None or wchar1 is None:  # no /proc: count the files (journal: its final size)
        journal = journal_path(path)
        written = sizes * 2 if writer == "before" else journal.stat().st_size
    else:
        written = wchar1 - wchar0
    return {
        "bytes_written": written,
        "bytes_per_turn": round(written / turns),
        "ms_per_turn_p50": round(statistics.median(times), 2),
        "ms_per_turn_p95": round(sorted(times)[int(0.95 * (len(times) - 1))], 2),
        "ms_per_turn_last10": round(statistics.fmean(times[-10:]), 2),
        "snapshot_rewrites": autosave.compactions if writer == "after" else turns * 2,
    }


def main(turn_counts: tuple[int, ...] = (40, 200)) -> dict[str, object]:
    figures: dict[str, object] = {"goal": "bytes per turn flat (linear total), not growing"}
    with tempfile.TemporaryDirectory(prefix="mlsd-bench-autosave-") as tmp:
        folder = Path(tmp)
        opening, pairs = record_interview(folder / "data")
        for turns in turn_counts:
            for writer in ("before", "after"):
                figures[f"{writer}_{turns}_turns"] = run(writer, turns, opening, pairs, folder)
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", default="40,200", help="comma-separated turn counts")
    args = parser.parse_args()
    counts = tuple(int(n) for n in args.turns.split(","))
    for key, value in main(counts).items():
        print(f"{key:<20} {value}")
