"""What the sentence model's loaders share: their error, the cache folder and the file digest
they check.

A model file's sha256 cost 20-80 ms of CPU per process (21 MB). `file_sha256` computes it once
per version of an installed file and keeps it in the model cache folder (digests.json), keyed
by the file's resolved path and what the operating system says of it: size, inode, device,
modification and status-change times in nanoseconds. Any write to the file, a reinstall or a
replacement changes at least one of them (the status-change time cannot be set from user
space), so a kept digest is reused only for the very file it was computed from; otherwise the
file is hashed again. A digest is kept only when the file was the same before and after it was
read and its times are at least RACY_SECONDS old, so a file still being written is never taken
for the version that was hashed (git's index has the same rule). A missing, damaged or
unwritable cache only costs the hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from pathlib import Path

DIGESTS_FILE = "digests.json"
# a file changed this recently may change again within the clock's granularity unseen
RACY_SECONDS = 2.0
_lock = threading.Lock()


class EmbeddingUnavailable(RuntimeError):
    """The packaged model files cannot be found or loaded."""


def cache_folder() -> Path:
    """Where built models and kept digests live: MLSD_MODEL_CACHE, else the user's cache
    folder."""
    override = os.environ.get("MLSD_MODEL_CACHE")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mlsd-interviewer")) / "models"


def sha256_of(path: Path) -> str:
    """The file's sha256, read in full."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stamp(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_ino, st.st_dev, st.st_mtime_ns, st.st_ctime_ns]


def _read_kept(cache: Path) -> dict[str, dict[str, object]]:
    try:
        kept = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) else {}


def file_sha256(path: Path) -> str:
    """The sha256 of `path`, hashed only when this version of the file has no kept digest."""
    resolved = path.resolve()
    before = resolved.stat()
    cache = cache_folder() / DIGESTS_FILE
    key = str(resolved)
    with _lock:
        entry = _read_kept(cache).get(key)
    if (
        isinstance(entry, dict)
        and entry.get("stat") == _stamp(before)
        and isinstance(entry.get("sha256"), str)
    ):
        return str(entry["sha256"])
    actual = sha256_of(resolved)
    after = resolved.stat()
    newest = max(after.st_mtime_ns, after.st_ctime_ns) / 1e9
    if _stamp(after) == _stamp(before) and time.time() - newest >= RACY_SECONDS:
        _keep(cache, key, {"stat": _stamp(after), "sha256": actual})
    return actual


def _keep(cache: Path, key: str, entry: dict[str, object]) -> None:
    """Add one digest to the cache file, atomically; a failure only loses the shortcut."""
    with _lock, contextlib.suppress(OSError):
        kept = _read_kept(cache)
        kept[key] = entry
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.{threading.get_ident()}.partial")
        partial.write_text(json.dumps(kept, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(partial, cache)
