"""Hint turns of the judged fidelity batches, then and now.

    python -m bench.hint_turns                       # every judged folder (test*-1)
    python -m bench.hint_turns test13-1 --out DIR    # one folder; the turns written to DIR

A hint turn is an interviewer turn answering a candidate message that asks for help (the
reader reads it as a hint request now), or one where the interviewer gave a hint (then or
now), or one a judge's reason calls a hint or the candidate stuck. For each, this prints how
the judges labelled the turn as it was judged (majority of the three labels; WRONG and
GENERIC counted) and writes, per folder, the turn as the current code plays the same script
(`<folder>.tsv`: script, turn, candidate message, line then, labels then, move now, line now)
so the new lines can be labelled by hand. The scripts are the frozen batches, so the judged
and the replayed interviews see the same candidate messages, turn for turn (a replay that
wrapped up earlier has no line for the later turns).

Figures on these folders are dev figures once a change was shaped by reading them.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from agent.decide.moves import MoveKind
from agent.read.reading import MessageKind
from agent.record.transcript import Transcript
from bench.judged import ROOT, parse
from bench.replay import load_scripts, replay

# how a hint began in the question bank, then and now
_HINT_LINE = re.compile(
    r"^(?:(?:Got it|Right|Okay|Sure|Fair)[.,!]?\s+)?(Here's a nudge|One way to look at it|"
    r"Think about this|A hint|Some people start from here|Try thinking about the goal|"
    r"Maybe start small|Here's a smaller step|Try it from this angle|Let's break it down|"
    r"Let's narrow it down|Take \"|Start from your own words)",
    re.IGNORECASE,
)
_JUDGED_HINT = re.compile(r"\bhint|\bstuck\b", re.IGNORECASE)
_TURN_LINE = re.compile(r"^\[I(\d+) @ [\d.]+ min\] INTERVIEWER: (.*)$")
_CANDIDATE_LINE = re.compile(r"^\[@ [\d.]+ min\] CANDIDATE: (.*)$")


def judged_turns(path: Path) -> dict[int, tuple[str, str]]:
    """Interviewer turn number -> (the candidate message before it, the interviewer's line)."""
    out: dict[int, tuple[str, str]] = {}
    candidate = ""
    current: list[str] | None = None
    number = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        if m := _CANDIDATE_LINE.match(raw):
            if current is not None:
                out[number] = (out[number][0], " ".join(current).strip())
            current = None
            candidate = m.group(1)
            continue
        if m := _TURN_LINE.match(raw):
            if current is not None:
                out[number] = (out[number][0], " ".join(current).strip())
            number = int(m.group(1))
            current = [m.group(2)]
            out[number] = (candidate, "")
            continue
        if current is not None and raw.strip():
            current.append(raw.strip())
    if current is not None:
        out[number] = (out[number][0], " ".join(current).strip())
    return out


def replayed_turns(transcript: Transcript) -> dict[int, tuple[str, str, str]]:
    """Interviewer turn number -> (what the reader read the message before it as, the move's
    kind, the line)."""
    out: dict[int, tuple[str, str, str]] = {}
    number, read = 0, ""
    for turn in transcript.turns:
        if turn.role == "candidate":
            read = turn.kind or ""
            continue
        number += 1
        kind = str(turn.move.kind) if turn.move is not None else ""
        if turn.move is not None and turn.move.target:
            kind += f"({turn.move.target})"
        out[number] = (read, kind, turn.text)
    return out


def majority(labels: list[str]) -> str:
    if not labels:
        return "-"
    label, n = Counter(labels).most_common(1)[0]
    return label if n * 2 > len(labels) else "/".join(sorted(labels))


def folder_split(folder: str) -> str:
    return folder.removesuffix("-1")


@dataclass(frozen=True)
class TurnThenAndNow:
    """One interviewer turn of a judged transcript (after the opening), beside the same turn
    as the current code plays the same script."""

    script: str
    number: int
    message: str  # the candidate message before it
    line: str  # the line as judged
    labels: list[str]
    reasons: list[str]
    read: str  # what the reader reads the message as now
    kind: str  # the move now
    line_now: str

    @property
    def verdict(self) -> str:
        return majority(self.labels)

    def row(self) -> list[str]:
        reasons = [r for r in self.reasons if r]
        return [
            self.script,
            str(self.number),
            self.message,
            self.line,
            self.verdict + ("  " + " | ".join(reasons) if reasons else ""),
            f"{self.read}->{self.kind}",
            self.line_now,
        ]


def turns_then_and_now(folder: str) -> Iterator[TurnThenAndNow]:
    """Every judged interviewer turn of a folder (the opening left out), replayed now."""
    base = ROOT / folder
    judges = [parse(p) for p in sorted(base.glob("labels*.txt"))]
    by_name = [{t.name: t for t in judge} for judge in judges]
    for script, transcript in replay(load_scripts(folder_split(folder))):
        path = base / f"{script.name}.txt"
        if not path.exists():
            continue
        now = replayed_turns(transcript)
        labelled = [j[script.name] for j in by_name if script.name in j]
        for number, (message, line) in sorted(judged_turns(path).items()):
            if number == 1:
                continue
            read, kind, line_now = now.get(number, ("", "", ""))
            yield TurnThenAndNow(
                script=script.name,
                number=number,
                message=message,
                line=line,
                labels=[t.labels[number] for t in labelled if number in t.labels],
                reasons=[t.reasons.get(number, "") for t in labelled],
                read=read,
                kind=kind,
                line_now=line_now,
            )


def write_turns(folder: str, out: Path | None, turns: list[TurnThenAndNow]) -> None:
    """The turns as `<folder>.tsv` in `out`, for labelling by hand."""
    if out is None:
        return
    out.mkdir(parents=True, exist_ok=True)
    with (out / f"{folder}.tsv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter="\t").writerows(t.row() for t in turns)


def tally_kinds(
    folder: str, out: Path | None, kind_of: Callable[[TurnThenAndNow], str | None]
) -> Counter[str]:
    """The folder's turns of each kind (`kind_of`; None: not counted), and for each kind
    whether the current code says the same line at that turn ("same line": the label still
    stands), another ("changed": to label by hand from the TSV written to `out`), or none
    ("gone": the replay ended before this turn)."""
    counted = [(t, k) for t in turns_then_and_now(folder) if (k := kind_of(t)) is not None]
    write_turns(folder, out, [t for t, _ in counted])
    tally: Counter[str] = Counter()
    for t, k in counted:
        tally[k] += 1
        if not t.line_now:
            tally[f"{k} gone"] += 1
        elif t.line_now == t.line:
            tally[f"{k} same line"] += 1
        else:
            tally[f"{k} changed"] += 1
    return tally


def run(
    argv: list[str] | None,
    description: str | None,
    collect: Callable[[str, Path | None], Counter[str]],
    out_help: str,
) -> Counter[str]:
    """The command line both turn benches share: folders, --out, a tally per folder."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("folders", nargs="*", help="judged folders (default: every test*-1)")
    parser.add_argument("--out", type=Path, help=out_help)
    args = parser.parse_args(argv)
    folders = args.folders or sorted(p.name for p in ROOT.glob("test*-1") if p.is_dir())
    total: Counter[str] = Counter()
    for folder in folders:
        tally = collect(folder, args.out)
        total.update(tally)
        print(f"  {folder:<10} {dict(tally)}")
    print(f"  {'all':<10} {dict(total)}")
    return total


def _is_hint(turn: TurnThenAndNow) -> bool:
    return (
        turn.read == str(MessageKind.HINT_REQUEST)
        or turn.kind.startswith(str(MoveKind.HINT))
        or bool(_HINT_LINE.match(turn.line))
        or any(_JUDGED_HINT.search(r) for r in turn.reasons)
    )


def collect(folder: str, out: Path | None) -> Counter[str]:
    turns = [t for t in turns_then_and_now(folder) if _is_hint(t)]
    write_turns(folder, out, turns)
    return Counter(["turns"] * len(turns) + [t.verdict for t in turns])


def main(argv: list[str] | None = None) -> Counter[str]:
    return run(argv, __doc__, collect, "write each folder's hint turns here")


if __name__ == "__main__":
    main()
