"""Bare continuation lines ("Okay, that's clear. Go on.") in dumped fidelity interviews.

    python -m bench.fidelity --split test17 --dump DIR/test17    # dump a batch first
    python -m bench.bare_lines DIR/test17 [DIR/test16 ...]

A bare continuation is an interviewer line that is one of the question bank's `deepen_done`
lines (a follow-up that found every angle covered and asked nothing), alone or after the
short acknowledgement a check-in gets. It counts them over the interviewer turns of each
folder's dumped transcripts (`<persona>__<problem>.txt`, as bench.fidelity --dump writes
them) and prints the share per folder and in all. Figures on judged batches whose lines
shaped a change are dev figures.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from agent.settings import get_settings
from agent.speak.question_bank import load_question_bank

_TURN = re.compile(r"^\[I\d+ @ [\d.]+ min\] INTERVIEWER: (.*)$")


def bare_lines() -> set[str]:
    return set(load_question_bank(get_settings().prompts_dir / "question_bank.yaml").deepen_done)


def count(folder: Path, bare: set[str]) -> tuple[int, int]:
    """(bare continuation lines, interviewer turns) over a folder's dumped interviews."""
    lines = [
        m.group(1).strip()
        for path in sorted(folder.glob("*__*.txt"))
        for raw in path.read_text(encoding="utf-8").splitlines()
        if (m := _TURN.match(raw))
    ]
    found = sum(1 for line in lines if any(line == b or line.endswith(f" {b}") for b in bare))
    return found, len(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folders", nargs="+", type=Path, help="folders of dumped interviews")
    args = parser.parse_args(argv)
    bare = bare_lines()
    total_bare = total = 0
    for folder in args.folders:
        found, turns = count(folder, bare)
        total_bare, total = total_bare + found, total + turns
        share = found / turns if turns else 0.0
        print(f"  {folder.name:<10} bare {found:>4} of {turns:>5} interviewer turns ({share:.3f})")
    share = total_bare / total if total else 0.0
    print(f"  {'all':<10} bare {total_bare:>4} of {total:>5} interviewer turns ({share:.3f})")


if __name__ == "__main__":
    main()
