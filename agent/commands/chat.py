"""`mlsd chat`: a mock interview in the terminal, typed live or played from a script.

    mlsd chat                                  # interactive; "end interview" or Ctrl-D ends it
    mlsd chat --problem fraud-detection --script answers.txt
    mlsd chat --script - --json < turns.json   # transcript JSON on stdout, nothing else
    mlsd chat --resume PATH                    # continue an interview that was cut off

A script is a text file with one candidate turn per paragraph (blank lines separate turns)
or a JSON list of strings. Scripted runs use a simulated clock (each turn costs the time
it would take to say it), so phase budgets trigger at the same turn on every run.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from agent.backends.registry import BACKEND_NAMES
from agent.commands.recap_text import format_recap, tolerate_unprintable
from agent.decide.clock import SimulatedClock, WallClock
from agent.read.candidate_input import MAX_RECORDED_CHARS
from agent.record.autosave import TranscriptContinuedElsewhere
from agent.settings import get_settings

if TYPE_CHECKING:
    from agent.interview import Interview

END_WORDS = {"end interview", "end the interview", "/end", "/quit", "/exit"}


class ScriptError(ValueError):
    """A --script file cannot be read as candidate turns."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("chat", help="run a mock interview in the terminal")
    p.add_argument("--problem", help="problem id (see `mlsd problems`); random if omitted")
    p.add_argument("--backend", choices=BACKEND_NAMES, help="default: openai if configured")
    p.add_argument("--base-url", help="OpenAI-compatible server URL (implies --backend openai)")
    p.add_argument("--model", help="chat model name for the openai backend")
    p.add_argument(
        "--script",
        metavar="FILE",
        help="candidate turns: paragraphs of a text file or a JSON list of strings; - = stdin",
    )
    p.add_argument("--save", type=Path, help="transcript path (default: the data folder)")
    p.add_argument("--json", action="store_true", help="print the final transcript JSON")
    p.add_argument("--seed", type=int, help="fix the interviewer's wording (and the problem)")
    p.add_argument(
        "--resume", type=Path, metavar="PATH", help="continue a saved, unfinished interview"
    )
    p.set_defaults(func=run)


def parse_script(raw: str, source: str = "<script>") -> list[str]:
    """Candidate turns from a script: a JSON list of strings, or blank-line paragraphs."""
    stripped = raw.strip()
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as e:
            raise ScriptError(f"{source}: looks like JSON but is not valid: {e}") from e
        if not isinstance(data, list) or not all(isinstance(t, str) for t in data):
            raise ScriptError(f"{source}: a JSON script must be a list of strings")
        return data
    paragraphs = [p.strip() for p in stripped.replace("\r\n", "\n").split("\n\n")]
    return [" ".join(p.split()) for p in paragraphs if p.strip()]


def read_script(path: str) -> list[str]:
    if path == "-":
        return parse_script(sys.stdin.read(), "<stdin>")
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ScriptError(f"{path}: script file not found") from e
    except (IsADirectoryError, UnicodeDecodeError, PermissionError) as e:
        raise ScriptError(f"{path}: cannot read the script: {e}") from e
    return parse_script(raw, path)


def _settings(args: argparse.Namespace):
    settings = get_settings()
    update: dict[str, object] = {}
    if args.base_url:
        update["base_url"] = args.base_url
    if args.model:
        update["model"] = args.model
    if args.backend:
        update["backend"] = args.backend
    return settings.model_copy(update=update) if update else settings


def run(args: argparse.Namespace) -> int:
    # here, not at the top: every `mlsd` command imports this module to register it, and
    # importing the interview starts loading the sentence model (agent/knowledge/preload.py)
    from agent.interview import Interview

    tolerate_unprintable()
    try:
        turns = read_script(args.script) if args.script else None
    except ScriptError as e:
        return _fail(e)
    settings = _settings(args)
    clock = SimulatedClock() if turns is not None else WallClock()
    try:
        if args.resume:
            interview = Interview.resume(args.resume, args.backend, settings=settings, clock=clock)
        else:
            interview = Interview(
                args.problem,
                settings.resolved_backend,
                settings=settings,
                clock=clock,
                save_path=args.save,
                seed=args.seed,
            )
    except ValueError as e:  # unknown backend/problem, unusable transcript (all ValueErrors)
        return _fail(e)
    # With --json stdout carries only the transcript; the conversation goes to stderr.
    out = sys.stderr if args.json else sys.stdout
    if interview.finished:
        print(f"mlsd chat: {args.resume} has already finished; see `mlsd replay`", file=sys.stderr)
        return 2
    _prepare(interview)
    if interview.started:
        print(f"(resuming interview {interview.id} in {interview.phase})", file=out)
        _say(out, interview.transcript.turns[-1].text)
    else:
        _say(out, interview.start())
    try:  # any save below refuses if another copy went on with the interview
        try:
            if turns is None:
                _interactive(interview, out)
            else:
                _scripted(interview, turns, out)
        except KeyboardInterrupt:
            interview.compact()  # the file named below is then whole on its own
            print(
                f"\nmlsd chat: stopped; the interview so far is saved in {interview.save_path} "
                f"(continue it with --resume)",
                file=sys.stderr,
            )
            return 130
        already_closed = interview.wrapping_up
        recap = interview.finish()
    except TranscriptContinuedElsewhere as e:
        return _continued_elsewhere(e, interview)
    if not already_closed:  # finish() said the closing words
        _say(out, interview.transcript.turns[-1].text)
    print("\n" + format_recap(recap), file=out)
    print(f"\ntranscript saved to {interview.save_path}", file=out)
    if args.json:
        sys.stdout.write(interview.transcript.model_dump_json(indent=2) + "\n")
        sys.stdout.flush()
    return 0


def _continued_elsewhere(error: TranscriptContinuedElsewhere, interview: Interview) -> int:
    """Another terminal or the app went on with this interview: this copy wrote nothing."""
    print(
        f"mlsd chat: {error}. What you sent last (above) is not in it: continue the "
        f"interview as saved with --resume {interview.save_path}",
        file=sys.stderr,
    )
    return 2


def _prepare(interview: Interview) -> None:
    """Index the knowledge store before the first question; notes go to stderr."""
    log = logging.getLogger("agent.knowledge")
    if not log.handlers:  # the store's own warnings, as notes rather than log records
        log.addHandler(logging.NullHandler())
    print("(getting ready...)", file=sys.stderr, flush=True)
    for note in interview.prepare():
        print(f"mlsd chat: note: {note}", file=sys.stderr)


def _fail(error: Exception) -> int:
    """One line on stderr (YAML parser messages span several lines), exit code 2."""
    print(f"mlsd chat: {' '.join(str(error).split())}", file=sys.stderr)
    return 2


def _scripted(interview: Interview, turns: list[str], out: TextIO) -> None:
    for number, text in enumerate(turns, 1):
        if not text.strip():  # a blank item of a JSON list: nothing to answer
            print(f"mlsd chat: note: turn {number} is empty; skipped", file=sys.stderr)
            continue
        if len(text) > MAX_RECORDED_CHARS:
            print(
                f"mlsd chat: note: turn {number} has {len(text):,} characters; only the "
                f"first {MAX_RECORDED_CHARS:,} are recorded",
                file=sys.stderr,
            )
        print(f"\nYou: {text}", file=out)
        _stream(interview, text, out)
        if interview.wrapping_up:
            break


def _interactive(interview: Interview, out: TextIO) -> None:
    print("(type your answers; 'end interview' or Ctrl-D ends with the recap)", file=out)
    while not interview.wrapping_up:
        try:
            text = _typed_turn(out)
        except EOFError:
            print(file=out)
            return
        _stream(interview, text, out)
        if text.strip().lower().rstrip(".!") in END_WORDS:
            return


def _typed_turn(out: TextIO) -> str:
    """The next message worth sending (EOFError at the end of input). A blank line is not
    sent, as in the app; a message longer than the record keeps is sent only once the
    candidate agrees to the cut, so nothing is lost without being told first."""
    while True:
        text = input("\nYou: ")
        if not text.strip():
            print("(nothing sent: the message was empty)", file=out, flush=True)
            continue
        if len(text) <= MAX_RECORDED_CHARS:
            return text
        answer = input(
            f"(that message has {len(text):,} characters; only the first "
            f"{MAX_RECORDED_CHARS:,} are recorded. Send it cut? [y/N] "
        )
        if answer.strip().lower() in {"y", "yes"}:
            return text
        print("(not sent: type it again, shorter)", file=out, flush=True)


def _stream(interview: Interview, text: str, out: TextIO) -> None:
    out.write("\nInterviewer: ")
    out.flush()
    for chunk in interview.respond_stream(text):
        out.write(chunk)
        out.flush()
    out.write("\n")
    out.flush()


def _say(out: TextIO, text: str) -> None:
    print(f"\nInterviewer: {text}", file=out, flush=True)
