"""Figures that contradict the card: are they raised? (issue 10, open threads)

    python -m bench.figure_threads            # the judged cases, and every raised figure
    python -m bench.figure_threads --dev      # also every raised figure on the dev scripts

The cases are the interviewer turns the judges of tests/fidelity/judged/*/ labelled WRONG
because a candidate's figure that contradicts the card (or what the interviewer had said)
went by: "2,000 TPS" after 3,000 at peak, "a few hundred cases a day" after 2,000, a stage
plan that sums past the latency budget. Each script is replayed through the current offline
interviewer (bench/replay.py); a case is caught at once when the reply to that candidate
message raises a figure (a probe on a number, or an answer that corrects an assumption with
the card's figure), and caught as a thread when the reply to the next message does. These
cases shaped the change that reads them, so the figures are dev figures.

False alarms: every raised figure of every replayed interview is printed with its pair
(what was said, what was given), for a reader to mark the pairs that agree.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from agent.decide.moves import Move
from agent.record.transcript import Transcript
from bench.replay import SCRIPTS, Script, load_scripts, parse_script, replay

# (judged folder, script, interviewer turn the judges labelled): the script's batch is the
# folder's name without its "-1"
CASES: tuple[tuple[str, str, int], ...] = (
    ("test-1", "deployment_first__news-feed-ranking", 23),
    ("test-1", "many_questions__news-feed-ranking", 7),
    ("test-1", "rambling__news-feed-ranking", 16),
    ("test-1", "deployment_first__search-ranking", 3),
    ("test-1", "many_questions__search-ranking", 19),
    ("test2-1", "deployment_first__ad-click-prediction", 5),
    ("test2-1", "many_questions__ad-click-prediction", 9),
    ("test2-1", "many_questions__ad-click-prediction", 19),
    ("test2-1", "strong_senior__ad-click-prediction", 3),
    ("test2-1", "strong_senior__ad-click-prediction", 5),
    ("test2-1", "terse__ad-click-prediction", 3),
    ("test2-1", "strong_senior__people-you-may-know", 3),
    ("test2-1", "many_questions__visual-search", 17),
    ("test3-1", "deployment_first__game-recommendation", 3),
    ("test3-1", "many_questions__game-recommendation", 5),
    ("test3-1", "terse__game-recommendation", 3),
    ("test4-1", "many_questions__rider-driver-matching", 14),
    ("test4-1", "many_questions__street-view-blurring", 13),
    ("test4-1", "many_questions__video-search", 8),
    ("test4-1", "rambling__video-search", 3),
    ("test4-1", "rambling__video-search", 19),
    ("test4-1", "strong_senior__video-search", 23),
    ("test4-1", "terse__video-search", 26),
    ("test5-1", "deployment_first__news-feed-ranking", 7),
    ("test5-1", "many_questions__news-feed-ranking", 8),
    ("test5-1", "many_questions__news-feed-ranking", 23),
    ("test5-1", "rambling__news-feed-ranking", 17),
    ("test5-1", "many_questions__harmful-content-detection", 6),
    ("test5-1", "strong_senior__harmful-content-detection", 4),
    ("test6-1", "many_questions__search-ranking", 23),
    ("test6-1", "strong_senior__search-ranking", 3),
    ("test6-1", "terse__search-ranking", 3),
    ("test6-1", "strong_senior__people-you-may-know", 3),
    ("test6-1", "terse__people-you-may-know", 5),
    ("test6-1", "mid_level_gaps__game-recommendation", 9),
    ("test7-1", "many_questions__ad-click-prediction", 6),
    ("test7-1", "many_questions__ad-click-prediction", 25),
    ("test7-1", "strong_senior__ad-click-prediction", 8),
    ("test7-1", "strong_senior__ad-click-prediction", 22),
    ("test7-1", "many_questions__event-recommendation", 6),
    ("test7-1", "strong_senior__event-recommendation", 3),
    ("test7-1", "terse__event-recommendation", 3),
    ("test7-1", "rambling__street-view-blurring", 14),
    ("test7-1", "terse__street-view-blurring", 20),
    ("test8-1", "many_questions__similar-listings", 6),
    ("test8-1", "many_questions__similar-listings", 24),
    ("test8-1", "terse__similar-listings", 4),
    ("test8-1", "deployment_first__video-search", 5),
    ("test8-1", "many_questions__video-search", 8),
    ("test8-1", "mid_level_gaps__video-search", 6),
    ("test8-1", "rambling__video-search", 3),
    ("test8-1", "strong_senior__video-search", 22),
    ("test9-1", "deployment_first__eta-prediction", 26),
    ("test9-1", "many_questions__eta-prediction", 4),
    ("test9-1", "strong_senior__eta-prediction", 3),
    ("test9-1", "terse__eta-prediction", 4),
    ("test9-1", "deployment_first__fraud-detection", 10),
    ("test9-1", "rambling__fraud-detection", 3),
    ("test9-1", "deployment_first__video-recommendation", 6),
    ("test9-1", "many_questions__video-recommendation", 11),
    ("test10-1", "many_questions__harmful-content-detection", 8),
    ("test10-1", "many_questions__harmful-content-detection", 9),
    ("test10-1", "many_questions__harmful-content-detection", 20),
    ("test10-1", "rambling__harmful-content-detection", 5),
    ("test10-1", "strong_senior__harmful-content-detection", 7),
    ("test10-1", "off_topic__people-you-may-know", 18),
    ("test10-1", "deployment_first__visual-search", 9),
    ("test10-1", "strong_senior__visual-search", 3),
    ("test10-1", "strong_senior__visual-search", 16),
    ("test11-1", "many_questions__news-feed-ranking", 9),
    ("test11-1", "rambling__news-feed-ranking", 3),
    ("test11-1", "deployment_first__search-ranking", 5),
    ("test11-1", "strong_senior__search-ranking", 14),
    ("test11-1", "many_questions__game-recommendation", 8),
    ("test11-1", "terse__game-recommendation", 4),
    ("test12-1", "deployment_first__ad-click-prediction", 13),
    ("test12-1", "many_questions__ad-click-prediction", 19),
    ("test12-1", "strong_senior__ad-click-prediction", 3),
    ("test12-1", "strong_senior__ad-click-prediction", 10),
    ("test12-1", "many_questions__street-view-blurring", 7),
    ("test12-1", "rambling__street-view-blurring", 3),
    ("test12-1", "terse__street-view-blurring", 20),
    ("test13-1", "many_questions__harmful-content-detection", 7),
    ("test13-1", "terse__harmful-content-detection", 4),
    ("test14-1", "many_questions__fraud-detection", 5),
    ("test14-1", "many_questions__fraud-detection", 19),
    ("test14-1", "rambling__fraud-detection", 10),
    ("test14-1", "strong_senior__fraud-detection", 3),
    ("test14-1", "deployment_first__people-you-may-know", 3),
    ("test14-1", "many_questions__people-you-may-know", 22),
    ("test14-1", "rambling__people-you-may-know", 4),
    ("test14-1", "strong_senior__people-you-may-know", 4),
    ("test14-1", "terse__people-you-may-know", 20),
    ("test14-1", "many_questions__video-search", 12),
)
# turns the judges labelled WRONG for raising a figure that agrees: must stay quiet
MISFIRES: tuple[tuple[str, str, int], ...] = (
    ("test11-1", "many_questions__news-feed-ranking", 22),
    ("test12-1", "deployment_first__event-recommendation", 6),
)


def raised(move: Move | None) -> str:
    """The figures a move raises, as 'said vs given' pairs ('' when it raises none)."""
    if move is None:
        return ""
    pairs = [f"{c.said} vs {c.given}" for c in ([move.number] if move.number else [])]
    pairs += [f"{c.said} vs {c.given}" for c in move.more_numbers]
    if (move.rule or "").endswith("assumption"):
        pairs.append(f"assumption corrected with {', '.join(move.fact_topics)}")
    return "; ".join(pairs)


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
    cases: Iterable[tuple[str, str, int]],
) -> tuple[list[tuple[str, str, int, str, str]], dict[str, list[Move | None]]]:
    """Per case: folder, script, turn, what the reply raised, what the next reply raised."""
    cases = list(cases)
    keys = sorted({(f, n) for f, n, _ in cases})
    scripts = [_script(f, n) for f, n in keys]
    moves: dict[str, list[Move | None]] = {}
    for script, transcript in replay(scripts):
        moves[f"{script.split}/{script.name}"] = replies(transcript)
    out = []
    for folder, name, turn in cases:
        got = moves[f"{folder.removesuffix('-1')}/{name}"]
        k = _message_index(folder, name, turn)
        now = raised(got[k]) if k < len(got) else "(interview over)"
        then = raised(got[k + 1]) if k + 1 < len(got) else ""
        out.append((folder, name, turn, now, then))
    return out, moves


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", action="store_true", help="also list raises on dev scripts")
    parser.add_argument("--folder", help="only the cases of this judged folder (test14-1)")
    args = parser.parse_args(argv)
    found, moves = run_cases(c for c in CASES if args.folder in (None, c[0]))
    at_once = sum(1 for *_, now, _ in found if now and not now.startswith("("))
    either = sum(1 for *_, now, then in found if (now and not now.startswith("(")) or then)
    for folder, name, turn, now, then in found:
        mark = "NOW " if now and not now.startswith("(") else "NEXT" if then else "miss"
        print(f"{mark} {folder} {name} I{turn}: {now or '-'} | next: {then or '-'}")
    print(
        f"\ncaught at once {at_once}/{len(found)}, at once or at the next reply "
        f"{either}/{len(found)} (judged batches, dev: these cases shaped the change)"
    )
    misfires, more = run_cases(MISFIRES)
    moves |= more
    fired = sum(1 for *_, now, _ in misfires if now and not now.startswith("("))
    for folder, name, turn, now, _ in misfires:
        print(f"must stay quiet: {folder} {name} I{turn}: {now or '-'}")
    print(f"misfires on the judged false alarms: {fired}/{len(misfires)}")
    if args.dev:
        for script, transcript in replay(load_scripts("dev")):
            moves[f"dev/{script.name}"] = replies(transcript)
    print("\nevery raised figure (mark the pairs that agree: false alarms)")
    count = 0
    for key in sorted(moves):
        for i, move in enumerate(moves[key]):
            pair = raised(move)
            if pair:
                count += 1
                print(f"  {key} message {i + 1}: {pair}")
    print(f"{count} raised figures over {len(moves)} replayed scripts")


if __name__ == "__main__":
    main()
