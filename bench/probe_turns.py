"""Probe, challenge, phase-naming and wrap-up turns of the judged fidelity batches, then
and now.

    python -m bench.probe_turns                       # every judged folder (test*-1)
    python -m bench.probe_turns test14-1 --out DIR    # one folder; the turns written to DIR

A turn counts when the interviewer's move is a follow-up (probe), a challenge of a claim
(steer: wrong_claim), a line that names the phase the interview is on, or a wrap-up (then,
as the judged line reads, or now, as the current code plays the same script), and every
turn the judges' majority labelled WRONG (so a line that stopped being a probe still shows
what replaced it). For each, this
prints how the judges labelled the turn as it was judged (majority of the three labels) and
writes, per folder, the turn as the current code plays it (`<folder>.tsv`: script, turn,
candidate message, line then, labels then with reasons, move now, line now) so the new lines
can be labelled by hand. The scripts are the frozen batches, so the judged and the replayed
interviews see the same candidate messages, turn for turn (a replay that wrapped up earlier
has no line for the later turns).

Figures on these folders are dev figures once a change was shaped by reading them.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

from bench.hint_turns import folder_split, judged_turns, majority, replayed_turns
from bench.judged import ROOT, parse
from bench.replay import load_scripts, replay

_PROBE_KINDS = ("probe", "steer(", "wrap_up")
# a line that names the phase the interview is on, then or now
_PHASE_NAMED = re.compile(
    r"\b(?:we're|we are|let's stay|staying|still) (?:on|in|with)\b|\bwrap(?:ping)? up\b",
    re.IGNORECASE,
)


def _counts(kind: str, line_then: str, line_now: str) -> bool:
    return (
        kind.startswith(_PROBE_KINDS)
        or bool(_PHASE_NAMED.search(line_then))
        or bool(_PHASE_NAMED.search(line_now))
    )


def collect(folder: str, out: Path | None) -> Counter[str]:
    base = ROOT / folder
    judges = [parse(p) for p in sorted(base.glob("labels*.txt"))]
    by_name = [{t.name: t for t in judge} for judge in judges]
    scripts = load_scripts(folder_split(folder))
    tally: Counter[str] = Counter()
    rows: list[list[str]] = []
    for script, transcript in replay(scripts):
        path = base / f"{script.name}.txt"
        if not path.exists():
            continue
        then = judged_turns(path)
        now = replayed_turns(transcript)
        for number, (message, line) in sorted(then.items()):
            if number == 1:
                continue
            labelled = [j[script.name] for j in by_name if script.name in j]
            labels = [t.labels[number] for t in labelled if number in t.labels]
            reasons = [t.reasons.get(number, "") for t in labelled]
            read, kind, line_now = now.get(number, ("", "", ""))
            verdict = majority(labels)
            if not (_counts(kind, line, line_now) or verdict == "WRONG"):
                continue
            tally["turns"] += 1
            tally[verdict] += 1
            tally["same line" if line_now == line else "changed"] += 1
            rows.append(
                [
                    script.name,
                    str(number),
                    message,
                    line,
                    verdict + ("  " + " | ".join(r for r in reasons if r) if any(reasons) else ""),
                    f"{read}->{kind}",
                    line_now,
                ]
            )
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        with (out / f"{folder}.tsv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter="\t").writerows(rows)
    return tally


def main(argv: list[str] | None = None) -> Counter[str]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="*", help="judged folders (default: every test*-1)")
    parser.add_argument("--out", type=Path, help="write each folder's turns here")
    args = parser.parse_args(argv)
    folders = args.folders or sorted(p.name for p in ROOT.glob("test*-1") if p.is_dir())
    total: Counter[str] = Counter()
    for folder in folders:
        tally = collect(folder, args.out)
        total.update(tally)
        print(f"  {folder:<10} {dict(tally)}")
    print(f"  {'all':<10} {dict(total)}")
    return total


if __name__ == "__main__":
    main()
