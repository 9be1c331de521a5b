"""Clarification answers the judges labelled WRONG, before and after a change.

    python -m bench.fidelity --split test14 --dump BEFORE/test14      # once per batch, on main
    python -m bench.fidelity --split test14 --dump AFTER/test14       # and on the branch
    python -m bench.clarify_judged --before BEFORE --after AFTER [--show]

For every judged batch (tests/fidelity/judged/<split>-1) the interviewer turns that answer a
clarifying question are found from their text alone (a sentence of the card's facts, or a
line of the question bank's "not specified" / "already told" / "assume the rest" lists), and
a turn is WRONG when most of the batch's judges labelled it so. The scripts are replayed
turn by turn, so the reply to the candidate's k-th message is the same turn in every dump:
(`--cards`: the cards before the change, whose sentences the judged replies carry)
- reproduced: the reply the judges read is the reply the code before the change gives (an
  older batch was judged on older code; only reproduced turns are counted);
- still WRONG after: the reply after the change is word for word the one judged WRONG;
- changed: the reply differs, and needs reading (`--show` prints them); a changed reply is
  not a right one until someone has read it.
Every batch here is dev material (its labels shaped the work that reads them).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

from agent.content.problems import ProblemLibrary, load_problems
from bench.clarifications import parse_dump
from bench.judged import ROOT, parse
from bench.replay import REPO

# the bank's lists that answer a clarifying question without a card fact
CLARIFYING_LINES = (
    "unanswerable",
    "unanswerable_assumed",
    "assume_rest",
    "already_given",
    "one_at_a_time",
    "correct_assumption",
)


def _template_re(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_]+\}", " ".join(template.split()))
    return re.compile(".*?".join(re.escape(p) for p in parts if p.strip()), re.IGNORECASE)


def _bank_lines() -> list[re.Pattern[str]]:
    bank = yaml.safe_load((REPO / "prompts" / "question_bank.yaml").read_text())
    lines = [t for key in CLARIFYING_LINES for t in bank.get(key, [])]
    return [_template_re(t) for t in lines]


def replies(text: str) -> dict[int, str]:
    """Candidate message index -> the interviewer's reply to it."""
    _, turns = parse_dump(text)
    out: dict[int, str] = {}
    k = -1
    for role, body in turns:
        if role == "candidate":
            k += 1
        elif k >= 0 and k not in out:
            out[k] = " ".join(body.split())
    return out


def interviewer_numbers(text: str) -> dict[int, int]:
    """Candidate message index -> the I-number of the reply to it."""
    out: dict[int, int] = {}
    k = -1
    for line in text.splitlines():
        if "] CANDIDATE:" in line:
            k += 1
        m = re.match(r"^\[I(\d+) @", line)
        if m and k >= 0 and k not in out:
            out[k] = int(m.group(1))
    return out


def is_clarification(reply: str, problem: str, library: ProblemLibrary, bank: list) -> bool:
    if problem in library.cards:
        for fact in library.get(problem).facts:
            if any(p in reply for p in fact.pieces):
                return True
    return any(b.search(reply) for b in bank)


def main(argv: list[str] | None = None) -> dict[str, int]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, required=True)
    parser.add_argument("--show", action="store_true", help="print every changed reply")
    parser.add_argument("--still", action="store_true", help="name every reply still as judged")
    parser.add_argument(
        "--cards",
        type=Path,
        default=REPO / "knowledge" / "problems",
        help="the cards the judged replies were read from (the code before the change)",
    )
    args = parser.parse_args(argv)
    library = load_problems(args.cards)
    bank = _bank_lines()
    totals = {"judged_wrong": 0, "reproduced": 0, "still_wrong": 0, "changed": 0}
    for folder in sorted(ROOT.glob("test*-1")):
        split = folder.name.removesuffix("-1")
        judges = [parse(p) for p in sorted(folder.glob("labels*.txt"))]
        for path in sorted(folder.glob("*__*.txt")):
            name = path.stem
            judged_text = path.read_text(encoding="utf-8")
            problem, _ = parse_dump(judged_text)
            before_path = args.before / split / path.name
            after_path = args.after / split / path.name
            if not before_path.exists() or not after_path.exists():
                continue
            judged = replies(judged_text)
            numbers = interviewer_numbers(judged_text)
            before = replies(before_path.read_text(encoding="utf-8"))
            after = replies(after_path.read_text(encoding="utf-8"))
            labels = [next((t for t in j if t.name == name), None) for j in judges]
            labels = [t for t in labels if t is not None]
            for k, reply in judged.items():
                n = numbers.get(k)
                wrong = sum(1 for t in labels if t.labels.get(n or -1) == "WRONG")
                if not labels or wrong * 2 <= len(labels):
                    continue
                if not is_clarification(reply, problem, library, bank):
                    continue
                totals["judged_wrong"] += 1
                if before.get(k) != reply:
                    continue
                totals["reproduced"] += 1
                why = "; ".join(t.reasons.get(n or -1, "") for t in labels)
                if after.get(k) == reply:
                    totals["still_wrong"] += 1
                    if args.still:
                        print(f"== still {split} {name} I{n}: {why}")
                    continue
                totals["changed"] += 1
                if args.show:
                    print(f"== {split} {name} I{n}: {why}\n-- {reply}\n++ {after.get(k)}\n")
    print(totals)
    return totals


if __name__ == "__main__":
    main()
