"""Fusing dense (cosine) and lexical (BM25) evidence into one ranking.

The same weights serve every query (tuned on the labelled set in
tests/data/retrieval_queries.yaml with bench/retrieval.py). Scores are normalised per query
so neither signal's scale dominates; the fused score lies in [0, 1].
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Fusion(BaseModel):
    method: Literal["weighted", "rrf", "dense", "lexical"] = "weighted"
    dense_weight: float = Field(default=0.6, ge=0.0, le=1.0)
    rrf_k: int = Field(default=60, gt=0)


DEFAULT_FUSION = Fusion()


def _minmax(scores: dict[str, float]) -> dict[str, float]:
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    if hi - lo < 1e-12:
        return {i: (1.0 if hi > 0 else 0.0) for i in scores}
    return {i: (s - lo) / (hi - lo) for i, s in scores.items()}


def _by_max(scores: dict[str, float]) -> dict[str, float]:
    hi = max(scores.values(), default=0.0)
    return {i: (s / hi if hi > 0 else 0.0) for i, s in scores.items()}


def _ranks(scores: dict[str, float]) -> dict[str, int]:
    order = sorted(scores, key=lambda i: (-scores[i], i))
    return {i: r for r, i in enumerate(order, start=1)}


def fuse(
    dense: dict[str, float], lexical: dict[str, float], fusion: Fusion = DEFAULT_FUSION
) -> list[tuple[str, float]]:
    """Rank the ids of `dense` (the filtered candidates) by fused score, best first.

    dense: cosine similarity per id; lexical: BM25 score per id (missing ids count as 0).
    """
    ids = list(dense)
    lex = {i: lexical.get(i, 0.0) for i in ids}
    if fusion.method == "dense":
        fused = _minmax(dense)
    elif fusion.method == "lexical":
        fused = _by_max(lex)
    elif fusion.method == "rrf":
        dr, lr = _ranks(dense), _ranks(lex)
        w = fusion.dense_weight
        raw = {
            i: w / (fusion.rrf_k + dr[i]) + (1 - w) / (fusion.rrf_k + lr[i])
            if lex[i] > 0
            else w / (fusion.rrf_k + dr[i])
            for i in ids
        }
        fused = _by_max(raw)
    else:
        d, lx = _minmax(dense), _by_max(lex)
        fused = {i: fusion.dense_weight * d[i] + (1 - fusion.dense_weight) * lx[i] for i in ids}
    return sorted(((i, fused[i]) for i in ids), key=lambda p: (-p[1], p[0]))
