"""Wrong claims in conversation, on the turns the judges labelled (dev: every judged batch).

    python -m bench.claim_turns                  # every judged batch with a claim turn
    python -m bench.claim_turns test16-1 test10-1
    python -m bench.claim_turns --list           # only print the selected turns

The judges of tests/fidelity/judged/<batch>/ wrote a note beside each WRONG label. Two kinds
of note are about wrong claims:
- let pass: the interviewer ignored a wrong claim the candidate made ("ignores the random
  split", "lets CTR as primary metric stand");
- challenged correct: the interviewer challenged a correct point, or one the candidate had
  just addressed ("challenges a correct cold-start point", "asks to reconsider a correct
  claim").
The notes are selected by the words below (printed with --list, to be read, not trusted).
Each batch's scripts are replayed with the code as it is now and the same turn (I<n>) is
checked: is it a challenge of a wrong claim (a wrong-claim steer, or an answer that also
challenges one)? A let-pass turn is fixed when it now challenges; a challenged-correct turn
is fixed when it no longer does. Also counted: challenges per replayed interview (only the
scripts with a selected turn are replayed).
These batches are dev now (their labels were read while the code was written): every
figure here is a tuning figure.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass

from agent.decide.moves import Move, SteerKind
from agent.record.transcript import Transcript
from bench.judged import ROOT, parse
from bench.replay import load_scripts, replay

# what a wrong claim is about, in the judges' words
_TOPIC = re.compile(
    r"random split|random-split|test set|accuracy|\bctr\b|click-through|calibrat|greedy|"
    r"first-come|1024|bigger|leak|roc-auc|\bauc\b|ship it|release|overclaim|significan|"
    r"random[- ]negative|position bias|click-only|naive a/b|cold[- ]start|baseline|"
    r"\bclaim\b|primary metric",
    re.IGNORECASE,
)
_LET_PASS = re.compile(r"\b(?:ignor\w*|lets?|slide|misse[sd]|accepts?|passes)\b", re.IGNORECASE)
_CHALLENGED = re.compile(r"\b(?:challeng\w*|reconsider\w*)\b", re.IGNORECASE)
_CORRECT = re.compile(
    r"\bcorrect\b|just addressed|already (?:addressed|abandoned|given|said)|justified|"
    r"never (?:proposed|mentioned)|itself required|factual|\bfix\b",
    re.IGNORECASE,
)
LET_PASS, CHALLENGED_CORRECT = "let pass", "challenged correct"


@dataclass(frozen=True)
class ClaimTurn:
    batch: str
    transcript: str
    turn: int
    kind: str
    note: str


def claim_turns(batch: str) -> list[ClaimTurn]:
    """The WRONG turns of a judged batch whose notes are about a wrong claim."""
    out: dict[tuple[str, int], ClaimTurn] = {}
    transcripts = [t for f in sorted((ROOT / batch).glob("labels*.txt")) for t in parse(f)]
    for t in transcripts:
        for n, label in t.labels.items():
            note = t.reasons.get(n, "")
            if label != "WRONG" or not _TOPIC.search(note):
                continue
            if _CHALLENGED.search(note) and _CORRECT.search(note):
                kind = CHALLENGED_CORRECT
            elif _LET_PASS.search(note):
                kind = LET_PASS
            else:
                continue
            out.setdefault((t.name, n), ClaimTurn(batch, t.name, n, kind, note))
    return list(out.values())


def challenges(move: Move | None) -> bool:
    return move is not None and (move.steer == SteerKind.WRONG_CLAIM or bool(move.claim))


def interviewer_moves(transcript: Transcript) -> list[Move | None]:
    return [t.move for t in transcript.turns if t.role == "interviewer"]


def script_split(batch: str) -> str:
    return batch.rsplit("-", 1)[0] if batch != "test-1" else "test"


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("batches", nargs="*", help="judged folders (default: all)")
    parser.add_argument("--list", action="store_true", help="print the selected turns only")
    args = parser.parse_args(argv)
    batches = args.batches or sorted(p.name for p in ROOT.iterdir() if p.is_dir())
    selected = {b: claim_turns(b) for b in batches}
    selected = {b: ts for b, ts in selected.items() if ts}
    if args.list:
        for ts in selected.values():
            for c in ts:
                print(f"{c.batch} {c.transcript} I{c.turn} [{c.kind}] {c.note}")
        return {}
    fixed = {LET_PASS: 0, CHALLENGED_CORRECT: 0}
    total = {LET_PASS: 0, CHALLENGED_CORRECT: 0}
    all_challenges = interviews = 0
    for batch, turns in selected.items():
        wanted: dict[str, list[ClaimTurn]] = {}
        for c in turns:
            wanted.setdefault(c.transcript, []).append(c)
        scripts = [s for s in load_scripts(script_split(batch)) if s.name in wanted]
        for script, transcript in replay(scripts):
            moves = interviewer_moves(transcript)
            interviews += 1
            all_challenges += sum(challenges(m) for m in moves)
            for c in wanted.get(script.name, []):
                now = challenges(moves[c.turn - 1]) if c.turn <= len(moves) else False
                ok = now if c.kind == LET_PASS else not now
                total[c.kind] += 1
                fixed[c.kind] += ok
                mark = "fixed" if ok else "still"
                print(f"{batch} {c.transcript} I{c.turn} [{c.kind}] {mark}: {c.note}")
    result = {
        "split": "dev (judged batches, labels read while changing the code)",
        "let_pass_now_challenged": f"{fixed[LET_PASS]}/{total[LET_PASS]}",
        "challenged_correct_now_left_alone": (
            f"{fixed[CHALLENGED_CORRECT]}/{total[CHALLENGED_CORRECT]}"
        ),
        "challenges_per_interview": round(all_challenges / max(1, interviews), 2),
        "interviews": interviews,
    }
    for key, value in result.items():
        print(f"  {key:<36} {value}")
    return result


if __name__ == "__main__":
    main()
