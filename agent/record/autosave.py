"""Saving a growing transcript after every turn in bytes proportional to what changed.

Each save appends one journal line with the turns added and the fields changed since the
last save (agent/record/journal.py): written before `save` returns (a crash of the process
loses nothing), synced to disk on a side thread right after (a crash of the machine in
those milliseconds can lose the last line whole, never leave a torn one that is read). The
whole snapshot (written and synced before `compact` returns) is rewritten only:
- on the first save of this writer (a new interview, or a resumed one, whose journal may end
  in a line torn by a crash: compaction folds it in and starts a clean journal);
- when the interview has finished (the file other tools read is then complete);
- when the journal has grown past twice the snapshot's size (and a floor that a usual
  interview never reaches), so the total written over an interview stays linear in its
  length (each compaction is paid for by at least as many journal bytes), and reading
  stays cheap;
- when earlier turns were replaced rather than appended;
- after a failed write, so a partial line is never followed by more records.

One writer per transcript: a writer notes the files as it found them (when it was made) and
as it left them (after each save), and refuses to write over anything else. Two writers on
one interview (a reload or a second tab resumed it while the first copy lives on, a second
process) would otherwise interleave journal lines that reading stops at, or compact one
copy's turns away; the stale copy gets TranscriptContinuedElsewhere instead, and writes
nothing (`current` asks the same before a turn starts).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from agent.record import journal
from agent.record.transcript import (
    Transcript,
    TranscriptError,
    Turn,
    dump_snapshot,
    write_atomic,
)

# Below this many journal bytes the snapshot is never rewritten mid-interview (a 200-turn
# interview appends about 0.5 MB); above it, once the journal is this many times the snapshot.
COMPACT_FLOOR_BYTES = 1024 * 1024
COMPACT_RATIO = 2


class TranscriptContinuedElsewhere(TranscriptError):
    """The saved transcript changed since this copy last saw it: another tab or process went
    on with the interview. Nothing was written; load it again to continue from the file."""


# What a writer compares: each file's identity, size and modification time (None: absent).
# An atomic rewrite changes the inode, an append the size and time.
FileStamp = tuple[int, int, int] | None


def _stamp(path: Path) -> FileStamp:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class Autosave:
    """Saves one transcript to `path` (+ its journal). Not thread-safe: the caller locks."""

    def __init__(self, path: Path, *, compact_floor_bytes: int = COMPACT_FLOOR_BYTES) -> None:
        self.path = path
        self.journal = journal.journal_path(path)
        self.compact_floor_bytes = compact_floor_bytes
        self.compactions = 0
        self._synced = False  # the files on disk hold exactly what was last saved
        self._snapshot = b""
        self._snapshot_bytes = 0
        self._journal_bytes = 0
        self._turns_saved = 0
        self._last_turn: Turn | None = None
        self._fields: dict[str, str] = {}  # top-level field -> its JSON text as saved
        self._ticket = 0  # the journal's last sync request
        self._left = self._on_disk()  # the files as this writer found them

    def _on_disk(self) -> tuple[FileStamp, FileStamp]:
        return (_stamp(self.path), _stamp(self.journal))

    @property
    def current(self) -> bool:
        """Whether the files are as this writer left them (no other writer since)."""
        return self._on_disk() == self._left

    def _claim(self) -> None:
        if not self.current:
            raise TranscriptContinuedElsewhere(
                f"{self.path.name} was saved by another copy of this interview (another tab "
                "or process) since this one last saved; nothing was written over it"
            )

    def flush(self) -> None:
        """Until every line saved so far is on disk (a save syncs it on a side thread)."""
        journal.wait_synced(self.journal, self._ticket)

    def save(self, transcript: Transcript) -> None:
        fields = _field_texts(transcript)
        if self._must_compact(transcript):
            self.compact(transcript, fields)
            return
        new_turns = transcript.turns[self._turns_saved :]
        changed = {k: v for k, v in fields.items() if self._fields.get(k) != v}
        if not new_turns and not changed:
            return
        self._claim()
        line = journal.record_line(
            self._turns_saved, [t.model_dump_json() for t in new_turns], changed
        )
        fresh = self._journal_bytes == 0
        data = (journal.header_line(self._snapshot) if fresh else b"") + line
        self._synced = False  # until the line is whole in the file
        try:
            journal.append(self.journal, data, fresh=fresh, sync=False)
        finally:
            self._left = self._on_disk()  # even a failed write leaves the files as ours
        self._synced = True
        self._ticket = journal.sync_later(self.journal)  # to disk in ms, off the turn's path
        self._journal_bytes += len(data)
        self._remember(transcript, fields)

    def compact(self, transcript: Transcript, fields: dict[str, str] | None = None) -> None:
        """Rewrite the snapshot with everything and drop the journal."""
        self._claim()
        self.flush()
        self._synced = False
        snapshot = dump_snapshot(transcript)
        try:
            write_atomic(self.path, snapshot)
            self.journal.unlink(missing_ok=True)  # a crash before this: its header won't match
        finally:
            self._left = self._on_disk()
        self._snapshot = snapshot
        self._snapshot_bytes = len(snapshot)
        self._journal_bytes = 0
        self.compactions += 1
        self._synced = True
        self._remember(transcript, fields if fields is not None else _field_texts(transcript))

    def _must_compact(self, transcript: Transcript) -> bool:
        if not self._synced or transcript.status == "finished":
            return True
        if self._journal_bytes > max(
            self.compact_floor_bytes, COMPACT_RATIO * self._snapshot_bytes
        ):
            return True
        n = self._turns_saved
        turns = transcript.turns
        return len(turns) < n or (n > 0 and turns[n - 1] is not self._last_turn)

    def _remember(self, transcript: Transcript, fields: dict[str, str]) -> None:
        self._turns_saved = len(transcript.turns)
        self._last_turn = transcript.turns[-1] if transcript.turns else None
        self._fields = fields


def _field_texts(transcript: Transcript) -> dict[str, str]:
    """Every top-level field but the turns, as compact JSON text (compared between saves)."""
    dumped = transcript.model_dump(mode="json", exclude={"turns"})
    return {name: json.dumps(value) for name, value in dumped.items()}
