"""Retrieval quality on the labelled query set: recall@1, recall@5 and MRR.

For the hybrid ranking the store uses (cosine of each chunk and of its best `asks`
phrasing + BM25, gated fusion) and for dense-only and BM25-only, overall and for paraphrase
vs keyword queries. Builds a fresh store over knowledge/ in a temp dir.
`python -m bench.retrieval [--sweep] [--misses]`; --sweep also prints the grid of fusion
settings the default was chosen from (same settings for every query; ask=0.0 is the
ranking without asks); --misses lists the queries whose answer is not in the hybrid top 5.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from agent.knowledge.ranking import DEFAULT_FUSION, Fusion, fuse
from agent.knowledge.recall import (
    RecallFigures,
    evaluate,
    load_queries,
    rank_of,
    score_queries,
)
from agent.knowledge.store import KnowledgeStore
from agent.settings import Settings

REPO = Path(__file__).resolve().parent.parent

QUERIES = REPO / "tests" / "data" / "retrieval_queries.yaml"
METHODS: dict[str, Fusion] = {
    "hybrid": DEFAULT_FUSION,
    "dense": Fusion(method="dense"),
    "bm25": Fusion(method="lexical"),
}
SWEEP: list[Fusion] = [
    *(
        Fusion(method="gated", dense_weight=w, gate_power=g)
        for w in (0.3, 0.5, 0.7)
        for g in (1, 2, 3, 4)
    ),
    *(Fusion(method="weighted", dense_weight=w) for w in (0.5, 0.7, 0.9)),
    *(Fusion(method="rrf", dense_weight=w, rrf_k=k) for w in (0.5, 0.7) for k in (10, 60)),
    # How far a chunk's best ask lifts its dense score (0: asks ignored, the old ranking).
    *(Fusion(ask_weight=a) for a in (0.0, 0.25, 0.5, 0.75, 1.0)),
    *(Fusion(dense_weight=0.3, gate_power=3, ask_weight=a) for a in (0.5, 0.75)),
]


def _scored(data_dir: Path):
    settings = Settings(data_dir=data_dir, knowledge_dir=REPO / "knowledge", chroma_host=None)
    store = KnowledgeStore.open(settings)
    store.ensure_index()
    queries = load_queries(QUERIES)
    return queries, score_queries(store, queries)


def _flat(f: RecallFigures) -> dict[str, float]:
    return {"r@1": f.recall_at_1, "r@5": f.recall_at_5, "mrr": f.mrr}


def misses(queries, scored) -> list[str]:
    lines = []
    for q, c in zip(queries, scored, strict=True):
        ranked = [i for i, _ in fuse(c.dense, c.lexical, DEFAULT_FUSION, c.coverage, c.asks)]
        r = rank_of(ranked, q.answers)
        if r is None or r > 5:
            kind = "paraphrase" if q.paraphrase else "keyword"
            lines.append(f"rank {r} ({kind}) {q.query!r} -> {q.target}; top: {ranked[:2]}")
    return lines


def main(sweep: bool = False, show_misses: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix="mlsd-bench-retrieval-") as tmp:
        queries, scored = _scored(Path(tmp))
    paraphrases = sum(1 for q in queries if q.paraphrase)
    out: dict = {
        "queries": len(queries),
        "paraphrase queries": paraphrases,
        "fusion": DEFAULT_FUSION.model_dump(),
    }
    for name, fusion in METHODS.items():
        for subset, figures in evaluate(queries, scored, fusion).items():
            out[f"{name} {subset}"] = _flat(figures)
    if show_misses:
        out["misses"] = misses(queries, scored)
    if sweep:
        for fusion in SWEEP:
            fig = evaluate(queries, scored, fusion)
            label = f"sweep {fusion.method} w={fusion.dense_weight}"
            label += f" g={fusion.gate_power}" if fusion.method == "gated" else ""
            label += f" k={fusion.rrf_k}" if fusion.method == "rrf" else ""
            label += f" ask={fusion.ask_weight}"
            out[label] = {
                "r@1": fig["all"].recall_at_1,
                "mrr": fig["all"].mrr,
                **{f"r@5 {s}": fig[s].recall_at_5 for s in ("all", "paraphrase", "keyword")},
            }
    return out


if __name__ == "__main__":
    figures = main(sweep="--sweep" in sys.argv, show_misses="--misses" in sys.argv)
    for line in figures.pop("misses", []):
        print(line)
    for key, value in figures.items():
        if isinstance(value, dict):
            value = "  ".join(f"{k}={v}" for k, v in value.items())
        print(f"{key:<36} {value}")
