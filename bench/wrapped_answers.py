"""Grades of written answers as written and hard-wrapped at ~80 columns, side by side.

A candidate's editor may wrap prose at a fixed width: the same answer then reaches the grader
with a line break every ~80 characters, most of them mid-sentence. The grades should not move.
This takes answers already in the repository (dev: the blind batches answers-c16..c22 and the
calibration reference answers, all read while tuning), wraps every prose line and list item
(a list item's continuation indented under it; headings, tables and fences untouched),
grades both offline and counts the dimension grades and totals that moved.

    python -m bench.wrapped_answers                # every dev answer named above
    python -m bench.wrapped_answers --width 72 --every 5   # a fifth of them
"""

from __future__ import annotations

import argparse
import re
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FOLDERS = [
    *(REPO / "tests" / "blind" / f"answers-c{n}" for n in range(16, 23)),
    REPO / "tests" / "calibration",
]
_ITEM = re.compile(r"(\s*(?:[-*+]|\d{1,2}[.)])\s+)")
_KEEP = re.compile(r"\s*(?:#|\||```|~~~|---)")


def hard_wrapped(text: str, width: int = 80) -> str:
    """The text with every prose line and list item wrapped at `width` columns."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced or _KEEP.match(line) or len(line) <= width:
            out.append(line)
            continue
        item = _ITEM.match(line)
        lead = item.group(1) if item else re.match(r"\s*", line).group(0)  # type: ignore[union-attr]
        out += textwrap.wrap(
            line[len(lead) :],
            width=width,
            initial_indent=lead,
            subsequent_indent=" " * len(lead),
            break_long_words=False,
            break_on_hyphens=False,
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--width", type=int, default=80)
    parser.add_argument("--limit", type=int, default=0, help="at most this many answers")
    parser.add_argument("--every", type=int, default=1, help="every n-th answer only")
    args = parser.parse_args(argv or [])
    from agent.content.bundle import load_content
    from agent.grading.inputs import split_front_matter
    from agent.grading.offline import OfflineGrader

    content = load_content()
    grader = OfflineGrader()
    files = sorted(p for folder in FOLDERS for p in folder.rglob("*.md"))[:: args.every]
    answers = dims = dims_moved = totals_moved = 0
    moves: list[float] = []
    worst: list[tuple[float, str]] = []
    for path in files:
        meta, text = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        wrapped = hard_wrapped(text, args.width)
        problem = str(meta.get("problem") or path.parent.name)
        if wrapped == text or problem not in content.problems.ids():
            continue
        card = content.problems.get(problem)
        plain = grader.grade_answer(text, card, content.rubric)
        again = grader.grade_answer(wrapped, card, content.rubric)
        a = {d.id: d.score for d in plain.dimensions}
        b = {d.id: d.score for d in again.dimensions}
        answers += 1
        dims += len(a)
        dims_moved += sum(a[k] != b[k] for k in a)
        move = round(again.overall - plain.overall, 2)
        moves.append(abs(move))
        totals_moved += move != 0
        worst.append((move, str(path.relative_to(REPO))))
        if args.limit and answers >= args.limit:
            break
    worst.sort(key=lambda m: -abs(m[0]))
    return {
        "answers wrapped (dev)": answers,
        "dimension grades moved": f"{dims_moved}/{dims}",
        "totals moved": f"{totals_moved}/{answers}",
        "total moved, mean |change|": round(sum(moves) / len(moves), 3) if moves else None,
        "total moved, max |change|": max(moves) if moves else None,
        "largest moves": [f"{m:+.2f} {p}" for m, p in worst[:8] if m],
    }


if __name__ == "__main__":
    import sys

    for k, v in main(sys.argv[1:]).items():
        print(f"{k:<36} {v}")
