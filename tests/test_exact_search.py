"""Exact in-memory search ranks exactly as Chroma's query does, on every labelled query,
with no filter and with each phase filter."""

from __future__ import annotations

import numpy as np

from agent.content.phases import Phase
from agent.knowledge.candidates import from_query, where
from agent.knowledge.embedding import get_embedder
from agent.knowledge.exact import ExactIndex, matches
from agent.knowledge.ranking import fuse
from agent.knowledge.recall import load_queries
from tests.support.fixtures_store import DATA, shared_store


def test_exact_search_ranks_like_chroma_on_every_labelled_query() -> None:
    store = shared_store()
    col = store._ready()
    exact = store._exact_index(col)  # what the store searches with
    assert exact is not None and len(exact) == col.count()
    queries = [q.query for q in load_queries(DATA / "retrieval_queries.yaml")]
    vectors = get_embedder().embed(queries)
    compared = 0
    for text, vector in zip(queries, vectors, strict=True):
        for phase in [None, *Phase]:
            clause = where(phase, None)
            chroma = col.query(
                query_embeddings=vector[None, :],
                n_results=len(exact),
                where=clause,
                include=["distances"],
            )
            ours = exact.query(vector, clause)
            assert sorted(ours["ids"][0]) == sorted(chroma["ids"][0])
            a = from_query(ours, text, store._bm25, store._records_of)
            b = from_query(chroma, text, store._bm25, store._records_of)
            ranked_a = fuse(a.dense, a.lexical, store.fusion, a.coverage, a.asks)
            ranked_b = fuse(b.dense, b.lexical, store.fusion, b.coverage, b.asks)
            assert [i for i, _ in ranked_a] == [i for i, _ in ranked_b], (text, phase)
            worst = max(
                (abs(x - y) for (_, x), (_, y) in zip(ranked_a, ranked_b, strict=True)), default=0
            )
            assert worst < 1e-5
            compared += 1
    assert compared == len(queries) * (len(Phase) + 1) > 1000


def test_filters_match_the_metadata_chroma_filters_on() -> None:
    meta = {"phase": "data", "topic_imbalance": True, "kind": "chunk"}
    assert matches(meta, where(Phase.DATA, None))
    assert not matches(meta, where(Phase.TRAINING, None))
    assert matches(meta, where(Phase.DATA, ["imbalance", "sampling"]))
    assert not matches(meta, where(None, ["sampling"]))
    assert matches(meta, None)


def test_vectors_at_hand_are_the_stored_ones() -> None:
    """The store builds its in-memory index from shipped or computed vectors, without
    reading Chroma; those are the records Chroma holds (Chroma hands its vectors back
    re-normalised, so they agree to float32 rounding)."""
    store = shared_store()
    known = store._known_vectors()
    assert known is not None
    loaded = ExactIndex.load(store._ready())
    assert sorted(known.ids) == sorted(loaded.ids)
    row = {i: n for n, i in enumerate(loaded.ids)}
    for n, i in enumerate(known.ids):
        np.testing.assert_allclose(known.vectors[n], loaded.vectors[row[i]], atol=1e-6)
        assert known.metas[n] == loaded.metas[row[i]], i
