"""`mlsd replay PATH`: read a saved interview back, turn by turn, with the interviewer's
phase, move and reason, then the recap. `--json` prints the validated transcript."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from agent.commands.recap_text import WIDTH, format_recap, tolerate_unprintable
from agent.record.transcript import Transcript, Turn, load_transcript


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="print a saved interview turn by turn")
    p.add_argument("path", type=Path, metavar="PATH", help="a transcript JSON file")
    p.add_argument("--json", action="store_true", help="print the transcript as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    tolerate_unprintable()
    transcript = load_transcript(args.path)  # TranscriptError -> one line on stderr, exit 2
    if args.json:
        sys.stdout.write(transcript.model_dump_json(indent=2) + "\n")
        return 0
    print(format_transcript(transcript))
    return 0


def format_transcript(transcript: Transcript) -> str:
    t = transcript
    backend = t.backend + (f" / {t.model}" if t.model else "")
    lines = [
        f"Interview {t.id}  problem {t.problem_id}  backend {backend}  status {t.status}",
        f"started {t.started_at:%Y-%m-%d %H:%M} UTC"
        + (f", ended {t.ended_at:%H:%M} UTC" if t.ended_at else "")
        + f"  rubric {t.rubric_version} ({t.rubric_hash})",
    ]
    for turn in t.turns:
        lines += ["", _heading(turn), _body(turn.text)]
    if t.recap is not None:
        lines += ["", format_recap(t.recap)]
    else:
        lines += ["", "(no recap: the interview was not finished)"]
    return "\n".join(lines)


def _heading(turn: Turn) -> str:
    clock = f"{turn.elapsed_minutes:5.1f} min"
    if turn.role == "interviewer":
        move = turn.move
        if move is None:
            return f"[{clock} | {turn.phase}] Interviewer"
        what = str(move.kind) + (f"/{move.steer}" if move.steer else "")
        extra = f" (fallback: {turn.fallback})" if turn.fallback else ""
        return f"[{clock} | {move.phase}] Interviewer: {what}: {move.reason}{extra}"
    kind = turn.kind or "unread"
    signals = f"; signals: {', '.join(turn.signals)}" if turn.signals else ""
    claims = f"; claims: {', '.join(turn.misconceptions)}" if turn.misconceptions else ""
    return f"[{clock} | {turn.phase}] Candidate ({kind}{signals}{claims})"


def _body(text: str) -> str:
    if not text.strip():
        return "    (nothing said)"
    paragraphs = [p for p in text.splitlines() if p.strip()]
    return "\n".join(
        textwrap.fill(p, width=WIDTH, initial_indent="    ", subsequent_indent="    ")
        for p in paragraphs
    )
