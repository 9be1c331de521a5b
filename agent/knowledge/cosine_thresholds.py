"""The cosine thresholds that belong to one sentence model, shipped beside its vectors.

A threshold on a cosine between two MiniLM vectors ("this heading names that dimension when
its cosine reaches 0.38") holds for the model it was chosen with: another model's cosines
sit a little higher or lower (the int8-arithmetic model's by about +0.005 on average, with a
spread of 0.01), so a heading at 0.385 under one reads 0.378 under the other and names
nothing. Each model therefore carries its own thresholds in
knowledge/vectors/<embedding id>.thresholds.json, read here; `mlsd thresholds` writes them
(agent/knowledge/threshold_choice.py): the reference model's were chosen by hand on dev, and
any other model's are the values whose decisions agree most with the reference's on the dev
texts, so switching models keeps the decisions instead of re-tuning them.
"""

from __future__ import annotations

import threading
from pathlib import Path

from pydantic import BaseModel, Field

from agent.knowledge.embedding import EMBEDDING_ID
from agent.knowledge.model_files import EmbeddingUnavailable

FORMAT = 1
SUFFIX = ".thresholds.json"


class CosineThresholds(BaseModel):
    # cosine of a heading (or one topic it lists) to a dimension's title or one of its
    # signals' descriptions for it to name that dimension (agent/grading/headings.py) ...
    heading_floor: float
    # ... and by how much that dimension must beat the next one
    heading_margin: float
    # centred cosine by which another card must be closer to an answer than the graded one
    # for the answer to be off the problem (agent/grading/relevance.py)
    off_problem_margin: float
    # by how much another card's claim-by-claim fit must beat the graded card's (the mean,
    # over the answer's design sentences, of their centred cosines to each card's closest
    # texts) for the answer to be off the problem (agent/grading/relevance.py); chosen by
    # hand on dev for the reference model, carried over to others unmatched
    claim_fit_margin: float = 0.035


class ThresholdFile(BaseModel):
    format: int
    embedding: str
    # how the values were chosen: "by hand on dev" for the reference model, else the
    # reference embedding id they were matched to
    chosen: str
    thresholds: CosineThresholds
    # per threshold family: the share of dev decisions that agree with the reference's, and
    # how many decisions that share is over
    agreement: dict[str, float] = Field(default_factory=dict)


def thresholds_path(knowledge_dir: Path, embedding_id: str = EMBEDDING_ID) -> Path:
    return knowledge_dir / "vectors" / f"{embedding_id}{SUFFIX}"


def read_thresholds(path: Path, embedding_id: str = EMBEDDING_ID) -> ThresholdFile:
    """The file's thresholds; EmbeddingUnavailable (saying what to run) when it is missing,
    unreadable or another model's."""
    try:
        found = ThresholdFile.model_validate_json(path.read_bytes())
    except FileNotFoundError as e:
        raise EmbeddingUnavailable(
            f"{path} is missing: the sentence model {embedding_id!r} has no cosine "
            "thresholds; run `mlsd thresholds` to choose them"
        ) from e
    except ValueError as e:
        raise EmbeddingUnavailable(f"{path} is unreadable ({e}); run `mlsd thresholds`") from e
    if found.format != FORMAT or found.embedding != embedding_id:
        raise EmbeddingUnavailable(
            f"{path} holds thresholds for {found.embedding!r} (format {found.format}), not "
            f"{embedding_id!r}; run `mlsd thresholds`"
        )
    return found


_CACHE: dict[Path, CosineThresholds] = {}
_LOCK = threading.Lock()


def cosine_thresholds(knowledge_dir: Path | None = None) -> CosineThresholds:
    """The configured sentence model's thresholds, read once per process: from the configured
    knowledge folder (or `knowledge_dir`), else from the built-in one (a folder of one's own
    content need not carry them: they belong to the model, not to the content)."""
    from agent.settings import _content_dir, get_settings

    folder = knowledge_dir or get_settings().knowledge_dir
    path = thresholds_path(folder)
    if not path.is_file():
        path = thresholds_path(_content_dir("knowledge"))
    path = path.resolve()
    with _LOCK:
        known = _CACHE.get(path)
    if known is not None:
        return known
    found = read_thresholds(path).thresholds
    with _LOCK:
        _CACHE[path] = found
    return found


def forget_thresholds() -> None:
    """Drop the thresholds read so far (after `mlsd thresholds`)."""
    with _LOCK:
        _CACHE.clear()
