"""Shipped vectors: the content's vectors are built once (`mlsd vectors`), match the content,
and a fresh install indexes from them; stale or damaged files only cost model time."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from agent.cli import main
from agent.knowledge.embedding import get_embedder
from agent.knowledge.record_vectors import MEMO
from agent.knowledge.shipped import (
    build_vectors,
    forget_shipped_vectors,
    read_vectors,
    shipped_texts,
    vectors_current,
    vectors_path,
)
from agent.knowledge.store import KnowledgeStore
from tests.support.fixtures_store import KNOWLEDGE, small_knowledge, store_settings


@pytest.fixture(autouse=True)
def _fresh_tables() -> None:
    forget_shipped_vectors()


def test_shipped_vectors_match_the_current_content() -> None:
    assert vectors_current(KNOWLEDGE), (
        "knowledge/ changed since the vectors were built: run `mlsd vectors`"
    )
    assert main(["vectors", "--check"]) == 0


def test_shipped_vectors_are_what_the_model_computes() -> None:
    table = read_vectors(vectors_path(KNOWLEDGE))
    texts = shipped_texts(KNOWLEDGE)
    assert len(table) == len(texts)
    sample = texts[:: max(1, len(texts) // 12)]
    expected = get_embedder().embed(sample)
    assert np.array_equal(np.vstack([table.get(t) for t in sample]), expected)


def _search_ids(store: KnowledgeStore) -> list[list[str]]:
    queries = ["very few positives", "labels arrive late", "what loss for ranking"]
    return [[h.id for h in store.search(q, k=5)] for q in queries]


def test_a_fresh_install_indexes_from_the_shipped_vectors(tmp_path: Path) -> None:
    knowledge = small_knowledge(tmp_path / "knowledge")
    build_vectors(knowledge)
    MEMO.clear()  # a new process: nothing embedded yet
    store = KnowledgeStore.open(store_settings(tmp_path / "data", knowledge))
    report = store.ensure_index()
    assert (report.added, report.embedded, report.reused) == (report.chunks, 0, report.chunks)

    # the same searches as an index whose vectors came from the model
    plain = small_knowledge(tmp_path / "plain")
    MEMO.clear()
    computed = KnowledgeStore.open(store_settings(tmp_path / "data2", plain))
    assert computed.ensure_index().embedded == report.chunks
    assert _search_ids(store) == _search_ids(computed)


def test_stale_vectors_embed_only_the_changed_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    knowledge = small_knowledge(tmp_path / "knowledge")
    build_vectors(knowledge)
    data_md = knowledge / "guidance" / "data.md"
    text = data_md.read_text(encoding="utf-8")
    head, sep, rest = text.partition("## Class imbalance\n")
    data_md.write_text(head + sep + "Zebracorn rows are rare.\n" + rest, encoding="utf-8")
    assert not vectors_current(knowledge)
    assert main(["vectors", "--check"]) == 0  # the configured (real) knowledge is unaffected
    MEMO.clear()
    store = KnowledgeStore.open(store_settings(tmp_path / "data", knowledge))
    with caplog.at_level(logging.INFO, logger="agent.knowledge"):
        report = store.ensure_index()
    assert (report.embedded, report.reused) == (1, report.chunks - 1)
    assert "not in the shipped vectors" in caplog.text
    assert store.search("zebracorn", k=1)[0].id == "guidance/data#class-imbalance"


@pytest.mark.parametrize("damage", ["garbage", "missing"])
def test_a_damaged_or_missing_file_falls_back_to_the_model(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    knowledge = small_knowledge(tmp_path / "knowledge")
    if damage == "garbage":
        path = vectors_path(knowledge)
        path.parent.mkdir(parents=True)
        path.write_bytes(b"not a numpy file")
    MEMO.clear()
    store = KnowledgeStore.open(store_settings(tmp_path / "data", knowledge))
    with caplog.at_level(logging.INFO, logger="agent.knowledge"):
        report = store.ensure_index()
    assert report.embedded == report.chunks > 0
    assert ("unreadable" if damage == "garbage" else "missing") in caplog.text
    assert store.search("very few positives", k=1)


def test_one_table_per_folder_however_it_is_named_and_a_relative_folder_follows_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from agent.knowledge.shipped import shipped_vectors

    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        (folder / "knowledge").mkdir(parents=True)
    monkeypatch.chdir(first)
    table = shipped_vectors(Path("knowledge"))
    assert shipped_vectors(first / "knowledge") is table
    assert shipped_vectors(Path("knowledge")) is table
    monkeypatch.chdir(second)
    other = shipped_vectors(Path("knowledge"))
    assert other is not table
    assert shipped_vectors(second / "knowledge") is other
    assert shipped_vectors(first / "knowledge") is table
    forget_shipped_vectors()
    assert shipped_vectors(first / "knowledge") is not table
