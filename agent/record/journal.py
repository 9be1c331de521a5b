"""The autosave journal: JSON lines appended beside a transcript's snapshot file.

`<name>.json` stays a whole transcript (the snapshot). While an interview runs, what changed
since the snapshot is appended to `<name>.json.journal`, one JSON object per line:

    {"journal": 1, "snapshot_sha256": "<sha256 of the snapshot's bytes>"}   # header
    {"at": 12, "turns": [<turn>, ...], "set": {"state": {...}, ...}}       # one per save

A record appends `turns` at index `at` and replaces the top-level fields in `set`. Reading
applies the records in order to the snapshot's JSON object, which gives the same document a
whole-file save would have written. Crash safety:
- each record is one write of one whole line; a last line without its newline is a write
  torn by a crash and is ignored, as is everything from a line that does not parse;
- the header names the snapshot it extends: after the snapshot is rewritten (compaction),
  a journal left behind by a crash no longer matches it and is ignored (its records are
  already in the snapshot).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

JOURNAL_VERSION = 1
SUFFIX = ".journal"


class JournalError(ValueError):
    """A journal this version cannot read (written by a newer version of mlsd)."""


def journal_path(snapshot: Path) -> Path:
    """The journal beside a snapshot: `iv.json` -> `iv.json.journal` (not matched by *.json)."""
    return snapshot.with_name(snapshot.name + SUFFIX)


def snapshot_digest(snapshot: bytes) -> str:
    return hashlib.sha256(snapshot).hexdigest()


def header_line(snapshot: bytes) -> bytes:
    header = {"journal": JOURNAL_VERSION, "snapshot_sha256": snapshot_digest(snapshot)}
    return json.dumps(header).encode() + b"\n"


def record_line(at: int, turns: list[str], fields: dict[str, str]) -> bytes:
    """One record from JSON texts already dumped: the new turns and the changed fields."""
    changed = ",".join(f"{json.dumps(name)}:{text}" for name, text in fields.items())
    return f'{{"at":{at},"turns":[{",".join(turns)}],"set":{{{changed}}}}}\n'.encode()


def append(path: Path, data: bytes, *, fresh: bool, sync: bool = True) -> None:
    """Append whole lines with one write (looped only if the kernel writes less), then sync
    (unless `sync` is False: the caller syncs later, see BackgroundSync). `fresh` starts the
    file over (a journal begun after the snapshot was rewritten)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if fresh else 0)
    fd = os.open(path, flags, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            _datasync(fd)
    finally:
        os.close(fd)


def _datasync(fd: int) -> None:
    getattr(os, "fdatasync", os.fsync)(fd)


class BackgroundSync:
    """Syncs files to disk on one side thread per process, after the writes the callers made.

    The write itself is done when `append` returns, so a crash of the process loses nothing;
    the sync (what survives a crash of the machine) follows within milliseconds, off the
    turn's path. Requests for a file made while it waits are folded into one sync. `wait`
    returns once every sync requested for that file is done."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._pending: dict[Path, int] = {}  # file -> the newest ticket asking for a sync
        self._synced: dict[Path, int] = {}  # file -> the newest ticket whose sync is done
        self._tickets = 0
        self._thread: threading.Thread | None = None

    def request(self, path: Path) -> int:
        with self._cond:
            self._tickets += 1
            self._pending[path] = self._tickets
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="journal-sync", daemon=True)
                self._thread.start()
            self._cond.notify_all()
            return self._tickets

    def wait(self, path: Path, ticket: int) -> None:
        with self._cond:
            while self._synced.get(path, 0) < ticket:
                self._cond.wait()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending:
                    self._cond.wait()
                path, ticket = next(iter(self._pending.items()))
                del self._pending[path]
            _sync_file(path)
            with self._cond:
                self._synced[path] = max(ticket, self._synced.get(path, 0))
                self._cond.notify_all()


def _sync_file(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # compacted away meanwhile: its records are in the snapshot
        return
    try:
        _datasync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_SYNC = BackgroundSync()


def sync_later(path: Path) -> int:
    """Ask the process's sync thread to sync `path`; returns the ticket to wait for."""
    return _SYNC.request(path)


def wait_synced(path: Path, ticket: int) -> None:
    """Until the sync of `ticket` (or a later one) of `path` is done."""
    _SYNC.wait(path, ticket)


def _parse(line: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def replay(data: dict[str, Any], snapshot: bytes, path: Path) -> bool:
    """Apply the journal at `path` (if any, and if it extends `snapshot`) to the snapshot's
    JSON object `data`, in place. Returns whether any record was applied."""
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return False
    lines = raw.split(b"\n")[:-1]  # what follows the last newline is a torn write
    header = _parse(lines[0]) if lines else None
    if header is None:
        return False
    version = header.get("journal")
    if isinstance(version, int) and version > JOURNAL_VERSION:
        raise JournalError(
            f"{path}: journal version {version} is newer than this version of mlsd "
            f"understands ({JOURNAL_VERSION}); upgrade mlsd-interviewer to read it"
        )
    if version != JOURNAL_VERSION or header.get("snapshot_sha256") != snapshot_digest(snapshot):
        return False  # left behind by a compaction that already holds its records
    turns = data.get("turns")
    if not isinstance(turns, list):
        return False
    applied = False
    for line in lines[1:]:
        record = _parse(line)
        if record is None or record.get("at") != len(turns):
            break  # a damaged line: keep what came before it
        turns.extend(record.get("turns") or [])
        data.update({k: v for k, v in (record.get("set") or {}).items() if k != "turns"})
        applied = True
    return applied
