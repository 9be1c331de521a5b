"""Do a turn and its recap agree about wrong claims? `python -m bench.claim_recaps [BATCH...]`.

Reads the dumped interviews of tests/fidelity/judged/<batch>/ (every batch by default; all
are dev) as transcripts and counts the wrong claims the recap holds open (each caps its
dimension) on a sentence whose turn the reader, reading that turn as it does during the
interview (agent/read: the message at the challenge bar, the claims that stand on it and
the problem, the interviewer's last line as context, the signals heard before), does not
read that claim in: a recap that caps a dimension for a sentence the interview let pass
without a challenge. The reader's recorded claims are not in the dumps, so the grader here
reads on its own (as for a transcript whose reader recorded nothing).

    python -m bench.claim_recaps test23-1 --list   # also print each disagreement
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from agent.content.bundle import load_content
from agent.content.misconceptions import default_misconceptions
from agent.grading.evidence import evidence_sentences
from agent.grading.misconception_check import SharedMisconceptions
from agent.grading.offline import OfflineGrader
from agent.read.quoting import statements_of_claims
from agent.understanding import shared_understanding
from agent.understanding.claims import applicable_claims

ROOT = Path(__file__).resolve().parent.parent / "tests" / "fidelity" / "judged"
_LINE = re.compile(r"^\[(?:I\d+ )?@ [\d.]+ min\] (INTERVIEWER|CANDIDATE): ?(.*)$")
_HEAD = re.compile(r"^# \S+ \(problem: ([a-z0-9-]+)\)")


def turns(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """(problem id, [(role, text)]) of one dumped interview."""
    lines = path.read_text(encoding="utf-8").splitlines()
    head = _HEAD.match(lines[0])
    assert head, path
    out: list[tuple[str, list[str]]] = []
    for line in lines[1:]:
        if m := _LINE.match(line):
            out.append((m.group(1).lower(), [m.group(2)]))
        elif out:
            out[-1][1].append(line)
    return head.group(1), [(role, "\n".join(text).strip()) for role, text in out]


def disagreements(path: Path) -> list[tuple[int, str, str]]:
    """(candidate turn, claim, sentence) the recap holds open and the turn's reading lacks."""
    content = load_content()
    problem, said = turns(path)
    card = content.problems.get(problem)
    u = shared_understanding()
    catalog = default_misconceptions()
    read: dict[int, set[str]] = {}
    heard: list[str] = []
    last = ""
    for i, (role, text) in enumerate(said):
        if role == "interviewer":
            last = text
            continue
        found = u.message(text, challenge=True)
        claims = applicable_claims(found, catalog, card=card, context=last, shown_before=heard)
        read[i] = set(statements_of_claims(found, claims, catalog))
        heard += found.signals
    texts = [(i, text) for i, (role, text) in enumerate(said) if role == "candidate"]
    asked = {i: said[i - 1][1] if i else "" for i, _ in texts}
    sentences, _ = evidence_sentences(texts)
    grader = OfflineGrader()
    evidence = grader._evidence(sentences, content.rubric)
    missteps = SharedMisconceptions().find(sentences, evidence, content.rubric, {}, card, asked)
    return [
        (m.sentence.turn, m.misconception_id, m.sentence.text)
        for m in missteps
        if not m.corrected and m.misconception_id not in read.get(m.sentence.turn, set())
    ]


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("batches", nargs="*", help="judged folders (default: all)")
    parser.add_argument("--list", action="store_true", help="print each disagreement")
    args = parser.parse_args(argv or [])
    batches = args.batches or sorted(p.name for p in ROOT.iterdir() if p.is_dir())
    interviews = found = 0
    for batch in batches:
        for path in sorted((ROOT / batch).glob("*__*.txt")):
            interviews += 1
            for turn, claim, text in disagreements(path):
                found += 1
                if args.list:
                    print(f"{batch}/{path.stem} turn {turn} {claim}: {text[:160]}")
    return {
        "interviews": interviews,
        "open claims the turn did not read (recap caps, turn let pass)": found,
        "per interview": round(found / max(1, interviews), 3),
    }


if __name__ == "__main__":
    import sys

    out = main(sys.argv[1:])
    for k, v in out.items():
        print(f"dev (judged dumps, looked at): {k:<66} {v}")
