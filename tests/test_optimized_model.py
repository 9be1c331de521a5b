"""The sentence model's optimised graph kept in the model cache
(agent/knowledge/optimized_model.py): a session built from it gives the vectors of a session
built from the packaged file, bit for bit, and a kept file that is not the one written is
never used."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest

from agent.knowledge import optimized_model
from agent.knowledge.embedding import MODEL_FILE, MiniLMEmbedder, model_path

# short and long, plain and odd: batches of several shapes once grouped by length
TEXTS = [
    "ok",
    "What is the business goal?",
    "I would train a gradient boosted tree model on transaction features.",
    "Labels come from chargebacks that arrive weeks later, so the training window has to close "
    "well before the evaluation window opens, otherwise recent fraud looks like legitimate "
    "traffic and the model learns the wrong thing.",
    "two-tower retrieval, ANN index, then a heavier ranker; calibrate; A/B test on watch time",
    "ümlaut façade naïve — 50ms p99 @ 10k QPS??",
    "I don't think we need a feature store here, honestly.",
    "",
    "...",
    "so um yeah " * 30,
]


def _opened(monkeypatch) -> list[str]:
    """The model paths sessions are built from, in order."""
    opened: list[str] = []
    real = ort.InferenceSession

    def recording(path, *args, **kwargs):
        opened.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ort, "InferenceSession", recording)
    return opened


def _reference() -> np.ndarray:
    """The vectors of a session built from the packaged file as before the graph was kept."""
    embedder = MiniLMEmbedder(int8=False)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    opts.log_severity_level = 3
    embedder._session = ort.InferenceSession(
        str(model_path()), sess_options=opts, providers=["CPUExecutionProvider"]
    )
    return embedder.embed(TEXTS)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("MLSD_MODEL_CACHE", str(tmp_path))
    return tmp_path


def test_the_kept_graph_gives_the_packaged_models_vectors_bit_for_bit(cache, monkeypatch):
    opened = _opened(monkeypatch)
    first = MiniLMEmbedder(int8=False)  # an empty cache: built from the package, graph kept
    kept = optimized_model.kept_path(MODEL_FILE.sha256)
    assert kept.parent == cache and optimized_model.usable(kept)
    assert not [p for p in cache.iterdir() if p.name.endswith(".partial")]
    second = MiniLMEmbedder(int8=False)  # from the kept graph
    assert opened[:2] == [str(model_path()), str(kept)]
    reference = _reference()
    assert np.array_equal(first.embed(TEXTS), reference)
    assert np.array_equal(second.embed(TEXTS), reference)


def test_a_kept_graph_that_is_not_the_one_written_is_never_used(cache, monkeypatch):
    MiniLMEmbedder(int8=False)
    kept = optimized_model.kept_path(MODEL_FILE.sha256)
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one weight byte flipped: still a loadable graph
    kept.write_bytes(bytes(data))
    assert not optimized_model.usable(kept)
    opened = _opened(monkeypatch)
    rebuilt = MiniLMEmbedder(int8=False)
    assert opened == [str(model_path())]  # built from the package again, and kept anew
    assert optimized_model.usable(kept)
    assert np.array_equal(rebuilt.embed(TEXTS), _reference())


def test_a_new_graph_drops_those_kept_for_another_runtime_but_not_the_int8_model(cache):
    stale = cache / "all-MiniLM-L6-v2-8199be6f699a395f-ort1.0.0-x86_64.onnx"
    int8 = cache / "all-MiniLM-L6-v2-int8-matmul-eb5493201cb67b97.onnx"
    for path in (stale, stale.with_name(f"{stale.name}.sha256"), int8):
        path.write_bytes(b"x")
    MiniLMEmbedder(int8=False)
    kept = optimized_model.kept_path(MODEL_FILE.sha256)
    names = {p.name for p in cache.iterdir()}
    assert {kept.name, f"{kept.name}.sha256", int8.name} <= names
    assert not {stale.name, f"{stale.name}.sha256"} & names


def test_a_kept_graph_without_its_digest_is_not_used(cache, monkeypatch):
    MiniLMEmbedder(int8=False)
    kept = optimized_model.kept_path(MODEL_FILE.sha256)
    kept.with_name(f"{kept.name}.sha256").unlink()
    assert not optimized_model.usable(kept)
    opened = _opened(monkeypatch)
    MiniLMEmbedder(int8=False)
    assert opened == [str(model_path())]


def test_a_graph_that_cannot_be_written_only_costs_the_optimisation(cache, monkeypatch):
    import os
    import threading

    kept = optimized_model.kept_path(MODEL_FILE.sha256)
    # a folder where the runtime would write the graph: the runtime's save fails
    kept.with_name(f"{kept.name}.{os.getpid()}.{threading.get_ident()}.partial").mkdir()
    embedder = MiniLMEmbedder(int8=False)
    assert np.array_equal(embedder.embed(TEXTS), _reference())
    assert not kept.exists()


def test_an_unwritable_cache_only_costs_the_optimisation(tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("MLSD_MODEL_CACHE", str(blocker / "models"))
    embedder = MiniLMEmbedder(int8=False)
    assert np.array_equal(embedder.embed(TEXTS), _reference())
    assert blocker.read_text(encoding="utf-8").startswith("a file")
