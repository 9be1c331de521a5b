"""The sentence model's graph as the runtime optimises it, kept so that later processes skip
the optimisation.

A session built from the packaged file spends most of its CPU folding the int8-stored weights
into float32 and fusing the graph: 220-280 ms of CPU on the 2-core box and a peak of about
270 MiB. The runtime can write the graph it ends with; a session built from that file with its
own optimisations off runs the same graph, so every vector is bit-identical
(tests/test_optimized_model.py), in 160-200 ms and about 200 MiB.

The first process that builds the float model's session writes that file into the model cache
folder (about 90 MB), named by the packaged file's sha256, the runtime's version and the
machine, with its sha256 beside it. A later process uses it only while its digest (kept per
file version, model_files.file_sha256) is the one written beside it; a missing, damaged or
unreadable file only costs building from the packaged file again, which writes it anew. The
packaged file's pinned sha256 is checked first either way, and nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import os
import platform
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agent.knowledge.model_files import cache_folder, file_sha256, sha256_of


def kept_path(packaged_sha256: str) -> Path:
    """Where the optimised graph of the packaged file with this sha256 is kept."""
    import onnxruntime as ort

    machine = platform.machine() or "unknown"
    name = f"all-MiniLM-L6-v2-{packaged_sha256[:16]}-ort{ort.__version__}-{machine}.onnx"
    return cache_folder() / name


def _digest_path(kept: Path) -> Path:
    return kept.with_name(f"{kept.name}.sha256")


def usable(kept: Path) -> bool:
    """Whether the kept file is the one its writer hashed."""
    try:
        expected = _digest_path(kept).read_text(encoding="ascii").strip()
        return kept.is_file() and len(expected) == 64 and file_sha256(kept) == expected
    except (OSError, ValueError):
        return False


def session(packaged: Path, packaged_sha256: str, options: Callable[[], Any]) -> Any:
    """An InferenceSession of the packaged model (its sha256 already checked): from the kept
    optimised graph when it is usable, else built from the packaged file, keeping its graph.
    `options` makes the session options (threads and the like) for either."""
    import onnxruntime as ort

    providers = ["CPUExecutionProvider"]
    kept = kept_path(packaged_sha256)
    if usable(kept):
        opts = options()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        with contextlib.suppress(Exception):  # unreadable after all: build from the package
            return ort.InferenceSession(str(kept), sess_options=opts, providers=providers)
    opts = options()
    partial = kept.with_name(f"{kept.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        opts.optimized_model_filepath = str(partial)
    except OSError:  # no cache folder: build without keeping anything
        return ort.InferenceSession(str(packaged), sess_options=opts, providers=providers)
    try:
        built = ort.InferenceSession(str(packaged), sess_options=opts, providers=providers)
    except Exception:  # the graph could not be written (a full disk, no rights): not kept
        _discard(partial)
        return ort.InferenceSession(str(packaged), sess_options=options(), providers=providers)
    _keep(partial, kept)
    return built


def _keep(partial: Path, kept: Path) -> None:
    """Move the written graph into place with its digest; a failure only loses the shortcut."""
    try:
        if partial.is_file():
            digest = sha256_of(partial)
            note = _digest_path(kept)
            note_partial = note.with_name(f"{partial.name}.sha256")
            note_partial.write_text(digest + "\n", encoding="ascii")
            os.replace(partial, kept)
            os.replace(note_partial, note)
            _drop_stale(kept)
    except OSError:
        pass
    finally:
        _discard(partial)


def _drop_stale(kept: Path) -> None:
    """Graphs kept for another packaged file, runtime version or machine (90 MB each): a
    release or runtime upgrade would otherwise leave the old one behind."""
    for other in kept.parent.iterdir():
        stale = _KEPT_NAME.fullmatch(other.name)
        if stale and other.name not in (kept.name, _digest_path(kept).name):
            with contextlib.suppress(OSError):
                other.unlink()


_KEPT_NAME = re.compile(r"all-MiniLM-L6-v2-[0-9a-f]{16}-ort[0-9][^/]*\.onnx(?:\.sha256)?")


def _discard(partial: Path) -> None:
    for leftover in (partial, partial.with_name(f"{partial.name}.sha256")):
        with contextlib.suppress(OSError):
            leftover.unlink()
