"""One answer per card fact for the whole interview, before and after a change (issue 10).

    python -m bench.fidelity --split test20 --dump BEFORE/test20      # on the code before
    python -m bench.fidelity --split test20 --dump AFTER/test20       # and after
    python -m bench.asked_once --dump BEFORE --dump AFTER [--show]

From each dumped interview, counted from the text alone:
- repeated card lines: an interviewer reply that says a piece of the card (most of its words,
  bench.part_answers.said_pieces) that an earlier reply already said, word for word or
  nearly; counted per (reply, piece), and apart those the reply points back to ("as I said",
  "earlier": a repeat that says so) from those read out again as if new;
- withheld then given: a reply that tells the candidate a part is open ("not specified",
  "assume", the question bank's lines) to a message whose questions, read generously
  (bench.clarifications.Judge.asked_facts: a cue, the cosine oracle or the matcher's best
  fact at a loose bar), ask a card fact the reply does not say and no earlier reply said,
  while a later reply says one of that fact's pieces: the same fact answered "not specified"
  first and given later. An upper bound: a generous reading can name a fact the question
  did not ask, so read the listed turns (`--show`);
- unasked and multi-part figures are bench.clarifications' (`--from DIR`) and
  bench.part_answers' (hand labels).
Every judged batch replayed here is dev material: figures on it are dev figures.
"""

from __future__ import annotations

import argparse
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from agent.content.problems import ProblemLibrary, load_problems, piece_topic
from agent.understanding.sentences import split_sentences
from bench.clarifications import Judge, parse_dump
from bench.part_answers import _OPEN, _POINTED_BACK, said_pieces
from bench.replay import REPO


@dataclass
class Counts:
    interviews: int = 0
    replies: int = 0
    repeated: int = 0  # (reply, piece) said again
    repeated_unmarked: int = 0  # of those, read out again without pointing back
    replies_repeating: int = 0
    withheld_then_given: int = 0
    notes: list[str] = field(default_factory=list)


def count_interview(
    text: str, library: ProblemLibrary, judge: Judge, c: Counts, name: str, show: bool
) -> None:
    problem, turns = parse_dump(text)
    card = library.get(problem)
    c.interviews += 1
    said_by: list[set[str]] = []  # per interviewer reply, its pieces
    opened: list[tuple[int, str, set[str]]] = []  # (reply index, message, facts asked)
    for (role, said), (next_role, reply) in itertools.pairwise([("candidate", ""), *turns]):
        if next_role != "interviewer":
            continue
        k = len(said_by)
        mine = said_pieces(reply, library, problem)
        before = set().union(*said_by) if said_by else set()
        again = mine & before
        said_by.append(mine)
        if role != "candidate" or not said:
            continue
        c.replies += 1
        if again:
            c.replies_repeating += 1
            c.repeated += len(again)
            marked = bool(_POINTED_BACK.search(reply))
            c.repeated_unmarked += 0 if marked else len(again)
            if show:
                tag = "pointed back" if marked else "read out again"
                c.notes.append(f"[repeat, {tag}: {sorted(again)}] {name} I{k + 1}: {reply[:140]}")
        bare = re.sub(r'"[^"]*"', "", reply)
        if "?" in said and _OPEN.search(bare):
            spans = [s for s in split_sentences(said) if s.text.rstrip().endswith("?")]
            asked = (
                {t for ts in judge.asked_facts(card, said, spans) for t in ts} if spans else set()
            )
            told = {piece_topic(p) for p in mine | before}
            if asked - told:
                opened.append((k, said, asked - told))
    for k, said, facts in opened:
        later = (
            {piece_topic(p) for p in set().union(*said_by[k + 1 :])} if said_by[k + 1 :] else set()
        )
        for fact in sorted(facts & later):
            c.withheld_then_given += 1
            if show:
                c.notes.append(f"[withheld then given: {fact}] {name} I{k + 1}: {said[:140]}")


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, action="append", required=True)
    parser.add_argument("--cards", type=Path, default=REPO / "knowledge" / "problems")
    parser.add_argument("--show", action="store_true", help="name every counted turn")
    args = parser.parse_args(argv)
    library = load_problems(args.cards)
    judge = Judge()
    out = []
    for dump in args.dump:
        for batch in sorted(p for p in dump.iterdir() if p.is_dir()):
            c = Counts()
            for path in sorted(batch.glob("*.txt")):
                name = f"{batch.name} {path.stem}"
                count_interview(
                    path.read_text(encoding="utf-8"), library, judge, c, name, args.show
                )
            result = {
                "interviews": c.interviews,
                "replies": c.replies,
                "replies_repeating_a_card_line": c.replies_repeating,
                "card_lines_repeated": c.repeated,
                "of_them_read_out_as_new": c.repeated_unmarked,
                "facts_withheld_then_given": c.withheld_then_given,
            }
            print(f"== {dump} {batch.name} (dev: every judged batch was read)")
            for key, value in result.items():
                print(f"  {key:<32} {value}")
            if args.show:
                print("\n".join(c.notes))
            out.append({"dump": str(dump), "batch": batch.name, **result})
    return out


if __name__ == "__main__":
    main()
