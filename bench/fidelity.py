"""Interviewer fidelity: scripted candidates played through the offline interviewer.

    python -m bench.fidelity                 # dev scripts (tuning figures)
    python -m bench.fidelity --split test    # the frozen blind batch (report once per change)
    python -m bench.fidelity --dump DIR      # also write each interview as text, for a judge

Scripts live in tests/fidelity/<split>/<persona>__<problem>.txt, written blind by helpers
that saw only a persona brief and the problem's opening line (tests/fidelity/manifest.yaml).
Each script is played turn by turn on a simulated clock; the interview ends when the
interviewer wraps up or the script runs out. Counted from the transcripts:
- steers per interview, by kind, and order steers ("let's not jump ahead") per interview;
  order and time steers per interview to the personas that keep to the problem;
- probes per interview and the share of visited phases that heard at least one probe (an
  answer that goes on to push on the candidate's words counts as one);
- follow-ups on the candidate's own words: non-clarification interviewer turns that quote
  at least four consecutive words of the candidate's last message;
- repeats: interviewer lines equal or nearly equal (word Jaccard >= 0.7) to one of the
  interviewer's previous four lines;
- wrap-ups the candidate did not ask for, and how many came before minute 35 of 45; closes
  at the candidate's word before minute 35 ("Done." early is used once for depth first);
- time notes: answers or steers telling the candidate the phase ran long;
- time claims ("close to time", "that's time") said with more than 10 minutes left.
An expert judge's labels (specific / generic / repetitive / wrong) are a separate step:
the dumped transcripts go to a helper with tests/fidelity/judge_guide.md only.
"""

from __future__ import annotations

import argparse
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from agent.decide.moves import MoveKind, SteerKind
from agent.record.transcript import Transcript
from bench.replay import load_scripts, render, replay, script_splits

NOT_FOLLOW_UPS = {
    MoveKind.OPEN,
    MoveKind.ANSWER_CLARIFICATION,
    MoveKind.ANSWER_META,
    MoveKind.DECLINE,
    MoveKind.WRAP_UP,
}
EARLY_WRAP_SHARE = 35 / 45  # a wrap-up before minute 35 of 45 is early
TIME_CLAIM = re.compile(
    r"close to time|out of time|that's time|that is time|nearly out|running out of time",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9']+")


@dataclass
class Counts:
    interviews: int = 0
    interviewer_turns: int = 0
    steers: int = 0
    order_steers: int = 0
    probes: int = 0
    phases_visited: int = 0
    phases_probed: int = 0
    follow_up_candidates: int = 0
    follow_ups: int = 0
    repeats: int = 0
    unasked_wrap_ups: int = 0
    early_wrap_ups: int = 0
    wrap_minutes: list[float] = field(default_factory=list)
    early_time_claims: int = 0
    # closes at the candidate's word ("Done.", "let's stop") before minute 35 of 45
    early_closes_on_request: int = 0
    # answers or steers that tell the candidate the phase ran long
    time_notes: int = 0
    scripts_run_out: int = 0
    steer_kinds: dict[str, int] = field(default_factory=dict)
    # order and time steers ("not yet", "short version") to personas that keep to the
    # problem: the off-topic persona is left out, and challenges of wrong claims are fair
    on_track_interviews: int = 0
    on_track_pace_steers: int = 0


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def quotes_candidate(line: str, candidate: str, n: int = 4) -> bool:
    """The line repeats at least n consecutive words of what the candidate just said."""
    said = _words(candidate)
    grams = {tuple(said[i : i + n]) for i in range(len(said) - n + 1)}
    words = _words(line)
    return any(tuple(words[i : i + n]) in grams for i in range(len(words) - n + 1))


def near_repeat(line: str, earlier: list[str]) -> bool:
    mine = set(_words(line))
    for other in earlier:
        theirs = set(_words(other))
        union = mine | theirs
        if union and len(mine & theirs) / len(union) >= 0.7:
            return True
    return False


def count(transcript: Transcript, counts: Counts, persona: str = "") -> None:
    counts.interviews += 1
    on_track = persona != "off_topic"
    counts.on_track_interviews += int(on_track)
    last_candidate = ""
    said: list[str] = []
    probed_phases: set[str] = set()
    for turn in transcript.turns:
        if turn.role == "candidate":
            last_candidate = turn.text
            continue
        move = turn.move
        if move is None:
            continue
        counts.interviewer_turns += 1
        if move.kind == MoveKind.STEER:
            counts.steers += 1
            counts.order_steers += int(move.steer == SteerKind.SKIPPED_PHASE)
            kind = str(move.steer)
            counts.steer_kinds[kind] = counts.steer_kinds.get(kind, 0) + 1
            pace = move.steer in (SteerKind.SKIPPED_PHASE, SteerKind.OVERRUN)
            counts.on_track_pace_steers += int(on_track and pace)
        # a probe, or a short answer that goes on to push on the candidate's words
        if move.kind == MoveKind.PROBE or (
            move.kind == MoveKind.ANSWER_CLARIFICATION and move.anchor
        ):
            counts.probes += 1
            probed_phases.add(str(move.phase))
        if move.kind not in NOT_FOLLOW_UPS:
            counts.follow_up_candidates += 1
            counts.follow_ups += int(quotes_candidate(turn.text, last_candidate))
        if said and near_repeat(turn.text, said[-4:]):
            counts.repeats += 1
        minutes_left = transcript.state.total_minutes - turn.elapsed_minutes
        if TIME_CLAIM.search(turn.text) and minutes_left > 10:
            counts.early_time_claims += 1
        counts.time_notes += int(move.steer == SteerKind.OVERRUN)
        asked = (move.rule or "").startswith("end_request")
        if move.kind == MoveKind.WRAP_UP and asked:
            total = transcript.state.total_minutes
            counts.early_closes_on_request += int(turn.elapsed_minutes < EARLY_WRAP_SHARE * total)
        if move.kind == MoveKind.WRAP_UP and not asked:
            counts.unasked_wrap_ups += 1
            counts.wrap_minutes.append(turn.elapsed_minutes)
            total = transcript.state.total_minutes
            counts.early_wrap_ups += int(turn.elapsed_minutes < EARLY_WRAP_SHARE * total)
        said.append(turn.text)
    visited = {str(p) for p in transcript.state.phases_visited if str(p) != "wrap_up"}
    counts.phases_visited += len(visited)
    counts.phases_probed += len(visited & probed_phases)


def figures(counts: Counts, split: str) -> dict[str, object]:
    n = max(counts.interviews, 1)
    return {
        "split": split,
        "interviews": counts.interviews,
        "interviewer_turns": counts.interviewer_turns,
        "steers_per_interview": round(counts.steers / n, 2),
        "order_steers_per_interview": round(counts.order_steers / n, 2),
        "steers_by_kind": dict(sorted(counts.steer_kinds.items())),
        "on_track_pace_steers_per_interview": round(
            counts.on_track_pace_steers / max(counts.on_track_interviews, 1), 2
        ),
        "probes_per_interview": round(counts.probes / n, 2),
        "phases_probed_share": round(counts.phases_probed / max(counts.phases_visited, 1), 3),
        "follow_up_share": round(counts.follow_ups / max(counts.follow_up_candidates, 1), 3),
        "repeat_share": round(counts.repeats / max(counts.interviewer_turns, 1), 3),
        "unasked_wrap_ups": counts.unasked_wrap_ups,
        "early_wrap_ups": counts.early_wrap_ups,
        "wrap_minute_median": round(statistics.median(counts.wrap_minutes), 1)
        if counts.wrap_minutes
        else None,
        "early_time_claims": counts.early_time_claims,
        "early_closes_on_request": counts.early_closes_on_request,
        "time_notes": counts.time_notes,
        "scripts_run_out": counts.scripts_run_out,
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev", choices=script_splits())
    parser.add_argument("--dump", type=Path, help="write each interview as text here")
    args = parser.parse_args(argv)
    counts = Counts()
    for script, transcript in replay(load_scripts(args.split)):
        count(transcript, counts, script.persona)
        counts.scripts_run_out += int(not transcript.state.finished)  # never wrapped up
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            (args.dump / f"{script.name}.txt").write_text(render(transcript, script))
    result = figures(counts, args.split)
    for key, value in result.items():
        print(f"  {key:<28} {value}")
    return result


if __name__ == "__main__":
    main()
