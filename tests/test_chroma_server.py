"""The store against a real `chroma run` server: index, search, and a clear error once it stops."""

from __future__ import annotations

import json
from pathlib import Path

import chromadb
import pytest
from chroma_server import chroma_server
from chromadb.config import Settings as ChromaSettings
from fixtures_store import small_knowledge

from agent.cli import main
from agent.knowledge.chroma import collection_name
from agent.knowledge.chunking import load_chunks
from agent.knowledge.store import KnowledgeStore, StoreUnavailable
from agent.phases import Phase
from agent.settings import Settings, get_settings

pytestmark = pytest.mark.real_server


def test_index_and_search_through_a_chroma_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    knowledge = small_knowledge(tmp_path / "knowledge")
    n = len(load_chunks(knowledge))
    with chroma_server(tmp_path / "chroma", tmp_path / "chroma.log") as server:
        settings = Settings(
            data_dir=tmp_path / "data",
            knowledge_dir=knowledge,
            chroma_host=server.host,
            chroma_port=server.port,
        )
        store = KnowledgeStore.open(settings)
        first = store.ensure_index()
        assert first.mode == "server" and first.added == n
        assert store.ensure_index().embedded == 0
        assert not settings.store_dir.exists()  # nothing written locally

        hits = store.search("rare positives, one in a thousand", k=3, phase=Phase.TRAINING)
        assert len(hits) == 3 and all(h.phase is Phase.TRAINING for h in hits)

        # The records live in the server: another client sees them.
        other = chromadb.HttpClient(
            host=server.host, port=server.port, settings=ChromaSettings(anonymized_telemetry=False)
        )
        assert other.get_collection(collection_name(), embedding_function=None).count() == n

        monkeypatch.setenv("MLSD_KNOWLEDGE_DIR", str(knowledge))
        monkeypatch.setenv("MLSD_CHROMA_HOST", server.host)
        monkeypatch.setenv("MLSD_CHROMA_PORT", str(server.port))
        get_settings.cache_clear()
        assert main(["search", "how do we get labels", "--json", "-k", "2"]) == 0
        rows = json.loads(capsys.readouterr().out)
        assert len(rows) == 2 and rows[0]["source"].endswith(".md")

        server.stop()
        with pytest.raises(StoreUnavailable, match=r"cannot reach the Chroma server at http://"):
            store.search("labels")
        assert main(["search", "labels"]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("mlsd: error: cannot reach the Chroma server") and "\n" not in err
        assert main(["index"]) == 2
        assert "cannot reach the Chroma server" in capsys.readouterr().err
