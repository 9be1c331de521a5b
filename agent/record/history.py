"""Past interviews on disk: listing them and their scores over time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, Field

from agent.record.transcript import Transcript, TranscriptError, load_transcript


class HistoryEntry(BaseModel):
    id: str
    path: Path
    problem_id: str
    backend: str
    model: str | None = None
    started_at: datetime
    ended_at: datetime | None = None
    status: str
    candidate_turns: int
    overall: float | None = None
    recommendation: str | None = None
    scores: dict[str, int] = Field(default_factory=dict)  # dimension id -> 1..4
    owner: str | None = None  # the browser session that made it, in a shared deployment


class History(BaseModel):
    entries: list[HistoryEntry] = Field(default_factory=list)  # oldest first
    unreadable: list[str] = Field(default_factory=list)  # "path: reason" for files skipped

    def finished(self) -> list[HistoryEntry]:
        return [e for e in self.entries if e.overall is not None]

    def filter(
        self,
        problems: list[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> History:
        def keep(e: HistoryEntry) -> bool:
            if problems and e.problem_id not in problems:
                return False
            if since and e.started_at < since:
                return False
            return not (until and e.started_at > until)

        return History(entries=[e for e in self.entries if keep(e)], unreadable=self.unreadable)

    def owned_by(self, owner: str) -> History:
        """Only the interviews of one owner; unreadable files are not theirs to see."""
        return History(entries=[e for e in self.entries if e.owner == owner])

    def score_rows(self) -> list[dict[str, object]]:
        """Long-format rows (one per interview and dimension) for charts and tables."""
        return [
            {
                "started_at": e.started_at,
                "interview": e.id,
                "problem": e.problem_id,
                "dimension": dim,
                "score": score,
            }
            for e in self.finished()
            for dim, score in sorted(e.scores.items())
        ]


def entry_for(transcript: Transcript, path: Path) -> HistoryEntry:
    recap = transcript.recap
    return HistoryEntry(
        id=transcript.id,
        path=path,
        problem_id=transcript.problem_id,
        backend=transcript.backend,
        model=transcript.model,
        started_at=transcript.started_at,
        ended_at=transcript.ended_at,
        status=transcript.status,
        candidate_turns=sum(1 for t in transcript.turns if t.role == "candidate"),
        overall=recap.overall if recap else None,
        recommendation=recap.recommendation.value if recap else None,
        scores={d.id: d.score for d in recap.dimensions} if recap else {},
        owner=transcript.owner,
    )


def load_history(folder: Path) -> History:
    """Read every transcript in `folder`; unreadable files are listed, never fatal."""
    history = History()
    if not folder.is_dir():
        return history
    for path in sorted(folder.glob("*.json")):
        try:
            transcript = load_transcript(path)
        except TranscriptError as e:
            history.unreadable.append(str(e))
            continue
        history.entries.append(entry_for(transcript, path))
    history.entries.sort(key=lambda e: (e.started_at, e.id))
    return history
