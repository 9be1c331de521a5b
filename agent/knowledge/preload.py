"""What the first reading needs, loaded on a side thread as early as an interview is in sight.

Importing this module starts the load (agent/interview/session.py imports it before anything else):
the ONNX session of the sentence model is built mostly outside the GIL, so it overlaps the
few hundred milliseconds of imports and content loading that come before the first answer
instead of following them. The thread then reads the shipped vectors and the understanding
heads, whose decompression also runs outside the GIL. (It runs no warm-up text: a first call
costs a few ms more than later ones, less than the CPU a warm-up takes from a busy box.)

Nothing here changes a result: each item is the same shared, cached object the first
reading would have loaded itself (it waits for the load in progress). Failures are left for
that first real use to report. This module imports neither numpy nor the model at import
time, so it costs its importer nothing but starting a thread. The thread is not a daemon: a
process that ends while the ONNX session is being built would abort in the runtime's own
teardown, so it waits for the load (a fraction of a second) before it exits.
"""

from __future__ import annotations

import contextlib
import threading

_lock = threading.Lock()
_started = False


def _load() -> None:
    with contextlib.suppress(Exception):
        from agent.knowledge.embedding import get_embedder

        get_embedder()
    with contextlib.suppress(Exception):
        from agent.knowledge.shipped import shipped_vectors

        shipped_vectors()
    with contextlib.suppress(Exception):
        from agent.understanding.model import default_model

        default_model()


def start() -> None:
    """Start the load once per process (later calls do nothing)."""
    global _started
    with _lock:
        if _started:
            return
        _started = True
    threading.Thread(target=_load, name="model-preload", daemon=False).start()


start()
