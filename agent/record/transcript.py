"""The saved interview: a versioned JSON document (the snapshot), read together with the
journal an interview appends beside it after every turn (agent/record/journal.py)."""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from agent.content.phases import Phase
from agent.decide.moves import Move
from agent.decide.state import InterviewState
from agent.grading.recap import Recap
from agent.record.journal import JournalError, journal_path, replay

SCHEMA_VERSION = 1


def now() -> datetime:
    return datetime.now(UTC)


class TranscriptError(ValueError):
    """A transcript file cannot be used (malformed, truncated, from a newer version)."""


class Turn(BaseModel):
    role: Literal["interviewer", "candidate"]
    text: str
    ts: datetime = Field(default_factory=now)
    phase: Phase
    elapsed_minutes: float = 0.0
    # interviewer turns
    move: Move | None = None
    retrieved: list[str] = Field(default_factory=list)  # chunk ids used to ground the turn
    backend: str | None = None  # who produced the words: "offline" | "openai"
    fallback: str | None = None  # why an LLM turn was answered offline instead
    latency_ms: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    tokens_estimated: bool = False  # the server reported no usage; counts were estimated
    # candidate turns
    kind: str | None = None  # MessageKind of the reading
    signals: list[str] = Field(default_factory=list)
    misconceptions: list[str] = Field(default_factory=list)


class Transcript(BaseModel):
    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12])
    problem_id: str
    backend: str = "offline"
    model: str | None = None
    seed: int | None = None  # fixes the offline voice's wording, so a resume says the same
    rubric_version: str
    rubric_hash: str
    started_at: datetime = Field(default_factory=now)
    ended_at: datetime | None = None
    status: Literal["in_progress", "finished"] = "in_progress"
    turns: list[Turn] = Field(default_factory=list)
    state: InterviewState = Field(default_factory=InterviewState)
    recap: Recap | None = None
    # Shared deployments only: an opaque id of the browser session that made the interview,
    # so each visitor lists only their own. Absent (None) everywhere else.
    owner: str | None = None

    def candidate_texts(self) -> list[str]:
        return [t.text for t in self.turns if t.role == "candidate"]

    def last_interviewer_turn(self) -> Turn | None:
        return next((t for t in reversed(self.turns) if t.role == "interviewer"), None)

    def last_move(self) -> Move | None:
        """The move of the most recent interviewer turn that made one."""
        return next(
            (t.move for t in reversed(self.turns) if t.role == "interviewer" and t.move), None
        )


def dump_snapshot(transcript: Transcript) -> bytes:
    """The whole transcript as the JSON document readers expect (the snapshot file)."""
    return transcript.model_dump_json(indent=2).encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """A temp file in the same folder, fsync, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_transcript(transcript: Transcript, path: Path) -> Path:
    """Write the whole transcript atomically (an interview appends instead: autosave.py).
    A journal beside `path` no longer matches the new file, so it is ignored from now on."""
    write_atomic(path, dump_snapshot(transcript))
    return path


def parse_transcript(
    raw: str | bytes, source: str = "<input>", *, journal: Path | None = None
) -> Transcript:
    """A transcript from its JSON text; with `journal`, the records appended beside it
    since that snapshot was written are applied first (agent/record/journal.py)."""
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise TranscriptError(f"{source}: not valid JSON (truncated or corrupted?): {e}") from e
    if not isinstance(data, dict):
        raise TranscriptError(f"{source}: expected a JSON object, got {type(data).__name__}")
    version = data.get("schema_version")
    if not isinstance(version, int):
        raise TranscriptError(f"{source}: missing or invalid schema_version; not a transcript?")
    if version > SCHEMA_VERSION:
        raise TranscriptError(
            f"{source}: schema_version {version} is newer than this version of mlsd "
            f"understands ({SCHEMA_VERSION}); upgrade mlsd-interviewer to read it"
        )
    if journal is not None:
        snapshot = raw.encode("utf-8") if isinstance(raw, str) else raw
        try:
            replay(data, snapshot, journal)
        except JournalError as e:
            raise TranscriptError(str(e)) from e
    try:
        return Transcript.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()[:5]
        )
        raise TranscriptError(f"{source}: not a valid transcript: {problems}") from e


def load_transcript(path: Path) -> Transcript:
    """A saved transcript: its snapshot file plus the journal appended beside it, if any."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as e:
        raise TranscriptError(f"{path}: file not found") from e
    except IsADirectoryError as e:
        raise TranscriptError(f"{path}: is a folder, not a transcript file") from e
    return parse_transcript(raw, str(path), journal=journal_path(path))
