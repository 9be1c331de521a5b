"""The retrieval store's commands: `mlsd search` and `mlsd index` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.cli import main
from agent.knowledge.chunking import load_chunks
from agent.settings import get_settings
from tests.support.fixtures_store import (
    refuse_chroma_default_embedding,
    shared_store,
    small_knowledge,
)
from tests.support.streamlit_server import free_port


@pytest.fixture(autouse=True)
def _chroma_default_embedding_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_chroma_default_embedding(monkeypatch)


def test_cli_search_json_shape(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    store = shared_store()
    monkeypatch.setenv("MLSD_DATA_DIR", str(store.settings.data_dir))
    get_settings.cache_clear()
    assert main(["search", "very few positive examples", "--json", "-k", "3"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3
    for row in rows:
        assert set(row) == {"id", "source", "phase", "topics", "text", "score"}
        assert isinstance(row["topics"], list) and isinstance(row["score"], float)
    assert any("imbalance" in r["id"] for r in rows)

    assert main(["search", "serving latency", "--phase", "deployment", "--json"]) == 0
    assert {r["phase"] for r in json.loads(capsys.readouterr().out)} == {"deployment"}

    assert main(["search", "very few positive examples", "-k", "2"]) == 0
    out = capsys.readouterr().out
    assert "guidance/" in out or "cheatsheets/" in out


def test_cli_index_reports_what_it_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    knowledge = small_knowledge(tmp_path / "knowledge")
    monkeypatch.setenv("MLSD_KNOWLEDGE_DIR", str(knowledge))
    get_settings.cache_clear()
    n = len(load_chunks(knowledge))
    assert main(["index", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["added"], report["embedded"] + report["reused"]) == (n, n)
    assert report["mode"] == "persistent"
    assert main(["index"]) == 0
    assert f"unchanged {n}; embedded 0" in capsys.readouterr().out


def test_cli_unreachable_server_is_one_clear_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("MLSD_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("MLSD_CHROMA_PORT", str(free_port()))  # nothing listens there
    get_settings.cache_clear()
    for argv in (["search", "imbalance"], ["index"]):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("mlsd: error: cannot reach the Chroma server at http://127.0.0.1:")
        assert "\n" not in err and "Traceback" not in err
