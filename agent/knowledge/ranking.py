"""Fusing dense (cosine) and lexical (BM25) evidence into one ranking.

The default, "gated", is a weighted sum of per-query normalised scores in which BM25's
weight shrinks with its coverage (the share of the query's informative words that the
best-matching chunk contains): keyword queries get exact-word precision, paraphrases that
share no words with the corpus are left to the embeddings instead of to BM25's noise.
Before fusion a chunk's dense score takes in its best `asks` similarity: with ask_weight
a, dense = (1 - a) * chunk cosine + a * max(chunk cosine, best ask cosine); a = 0 ignores
the asks, a = 1 is the plain max. The same settings serve every query; they were chosen
on the labelled set (tests/data/retrieval_queries.yaml) with bench/retrieval.py. Fused
scores lie in [0, 1].
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Fusion(BaseModel):
    method: Literal["gated", "weighted", "rrf", "dense", "lexical"] = "gated"
    dense_weight: float = Field(default=0.5, ge=0.0, le=1.0)
    gate_power: float = Field(default=2.0, ge=0.0)  # lexical weight *= coverage ** power
    rrf_k: int = Field(default=60, gt=0)
    ask_weight: float = Field(default=0.75, ge=0.0, le=1.0)  # how far the best ask lifts dense


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
    dense: dict[str, float],
    lexical: dict[str, float],
    fusion: Fusion = DEFAULT_FUSION,
    coverage: float = 1.0,
    asks: dict[str, float] | None = None,
) -> list[tuple[str, float]]:
    """Rank the ids of `dense` (the filtered candidates) by fused score, best first.

    dense: cosine similarity per id; lexical: BM25 score per id (missing ids count as 0);
    coverage: BM25.coverage of the query, used by the "gated" method; asks: best cosine of
    each id's asks (ids without asks keep their own cosine).
    """
    ids = list(dense)
    if asks:
        a = fusion.ask_weight
        dense = {i: (1 - a) * d + a * max(d, asks.get(i, d)) for i, d in dense.items()}
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
        lex_weight = 1 - fusion.dense_weight
        if fusion.method == "gated":
            lex_weight *= max(0.0, min(1.0, coverage)) ** fusion.gate_power
        d, lx = _minmax(dense), _by_max(lex)
        fused = {i: (1 - lex_weight) * d[i] + lex_weight * lx[i] for i in ids}
    return sorted(((i, fused[i]) for i in ids), key=lambda p: (-p[1], p[0]))
