"""Turns the judges found asking for or steering to ground the candidate had already
covered (any time earlier, not only in the last message), and turns that treated an option
the candidate rejected as their plan, then and now.

    python -m bench.covered_turns                         # judged folders test15-1..test19-1
    python -m bench.covered_turns test19-1 --out DIR      # one folder; the turns written to DIR

A turn counts when the judges' majority labelled it WRONG or REPETITIVE and one of the
judges' reasons is of the kind:
- "covered": the line asks for, re-asks or steers to something the candidate already gave,
  covered, stated or listed (the reason says already / covered / re-asks / given at N min);
- "rejected": the line treats an option the candidate rejected, discarded or ruled out as
  their plan.
For each, the tally says whether the current code says the same line at the same turn of the
same script ("same line": the label still stands) or another ("changed": labelled by hand
from the TSV written with --out). Which reasons count was read off the judged folders: the
figures are dev figures.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from bench.hint_turns import TurnThenAndNow, run, tally_kinds

FOLDERS = ("test15-1", "test16-1", "test17-1", "test18-1", "test19-1")

_REJECTED = re.compile(
    r"\b(?:rejected|discarded|ruled out|dismissed|said no to|never proposed)\b", re.IGNORECASE
)
_COVERED = re.compile(
    r"\b(?:already|covered|re-?asks?|given at|gave at|stated at|listed at)\b", re.IGNORECASE
)


def kind_of(turn: TurnThenAndNow) -> str | None:
    """Kind "rejected", "covered", or None (not counted)."""
    if turn.verdict not in ("WRONG", "REPETITIVE"):
        return None
    reasons = [
        r for r, label in zip(turn.reasons, turn.labels, strict=False) if label == turn.verdict
    ]
    if any(_REJECTED.search(r) for r in reasons):
        return "rejected"
    if any(_COVERED.search(r) for r in reasons):
        return "covered"
    return None


def collect(folder: str, out: Path | None) -> Counter[str]:
    return tally_kinds(folder, out, kind_of)


def main(argv: list[str] | None = None) -> Counter[str]:
    args = list(sys.argv[1:] if argv is None else argv)
    if not [a for i, a in enumerate(args) if not a.startswith("-") and args[i - 1] != "--out"]:
        args = [*FOLDERS, *args]  # no folder named: the five newest judged ones
    return run(args, __doc__, collect, "write each folder's counted turns here")


if __name__ == "__main__":
    main()
