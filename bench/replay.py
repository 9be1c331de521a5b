"""Scripted candidates replayed through the offline interviewer, shared by the benches that
play tests/fidelity/<split>/ (bench.fidelity, bench.clarifications).

A script is `persona:` and `problem:` header lines, then the candidate's messages separated by
`---` lines. Each script is played turn by turn on a simulated clock against one knowledge
store built in a temporary folder; the interview ends when the interviewer wraps up or the
script runs out. `render` writes an interview as a judge reads it (the judged folders'
format).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from agent.decide.clock import SimulatedClock
from agent.interview import Interview
from agent.knowledge.store import KnowledgeStore
from agent.record.transcript import Transcript
from agent.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "tests" / "fidelity"


def script_splits() -> list[str]:
    """Every script batch: a folder of scripts under tests/fidelity (not the judged ones)."""
    return sorted(p.name for p in SCRIPTS.iterdir() if p.is_dir() and any(p.glob("*.txt")))


@dataclass
class Script:
    name: str
    persona: str
    problem: str
    messages: list[str]
    split: str = ""  # the batch folder the script was read from


def parse_script(path: Path) -> Script:
    """`persona:` and `problem:` header lines, then messages separated by `---` lines."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    messages = [m.strip() for m in re.split(r"\n---[ \t]*\n", body) if m.strip()]
    return Script(
        path.stem, meta["persona"].strip(), meta["problem"].strip(), messages, path.parent.name
    )


def load_scripts(split: str) -> list[Script]:
    return [parse_script(p) for p in sorted((SCRIPTS / split).glob("*.txt"))]


def render(transcript: Transcript, script: Script) -> str:
    """The interview as a judge reads it: numbered interviewer turns, minutes, no reasons."""
    lines = [f"# {script.name} (problem: {script.problem})", ""]
    n = 0
    for turn in transcript.turns:
        if turn.role == "interviewer":
            n += 1
            lines.append(f"[I{n} @ {turn.elapsed_minutes:.1f} min] INTERVIEWER: {turn.text}")
        else:
            lines.append(f"[@ {turn.elapsed_minutes:.1f} min] CANDIDATE: {turn.text}")
        lines.append("")
    return "\n".join(lines)


def play(script: Script, settings: Settings, store: KnowledgeStore, out: Path) -> Transcript:
    interview = Interview(
        script.problem,
        settings=settings,
        store=store,
        clock=SimulatedClock(),
        save_path=out / f"{script.name}.json",
        seed=7,
    )
    interview.start()
    for message in script.messages:
        if interview.wrapping_up or interview.finished:
            break
        interview.respond(message)
    return interview.transcript


def replay(scripts: Iterable[Script]) -> Iterator[tuple[Script, Transcript]]:
    """Each script played in turn, with one offline store and data folder for them all
    (temporary, removed when the last script has been played)."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), chroma_host=None)
        store = KnowledgeStore.open(settings)
        try:
            store.ensure_index()
            out = Path(tmp) / "interviews"
            out.mkdir()
            for script in scripts:
                yield script, play(script, settings, store, out)
        finally:
            store.close()
