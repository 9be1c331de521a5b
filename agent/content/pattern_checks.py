"""Content patterns checked once per text in an install (see the note below)."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from pydantic import BaseModel, ValidationInfo

# Regular expressions in content are compiled when the file loads, so that a bad one is a
# ContentError naming the file, never a crash mid-interview; most of them are not used on a
# given turn (about 40 of a cold first question's 460 compilations, ~25 ms of CPU, were only
# this check). Once a file's exact text has passed a model's validation with its patterns
# compiled, a mark in the data folder says so, keyed by the text's sha256, the model, its
# module file (an upgraded package checks again) and Python's version (its `re` decides what
# compiles); later processes then compile only the patterns they use. Validators that compile
# patterns only to check them ask `patterns_checked`.
_CHECKED = "patterns checked"
CHECKED_CONTEXT = {_CHECKED: True}  # the validation context of a text already checked
_CHECK_FORMAT = 1


def patterns_checked(info: ValidationInfo) -> bool:
    """Whether this exact content already passed the pattern checks in this install."""
    return isinstance(info.context, dict) and bool(info.context.get(_CHECKED))


def checked_mark(raw: str, model: type[BaseModel]) -> Path | None:
    try:
        from agent.settings import get_settings

        folder = get_settings().data_dir / "cache" / "content" / "checked"
        source = os.stat(sys.modules[model.__module__].__file__ or "")
    except Exception:  # no settings, no module file: check every time, as before
        return None
    digest = hashlib.sha256(
        f"{_CHECK_FORMAT}\x1e{model.__module__}.{model.__qualname__}\x1e"
        f"{source.st_size}:{source.st_mtime_ns}\x1e{sys.version}\x1e".encode()
    )
    digest.update(raw.encode("utf-8", "surrogatepass"))
    return folder / digest.hexdigest()


def mark_checked(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError:  # no room or read-only: the next process checks again
        return
