"""Figures that contradict the card: are they raised? (issue 10, open threads)

    python -m bench.figure_threads            # the judged cases, and every raised figure
    python -m bench.figure_threads --dev      # also every raised figure on the dev scripts
    python -m bench.figure_threads --all      # ... on every script batch (all are dev now)
    python -m bench.figure_threads --batches test18 test19   # ... on these batches

The cases are the interviewer turns the judges of tests/fidelity/judged/*/ labelled WRONG
because a candidate's figure that contradicts the card (or what the interviewer had said)
went by: "2,000 TPS" after 3,000 at peak, "a few hundred cases a day" after 2,000, a stage
plan that sums past the latency budget. Each script is replayed through the current offline
interviewer (bench/replay.py); a case is caught at once when the reply to that candidate
message raises a figure (a probe on a number, or an answer that corrects an assumption with
the card's figure), and caught as a thread when the reply to the next message does. These
cases shaped the change that reads them, so the figures are dev figures.

False alarms: every raised figure of every replayed interview is printed with its pair
(what was said, what was given), for a reader to mark the pairs that agree; the turns the
judges labelled WRONG for comparing different things (MISFIRES) and REPETITIVE for saying a
correction again (REPEATS) must stay quiet; a raise that gives a card figure already raised
in that interview is marked REPEATED and counted.

2026-11-30 (issue 10, told pieces and what a figure is), `--dev`, dev figures (the judged
cases shaped the change), box loaded by other helpers; before -> after, same bench:
  caught at once 76 -> 65 of 107, at once or at the next reply 78 -> 66, raised on an
  earlier reply of the replay 7 -> 20 (the replay corrected the figure before the judged
  turn: a correction is said once), so raised at, after or before 85 -> 86 (misses 22 ->
  21); false alarms on the judged turns 5/11 -> 0/11; judged repeats 3/3 -> 0/3; raised
  figures over 124 replayed scripts 253 -> 177, of which repeating a card figure already
  raised in that interview 44 -> 3.

2026-11-30 (issue 10, figures held across units and corrections), `--dev` with test17's
cases added (117 judged turns, 135 scripts), dev figures (test17's judged turns shaped the
change), box loaded by other helpers; before (51313b9) -> after: caught at once 67 -> 83 of
117 (test17's ten: 1 -> 9), at once or at the next reply 69 -> 84, raised at, after or
before 97 -> 97 (misses 20 -> 20: sixteen turns the replay had answered only with an earlier
correction are now corrected where the old figure is used again); false alarms on the judged
turns 3/16 -> 0/16 (test17's per-metro count, a global count against a per-metro estimate,
an anecdote's 80 ms); judged repeats 0/3 -> 0/3; raised figures 197 -> 243, of which a card
figure raised again in that interview 4 -> 25 (corrections held: a sizing or a summary on
the old figure; read through, a few are pedantic, a billion vectors against 800 million).

2026-11-30 (figures16, issue 10: a correction held until the card's figure is used, and a
figure compared with the card's figure of the same quantity), `--batches test15 test16
test17 test18 test19`, with test18's and test19's judged turns added (130 judged turns, 19
false alarms, 3 repeats), dev figures (these judged turns shaped the change), box loaded by
other helpers; before (8ab4683) -> after: caught at once 84 -> 97 of 130 (test15-19's 36:
19 -> 27; test19's ten: 0 -> 8), misses 21 -> 20; false alarms on the judged turns 3/19 ->
1/19 (left: a per-policy review capacity against the total); judged repeats 0/3 -> 2/3 (a
3,000 QPS sizing two messages after its correction and a summary's 25k QPS: the test16
judge called them repetitive, the judges of test15, test18 and test19 asked for exactly
these); raised figures on the 105 scripts of test15-19 146 -> 167, the 26 new ones read
through by hand: 23 sizings, questions or summaries on a corrected figure, 2 of them the
test16 repeats above, 1 pedantic (a billion images against 2 billion, "brute force is out").

2026-12-01 (figures18, issue 10: a wrong figure the design rests on), `--batches test15 test16
test17 test18 test19 test20 test21`, with test21-1's fourteen judged turns added (147 judged
turns, 24 false alarms, 4 repeats), dev figures (test21-1's turns shaped the change), box
loaded by other helpers; before (9cb52a9) -> after: caught at once 102 -> 111 of 147
(test21-1's fourteen: 0 -> 9: two label windows said "a 30-minute window", a label window and
a recall bar answered before their facts were given, a recall bar designed for again after
its correction, a volume assumed as "a couple of million", a sizing on it and one computed
through counts per panorama from a corrected volume, an order of magnitude assumed right
after the correction), misses (neither at once nor next nor earlier) 30 -> 23; false alarms
on the judged turns 3/24 -> 3/24 (test21-1's audit sample held to the users' reports still
fires); judged repeats 4/4 -> 4/4; left: a third wrong figure of one message (two are
pointed out), an "images" count against the card's frames, a vague count cut "down to"
a smaller one. Raised figures over the 230 replayed scripts 448 -> 494 (a card figure raised
again in that interview 88 -> 94); the 35 replies of test15..test21 whose raises changed, read
by hand: 1 only marked repeated, 30 wanted (label windows and recall bars that differ, said,
assumed or in a summary; sizings on a corrected volume; a request rate now read as "a couple
of thousand"), 4 wrong: two game-recommendation windows of another thing held to the card's
two hours of play, a share of area read as a recall bar and an annotator recall from a story
(these two fixed after the run, tested by hand, not replayed again). Of the 28 changed
replies of the older batches replayed for their judged turns, 7 read as wrong: windows of
another label (a conversion's 7 days, a purchase's 24 hours, an invite's 24 hours against
the card's accept window) and, twice, the wrong one of two windows in a sentence (the order
said is taken first since; a reported delay is still read as a window).

2026-12-01 (figures19, issue 10: what a figure counts), `--batches test15 ... test22`, with
test22-1's two judged figure turns added (148 judged turns, 25 false alarms, 4 repeats), dev
figures (test22-1's turns and figures18's leftovers shaped the change), box loaded by other
helpers; before (126c62d) -> after: caught at once 112 -> 113 of 148 (test21-1's million
images a day against panoramas and frames), misses 23 -> 22; test22-1's 35k QPS peak after
the card's 12,000 posts a second is raised two messages before the judged turn (before: only
the first assumption was answered); false alarms on the judged turns 4/25 -> 2/25 (a review
queue ordered by a post's likelihood held to the moderators' agreement, an audit sample held
to the users' "5,000 such requests a month"); judged repeats 3/4 -> 3/4. Raised figures over
251 replayed scripts 520 -> 522 (a card figure raised again 96 -> 98); the 17 changed replies
read by hand, all right now: three wrong figures of two facts pointed out in one reply (three
interviews; the next reply then hears the candidate's point), request rates held to a card's
posts a second (assumed 20k QPS answered with the peak, sizings on 20k or 35k corrected once
more), the images count, and the two false alarms gone. Left: a labelling count of "images"
against the card's 100,000 frames to annotate (no cue asks how many images there), a vague
count cut "down to" a smaller one, a contradiction of the candidate's own reasoning (80-90%
of listings bookable beside a filter said to remove a lot), which the card cannot show.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from agent.decide.moves import Move
from agent.record.transcript import Transcript
from bench.figure_cases import CASES, MISFIRES, REPEATS
from bench.replay import SCRIPTS, Script, load_scripts, parse_script, replay, script_splits


def raised(move: Move | None) -> list[tuple[str, str]]:
    """The figures a move raises: (card fact, 'said vs given') pairs; an answer that
    corrects an assumption raises each fact it answers with."""
    if move is None:
        return []
    told = [move.number] if move.number else []
    pairs = [(c.topic, f"{c.said} vs {c.given}") for c in [*told, *move.more_numbers]]
    if (move.rule or "").endswith(("assumption", "corrects")):
        pairs += [(t, f"assumption corrected with {t}") for t in move.fact_topics]
    return pairs


def _shown(pairs: list[tuple[str, str]]) -> str:
    return "; ".join(text for _, text in pairs)


def replies(transcript: Transcript) -> list[Move | None]:
    """The interviewer's move after each candidate message, in order."""
    out: list[Move | None] = []
    turns = transcript.turns
    for i, turn in enumerate(turns):
        if turn.role == "candidate":
            after = turns[i + 1] if i + 1 < len(turns) else None
            out.append(after.move if after is not None and after.role == "interviewer" else None)
    return out


def _script(folder: str, name: str) -> Script:
    return parse_script(SCRIPTS / folder.removesuffix("-1") / f"{name}.txt")


def _message_index(folder: str, name: str, turn: int) -> int:
    """Which candidate message (0-based) the judged interviewer turn answered: the number of
    candidate messages before it in the judged transcript, less one."""
    text = (SCRIPTS / "judged" / folder / f"{name}.txt").read_text(encoding="utf-8")
    head = text.split(f"[I{turn} @", 1)[0]
    return head.count("] CANDIDATE:") - 1


def run_cases(
    cases: Iterable[tuple[str, str, int, tuple[str, ...]]],
) -> tuple[list[tuple[str, str, int, str, str]], dict[str, list[Move | None]]]:
    """Per case: folder, script, turn, and what the reply to that message and the reply to
    the next raised about the case's facts ("" when nothing; "earlier: ..." when neither
    did but an earlier reply of the replay already raised a figure of those facts: the
    judged transcript had let it pass, the replay corrected it before, and a correction is
    said once)."""
    cases = list(cases)
    keys = sorted({(f, n) for f, n, _, _ in cases})
    scripts = [_script(f, n) for f, n in keys]
    moves: dict[str, list[Move | None]] = {}
    for script, transcript in replay(scripts):
        moves[f"{script.split}/{script.name}"] = replies(transcript)
    out = []
    for folder, name, turn, topics in cases:
        got = moves[f"{folder.removesuffix('-1')}/{name}"]
        k = _message_index(folder, name, turn)
        now = [p for p in raised(got[k]) if p[0] in topics] if k < len(got) else []
        then = [p for p in raised(got[k + 1]) if p[0] in topics] if k + 1 < len(got) else []
        if not now and not then:
            before = [p for m in got[:k] for p in raised(m) if p[0] in topics]
            then = [("", f"earlier: {before[-1][1]}")] if before else []
        out.append((folder, name, turn, _shown(now), _shown(then)))
    return out, moves


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", action="store_true", help="also list raises on dev scripts")
    parser.add_argument(
        "--all", action="store_true", help="also list raises on every script batch (slow)"
    )
    parser.add_argument("--folder", help="only the cases of this judged folder (test14-1)")
    parser.add_argument(
        "--batches", nargs="+", default=[], help="also list raises on these batches (test19)"
    )
    args = parser.parse_args(argv)
    found, moves = run_cases(c for c in CASES if args.folder in (None, c[0]))
    at_once = sum(1 for *_, now, _ in found if now)
    either = sum(1 for *_, now, then in found if now or (then and not _earlier(then)))
    before = sum(1 for *_, now, then in found if not now and _earlier(then))
    for folder, name, turn, now, then in found:
        mark = "NOW " if now else "EARL" if _earlier(then) else "NEXT" if then else "miss"
        print(f"{mark} {folder} {name} I{turn}: {now or '-'} | next: {then or '-'}")
    print(
        f"\ncaught at once {at_once}/{len(found)}, at once or at the next reply "
        f"{either}/{len(found)}, and {before} more raised on an earlier reply of the replay "
        "(judged batches, dev: these cases shaped the change)"
    )
    quiet = [c for c in (*MISFIRES, *REPEATS) if args.folder in (None, c[0])]
    misfires, more = run_cases(quiet)
    moves |= more
    for (folder, name, turn, now, _), case in zip(misfires, quiet, strict=True):
        what = "repeat" if case in REPEATS else "false alarm"
        print(f"must stay quiet ({what}): {folder} {name} I{turn}: {now or '-'}")
    fired = sum(1 for (*_, now, _), c in zip(misfires, quiet, strict=True) if now and c in MISFIRES)
    again = sum(1 for (*_, now, _), c in zip(misfires, quiet, strict=True) if now and c in REPEATS)
    print(
        f"misfires on the judged false alarms: {fired}/{sum(c in MISFIRES for c in quiet)}, "
        f"on the judged repeats: {again}/{sum(c in REPEATS for c in quiet)}"
    )
    splits = script_splits() if args.all else ["dev"] if args.dev else list(args.batches)
    scripts = [s for split in splits for s in load_scripts(split)]
    for script, transcript in replay(s for s in scripts if f"{s.split}/{s.name}" not in moves):
        moves[f"{script.split}/{script.name}"] = replies(transcript)
    print("\nevery raised figure (mark the pairs that agree: false alarms)")
    count = repeated = 0
    for key in sorted(moves):
        before: set[tuple[str, str]] = set()
        for i, move in enumerate(moves[key]):
            pairs = raised(move)
            if pairs:
                count += 1
                same = [p for p in pairs if (p[0], _given(p[1])) in before]
                repeated += bool(same)
                mark = " (REPEATED)" if same else ""
                print(f"  {key} message {i + 1}: {_shown(pairs)}{mark}")
                before |= {(p[0], _given(p[1])) for p in pairs}
    print(
        f"{count} raised figures over {len(moves)} replayed scripts, {repeated} of them "
        "raising again a figure of a fact already raised in that interview"
    )


def _earlier(then: str) -> bool:
    return then.startswith("earlier: ")


def _given(pair: str) -> str:
    """The card's side of a raised pair: what a second raise of the same figure repeats."""
    return pair.rsplit(" vs ", 1)[-1]


if __name__ == "__main__":
    main()
