"""A local store's first searches are answered in memory while Chroma opens beside them
(agent.knowledge.opening), with the results Chroma gives; content only Chroma holds is found
once it is ready; a store that cannot be opened is still reported. Real Chroma throughout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agent.content.phases import Phase
from agent.knowledge.recall import load_queries
from agent.knowledge.record_vectors import MEMO
from agent.knowledge.store import KnowledgeStore, StoreUnavailable
from tests.support.fixtures_store import DATA, KNOWLEDGE, searches_at_once, store_settings

USER_NOTE = """---
phase: data
topics: [provenance]
title: Our team's notes on data provenance
---
# Our team's notes on data provenance

## Provenance ledger
<!-- topics: lineage -->
<!-- asks: where did each training row come from -->
Keep a provenance ledger: every training row records the quokka pipeline run that produced it.
"""


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose store an earlier process indexed over the shipped knowledge."""
    data = tmp_path_factory.mktemp("opening") / "data"
    earlier = KnowledgeStore(store_settings(data))
    earlier.ensure_index()
    earlier.close()
    return data


def _fresh(data: Path, knowledge: Path = KNOWLEDGE) -> KnowledgeStore:
    """The store as a new process meets it: nothing read or opened yet."""
    return KnowledgeStore(store_settings(data, knowledge))


def test_the_first_search_is_answered_before_chroma_is_open(indexed: Path) -> None:
    store = _fresh(indexed)
    # Opening Chroma runs under the store's lock: holding it here keeps Chroma closed for as
    # long as this test likes, as a slow import or a slow disk would.
    with store._lock:
        first = store.search("very few positive examples", k=3)
        assert not store.chroma_open
        assert first and "imbalance" in first[0].id
    assert store.wait_until_open(timeout=120)
    assert store.search("very few positive examples", k=3) == first  # now from Chroma
    store.close()


def test_answers_in_memory_are_the_ones_chroma_gives_on_every_labelled_query(
    indexed: Path,
) -> None:
    queries = [q.query for q in load_queries(DATA / "retrieval_queries.yaml")]
    phases = [None, *Phase]
    store = _fresh(indexed)
    with store._lock:
        in_memory = [[store.search(q, k=5, phase=p) for p in phases] for q in queries]
        assert not store.chroma_open
    assert store.wait_until_open(timeout=120)
    opened = [[store.search(q, k=5, phase=p) for p in phases] for q in queries]
    assert in_memory == opened  # ids, texts, metadata and scores
    # and the ranking Chroma's own query gives (its distances differ in the last float bits)
    store.exact_search = False
    queried = [[store.search(q, k=5, phase=p) for p in phases] for q in queries]
    assert [[[c.id for c in r] for r in row] for row in in_memory] == [
        [[c.id for c in r] for r in row] for row in queried
    ]
    assert sum(len(row) for row in in_memory) == len(queries) * len(phases) > 1000
    store.close()


def test_first_searches_at_once_all_get_the_answer_chroma_gives(indexed: Path) -> None:
    store = _fresh(indexed)
    results = searches_at_once(store, 8, "paying people to label images")
    assert len(results) == 8
    assert store.wait_until_open(timeout=120)
    assert all(
        r == [h.id for h in store.search("paying people to label images", k=3)] for r in results
    )
    store.close()


def test_content_only_chroma_holds_is_found_once_it_is_ready(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    for part in ("guidance", "cheatsheets", "vectors"):
        shutil.copytree(KNOWLEDGE / part, knowledge / part)
    (knowledge / "guidance" / "provenance.md").write_text(USER_NOTE, encoding="utf-8")
    _fresh(tmp_path / "data", knowledge).ensure_index()  # embeds the note (an earlier run)
    MEMO.clear()  # a new process: the note's vectors are in Chroma only

    store = _fresh(tmp_path / "data", knowledge)
    hits = store.search("which quokka pipeline run produced a training row", k=3)
    assert store.chroma_open
    assert hits[0].source == "guidance/provenance.md"
    assert hits[0].title == "Provenance ledger"
    store.close()


def test_a_store_that_cannot_be_opened_is_still_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    occupied = tmp_path / "data"
    occupied.write_text("a file where the data folder should be")  # no store can go there
    store = _fresh(occupied)
    with caplog.at_level("WARNING", logger="agent.knowledge"):
        first = store.search("very few positive examples", k=3)
        assert not store.wait_until_open(timeout=120)
    assert first  # answered in memory while the opening was under way
    assert "cannot create the knowledge store" in caplog.text
    for _ in range(2):  # the next search says so, and so does a retry, as before
        with pytest.raises(StoreUnavailable, match="cannot create the knowledge store at"):
            store.search("very few positive examples", k=3)
    store.close()


def test_an_interview_whose_store_cannot_be_opened_says_so_on_a_turn(tmp_path: Path) -> None:
    from agent.decide.clock import SimulatedClock
    from agent.interview import Interview

    occupied = tmp_path / "occupied"
    occupied.write_text("a file where the data folder should be")
    store = _fresh(occupied)
    iv = Interview(
        "fraud-detection",
        settings=store_settings(tmp_path / "data"),
        store=store,
        clock=SimulatedClock(),
        seed=1,
    )
    iv.start()
    iv.respond("I would use gradient boosted trees with velocity features.")
    assert iv.transcript.turns[-1].retrieved  # answered in memory while Chroma opened
    assert not store.wait_until_open(timeout=120)
    iv.respond("I would also add a neural network later.")
    said = [t for t in iv.transcript.turns if t.role == "interviewer" and t.fallback]
    assert said, "the turn that met the failure says why it had no guidance"
    assert "no guidance" in said[0].fallback
    assert "cannot create the knowledge store" in said[0].fallback
    assert said[0].retrieved == []
