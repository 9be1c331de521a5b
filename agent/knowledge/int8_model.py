"""The sentence model with int8 arithmetic, made once from the pinned packaged file.

The packaged all-MiniLM-L6-v2 stores its weight matrices as int8 with a float scale per
output column, but its graph casts them back to float32, so every product runs in float32
(the runtime folds the casts once per session). This module rewrites those 36 weight
products as int8 products: the activations are quantised token by token (uint8, each token
with its own scale, so a text's vector does not depend on the texts batched with it) and
multiplied by the weights re-quantised per column (MatMulInteger), then scaled back. The
attention products, layer norms and the rest stay in float32. On the 2-core box one sentence
costs about 5.5 ms of CPU instead of 11-13, a batch of 800 corpus sentences two thirds; the
vectors move a little (cosine with the float ones 0.995 on average, 0.967 at worst on 800
dev corpus sentences), so the shipped vectors and the understanding heads are made with this
model (`mlsd vectors`, `mlsd retrain`).

Weights use 7 bits (-63..63): a uint8 x int8 product on CPUs without VNNI instructions adds
pairs in 16 bits and could saturate with 8-bit weights, which would make the vectors depend
on the CPU; with 7 bits every integer sum is exact on every machine.

The file is built on first use into the user's cache folder (about 23 MB, 2-4 s, needs the
`onnx` package, pinned exactly so that the bytes are the same everywhere) and checked
against the sha256 this release was made with before it is loaded; nothing is downloaded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from agent.knowledge.model_files import (
    EmbeddingUnavailable,
    cache_folder,
    file_sha256,
)

ONNX_VERSION = "1.23.2"  # the exact pin in pyproject.toml: the serialised bytes depend on it
INT8_SHA256 = "eb5493201cb67b97a1c14459f9107bfdf4ffc2897d5734e2a80a5296e026d372"
WEIGHT_LEVELS = 63  # 7-bit weights: exact integer sums on every CPU
ROW_LEVELS = 127  # activations: -127..127 around ROW_ZERO, per token
ROW_ZERO = 128
_build_lock = threading.Lock()


def int8_model_path(packaged: Callable[[], Path]) -> Path:
    """The int8-arithmetic model, built on first use from `packaged()` (the packaged file,
    its own sha256 checked then); EmbeddingUnavailable if the file there, or the one just built,
    is not the one this release was made with."""
    target = cache_folder() / f"all-MiniLM-L6-v2-int8-matmul-{INT8_SHA256[:16]}.onnx"
    if target.is_file() and file_sha256(target) == INT8_SHA256:
        return target
    with _build_lock:
        if target.is_file() and file_sha256(target) == INT8_SHA256:
            return target
        data = build(packaged())
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        partial.write_bytes(data)
        os.replace(partial, target)  # atomic: another process never reads half a file
    return check(target)


def check(path: Path) -> Path:
    """`path` if its sha256 is the pinned one; else EmbeddingUnavailable saying what to do."""
    actual = file_sha256(path)
    if actual != INT8_SHA256:
        try:
            import onnx

            installed = onnx.__version__
        except ImportError:
            installed = "not installed"
        raise EmbeddingUnavailable(
            f"{path} is not the int8 sentence model this release was made with (sha256 "
            f"{actual[:16]}…, expected {INT8_SHA256[:16]}…; onnx {installed}, pinned "
            f"{ONNX_VERSION}). Reinstall it and start again: "
            f'pip install --force-reinstall "onnx=={ONNX_VERSION}"'
        )
    return path


def build(source: Path) -> bytes:
    """The int8-arithmetic graph of `source`, serialised deterministically."""
    try:
        import onnx
        from onnx import helper, numpy_helper
    except ImportError as e:
        raise EmbeddingUnavailable(
            "the onnx package is needed once to build the int8 sentence model: "
            f'pip install "onnx=={ONNX_VERSION}"'
        ) from e
    model = onnx.load(str(source))
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    producer = {out: node for node in graph.node for out in node.output}
    nodes: list[Any] = []
    folded: set[str] = set()  # the Cast and Mul outputs replaced by int8 weights
    quantised_inputs: dict[str, tuple[str, str]] = {}
    new_inits: list[Any] = []
    for node in graph.node:
        weights = _stored_weights(node, producer, inits, numpy_helper)
        if weights is None:
            nodes.append(node)
            continue
        cast, mul, matrix = weights
        folded.update([cast.output[0], mul.output[0]])
        prefix = node.output[0]
        q, scale = quantise_columns(matrix)
        new_inits += [
            numpy_helper.from_array(q, f"{prefix}_wq"),
            numpy_helper.from_array(scale, f"{prefix}_ws"),
        ]
        source_name = node.input[0]
        if source_name not in quantised_inputs:
            quantised_inputs[source_name] = (f"{source_name}_q", f"{source_name}_s")
            nodes += _quantise_rows(source_name, helper)
        xq, xs = quantised_inputs[source_name]
        nodes += [
            helper.make_node("MatMulInteger", [xq, f"{prefix}_wq", "row_zero"], [f"{prefix}_i32"]),
            helper.make_node("Cast", [f"{prefix}_i32"], [f"{prefix}_f"], to=1),
            helper.make_node("Mul", [f"{prefix}_f", xs], [f"{prefix}_rows"]),
            helper.make_node("Mul", [f"{prefix}_rows", f"{prefix}_ws"], list(node.output)),
        ]
    new_inits += [
        numpy_helper.from_array(np.array(ROW_ZERO, dtype=np.uint8), "row_zero"),
        numpy_helper.from_array(np.array(ROW_ZERO, dtype=np.float32), "row_zero_f"),
        numpy_helper.from_array(np.array(1.0 / ROW_LEVELS, dtype=np.float32), "row_step"),
        numpy_helper.from_array(np.array(1e-12, dtype=np.float32), "row_tiny"),
    ]
    kept = [n for n in nodes if not (set(n.output) & folded)]
    del graph.node[:]
    graph.node.extend(kept)
    used = {name for n in kept for name in n.input}
    remaining = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(remaining + new_inits)
    onnx.checker.check_model(model)
    data: bytes = model.SerializeToString(deterministic=True)
    return data


def _quantise_rows(name: str, helper: Any) -> list[Any]:
    """Nodes that quantise activation `name` token by token: uint8 around a fixed zero
    point ROW_ZERO, with each token's own scale (its largest magnitude / ROW_LEVELS). A
    token's integers depend on nothing but its own values, so a text's vector is the same in
    any batch and beside any padding."""
    x = name
    return [
        helper.make_node("Abs", [x], [f"{x}_abs"]),
        helper.make_node("ReduceMax", [f"{x}_abs"], [f"{x}_peak"], axes=[-1], keepdims=1),
        helper.make_node("Mul", [f"{x}_peak", "row_step"], [f"{x}_step"]),
        helper.make_node("Max", [f"{x}_step", "row_tiny"], [f"{x}_s"]),
        helper.make_node("Reciprocal", [f"{x}_s"], [f"{x}_inv"]),
        helper.make_node("Mul", [x, f"{x}_inv"], [f"{x}_scaled"]),
        # |scaled| <= ROW_LEVELS, so the shifted value is within 1..255: no clipping
        helper.make_node("Round", [f"{x}_scaled"], [f"{x}_round"]),
        helper.make_node("Add", [f"{x}_round", "row_zero_f"], [f"{x}_clip"]),
        helper.make_node("Cast", [f"{x}_clip"], [f"{x}_q"], to=2),  # uint8
    ]


def _stored_weights(
    node: Any, producer: dict[str, Any], inits: dict[str, Any], numpy_helper: Any
) -> tuple[Any, Any, np.ndarray] | None:
    """For a MatMul whose weight is Cast(int8 constant) * scale constant: that Cast, Mul and
    the float weight matrix; else None."""
    if node.op_type != "MatMul":
        return None
    mul = producer.get(node.input[1])
    if mul is None or mul.op_type != "Mul" or mul.input[1] not in inits:
        return None
    cast = producer.get(mul.input[0])
    if cast is None or cast.op_type != "Cast" or cast.input[0] not in inits:
        return None
    stored = numpy_helper.to_array(inits[cast.input[0]]).astype(np.float32)
    scale = numpy_helper.to_array(inits[mul.input[1]]).astype(np.float32)
    if stored.ndim != 2:
        return None
    return cast, mul, (stored * scale).astype(np.float32)


def quantise_columns(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric per-column int8 weights in -WEIGHT_LEVELS..WEIGHT_LEVELS and their scales
    (shape (1, columns)), such that matrix ~= q * scale."""
    peak = np.abs(matrix).max(axis=0, keepdims=True)
    scale = np.where(peak > 0, peak / WEIGHT_LEVELS, 1.0).astype(np.float32)
    q = np.clip(np.rint(matrix / scale), -WEIGHT_LEVELS, WEIGHT_LEVELS).astype(np.int8)
    return q, scale
