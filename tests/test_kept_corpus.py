"""The first search's in-memory index is kept in the data folder after its first build and read
back by later processes (agent/knowledge/kept_corpus.py): the same chunks, word counts and
vectors bit for bit, without parsing the corpus; never for a corpus, vectors file or code it
was not built from, never for content whose vectors are not shipped."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from agent.knowledge import at_hand, kept_corpus
from agent.knowledge.at_hand import ChunksAtHand
from agent.knowledge.record_vectors import MEMO
from tests.support.fixtures_store import KNOWLEDGE

QUERIES = (
    "very few positive examples",
    "labels arrive weeks after the event",
    "how do I pick a threshold for precision and recall",
    "shadow deployment and canary rollout",
)


def _copy_knowledge(root: Path) -> Path:
    knowledge = root / "knowledge"
    for part in ("guidance", "cheatsheets", "vectors"):
        shutil.copytree(KNOWLEDGE / part, knowledge / part)
    return knowledge


def _kept_files(data: Path) -> list[Path]:
    kept_corpus.wait_kept()  # the build is kept on a side thread
    folder = data.joinpath(*kept_corpus.FOLDER)
    return sorted(folder.glob("*.npz")) if folder.is_dir() else []


def _same(a: ChunksAtHand, b: ChunksAtHand) -> None:
    assert list(a.chunks) == list(b.chunks)
    assert list(a.chunks.values()) == list(b.chunks.values())
    assert a.exact.ids == b.exact.ids
    assert a.exact.metas == b.exact.metas
    assert a.exact.vectors.dtype == b.exact.vectors.dtype
    assert a.exact.vectors.tobytes() == b.exact.vectors.tobytes()
    for query in QUERIES:  # the exact floats, not near ones
        assert a.bm25.scores(query) == b.bm25.scores(query)
        assert a.bm25.coverage(query) == b.bm25.coverage(query)


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the corpus was parsed although its build was kept")

    monkeypatch.setattr(at_hand, "load_chunks", refuse)


def test_a_later_process_reads_the_kept_build_without_parsing_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = ChunksAtHand.read(KNOWLEDGE)  # no data folder: nothing kept, as before
    assert built is not None
    first = ChunksAtHand.read(KNOWLEDGE, tmp_path / "data")
    assert first is not None
    assert len(_kept_files(tmp_path / "data")) == 1
    _same(built, first)
    _no_parsing(monkeypatch)
    later = ChunksAtHand.read(KNOWLEDGE, tmp_path / "data")
    assert later is not None
    _same(built, later)


def test_a_removed_file_is_not_served_from_the_copy_kept_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    knowledge = _copy_knowledge(tmp_path)
    data = tmp_path / "data"
    before = ChunksAtHand.read(knowledge, data)
    assert before is not None and any(i.startswith("cheatsheets/imbalance#") for i in before.chunks)
    (knowledge / "cheatsheets" / "imbalance.md").unlink()
    after = ChunksAtHand.read(knowledge, data)
    assert after is not None
    assert not any(i.startswith("cheatsheets/imbalance#") for i in after.chunks)
    plain = ChunksAtHand.read(knowledge)
    assert plain is not None
    _same(plain, after)
    assert len(_kept_files(data)) == 2  # one build per corpus


def test_a_damaged_copy_only_costs_the_build(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert ChunksAtHand.read(KNOWLEDGE, data) is not None
    (kept,) = _kept_files(data)
    kept.write_bytes(b"not an archive")
    again = ChunksAtHand.read(KNOWLEDGE, data)
    plain = ChunksAtHand.read(KNOWLEDGE)
    assert again is not None and plain is not None
    _same(plain, again)


def test_content_whose_vectors_are_not_shipped_is_never_kept(tmp_path: Path) -> None:
    knowledge = _copy_knowledge(tmp_path)
    note = knowledge / "guidance" / "ledger.md"
    note.write_text(
        "---\nphase: data\ntopics: [provenance]\ntitle: Ledger notes\n---\n# Ledger notes\n\n"
        "## Row ledger\nEvery training row records the pipeline run that produced it.\n",
        encoding="utf-8",
    )
    from agent.knowledge.embedding import EMBEDDING_ID

    # this process has the note's vectors (as after indexing it), the shipped file has not
    for text in (
        "Ledger notes: Row ledger\nEvery training row records the pipeline run that produced it.",
        "Row ledger",
    ):
        MEMO.put(MEMO.key(EMBEDDING_ID, text), np.ones(384, dtype=np.float32) / np.sqrt(384))
    try:
        read = ChunksAtHand.read(knowledge, tmp_path / "data")
        assert read is not None and "guidance/ledger#row-ledger" in read.chunks
        assert _kept_files(tmp_path / "data") == []
    finally:
        MEMO.clear()


def _stub(folder: Path, name: str, age_s: float) -> Path:
    """A file in the copies' folder, last modified `age_s` seconds ago."""
    folder.mkdir(parents=True, exist_ok=True)
    stub = folder / name
    stub.write_bytes(b"an older build")
    then = time.time() - age_s
    os.utime(stub, (then, then))
    return stub


def test_older_copies_and_dead_writes_are_dropped_after_a_build_is_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = data.joinpath(*kept_corpus.FOLDER)
    for name, age in (("a.npz", 3000), ("b.npz", 2000), ("c.npz", 1000)):
        _stub(folder, name, age)
    _stub(folder, "d.123.456.tmp.npz", 7200)  # a write that never finished
    _stub(folder, "e.123.456.tmp.npz", 5)  # a write in progress
    assert ChunksAtHand.read(KNOWLEDGE, data) is not None
    names = {p.name for p in _kept_files(data)}
    (built,) = names - {"a.npz", "b.npz", "c.npz", "d.123.456.tmp.npz", "e.123.456.tmp.npz"}
    assert kept_corpus.KEEP == 3
    assert names == {built, "b.npz", "c.npz", "e.123.456.tmp.npz"}


def test_a_copy_read_lately_outlives_newer_copies_not_read(tmp_path: Path) -> None:
    knowledge = _copy_knowledge(tmp_path)
    data = tmp_path / "data"
    folder = data.joinpath(*kept_corpus.FOLDER)
    assert ChunksAtHand.read(knowledge, data) is not None
    (first,) = _kept_files(data)
    then = time.time() - 5000
    os.utime(first, (then, then))
    _stub(folder, "a.npz", 1000)
    _stub(folder, "b.npz", 500)
    assert ChunksAtHand.read(knowledge, data) is not None  # read back: in use again
    (knowledge / "cheatsheets" / "imbalance.md").unlink()
    assert ChunksAtHand.read(knowledge, data) is not None  # another corpus: a new copy
    names = {p.name for p in _kept_files(data)}
    assert first.name in names and "b.npz" in names and "a.npz" not in names
    assert len(names) == 3
