"""Tally an expert judge's labels of a fidelity batch (tests/fidelity/judged/<folder>/).

    python -m bench.judged test4-1

Judges (helpers given only tests/fidelity/judge_guide.md and the dumped transcripts) write
one label per interviewer turn (SPECIFIC / GENERIC / REPETITIVE / WRONG), a VERDICT line and
a MULTI-PART count per transcript, into labels*.txt. This prints the shares of each label
over all interviewer turns, WRONG per persona, multi-part questions fully answered and the
verdicts, so the figures on the manifest line can be recomputed from the files.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, Field

ROOT = Path(__file__).resolve().parent.parent / "tests" / "fidelity" / "judged"
LABELS = ("SPECIFIC", "GENERIC", "REPETITIVE", "WRONG")
_TURN = re.compile(r"^I(\d+)\s+(SPECIFIC|GENERIC|REPETITIVE|WRONG)\b(.*)$")
_MULTI = re.compile(r"^MULTI-PART:\s*(\d+)\s*/\s*(\d+)")
_VERDICT = re.compile(r"^VERDICT:\s*(not useful|somewhat useful|useful)", re.IGNORECASE)


class Transcript(BaseModel):
    name: str
    labels: dict[int, str] = Field(default_factory=dict)  # turn -> label
    reasons: dict[int, str] = Field(default_factory=dict)
    verdict: str | None = None
    multi_answered: int = 0
    multi_asked: int = 0

    @property
    def persona(self) -> str:
        return self.name.split("__")[0]


def parse(path: Path) -> list[Transcript]:
    out: list[Transcript] = []
    current: Transcript | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip().strip("`")
        if line.endswith(".txt") and "__" in line:
            current = Transcript(name=line.removesuffix(".txt"))
            out.append(current)
            continue
        if current is None:
            continue
        if m := _TURN.match(line):
            current.labels[int(m.group(1))] = m.group(2)
            if m.group(3).strip():
                current.reasons[int(m.group(1))] = m.group(3).strip()
        elif m := _MULTI.match(line):
            current.multi_answered, current.multi_asked = int(m.group(1)), int(m.group(2))
        elif m := _VERDICT.match(line):
            current.verdict = m.group(1).lower()
    return out


def tally(folder: Path) -> dict[str, object]:
    transcripts = [t for f in sorted(folder.glob("labels*.txt")) for t in parse(f)]
    counts: Counter[str] = Counter(label for t in transcripts for label in t.labels.values())
    turns = sum(counts.values())
    by_persona: dict[str, Counter[str]] = {}
    for t in transcripts:
        by_persona.setdefault(t.persona, Counter()).update(t.labels.values())
    return {
        "transcripts": len(transcripts),
        "interviewer turns": turns,
        **{label: round(counts[label] / turns, 3) if turns else None for label in LABELS},
        "WRONG by persona": {
            p: round(c["WRONG"] / sum(c.values()), 2) for p, c in sorted(by_persona.items())
        },
        "multi-part questions fully answered": (
            f"{sum(t.multi_answered for t in transcripts)}/"
            f"{sum(t.multi_asked for t in transcripts)}"
        ),
        "verdicts": dict(Counter(t.verdict or "none" for t in transcripts)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="a folder under tests/fidelity/judged/, or a path")
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        folder = ROOT / args.folder
    if not folder.is_dir():
        raise SystemExit(f"no judged folder {args.folder!r} (looked in {ROOT})")
    for key, value in tally(folder).items():
        print(f"  {key:<38} {value}")


if __name__ == "__main__":
    main()
