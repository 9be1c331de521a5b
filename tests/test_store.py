"""The retrieval store: incremental indexing, filters, recovery from a broken store."""

from __future__ import annotations

import threading
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from agent.content.files import ContentError
from agent.content.phases import Phase
from agent.knowledge.chroma import collection_name
from agent.knowledge.chunking import load_chunks
from agent.knowledge.record_vectors import MEMO
from agent.knowledge.store import KnowledgeStore, StoreUnavailable
from tests.support.fixtures_store import (
    KNOWLEDGE,
    SMALL_CORPUS,
    refuse_chroma_default_embedding,
    searches_at_once,
    shared_store,
    small_knowledge,
    store_settings,
)


@pytest.fixture(autouse=True)
def _chroma_default_embedding_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_chroma_default_embedding(monkeypatch)


@pytest.fixture()
def small(tmp_path: Path) -> tuple[KnowledgeStore, Path]:
    knowledge = small_knowledge(tmp_path / "knowledge")
    return KnowledgeStore.open(store_settings(tmp_path / "data", knowledge)), knowledge


def test_incremental_indexing(small: tuple[KnowledgeStore, Path]) -> None:
    store, knowledge = small
    chunks = load_chunks(knowledge)
    n, asks = len(chunks), sum(len(c.asks) for c in chunks)
    assert asks >= 3 * n
    MEMO.clear()  # a cold process: every chunk goes through the model
    first = store.ensure_index()
    assert (first.added, first.embedded, first.reused, first.unchanged) == (n, n, 0, 0)
    assert first.vectors == n + asks  # a vector per chunk and one per ask
    assert first.mode == "persistent" and first.collection == collection_name()
    assert store.count() == n

    second = store.ensure_index()
    assert second.embedded == second.reused == second.vectors == 0
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, n)

    # Change one section's text: exactly that chunk is re-embedded, and search sees it.
    data_md = knowledge / "guidance" / "data.md"
    text = data_md.read_text(encoding="utf-8")
    head, sep, rest = text.partition("## Class imbalance\n")
    assert sep, "guidance/data.md is expected to have a 'Class imbalance' section"
    data_md.write_text(
        head + sep + "Zebracorn datasets have one positive per million rows.\n" + rest,
        encoding="utf-8",
    )
    third = store.ensure_index()
    assert (third.updated, third.embedded, third.added, third.removed) == (1, 1, 0, 0)
    assert third.unchanged == n - 1
    imbalance = next(c for c in chunks if c.id == "guidance/data#class-imbalance")
    assert third.vectors == 1 + len(imbalance.asks)  # only that chunk's vectors are rewritten
    assert first.corpus == second.corpus != third.corpus
    hit = store.search("zebracorn", k=1)[0]
    assert hit.id == "guidance/data#class-imbalance" and "Zebracorn" in hit.text

    # Change one ask only: that chunk's vectors are rewritten, the old ask is gone, and a
    # query in the new ask's words finds the chunk (as a chunk, shown with its prose).
    old_ask = imbalance.asks[0]
    new_ask = "the quokka moments we care about are vanishingly uncommon"
    data_md.write_text(data_md.read_text(encoding="utf-8").replace(old_ask, new_ask), "utf-8")
    fifth = store.ensure_index()
    assert (fifth.updated, fifth.embedded, fifth.vectors) == (1, 1, 1 + len(imbalance.asks))
    assert store.count() == n
    stored_asks = store._collection().get(where={"parent": imbalance.id})["documents"]
    assert new_ask in stored_asks and old_ask not in stored_asks
    assert len(stored_asks) == len(imbalance.asks)
    hits = store.search(new_ask, k=len(chunks))
    assert hits[0].id == "guidance/data#class-imbalance" and "Zebracorn" in hits[0].text
    assert len({h.id for h in hits}) == len(hits) == n  # chunks only, each once
    assert not any("::ask" in h.id or new_ask in h.text for h in hits)

    # Remove a file: its chunks leave the collection, nothing is embedded.
    removed = len(load_chunks(knowledge)) - len(
        [c for c in load_chunks(knowledge) if c.source != SMALL_CORPUS[1]]
    )
    (knowledge / SMALL_CORPUS[1]).unlink()
    fourth = store.ensure_index()
    assert (fourth.removed, fourth.embedded, fourth.reused) == (removed, 0, 0)
    assert store.count() == n - removed
    left = load_chunks(knowledge)
    assert store._collection().count() == len(left) + sum(len(c.asks) for c in left)

    # A new process (simulated by closing this store): nothing to embed.
    store.close()
    reopened = KnowledgeStore.open(store.settings)
    assert reopened is not store
    assert (reopened.ensure_index().embedded, reopened.count()) == (0, n - removed)
    store = reopened

    rebuilt = store.ensure_index(rebuild=True)
    assert rebuilt.added == n - removed
    assert (rebuilt.embedded, rebuilt.reused) == (0, n - removed)  # same texts: from the memo


def test_search_before_indexing_indexes_first(small: tuple[KnowledgeStore, Path]) -> None:
    store, _ = small
    hits = store.search("rare positive class, one in a thousand examples", k=3)
    assert len(hits) == 3
    assert all(0.0 <= h.score <= 1.0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert store.search("   ") == []


def test_topic_changes_reach_the_filter(small: tuple[KnowledgeStore, Path]) -> None:
    store, knowledge = small
    store.ensure_index()
    assert store.search("labels", topics=["zebra_topic"]) == []
    data_md = knowledge / "guidance" / "data.md"
    text = data_md.read_text(encoding="utf-8")
    data_md.write_text(text.replace("topics: [", "topics: [zebra_topic, ", 1), encoding="utf-8")
    report = store.ensure_index()
    assert report.updated == len(
        [c for c in load_chunks(knowledge) if c.source == "guidance/data.md"]
    )
    hits = store.search("labels", k=50, topics=["zebra_topic"])
    assert hits and {h.source for h in hits} == {"guidance/data.md"}


def test_phase_and_topic_filters() -> None:
    store = shared_store()
    by_phase = store.search("how to deal with rare positives", k=10, phase=Phase.DATA)
    assert by_phase and all(h.phase is Phase.DATA for h in by_phase)
    by_topic = store.search("how to deal with rare positives", k=10, topics=["imbalance"])
    assert by_topic and all("imbalance" in h.topics for h in by_topic)
    either = store.search("metrics", k=50, topics=["latency", "imbalance"])
    assert {t for h in either for t in h.topics} >= {"latency", "imbalance"}
    assert all({"latency", "imbalance"} & set(h.topics) for h in either)
    both = store.search("rare positives", k=10, phase=Phase.TRAINING, topics=["Imbalance"])
    assert both and all(h.phase is Phase.TRAINING and "imbalance" in h.topics for h in both)
    assert store.search("anything", topics=["no-such-topic"]) == []


def test_get_and_count() -> None:
    store = shared_store()
    ids = store.chunk_ids()
    assert store.count() == len(ids) == len(load_chunks(KNOWLEDGE))
    wanted = [ids[3], ids[0], "guidance/nowhere#missing"]
    got = store.get(wanted)
    assert [c.id for c in got] == wanted[:2]
    assert got[0].text and got[0].source and got[0].topics


def test_concurrent_searches_share_one_store() -> None:
    store = shared_store()
    queries = {
        "class imbalance with rare positives": "imbalance",
        "p99 latency budget for online serving": "latency",
    }
    expected = {q: store.search(q, k=3) for q in queries}
    errors: list[BaseException] = []

    def worker(q: str) -> None:
        try:
            for _ in range(3):
                assert store.search(q, k=3) == expected[q]
        except BaseException as e:  # collected and re-raised in the main thread
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(q,)) for q in list(queries) * 10]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert KnowledgeStore.open(store.settings) is store


@pytest.mark.parametrize("damage", ["garbage-sqlite", "store-is-a-file"])
def test_corrupt_store_is_rebuilt_with_a_message(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    knowledge = small_knowledge(tmp_path / "knowledge")
    settings = store_settings(tmp_path / "data", knowledge)
    if damage == "garbage-sqlite":
        settings.store_dir.mkdir(parents=True)
        (settings.store_dir / "chroma.sqlite3").write_bytes(b"\x00garbage" * 500)
        (settings.store_dir / "stray.bin").write_bytes(b"junk")
    else:
        settings.data_dir.mkdir(parents=True)
        settings.store_dir.write_text("not a directory")
    store = KnowledgeStore.open(settings)
    with caplog.at_level("WARNING", logger="agent.knowledge"):
        report = store.ensure_index()
    assert report.notes and "rebuilt" in report.notes[0]
    assert "rebuilt" in caplog.text
    assert report.embedded + report.reused == report.chunks == store.count() > 0
    assert store.search("imbalance", k=1)


def test_older_store_version_is_dropped(tmp_path: Path) -> None:
    knowledge = small_knowledge(tmp_path / "knowledge")
    settings = store_settings(tmp_path / "data", knowledge)
    settings.store_dir.mkdir(parents=True)
    old = chromadb.PersistentClient(
        path=str(settings.store_dir.resolve()),
        settings=ChromaSettings(anonymized_telemetry=False),
    )
    old.create_collection("mlsd-knowledge-v0-oldformat", embedding_function=None)
    report = KnowledgeStore.open(settings).ensure_index()
    assert any("mlsd-knowledge-v0-oldformat" in n and "older" in n for n in report.notes)
    names = [c.name for c in old.list_collections()]
    assert names == [collection_name()]
    assert report.added == report.chunks


def test_malformed_knowledge_file_keeps_search_on_the_last_good_index(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    knowledge = small_knowledge(tmp_path / "knowledge")
    settings = store_settings(tmp_path / "data", knowledge)
    KnowledgeStore(settings).ensure_index()
    broken = knowledge / "guidance" / "data.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("phase: data", "phase: cooking"))

    fresh = KnowledgeStore(settings)  # a new process, say: nothing indexed in memory yet
    with pytest.raises(ContentError, match="unknown phase 'cooking'"):
        fresh.ensure_index()  # `mlsd index` says what is wrong ...
    with caplog.at_level("WARNING", logger="agent.knowledge"):
        hits = fresh.search("crowdsourcing labels", k=3)  # ... while interviews go on
    assert hits and hits[0].source == "guidance/data.md" and hits[0].phase is Phase.DATA
    assert "unknown phase 'cooking'" in caplog.text

    empty = KnowledgeStore(store_settings(tmp_path / "other", knowledge))
    with pytest.raises(StoreUnavailable, match=r"cannot be built: .*unknown phase"):
        empty.search("labels")


def test_twenty_first_searches_at_once_index_once(small: tuple[KnowledgeStore, Path]) -> None:
    store, knowledge = small
    # no vector at hand (a cold process): the searches must index; over vectors at hand they
    # are answered in memory and index nothing (tests/test_store_in_memory.py)
    MEMO.clear()
    results = searches_at_once(store, 20, "paying people to label images")
    assert len(results) == 20 and all(r == results[0] for r in results)
    assert store.count() == len(load_chunks(knowledge))
    assert store.ensure_index().embedded == 0
