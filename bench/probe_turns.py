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

import re
from collections import Counter
from pathlib import Path

from bench.hint_turns import run, turns_then_and_now, write_turns

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
    turns = [
        t
        for t in turns_then_and_now(folder)
        if _counts(t.kind, t.line, t.line_now) or t.verdict == "WRONG"
    ]
    write_turns(folder, out, turns)
    tally: Counter[str] = Counter()
    for t in turns:
        tally["turns"] += 1
        tally[t.verdict] += 1
        tally["same line" if t.line_now == t.line else "changed"] += 1
    return tally


def main(argv: list[str] | None = None) -> Counter[str]:
    return run(argv, __doc__, collect, "write each folder's turns here")


if __name__ == "__main__":
    main()
