"""Order and repetition turns of the judged fidelity batches, then and now.

    python -m bench.flow_turns                       # every judged folder (test*-1)
    python -m bench.flow_turns test15-1 --out DIR    # one folder; the turns written to DIR

A flow turn is one the judges' majority labelled WRONG or REPETITIVE for how the interview
moved rather than for what a follow-up said: a candidate pulled off the order they were
following or announced, a request to move on answered with another part, a question on
what the candidate's last messages had just given (or a line said again), talk of the end
of the interview long before it, a line about the time answering something else, an answer
to a question nobody asked. The kind is read from the judges' reasons (FLOW_REASON, a bench
selection over their words, never product code). For each such turn this prints whether the
current code, playing the same frozen script, still says the line that was judged ("same":
equal or nearly, word Jaccard >= 0.7, as bench.fidelity counts repeats, so a different
lead-in to the same question is the same line) or says something else ("changed": not
necessarily right; the changed lines are written to `<folder>.tsv` so they can be labelled
by hand).

Figures on these folders are dev figures once a change was shaped by reading them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from bench.fidelity import near_repeat
from bench.hint_turns import TurnThenAndNow, run, turns_then_and_now, write_turns

# what the judges wrote about a turn that moved the interview wrongly or repeated itself
FLOW_REASON = re.compile(
    r"\b(?:jump|jumps|jumped|order|pull|pulls|pulled|sends|skipping|skips|back to|mid-plan|"
    r"move|moving|moved|already|just (?:gave|given|covered|said|listed|described|named|"
    r"explained|stated|proposed|answered)|again|repeat|repeats|repeated|verbatim|"
    r"where were we|wrap|wraps|end-of-interview|minute \d|at minute|time line|time left|"
    r"never asked|not asked|nobody asked)\b",
    re.IGNORECASE,
)
FAULTS = ("WRONG", "REPETITIVE")


def is_flow_turn(turn: TurnThenAndNow) -> bool:
    """The majority labelled the turn WRONG or REPETITIVE, and a judge's reason for it is
    about how the interview moved or repeated itself."""
    return turn.verdict in FAULTS and any(FLOW_REASON.search(r) for r in turn.reasons if r)


def collect(folder: str, out: Path | None) -> Counter[str]:
    turns = [t for t in turns_then_and_now(folder) if is_flow_turn(t)]
    write_turns(folder, out, [t for t in turns if not same_line(t)])
    tally: Counter[str] = Counter()
    for t in turns:
        tally["turns"] += 1
        tally[t.verdict] += 1
        tally["same" if same_line(t) else "changed"] += 1
    return tally


def same_line(turn: TurnThenAndNow) -> bool:
    return bool(turn.line_now) and near_repeat(turn.line_now, [turn.line])


def main(argv: list[str] | None = None) -> Counter[str]:
    return run(argv, __doc__, collect, "write each folder's changed flow turns here")


if __name__ == "__main__":
    main()
