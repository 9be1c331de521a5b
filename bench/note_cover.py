"""Which strong-answer notes a recap checks, and what the candidate said closest to each.

    python -m bench.note_cover dump --out /tmp/notes.json   # grade, record every note checked
    python -m bench.note_cover dump --out /tmp/n.json --recaps /tmp/recaps  # and each recap
    python -m bench.note_cover score /tmp/notes.json         # with the hand labels below

`dump` grades offline the replayed scripts of the judged fidelity batches (test12 to test21:
their judged transcripts are dev material) and the calibration reference answers
(tests/calibration, dev; held-out items are marked; `--no-answers` leaves them out), and
records, for every strong-answer note the recap's "what a strong answer would have added"
checks, the candidate's signals and sentences, whether the note is covered, and the sentence
(or clause) nearest to it; `--recaps DIR` also writes each recap as `mlsd` prints it, to
read as the candidate would, and `--transcripts DIR` each replayed transcript (JSON), to
grade again without replaying (`--saved DIR`).

`score` counts, against the hand labels in bench/note_labels/labels.jsonl (one line per
item and note: said, named (only named, asked about or dismissed) or not), the notes left
as missed that were said and the notes counted as covered that were only named or not
said. Every figure here is a dev figure: the labels were written while choosing the bars.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from agent.content.bundle import load_content
from agent.grading import advice, note_cover
from agent.grading.offline import OfflineGrader
from agent.grading.recap import Recap
from agent.record.transcript import Transcript

REPO = Path(__file__).resolve().parent.parent
CALIBRATION = REPO / "tests" / "calibration"
LABELS = Path(__file__).resolve().parent / "note_labels" / "labels.jsonl"
JUDGED_SPLITS = (
    "test12",
    "test13",
    "test14",
    "test15",
    "test16",
    "test17",
    "test18",
    "test19",
    "test20",
    "test21",
)


def _replays(
    splits: tuple[str, ...], saved: Path | None
) -> Iterator[tuple[str, str, str, Transcript]]:
    """(split, name, problem, transcript): each split's scripts replayed, or the replays
    saved before under `saved` (`--transcripts` of an earlier dump; no replay)."""
    from bench.replay import load_scripts, replay

    for split in splits:
        if saved is not None:
            for path in sorted((saved / split).glob("*.json")):
                transcript = Transcript.model_validate_json(path.read_text(encoding="utf-8"))
                yield split, path.stem, path.stem.split("__", 1)[1], transcript
            continue
        for script, transcript in replay(load_scripts(split)):
            yield split, script.name, script.problem, transcript


def _items(
    splits: tuple[str, ...], answers: bool = True, saved: Path | None = None
) -> Iterator[tuple[str, str, str, Callable[[], Recap], Transcript | None]]:
    """(source, name, problem, grade, transcript) for every transcript and reference answer
    (no transcript for an answer)."""
    from tests.support.calibration import load_manifest

    content = load_content()
    grader = OfflineGrader()
    for split, name, problem, transcript in _replays(splits, saved):
        card = content.problems.get(problem)
        yield (
            split,
            name,
            problem,
            partial(grader.grade_transcript, transcript, card, content.rubric),
            transcript,
        )
    if not answers:
        return
    manifest = load_manifest(CALIBRATION / "manifest.yaml")
    for item in manifest.items:
        text = (CALIBRATION / item.file).read_text(encoding="utf-8")
        card = content.problems.get(item.problem)
        source = "calibration-held-out" if item.held_out else "calibration"
        yield (
            source,
            item.file,
            item.problem,
            partial(grader.grade_answer, text, card, content.rubric),
            None,
        )


def _nearest_piece(note: str, claims: list[str], phase: str | None) -> tuple[float, str]:
    """The statement or clause nearest to any piece of the note (or the whole note)."""
    units = note_cover.statements_for(phase, claims)
    found = [note_cover.closest_claim(p, units) for p in {note, *note_cover.note_pieces(note)}]
    return max(found, default=(0.0, ""))


def dump(
    out: Path,
    splits: tuple[str, ...],
    recaps: Path | None = None,
    answers: bool = True,
    transcripts: Path | None = None,
    saved: Path | None = None,
) -> None:
    from agent.commands.recap_text import format_recap

    rows: list[dict[str, object]] = []
    seen: list[tuple[str, set[str], list[str], str | None, bool]] = []
    real = note_cover.covered

    def spy(note: str, said: set[str], claims: list[str], phase: str | None = None) -> bool:
        got = real(note, said, claims, phase)
        seen.append((note, set(said), list(claims), phase, got))
        return got

    advice.covered = spy
    try:
        for source, name, problem, grade, transcript in _items(splits, answers, saved):
            seen.clear()
            if transcripts is not None and transcript is not None and saved is None:
                folder = transcripts / source
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{name}.json").write_text(transcript.model_dump_json())
            recap = grade()
            if recaps is not None:
                folder = recaps / source
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{Path(name).stem}.txt").write_text(format_recap(recap))
            listed = {line.split(": ", 1)[1] for line in recap.strong_answer}
            for note, said, claims, phase, got in seen:
                cos, nearest = note_cover.closest_claim(note, claims)
                piece_cos, piece = _nearest_piece(note, claims, phase)
                rows.append(
                    {
                        "source": source,
                        "item": name,
                        "problem": problem,
                        "phase": phase,
                        "note": note,
                        "covered": got,
                        "listed": note.strip() in listed,
                        "cosine": round(cos, 3),
                        "nearest": nearest,
                        "piece_cosine": round(piece_cos, 3),
                        "nearest_piece": piece,
                        "said": sorted(said),
                        "claims": claims,
                    }
                )
            print(source, name, len(seen), "notes checked", flush=True)
    finally:
        advice.covered = real
    out.write_text(json.dumps(rows, indent=1), encoding="utf-8")


def _batch(source: str) -> str:
    """A judged batch's name, or "calibration" (held out or not: its file names are unique);
    the judged batches replay the same persona and problem names, so the batch is part of
    a label's key."""
    return source if source.startswith("test") else "calibration"


def _labels() -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[(_batch(row["source"]), row["item"], row["note"])] = row["label"]
    return out


def _phase(problem: str, note: str) -> str | None:
    card = load_content().problems.get(problem)
    return next((p.value for p, notes in card.strong_answer.items() if note in notes), None)


def score(path: Path) -> dict[str, object]:
    """Against the hand labels: the covered() of the dump (`before`: the code that wrote it)
    and the shipped one (`after`), on every labelled note."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    labels = _labels()
    out: dict[str, object] = {}
    done: set[tuple[str, str, str]] = set()
    counts = {
        f"{when}: {what}": 0
        for when in ("before", "after")
        for what in ("said, listed as missed", "named only, covered", "not said, covered")
    }
    totals = {"said": 0, "named": 0, "not": 0}
    for row in rows:
        key = (_batch(row["source"]), row["item"], row["note"])
        label = labels.get(key)
        if label is None or key in done:
            continue
        done.add(key)
        totals[label] += 1
        phase = _phase(row["problem"], row["note"])
        after = note_cover.covered(row["note"], set(row["said"]), row["claims"], phase)
        for when, got in (("before", row["covered"]), ("after", after)):
            counts[f"{when}: said, listed as missed"] += label == "said" and not got
            counts[f"{when}: named only, covered"] += label == "named" and got
            counts[f"{when}: not said, covered"] += label == "not" and got
    out["labelled notes (dev)"] = totals
    out.update(counts)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--splits", nargs="*", default=list(JUDGED_SPLITS))
    d.add_argument("--recaps", type=Path, help="also write each recap as text here")
    d.add_argument("--no-answers", action="store_true", help="judged replays only")
    d.add_argument("--transcripts", type=Path, help="also save each replayed transcript here")
    d.add_argument(
        "--saved", type=Path, help="grade the transcripts an earlier --transcripts saved here"
    )
    s = sub.add_parser("score")
    s.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "dump":
        dump(
            args.out,
            tuple(args.splits),
            args.recaps,
            not args.no_answers,
            args.transcripts,
            args.saved,
        )
    else:
        print(json.dumps(score(args.path), indent=2))


if __name__ == "__main__":
    main()
