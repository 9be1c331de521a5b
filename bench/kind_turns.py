"""Turns of the judged fidelity batches where the interviewer misread what kind of message it
was answering, then and now.

    python -m bench.kind_turns                       # every judged folder (test*-1)
    python -m bench.kind_turns test17-1 --out DIR    # one folder; the changed turns to DIR

A kind turn is one the judges' majority labelled WRONG where a judge's reason says the
message was misread: a statement met as a question ("good question" to a statement, "no
question was asked"), a question ignored or skipped (a time, a team or a design question),
a request for corrections left uncorrected, a personal admission, a filler, a transition or
an aside pushed on as a design choice, or a candidate stuck given "assume something". The
kind is read from the judges' reasons (KIND_REASON, a bench selection over their words,
never product code). For each such turn this prints whether the current code, playing the
same frozen script, still says the line that was judged ("same": equal or nearly, word
Jaccard >= 0.7, as bench.fidelity counts repeats) or something else ("changed": not
necessarily right; the changed lines go to `<folder>.tsv` to be labelled by hand).

Figures on these folders are dev figures once a change was shaped by reading them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from bench.flow_turns import same_line
from bench.hint_turns import TurnThenAndNow, run, turns_then_and_now, write_turns

# what the judges wrote about a turn that misread the kind of message it answered
KIND_REASON = re.compile(
    r"\b(?:to a statement|a statement|no question|non-question|not a question|"
    r"ignor\w*[^;]*question|skip\w*[^;]*question|question (?:ignored|skipped|unanswered)|"
    r"asked for correction\w*|admission|filler|transition|side point|aside|throwaway|"
    r"anecdote|stuck|team question|refused)\b",
    re.IGNORECASE,
)
# which card fact answers which part of a clarifying question is another bench's selection
# (bench.part_answers): a reason about parts or volunteered facts is not a kind turn
PART_REASON = re.compile(r"\bparts?\b|clarifying|volunteer", re.IGNORECASE)


def is_kind_turn(turn: TurnThenAndNow) -> bool:
    """The majority labelled the turn WRONG, and a judge's reason says the message's kind or
    a sentence's role was misread."""
    reasons = [r for r in turn.reasons if r]
    return (
        turn.verdict == "WRONG"
        and any(KIND_REASON.search(r) for r in reasons)
        and not any(PART_REASON.search(r) for r in reasons)
    )


def collect(folder: str, out: Path | None) -> Counter[str]:
    turns = [t for t in turns_then_and_now(folder) if is_kind_turn(t)]
    write_turns(folder, out, [t for t in turns if not same_line(t)])
    tally: Counter[str] = Counter()
    for t in turns:
        tally["turns"] += 1
        tally["same" if same_line(t) else "changed"] += 1
    return tally


def main(argv: list[str] | None = None) -> Counter[str]:
    return run(argv, __doc__, collect, "write each folder's changed kind turns here")


if __name__ == "__main__":
    main()
