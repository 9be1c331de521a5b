"""Does a recap contradict or repeat itself? `python -m bench.recap_consistency [--split S]`.

Grades each answer of a batch offline and counts, per recap:
- missing points named twice or more across what was missed, the next steps and the
  dimensions' next-level lines ("Still missing: ...");
- missing points that a sentence the recap quotes (as evidence or in the design summary)
  talks about: the understanding layer's signals or mentions of that sentence, and what
  they imply;
- the mean overall score (the recap's wording must not move it).

Every answer batch in tests/blind/ has been scored and looked at: figures on them are dev
figures.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from agent.content.bundle import load_content
from agent.grading.evidence import evidence_rules
from agent.grading.offline import OfflineGrader
from agent.grading.recap import Recap
from agent.understanding import shared_understanding

BLIND = Path(__file__).resolve().parents[1] / "tests" / "blind"


def _said_in_quotes(recap: Recap) -> set[str]:
    u = shared_understanding()
    quoted = [q for d in recap.dimensions for q in d.evidence]
    quoted += [s for d in recap.design for s in d.sentences]
    out: set[str] = set()
    for q in quoted:
        for s in u.sentences(q):
            if not (s.question or s.manipulative):
                out |= set(s.mentions) | set(s.signals)
    return evidence_rules().with_implied(out)


def figures(batch: Path) -> dict[str, float]:
    content = load_content()
    rubric = content.rubric
    signals = [s for d in rubric.dimensions for s in d.signals]
    grader = OfflineGrader()
    lines = (batch / "manifest.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    repeated = contradicted = named = 0
    overall = 0.0
    for row in rows:
        text = (batch / row["file"]).read_text(encoding="utf-8")
        recap = grader.grade_answer(text, content.problems.get(row["problem"]), rubric)
        overall += recap.overall
        sections = [
            " ".join(recap.missed).lower(),
            " ".join(recap.next_steps).lower(),
            " ".join(d.next_level for d in recap.dimensions).lower(),
        ]
        said = _said_in_quotes(recap)
        for s in signals:
            point = s.description.strip().rstrip(".").lower()
            times = sum(point in section for section in sections)
            named += bool(times)
            repeated += times >= 2
            contradicted += bool(times) and s.id in said
    n = len(rows)
    return {
        "recaps": n,
        "missing points named twice or more, per recap": round(repeated / n, 2),
        "missing points a quoted sentence talks about, per recap": round(contradicted / n, 2),
        "distinct missing points named, per recap": round(named / n, 2),
        "mean overall": round(overall / n, 4),
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="answers-c10", help="a batch folder in tests/blind")
    args = parser.parse_args(argv or [])
    found = figures(BLIND / args.split)
    return {f"dev (blind {args.split}, looked at): {k}": v for k, v in found.items()}


if __name__ == "__main__":
    import sys

    for k, v in main(sys.argv[1:]).items():
        print(f"{k:<84} {v}")
