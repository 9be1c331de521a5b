"""Measuring retrieval against a labelled query set: recall@1, recall@5 and MRR.

A query counts as answered at rank r when its target, or one of its `also` ids, is the
r-th result. Figures are given overall and for the paraphrase / keyword subsets, for any
fusion setting (hybrid, dense only, BM25 only), from one pass of scoring per query.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, Field, TypeAdapter

from agent.content.files import ContentError, load_yaml
from agent.knowledge.ranking import Fusion, fuse
from agent.knowledge.store import Candidates, KnowledgeStore

_KEYWORD = re.compile(r"[a-z]{3,}")


class LabelledQuery(BaseModel):
    query: str
    target: str
    also: list[str] = Field(default_factory=list)
    paraphrase: bool = False

    @property
    def answers(self) -> set[str]:
        return {self.target, *self.also}


class RecallFigures(BaseModel):
    queries: int
    recall_at_1: float
    recall_at_5: float
    mrr: float


def load_queries(path: Path) -> list[LabelledQuery]:
    data = load_yaml(path)
    try:
        return TypeAdapter(list[LabelledQuery]).validate_python(data)
    except ValueError as e:
        raise ContentError(f"{path}: not a list of labelled queries: {e}") from e


def keywords(text: str, stopwords: set[str]) -> set[str]:
    """Lower-case words of 3+ letters, minus stopwords, with a trailing 's' dropped."""
    words = (w for w in _KEYWORD.findall(text.lower()) if w not in stopwords)
    return {w[:-1] if w.endswith("s") else w for w in words}


def rank_of(ranked: list[str], answers: set[str]) -> int | None:
    return next((r for r, i in enumerate(ranked, start=1) if i in answers), None)


def figures(ranks: list[int | None]) -> RecallFigures:
    n = len(ranks)
    if not n:
        return RecallFigures(queries=0, recall_at_1=0.0, recall_at_5=0.0, mrr=0.0)
    return RecallFigures(
        queries=n,
        recall_at_1=round(sum(1 for r in ranks if r == 1) / n, 4),
        recall_at_5=round(sum(1 for r in ranks if r is not None and r <= 5) / n, 4),
        mrr=round(sum(1.0 / r for r in ranks if r is not None) / n, 4),
    )


def score_queries(store: KnowledgeStore, queries: list[LabelledQuery]) -> list[Candidates]:
    return [store.candidates(q.query) for q in queries]


def evaluate(
    queries: list[LabelledQuery], scored: list[Candidates], fusion: Fusion
) -> dict[str, RecallFigures]:
    """Figures for `all`, `paraphrase` and `keyword` queries under one fusion setting."""
    ranks: dict[str, list[int | None]] = {"all": [], "paraphrase": [], "keyword": []}
    for q, c in zip(queries, scored, strict=True):
        ranked = [i for i, _ in fuse(c.dense, c.lexical, fusion, c.coverage, c.asks)]
        r = rank_of(ranked, q.answers)
        ranks["all"].append(r)
        ranks["paraphrase" if q.paraphrase else "keyword"].append(r)
    return {name: figures(rs) for name, rs in ranks.items()}
