"""The store against a real `chroma run` server: index, search, and a clear error once it stops."""

from __future__ import annotations

import json
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from agent.cli import main
from agent.content.phases import Phase
from agent.decide.clock import SimulatedClock
from agent.interview import Interview
from agent.knowledge.chroma import collection_name
from agent.knowledge.chunking import load_chunks
from agent.knowledge.store import KnowledgeStore, StoreUnavailable
from agent.record.transcript import load_transcript
from agent.settings import Settings, get_settings
from tests.support.chroma_server import chroma_server
from tests.support.fixtures_store import shared_store, small_knowledge

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
        records = n + sum(len(c.asks) for c in load_chunks(knowledge))  # chunks + asks
        assert other.get_collection(collection_name(), embedding_function=None).count() == records

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


def test_a_whole_interview_on_a_chroma_server_survives_the_server_stopping(
    tmp_path: Path,
) -> None:
    shared_store()  # vectors of the real corpus are then reused, not recomputed
    with chroma_server(tmp_path / "chroma", tmp_path / "chroma.log") as server:
        settings = Settings(
            data_dir=tmp_path / "data", chroma_host=server.host, chroma_port=server.port
        )
        save = tmp_path / "interview.json"
        iv = Interview(
            "fraud-detection",
            "offline",
            settings=settings,
            clock=SimulatedClock(),
            seed=1,
            save_path=save,
        )
        iv.start()
        for text in TURNS:
            assert iv.respond(text).strip()
        grounded = [t for t in iv.transcript.turns if t.role == "interviewer" and t.retrieved]
        assert grounded, "no turn was grounded in guidance from the server"
        served = chromadb.HttpClient(
            host=server.host, port=server.port, settings=ChromaSettings(anonymized_telemetry=False)
        ).get_collection(collection_name(), embedding_function=None)
        ids = {i for t in grounded for i in t.retrieved}
        assert set(served.get(ids=sorted(ids))["ids"]) == ids

        server.stop()
        before = len(iv.transcript.turns)
        reply = iv.respond("I would use gradient boosted trees on transaction features.")
        assert reply.strip()  # the interview goes on without guidance
        assert len(iv.transcript.turns) == before + 2
        assert load_transcript(save).turns[-1].text == iv.transcript.turns[-1].text


TURNS = [
    "What is the business goal, and how many transactions per second do we handle?",
    "How do we get labels, and how rare is fraud?",
    "I would frame it as binary classification of each transaction, scored in real time.",
    "Training data comes from transaction logs joined with chargebacks as labels.",
]
