"""Follow-ups the judges found asking for what the candidate had just given, and stock
follow-ups, then and now.

    python -m bench.given_turns                        # every judged folder (test*-1)
    python -m bench.given_turns test16-1 --out DIR     # one folder; the turns written to DIR

A turn counts when the judges' majority labelled it REPETITIVE with a reason of the "just
gave it" kind (a judge says the candidate just or already gave, said, listed or explained
what it asks for, or that it asks right after the candidate did), or GENERIC. For each, the
tally says whether the current code plays the same script with the same line ("same line":
the label still stands) or another one ("changed": to be labelled by hand, from the TSV
written with --out: script, turn, candidate message, line then, labels then with reasons,
move now, line now).

Figures on these folders are dev figures once a change was shaped by reading them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from bench.hint_turns import TurnThenAndNow, run, tally_kinds

# a judge's reason that the line asked for what the candidate's message had just given
_JUST_GIVEN = re.compile(r"\b(?:just|already|right after)\b", re.IGNORECASE)


def kind_of(turn: TurnThenAndNow) -> str | None:
    """Kind "given" (asked for what was just given), "generic", or None (not counted)."""
    if turn.verdict == "REPETITIVE":
        reasons = [
            r for r, label in zip(turn.reasons, turn.labels, strict=False) if label == "REPETITIVE"
        ]
        if any(_JUST_GIVEN.search(r) for r in reasons):
            return "given"
        return None
    return "generic" if turn.verdict == "GENERIC" else None


def collect(folder: str, out: Path | None) -> Counter[str]:
    return tally_kinds(folder, out, kind_of)


def main(argv: list[str] | None = None) -> Counter[str]:
    return run(argv, __doc__, collect, "write each folder's counted turns here")


if __name__ == "__main__":
    main()
