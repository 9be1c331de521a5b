"""Faults between the agent and a model server, against a local server that misbehaves.

For each fault: the interview goes on, the affected turn is answered offline and marked,
the transcript on disk keeps every turn, and the retries (or their absence) show in the
number of requests the server saw.

Request order in these interviews: start() = 1 voice call; each candidate turn = 1 reader
call then 1 voice call (summaries only start after ten turns).
"""

from __future__ import annotations

import itertools
import logging
from pathlib import Path

import pytest
from pydantic import SecretStr

from agent.backends.registry import make_backend
from agent.decide.clock import SimulatedClock
from agent.interview import Interview
from agent.record.transcript import Transcript, load_transcript
from agent.settings import Settings
from agent.speak.llm import INTERRUPTED_NOTICE
from tests.support.fake_openai_server import (
    DIE_MID_STREAM,
    ERROR_500,
    ERROR_503,
    INVALID_BODY,
    INVALID_OUTPUT,
    OK,
    RATE_LIMIT,
    TIMEOUT,
    FakeOpenAIServer,
    closed_port_url,
)
from tests.support.fixtures_store import shared_store

READING = {"CandidateReading": {"kind": "answer", "signals": [], "phases": ["data"]}}
TURNS = [
    "I would start from the transaction logs and the chargeback labels that arrive later.",
    "Features: amount, merchant risk, device fingerprint, and velocity over the last hour.",
]


def llm_settings(base_url: str, **extra: object) -> Settings:
    update = {
        "base_url": base_url,
        "model": "fake-model",
        "backend": "openai",
        "request_timeout": 1.0,
        "retry_base_delay": 0.05,
        "max_retries": 2,
        "circuit_cooldown": 0.0,
        **extra,
    }
    return Settings().model_copy(update=update)


def interview(settings: Settings, path: Path) -> Interview:
    return Interview(
        "fraud-detection",
        make_backend("openai", settings),
        settings=settings,
        store=shared_store(),
        clock=SimulatedClock(),
        save_path=path,
        seed=1,
    )


def play(settings: Settings, path: Path, turns: list[str] = TURNS) -> Transcript:
    iv = interview(settings, path)
    iv.start()
    for text in turns:
        iv.respond(text)
    return load_transcript(path)


def interviewer_turns(t: Transcript) -> list:
    return [x for x in t.turns if x.role == "interviewer"]


def candidate_turns(t: Transcript) -> list:
    return [x for x in t.turns if x.role == "candidate"]


def assert_complete(t: Transcript, turns: list[str] = TURNS) -> None:
    assert [x.text for x in candidate_turns(t)] == turns
    assert len(interviewer_turns(t)) == len(turns) + 1
    assert all(x.text.strip() for x in interviewer_turns(t))


@pytest.fixture
def server():
    with FakeOpenAIServer(structured=READING, hang_seconds=2.5, retry_after="0.3") as fake:
        yield fake


def test_healthy_server_every_turn_is_llm_produced_with_tokens(server, tmp_path):
    t = play(llm_settings(server.base_url), tmp_path / "t.json")
    assert_complete(t)
    assert t.backend == "openai"
    for turn in interviewer_turns(t):
        assert turn.backend == "openai" and turn.fallback is None
        assert turn.prompt_tokens and turn.completion_tokens and not turn.tokens_estimated
    for turn in candidate_turns(t):
        assert turn.backend == "openai" and turn.prompt_tokens
    assert len(server.completions()) == 1 + 2 * len(TURNS)


def test_timeout_is_retried_then_the_turn_is_answered_offline(server, tmp_path):
    server.plan(OK, OK, TIMEOUT, TIMEOUT, TIMEOUT)  # start, reader, voice x3
    t = play(llm_settings(server.base_url, request_timeout=0.5), tmp_path / "t.json")
    assert_complete(t)
    first = interviewer_turns(t)[1]
    assert first.backend == "offline" and first.fallback == "timeout after 2 retries"
    assert interviewer_turns(t)[2].backend == "openai"  # the server recovered
    assert [r.behaviour for r in server.completions()][:5] == [OK, OK] + [TIMEOUT] * 3


def test_rate_limit_waits_for_retry_after_and_then_succeeds(server, tmp_path):
    server.plan(OK, OK, RATE_LIMIT, RATE_LIMIT)  # the voice call gets two 429s, then OK
    t = play(llm_settings(server.base_url), tmp_path / "t.json")
    assert_complete(t)
    assert interviewer_turns(t)[1].backend == "openai"  # retried, not a fallback
    calls = server.completions()
    gaps = [b.at - a.at for a, b in itertools.pairwise(calls[2:5])]
    assert all(g >= 0.3 for g in gaps)  # Retry-After: 0.3 honoured each time


def test_rate_limit_that_persists_falls_back(server, tmp_path):
    server.plan(OK, RATE_LIMIT, RATE_LIMIT, RATE_LIMIT)  # the reader of turn 1
    t = play(llm_settings(server.base_url), tmp_path / "t.json")
    assert_complete(t)
    reader_turn = candidate_turns(t)[0]
    assert reader_turn.backend == "offline"
    assert reader_turn.fallback == "rate limited (HTTP 429) after 2 retries"
    assert interviewer_turns(t)[1].backend == "openai"


@pytest.mark.parametrize("status", [ERROR_500, ERROR_503])
def test_server_errors_back_off_then_fall_back(server, tmp_path, status):
    server.plan(OK, OK, status, status, status)
    t = play(llm_settings(server.base_url), tmp_path / "t.json")
    assert_complete(t)
    assert interviewer_turns(t)[1].fallback == f"server error (HTTP {status}) after 2 retries"
    calls = server.completions()
    assert calls[3].at - calls[2].at >= 0.025 and calls[4].at - calls[3].at >= 0.05  # backoff


def test_connection_refused_runs_the_whole_interview_offline(tmp_path):
    settings = llm_settings(closed_port_url(), circuit_cooldown=30.0)
    iv = interview(settings, tmp_path / "t.json")
    iv.start()
    for text in TURNS:
        iv.respond(text)
    recap = iv.finish()
    t = load_transcript(tmp_path / "t.json")
    assert t.status == "finished" and t.recap == recap
    assert [x.text for x in candidate_turns(t)] == TURNS
    for turn in interviewer_turns(t):
        assert turn.backend == "offline" and turn.fallback
    first = interviewer_turns(t)[0].fallback
    assert first == "connection error after 2 retries"
    # the breaker is open after that: later turns go offline without waiting on the network
    assert interviewer_turns(t)[1].fallback.startswith("model unavailable")
    assert all("offline score" in d.feedback for d in recap.dimensions)


def test_invalid_json_body_is_retried_then_falls_back(server, tmp_path):
    server.plan(OK, INVALID_BODY, INVALID_BODY, INVALID_BODY)
    t = play(llm_settings(server.base_url), tmp_path / "t.json")
    assert_complete(t)
    assert candidate_turns(t)[0].fallback == "malformed response after 2 retries"
    assert interviewer_turns(t)[1].backend == "openai"


def test_invalid_structured_output_is_repaired_once_then_falls_back(server, tmp_path):
    server.plan(OK, INVALID_OUTPUT, INVALID_OUTPUT)
    t = play(llm_settings(server.base_url), tmp_path / "t.json")
    assert_complete(t)
    fallback = candidate_turns(t)[0].fallback
    assert fallback.startswith("invalid structured output after repair")
    calls = server.completions()
    assert [c.behaviour for c in calls[1:3]] == [INVALID_OUTPUT, INVALID_OUTPUT]
    assert calls[3].behaviour == OK and "tools" not in calls[3].body  # then on to the voice
    # the repair round showed the model its own reply and the validation error
    repair = calls[2].body["messages"]
    assert len(repair) == len(calls[1].body["messages"]) + 2
    assert "kind" in repair[-1]["content"]


def test_repaired_output_is_used(server, tmp_path):
    server.plan(OK, INVALID_OUTPUT, OK)
    t = play(llm_settings(server.base_url), tmp_path / "t.json")
    assert candidate_turns(t)[0].backend == "openai" and candidate_turns(t)[0].fallback is None


def test_server_dying_mid_stream_finishes_the_turn_offline(server, tmp_path):
    server.plan(OK, OK, DIE_MID_STREAM)
    path = tmp_path / "t.json"
    iv = interview(llm_settings(server.base_url), path)
    iv.start()
    chunks = list(iv.respond_stream(TURNS[0]))
    shown = "".join(chunks)
    assert shown.startswith("Thanks,") and INTERRUPTED_NOTICE in shown
    iv.respond(TURNS[1])
    t = load_transcript(path)
    assert_complete(t)
    cut = interviewer_turns(t)[1]
    assert cut.fallback == "stream interrupted: connection lost" and cut.backend == "offline"
    # the saved text is the offline rendering that followed the notice, not the half reply
    assert cut.text == shown.split(INTERRUPTED_NOTICE, 1)[1].strip()
    assert "Thanks," not in cut.text
    assert len(server.completions()) == 5  # no retry once tokens were shown


def test_api_key_is_sent_but_never_saved_or_logged(server, tmp_path, caplog):
    secret = "sk-test-DO-NOT-LEAK-4f2a9c"
    settings = llm_settings(server.base_url, api_key=SecretStr(secret))
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "t.json"
    iv = interview(settings, path)
    iv.start()
    server.plan(OK, TIMEOUT, TIMEOUT, TIMEOUT)  # failures get logged too
    iv.respond(TURNS[0])
    iv.finish()
    assert server.completions()[0].headers.get("authorization") == f"Bearer {secret}"
    assert secret not in path.read_text(encoding="utf-8")
    assert secret not in caplog.text
    assert secret not in repr(iv.backend) and secret not in repr(settings)
