"""A local store over the shipped corpus answers its searches in memory (agent.knowledge.in_memory)
with the results Chroma gives, without opening Chroma; content only Chroma holds is found by
opening it, and a store that cannot be opened is then reported. Real Chroma throughout."""

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
    data = tmp_path_factory.mktemp("in-memory") / "data"
    earlier = KnowledgeStore(store_settings(data))
    earlier.ensure_index()
    earlier.close()
    return data


def _fresh(data: Path, knowledge: Path = KNOWLEDGE) -> KnowledgeStore:
    """The store as a new process meets it: nothing read or opened yet."""
    return KnowledgeStore(store_settings(data, knowledge))


def _with_user_note(root: Path) -> Path:
    """A knowledge folder: the shipped one and a note of the user's, whose vectors no
    shipped file holds."""
    knowledge = root / "knowledge"
    for part in ("guidance", "cheatsheets", "vectors"):
        shutil.copytree(KNOWLEDGE / part, knowledge / part)
    (knowledge / "guidance" / "provenance.md").write_text(USER_NOTE, encoding="utf-8")
    return knowledge


def test_searches_over_the_shipped_corpus_never_open_chroma(tmp_path: Path) -> None:
    store = _fresh(tmp_path / "data")
    first = store.search("very few positive examples", k=3)
    again = store.search("labels arrive weeks after the event", k=3, phase=Phase.DATA)
    assert first and "imbalance" in first[0].id
    assert again
    assert not store.chroma_open
    assert not (tmp_path / "data" / "store").exists()  # nothing was created on disk
    store.close()


def test_answers_in_memory_are_the_ones_chroma_gives_on_every_labelled_query(
    indexed: Path,
) -> None:
    queries = [q.query for q in load_queries(DATA / "retrieval_queries.yaml")]
    phases = [None, *Phase]
    store = _fresh(indexed)
    in_memory = [[store.search(q, k=5, phase=p) for p in phases] for q in queries]
    assert not store.chroma_open
    store.ensure_index()  # opened explicitly, as `mlsd index` and the app's warm-up do
    assert store.chroma_open
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
    assert not store.chroma_open
    store.ensure_index()
    assert all(
        r == [h.id for h in store.search("paying people to label images", k=3)] for r in results
    )
    store.close()


def test_content_only_chroma_holds_is_found_by_opening_it(tmp_path: Path) -> None:
    knowledge = _with_user_note(tmp_path)
    _fresh(tmp_path / "data", knowledge).ensure_index()  # embeds the note (an earlier run)
    MEMO.clear()  # a new process: the note's vectors are in Chroma only

    store = _fresh(tmp_path / "data", knowledge)
    hits = store.search("which quokka pipeline run produced a training row", k=3)
    assert store.chroma_open
    assert hits[0].source == "guidance/provenance.md"
    assert hits[0].title == "Provenance ledger"
    store.close()


def test_a_store_that_cannot_be_opened_is_reported_when_it_is_needed(tmp_path: Path) -> None:
    knowledge = _with_user_note(tmp_path)
    MEMO.clear()  # the note's vectors are nowhere at hand: Chroma must embed and hold them
    occupied = tmp_path / "data"
    occupied.write_text("a file where the data folder should be")  # no store can go there
    assert _fresh(occupied).search("very few positive examples", k=3)  # shipped: no Chroma
    store = _fresh(occupied, knowledge)
    for _ in range(2):  # a retry says so again
        with pytest.raises(StoreUnavailable, match="cannot create the knowledge store at"):
            store.search("very few positive examples", k=3)
    store.close()


def test_an_interview_whose_store_cannot_be_opened_says_so_on_a_turn(tmp_path: Path) -> None:
    from agent.decide.clock import SimulatedClock
    from agent.interview import Interview

    knowledge = _with_user_note(tmp_path)
    MEMO.clear()
    occupied = tmp_path / "occupied"
    occupied.write_text("a file where the data folder should be")
    store = _fresh(occupied, knowledge)
    iv = Interview(
        "fraud-detection",
        settings=store_settings(tmp_path / "data"),
        store=store,
        clock=SimulatedClock(),
        seed=1,
    )
    iv.start()
    iv.respond("I would use gradient boosted trees with velocity features.")
    said = [t for t in iv.transcript.turns if t.role == "interviewer" and t.fallback]
    assert said, "the turn that met the failure says why it had no guidance"
    assert "no guidance" in said[0].fallback
    assert "cannot create the knowledge store" in said[0].fallback
    assert said[0].retrieved == []
