"""Re-asks, repeats, steers to covered ground and pace errors the judges marked, before and
after a change, from two sets of dumps (issue 10: "never ask for what was given").

    python -m bench.fidelity --split test21 --dump BEFORE/test21     # on the code before
    python -m bench.fidelity --split test21 --dump AFTER/test21      # and after
    python -m bench.reask_turns --before BEFORE --after AFTER [--show] test21-1 ...

A judged turn counts when the judges' majority labelled it WRONG or REPETITIVE and a judge's
reason is of one of these kinds (read from their words, a bench selection, never product
code), first match wins:
- pace: talk of wrapping up or of the time left;
- move_on: a request to move on answered with covered ground;
- repeat: the interviewer's own earlier question asked again ("repeats I9", "verbatim");
- earlier: ground the candidate covered in an earlier turn ("at 10.3 min", "earlier");
- just_given: what the candidate's last message had just given.
A turn "stands" in a dump when the same script's turn of that number follows the same
candidate message and says the judged line or nearly (word Jaccard >= 0.7). A judged turn
that stood before and not after changed: the new line is to be read by hand (`--show`);
one that did not stand before had already changed since it was judged.
Every judged batch is dev material: figures here are dev figures.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.fidelity import near_repeat
from bench.hint_turns import ROOT, judged_turns, majority
from bench.judged import parse

KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("pace", re.compile(r"\bwrap|\btime left\b|\bclose to time\b|time is short", re.I)),
    ("move_on", re.compile(r"\bmove on\b|\bmoving on\b", re.I)),
    (
        "repeat",
        re.compile(
            r"\brepeats?\b|\bre-?asks?\b.*\bI\d|\bverbatim\b|\bsame as I\d|\bI\d+'s\b", re.I
        ),
    ),
    (
        "earlier",
        re.compile(
            r"\bat \d+(?:\.\d)? min|\bearlier\b|\blong settled\b|\bhad already\b|"
            r"\balready (?:covered|given|settled|listed|described|stated|said|justified)",
            re.I,
        ),
    ),
    (
        "just_given",
        re.compile(r"\bjust\b|\blast message\b|\bprevious message\b|\bmessage already\b", re.I),
    ),
)


def kind_of(reasons: list[str]) -> str | None:
    for kind, pattern in KINDS:
        if any(pattern.search(r) for r in reasons if r):
            return kind
    return None


@dataclass(frozen=True)
class JudgedTurn:
    folder: str
    script: str
    number: int
    kind: str
    reasons: str
    message: str
    line: str
    before: str
    after: str
    stood_before: bool
    stands_after: bool


def _stands(turns: dict[int, tuple[str, str]], number: int, message: str, line: str) -> bool:
    now = turns.get(number)
    return now is not None and now[0] == message and near_repeat(now[1], [line])


def judged(folder: str, before: Path, after: Path) -> Iterator[JudgedTurn]:
    base, split = ROOT / folder, folder.removesuffix("-1")
    judges = [{t.name: t for t in parse(p)} for p in sorted(base.glob("labels*.txt"))]
    for path in sorted(base.glob("*__*.txt")):
        name = path.stem
        dumped = [d / split / f"{name}.txt" for d in (before, after)]
        then_b, then_a = (judged_turns(p) if p.exists() else {} for p in dumped)
        labelled = [j[name] for j in judges if name in j]
        for number, (message, line) in sorted(judged_turns(path).items()):
            labels = [t.labels[number] for t in labelled if number in t.labels]
            reasons = [t.reasons.get(number, "") for t in labelled]
            kind = kind_of(reasons)
            if majority(labels) not in ("WRONG", "REPETITIVE") or kind is None:
                continue
            yield JudgedTurn(
                folder=folder,
                script=name,
                number=number,
                kind=kind,
                reasons=" | ".join(r for r in reasons if r),
                message=message,
                line=line,
                before=then_b.get(number, ("", ""))[1],
                after=then_a.get(number, ("", ""))[1],
                stood_before=_stands(then_b, number, message, line),
                stands_after=_stands(then_a, number, message, line),
            )


def main(argv: list[str] | None = None) -> Counter[str]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, required=True)
    parser.add_argument("--show", action="store_true", help="print the turns that changed")
    args = parser.parse_args(argv)
    total: Counter[str] = Counter()
    for folder in args.folders:
        tally: Counter[str] = Counter()
        for t in judged(folder, args.before, args.after):
            tally[f"{t.kind} judged"] += 1
            tally[f"{t.kind} stood before"] += t.stood_before
            tally[f"{t.kind} stands after"] += t.stands_after
            if args.show and t.stood_before and not t.stands_after:
                print(f"## {t.folder} {t.script} I{t.number} [{t.kind}] {t.reasons}")
                print(f"   candidate: {t.message[:300]}")
                print(f"   then:      {t.line[:300]}")
                print(f"   after:     {t.after[:300]}")
        print(f"{folder:10} {dict(sorted(tally.items()))}")
        total.update(tally)
    print(f"{'all':10} {dict(sorted(total.items()))}")
    return total


if __name__ == "__main__":
    main()
