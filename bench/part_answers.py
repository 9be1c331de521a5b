"""Clarification replies part by part, against hand labels (issue 10: answer every part
asked, and nothing more).

    python -m bench.fidelity --split test15 --dump BEFORE/test15      # on the code before
    python -m bench.fidelity --split test15 --dump AFTER/test15       # and after a change
    python -m bench.part_answers --dump BEFORE --dump AFTER [--show]

bench/part_labels/<batch>.yaml lists, for the clarification turns of a judged batch, each
part the candidate asked and the pieces of the card ("<topic>#<n>") that answer it (none: a
part the card leaves open). From each dump's reply to that message it counts:
- replies that say a piece no part asked for (and how many such pieces): a piece is said
  when the reply holds most of its words (PIECE_WORDS), so a reply written before the cards'
  pieces were split still counts each piece of an old sentence it read out;
- parts the card answers left without one of their pieces (said now, or said in an earlier
  reply the reply points back to);
- parts the card leaves open: named as open (the reply quotes the part's words beside a
  "not specified / assume" line; for a message that asks one thing, any such line), covered
  only by a line for "the rest" that names none, or left with nothing;
- questions about the job or the interview (`process`) answered with a card fact;
- multi-part questions fully answered (a message of two parts or more): every part the card
  answers given one of its pieces (or pointed back to), every part it leaves open named as
  open, and no piece said that no part asked for (a neighbouring fact said for a part counts
  against it, as the judges count it);
- contradictions: a part the card answers that the reply calls open (a sentence of the reply
  quotes the part's words beside a "not specified / assume" line; for a message that asks
  one thing, such a line where no piece is said nor pointed back to) while one of its
  pieces is said in the same reply or was said in an earlier one.
The labels were written from the candidates' messages and the cards, by hand; the batches
are dev material (their judges' labels shaped the change), so every figure here is a dev
figure.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from agent.content.problems import ProblemLibrary, load_problems
from bench.clarifications import parse_dump
from bench.clarify_judged import replies
from bench.replay import REPO

LABELS = Path(__file__).parent / "part_labels"
# a piece is said when at least this share of its words (numbers and words of three
# letters or more) is in the reply
PIECE_WORDS = 0.8
_WORD = re.compile(r"[a-z0-9][a-z0-9%'-]*")
_OPEN = re.compile(
    r"not specified|\bopen\b|nothing on|isn't fixed|not fixed|assum|up to you|don't have|"
    r"leave it to you|no specifics|can't give",
    re.IGNORECASE,
)
_POINTED_BACK = re.compile(r"earlier|before|as i said|i gave you|i told you", re.IGNORECASE)


@dataclass
class Counts:
    turns: int = 0
    replies_unasked: int = 0
    unasked_pieces: int = 0
    card_parts: int = 0
    card_parts_answered: int = 0
    open_parts: int = 0
    open_named: int = 0
    open_generic: int = 0
    process: int = 0
    process_with_facts: int = 0
    contradictions: int = 0
    multi_part: int = 0
    multi_part_full: int = 0
    notes: list[str] = field(default_factory=list)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 3 or w[0].isdigit()}


def said_pieces(reply: str, library: ProblemLibrary, problem: str) -> set[str]:
    """The pieces of the card (as the cards are now) a reply says."""
    words = _words(reply)
    out: set[str] = set()
    for fact in library.get(problem).facts:
        for pid, text in zip(fact.piece_ids(), fact.pieces, strict=True):
            mine = _words(text)
            if mine and len(mine & words) / len(mine) >= PIECE_WORDS:
                out.add(pid)
    return out


def called_open(reply: str, ask: str, alone: bool, said_any: bool) -> bool:
    """The reply calls a part open: a sentence of it (quotes masked, so a quoted question
    does not end one) holds the part's words and a "not specified / assume" line outside
    the quotes; a message that asks one thing, with such a line and no piece said."""
    if alone and not said_any:
        bare = re.sub(r'"[^"]*"', "", reply)
        return bool(_OPEN.search(bare)) and not _POINTED_BACK.search(bare)
    masked = re.sub(r'"[^"]*"', lambda m: "Q" * len(m.group()), reply)
    low, ask = reply.lower(), ask.lower()
    start = 0
    for m in re.finditer(r"(?<=[.!?;])\s+|$", masked):
        if ask in low[start : m.start()] and _OPEN.search(masked[start : m.start()]):
            return True
        start = m.end()
    return False


def load_labels(library: ProblemLibrary) -> list[dict]:
    """Every labelled turn; a piece the card does not have is an error in the labels."""
    out = []
    for path in sorted(LABELS.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            batch, script, k = entry["at"].split()
            problem = script.split("__", 1)[1]
            every = {p for f in library.get(problem).facts for p in f.piece_ids()}
            parts = [(str(p[0]), [str(x) for x in p[1:]]) for p in entry["parts"]]
            allowed = [str(x) for x in entry.get("allowed", [])]
            unknown = [x for _, ps in parts for x in ps if x not in every] + [
                x for x in allowed if x not in every
            ]
            if unknown:
                raise ValueError(f"{path.name} {entry['at']}: no such pieces {unknown}")
            out.append(
                {
                    "batch": batch,
                    "script": script,
                    "k": int(k),
                    "problem": problem,
                    "parts": parts,
                    "allowed": set(allowed),
                    "process": bool(entry.get("process")),
                }
            )
    return out


def count(dump: Path, labels: list[dict], library: ProblemLibrary, show: bool) -> Counts:
    c = Counts()
    for entry in labels:
        path = dump / entry["batch"] / f"{entry['script']}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        problem, _ = parse_dump(text)
        got = replies(text)
        reply = got.get(entry["k"], "")
        earlier = set().union(
            *[said_pieces(r, library, problem) for k, r in got.items() if k < entry["k"]]
        )
        said = said_pieces(reply, library, problem)
        c.turns += 1
        where = f"{entry['batch']} {entry['script']} {entry['k']}"
        if entry["process"]:
            c.process += 1
            c.process_with_facts += int(bool(said))
            continue
        asked = {p for _, ps in entry["parts"] for p in ps} | entry["allowed"]
        full = True
        unasked = said - asked
        c.replies_unasked += int(bool(unasked))
        c.unasked_pieces += len(unasked)
        if unasked and show:
            c.notes.append(f"[unasked {sorted(unasked)}] {where}: {reply[:140]}")
        for ask, pieces in entry["parts"]:
            if pieces:
                c.card_parts += 1
                ok = bool(set(pieces) & said) or (
                    bool(set(pieces) & earlier) and bool(_POINTED_BACK.search(reply))
                )
                c.card_parts_answered += int(ok)
                full = full and ok
                alone = len(entry["parts"]) == 1
                if set(pieces) & (said | earlier) and called_open(reply, ask, alone, bool(said)):
                    c.contradictions += 1
                    if show:
                        c.notes.append(f"[contradiction {ask!r} {pieces}] {where}: {reply[:140]}")
                if not ok and show:
                    c.notes.append(f"[missed {ask!r} {pieces}] {where}: {reply[:140]}")
                continue
            c.open_parts += 1
            # a message that asks one thing is answered by any "not specified" line
            alone = len(entry["parts"]) == 1
            named = (alone or ask.lower() in reply.lower()) and bool(_OPEN.search(reply))
            c.open_named += int(named)
            full = full and named
            generic = not named and bool(_OPEN.search(reply))
            c.open_generic += int(generic)
            if not named and show:
                kind = "generic" if generic else "nothing"
                c.notes.append(f"[open {kind} {ask!r}] {where}: {reply[:140]}")
        if len(entry["parts"]) >= 2:
            c.multi_part += 1
            c.multi_part_full += int(full and not unasked)
    return c


def figures(c: Counts) -> dict[str, object]:
    return {
        "turns": c.turns,
        "replies_with_unasked_piece": c.replies_unasked,
        "unasked_pieces": c.unasked_pieces,
        "card_parts_answered": f"{c.card_parts_answered}/{c.card_parts}",
        "open_parts_named": f"{c.open_named}/{c.open_parts}",
        "open_parts_generic_only": c.open_generic,
        "open_parts_nothing": c.open_parts - c.open_named - c.open_generic,
        "parts_left_unanswered": (c.card_parts - c.card_parts_answered)
        + (c.open_parts - c.open_named),
        "process_questions_given_facts": f"{c.process_with_facts}/{c.process}",
        "contradictions": c.contradictions,
        "multi_part_fully_answered": f"{c.multi_part_full}/{c.multi_part}",
    }


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, action="append", required=True)
    parser.add_argument("--cards", type=Path, default=REPO / "knowledge" / "problems")
    parser.add_argument("--show", action="store_true", help="name every miss")
    args = parser.parse_args(argv)
    library = load_problems(args.cards)
    labels = load_labels(library)
    out = []
    for dump in args.dump:
        for batch in sorted({e["batch"] for e in labels}):
            c = count(dump, [e for e in labels if e["batch"] == batch], library, args.show)
            result = figures(c)
            print(f"== {dump} {batch} (dev: the labelled turns of judged batch {batch}-1)")
            for key, value in result.items():
                print(f"  {key:<32} {value}")
            if args.show:
                print("\n".join(c.notes))
            out.append({"dump": str(dump), "batch": batch, **result})
    return out


if __name__ == "__main__":
    main()
