"""The int8-arithmetic sentence model: built from the pinned file, the same bytes everywhere."""

from __future__ import annotations

import re

import numpy as np
import pytest

from agent.knowledge.embedding import MODEL_FILE, EmbeddingUnavailable, model_path, verify
from agent.knowledge.int8_model import (
    INT8_SHA256,
    ONNX_VERSION,
    WEIGHT_LEVELS,
    check,
    int8_model_path,
    quantise_columns,
)
from agent.knowledge.model_files import DIGESTS_FILE


def PACKAGED():
    return verify(model_path(), MODEL_FILE)


def test_a_fresh_cache_builds_the_pinned_model(tmp_path, monkeypatch) -> None:
    from agent.knowledge.model_files import sha256_of

    monkeypatch.setenv("MLSD_MODEL_CACHE", str(tmp_path))
    built = int8_model_path(PACKAGED)
    assert built.parent == tmp_path
    assert sha256_of(built) == INT8_SHA256
    # no partial file left (beside the model, the kept digests of the files it checked)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([built.name, DIGESTS_FILE])
    assert int8_model_path(PACKAGED) == built  # found, not rebuilt


def test_a_damaged_built_model_is_replaced_and_a_foreign_one_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MLSD_MODEL_CACHE", str(tmp_path))
    built = int8_model_path(PACKAGED)
    built.write_bytes(b"truncated")
    assert check(int8_model_path(PACKAGED)) == built  # rebuilt in place

    foreign = tmp_path / "other.onnx"
    foreign.write_bytes(b"not the model")
    with pytest.raises(EmbeddingUnavailable) as caught:
        check(foreign)
    message = str(caught.value)
    assert str(foreign) in message and "sha256" in message
    assert f'pip install --force-reinstall "onnx=={ONNX_VERSION}"' in message


def test_pyproject_pins_onnx_exactly() -> None:
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text())["project"]
    # an extra for the opt-in model (the default float model never imports onnx), and the
    # test extra that builds it here, both with the exact pin the built file's sha256 rests on
    extras = project["optional-dependencies"]
    assert f"onnx=={ONNX_VERSION}" in extras["int8"]
    assert f"onnx=={ONNX_VERSION}" in extras["test"]
    names = {re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0] for d in project["dependencies"]}
    assert "onnx" not in names and "onnxruntime" in names


def test_weights_use_seven_bits_and_stay_close() -> None:
    rng = np.random.default_rng(0)
    matrix = (rng.standard_normal((384, 96)) * rng.uniform(0.01, 1, 96)).astype(np.float32)
    matrix[:, 5] = 0.0
    q, scale = quantise_columns(matrix)
    assert q.dtype == np.int8 and scale.shape == (1, 96)
    assert int(np.abs(q).max()) == WEIGHT_LEVELS
    assert np.all(np.abs(q * scale - matrix) <= scale / 2 + 1e-7)
    assert not q[:, 5].any()


def test_every_weight_product_is_an_int8_product() -> None:
    import onnx

    graph = onnx.load(str(int8_model_path(PACKAGED))).graph
    ops = [n.op_type for n in graph.node]
    assert ops.count("MatMulInteger") == 36  # six layers: q, k, v, output, two feed-forward
    assert ops.count("MatMul") == 12  # what is left: attention scores and their weighting
