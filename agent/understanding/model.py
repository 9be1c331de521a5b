"""The trained understanding models: a small versioned weights file, predicted with numpy.

One file (`knowledge/models/understanding.npz`) holds every head and the vocabulary:

- `kind`: what a whole message is (softmax over the message kinds);
- `signals`: which rubric signals a sentence is evidence for (one sigmoid per signal);
- `wrong_claims`: which known wrong claims a sentence makes (one sigmoid per claim);
- `manipulation`: whether a sentence tries to manipulate the interviewer or the grader;
- `depth`: whether a sentence gives a reason, a number, a trade-off or ties to the problem;
- `angles`: which follow-up angles a sentence already covers about its decision (`ANGLES`:
  why, what it costs, the alternative weighed, what could go wrong, how it is verified), so
  a follow-up never asks for what was just given;
- `fact_topics`, `fact_match`: which card facts a question part asks for (fact_match.py).

Each head is a linear layer, or a linear layer after one hidden ReLU layer, trained by
`mlsd retrain` (agent/understanding/train.py) from the labelled corpus in knowledge/corpus/.
Thresholds were chosen on the dev split and ship with the weights.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from agent.content.files import load_cached
from agent.understanding.features import FeatureRows, Featurizer

FORMAT = 1
HEADS = ("kind", "signals", "wrong_claims", "manipulation", "depth", "angles")
# the fact heads (fact_match.py) may be absent from an older weights file: questions are then
# matched to card facts by their cue phrases and meaning alone
OPTIONAL_HEADS = ("fact_topics", "fact_match")
ANGLES = ("reason", "cost", "alternative", "risk", "measure")


_BLAS_LIMITED = False


def limit_blas_threads() -> None:
    """Run numpy's BLAS on one thread, once per process.

    Every product here is small (64 sentences x 384 numbers x 61 signals): one thread does it
    in about 0.03 ms, while OpenBLAS's thread pool, on a busy 2-core machine, waits 1-30 ms
    for its threads on each call, most of a re-grade's time. The results are the same.
    """
    global _BLAS_LIMITED
    if _BLAS_LIMITED:
        return
    _BLAS_LIMITED = True
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency; only slower without it
        return
    threadpool_limits(1, user_api="blas")


class ModelUnavailable(RuntimeError):
    """The weights file is missing, unreadable or of another format."""


class HeadInfo(BaseModel):
    labels: list[str]
    activation: str  # "softmax" (one label) or "sigmoid" (each label on its own)
    threshold: float = 0.5  # sigmoid heads: a label is on at or above this probability
    # ... and a text's most likely label is on already at or above this one (a sentence
    # usually shows one thing; its second and third labels need the stricter threshold)
    top_threshold: float | None = None
    thresholds: dict[str, float] = Field(default_factory=dict)  # per-label overrides
    top_thresholds: dict[str, float] = Field(default_factory=dict)  # ... of the top one
    # a label at or above this probability is mentioned: never credited, but enough that
    # the interviewer does not ask for it as if unsaid (chosen on dev for recall)
    mention_threshold: float | None = None
    # ... per-label overrides: a label the head separates well is mentioned only nearer its
    # crediting bar (a line that merely resembles a latency question is not a latency mention)
    mention_thresholds: dict[str, float] = Field(default_factory=dict)
    # wrong claims: a claim at or above this bar (below its crediting bars) may be challenged
    # in conversation where the checks of agent/understanding/challenge_bar.py hold; never
    # graded on it (chosen on dev; None: the crediting bars alone)
    challenge_threshold: float | None = None


class ModelMeta(BaseModel):
    format: int
    version: str
    embedder: str
    corpus_sha256: str
    heads: dict[str, HeadInfo]
    vocabulary: list[str]
    dev_figures: dict[str, float] = Field(default_factory=dict)


class Head:
    def __init__(self, info: HeadInfo, layers: list[tuple[np.ndarray, np.ndarray]]) -> None:
        self.info = info
        self.layers = layers
        self._limits = np.array([self.threshold(k) for k in info.labels], dtype=np.float32)
        top = info.top_threshold
        self._tops = np.array(
            [info.top_thresholds.get(k, top if top is not None else 2.0) for k in info.labels],
            dtype=np.float32,
        )

    @property
    def labels(self) -> list[str]:
        return self.info.labels

    def threshold(self, label: str) -> float:
        return self.info.thresholds.get(label, self.info.threshold)

    def on(self, probs: np.ndarray) -> np.ndarray:
        """(rows, labels) probabilities -> which labels are on, by the shipped thresholds."""
        out = probs >= self._limits
        if self.info.top_threshold is not None and probs.size:
            rows = np.arange(len(probs))
            best = probs.argmax(axis=1)
            out[rows, best] |= probs[rows, best] >= self._tops[best]
        return out

    def challengeable(self, probs: np.ndarray) -> np.ndarray:
        """(rows, labels) probabilities -> which labels may be challenged: on by the
        crediting bars, or at or above the challenge bar where one was chosen."""
        out = self.on(probs)
        if self.info.challenge_threshold is not None:
            out |= probs >= self.info.challenge_threshold
        return out

    def mentioned(self, probs: np.ndarray) -> np.ndarray:
        """(rows, labels) probabilities -> which labels are mentioned (at least): at or above
        each label's mention bar, or on by the crediting bars."""
        if self.info.mention_threshold is None:
            return self.on(probs)
        limits = np.array(
            [
                self.info.mention_thresholds.get(k, self.info.mention_threshold)
                for k in self.info.labels
            ],
            dtype=np.float32,
        )
        return (probs >= limits) | self.on(probs)

    def predict(self, x: np.ndarray | FeatureRows) -> np.ndarray:
        w, b = self.layers[0]
        h = (x.dot(w) if isinstance(x, FeatureRows) else x @ w) + b
        for w_next, b_next in self.layers[1:]:
            h = np.maximum(h, 0.0) @ w_next + b_next
        if self.info.activation == "softmax":
            h = h - h.max(axis=1, keepdims=True)
            e = np.exp(h)
            return e / e.sum(axis=1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-np.clip(h, -30, 30)))


class UnderstandingModel:
    """All heads of one weights file."""

    def __init__(self, meta: ModelMeta, heads: dict[str, Head]) -> None:
        self.meta = meta
        self.heads = heads
        self.featurizer = Featurizer(meta.vocabulary)

    @property
    def version(self) -> str:
        return self.meta.version

    def head(self, name: str) -> Head:
        return self.heads[name]

    def optional_head(self, name: str) -> Head | None:
        return self.heads.get(name)


def save_model(path: Path, meta: ModelMeta, layers: dict[str, list[tuple[np.ndarray, np.ndarray]]]):
    """Write the weights (float16) and the metadata (JSON) into one .npz file."""
    arrays: dict[str, np.ndarray] = {
        "meta": np.frombuffer(meta.model_dump_json().encode("utf-8"), dtype=np.uint8)
    }
    for name, head_layers in layers.items():
        for i, (w, b) in enumerate(head_layers):
            arrays[f"{name}.w{i}"] = w.astype(np.float16)
            arrays[f"{name}.b{i}"] = b.astype(np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def load_model(path: Path) -> UnderstandingModel:
    try:
        data = np.load(path, allow_pickle=False)
    except FileNotFoundError as e:
        raise ModelUnavailable(
            f"{path}: the understanding model is missing; run `mlsd retrain` to build it"
        ) from e
    except (OSError, ValueError) as e:
        raise ModelUnavailable(f"{path}: not a readable weights file ({e})") from e
    with data:
        try:
            meta = ModelMeta.model_validate(json.loads(bytes(data["meta"]).decode("utf-8")))
        except (KeyError, ValueError) as e:
            raise ModelUnavailable(f"{path}: weights file without valid metadata ({e})") from e
        if meta.format != FORMAT:
            raise ModelUnavailable(
                f"{path}: weights format {meta.format}, this version reads {FORMAT}; "
                "run `mlsd retrain`"
            )
        heads: dict[str, Head] = {}
        for name, info in meta.heads.items():
            layers = []
            i = 0
            while f"{name}.w{i}" in data:
                layers.append(
                    (
                        data[f"{name}.w{i}"].astype(np.float32),
                        data[f"{name}.b{i}"].astype(np.float32),
                    )
                )
                i += 1
            if not layers or layers[-1][0].shape[1] != len(info.labels):
                raise ModelUnavailable(f"{path}: head {name!r} does not match its labels")
            heads[name] = Head(info, layers)
    missing = [h for h in HEADS if h not in heads]
    if missing:
        raise ModelUnavailable(f"{path}: heads missing: {', '.join(missing)}")
    return UnderstandingModel(meta, heads)


def model_path() -> Path:
    from agent.settings import get_settings

    return get_settings().knowledge_dir / "models" / "understanding.npz"


def default_model() -> UnderstandingModel:
    """The shipped model, reloaded when its file changes (e.g. after `mlsd retrain`)."""
    path = model_path()
    if not path.is_file():
        raise ModelUnavailable(
            f"{path}: the understanding model is missing; run `mlsd retrain` to build it"
        )
    return load_cached(load_model, path)
