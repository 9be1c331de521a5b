"""Messages that asked something and got no answer at all, before and after a change.

    python -m bench.fidelity --split test19 --dump BEFORE/test19     # on the code before
    python -m bench.fidelity --split test19 --dump AFTER/test19      # and after
    python -m bench.asked_unanswered --dump BEFORE --dump AFTER [--show]

A candidate message counts when one of its sentences is written as a question (ends with a
question mark) and the interviewer's reply to it holds no piece of the card and none of the
question bank's lines that answer a question (not specified, already told, assume the rest,
one at a time, a correction) or a question about the interview (the bank's meta lines).
Counted apart: the candidate's first message (mostly requirements questions) and every
later one (most of them design answers, some further clarifying questions).

The figure is an upper bound of questions ignored: a question the candidate answers
themself ("Why not X? Because ...") is rightly not answered and still counts; compare
dumps of the same scripts, and read the listed turns (`--show`) before calling any of
them ignored. Every batch replayed here is dev material once its judges' labels were read.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

from agent.content.problems import load_problems
from bench.clarifications import parse_dump
from bench.clarify_judged import CLARIFYING_LINES, replies
from bench.replay import REPO

# the bank's lists that answer a clarifying question without a card fact, and those that
# answer a part of one or a question about the interview
_ANSWER_LINES = (
    *CLARIFYING_LINES,
    "open_part",
    "open_parts",
    "open_part_assumed",
    "told_part",
    "held_parts",
    "meta",
)
_QUESTION = re.compile(r"\?\s*(?:$|[\"')\]]|\s+[A-Z0-9\"'])")


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _lines() -> list[re.Pattern[str]]:
    bank = yaml.safe_load((REPO / "prompts" / "question_bank.yaml").read_text())
    out = []
    for key in _ANSWER_LINES:
        for t in _strings(bank.get(key, [])):
            parts = [p for p in re.split(r"\{[a-z_]+\}", " ".join(t.split())) if p.strip()]
            if parts:
                out.append(re.compile(".*?".join(re.escape(p) for p in parts), re.IGNORECASE))
    return out


def messages(text: str) -> list[str]:
    _, turns = parse_dump(text)
    return [" ".join(body.split()) for role, body in turns if role == "candidate"]


def count(dump: Path, show: bool) -> dict[str, int]:
    library = load_problems(REPO / "knowledge" / "problems")
    lines = _lines()
    out = {"asked_first": 0, "unanswered_first": 0, "asked_later": 0, "unanswered_later": 0}
    for path in sorted(dump.glob("*__*.txt")):
        text = path.read_text(encoding="utf-8")
        problem, _ = parse_dump(text)
        said = replies(text)
        pieces = [p for f in library.get(problem).facts for p in f.pieces]
        for k, message in enumerate(messages(text)):
            if k not in said or not _QUESTION.search(message):
                continue
            where = "first" if k == 0 else "later"
            out[f"asked_{where}"] += 1
            reply = said[k]
            if any(p in reply for p in pieces) or any(b.search(reply) for b in lines):
                continue
            out[f"unanswered_{where}"] += 1
            if show:
                print(f"-- {path.stem} #{k}: {message[:300]}\n   -> {reply[:200]}")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, action="append", required=True)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    for root in args.dump:
        for split in sorted(p for p in root.iterdir() if p.is_dir()):
            counts = count(split, args.show)
            print(f"== {root} {split.name} (dev)")
            for key, value in counts.items():
                print(f"  {key:<28} {value}")


if __name__ == "__main__":
    main()
