"""Retry policy, fault classification, the breaker and streaming retries (fake models)."""

from __future__ import annotations

import random

import httpx
import pytest
from langchain_core.messages import HumanMessage

from agent.backends.llm.client import StreamInterrupted
from agent.backends.llm.faults import ModelFailure, classify
from agent.backends.llm.retry import CircuitBreaker, RetryPolicy
from tests.support.llm_fakes import (
    StreamBreak,
    bad_request,
    fake_client,
    rate_limited,
    reply,
    scripted,
    server_error,
    timeout,
)

MESSAGES = [HumanMessage(content="hello")]


def test_faults_are_classified():
    assert classify(timeout()).retryable
    limited = classify(rate_limited("3"))
    assert limited.retryable and limited.retry_after == 3.0
    assert classify(server_error(503)).retryable
    assert not classify(bad_request(400)).retryable
    assert not classify(bad_request(401)).retryable
    assert classify(httpx.ConnectError("refused")).retryable


def test_backoff_grows_exponentially_with_jitter_and_honours_retry_after():
    policy = RetryPolicy(max_retries=3, base_delay=1.0, max_delay=8.0, rng=random.Random(1))
    fault = classify(server_error())
    delays = [policy.backoff(i, fault) for i in range(3)]
    assert 0.5 <= delays[0] <= 1.0 and 1.0 <= delays[1] <= 2.0 and 2.0 <= delays[2] <= 4.0
    assert policy.backoff(3, fault) is None  # retries used up
    assert 2.0 <= policy.backoff(0, classify(rate_limited("2"))) <= 2.2
    assert policy.backoff(0, classify(rate_limited("600"))) is None  # too long: go offline
    assert policy.backoff(0, classify(bad_request())) is None


def test_transient_errors_are_retried_until_success():
    chat = scripted(timeout(), server_error(502), reply("ok"))
    text, _ = fake_client(chat, retries=2).invoke(MESSAGES, role="voice")
    assert text == "ok" and len(chat.calls) == 3


def test_retries_are_bounded_and_the_reason_is_short():
    chat = scripted(timeout(), timeout(), timeout(), reply("never"))
    with pytest.raises(ModelFailure) as info:
        fake_client(chat, retries=2).invoke(MESSAGES, role="voice")
    assert info.value.reason == "timeout after 2 retries"
    assert len(chat.calls) == 3


def test_client_errors_other_than_429_are_not_retried():
    chat = scripted(bad_request(401), reply("never"))
    with pytest.raises(ModelFailure, match="HTTP 401"):
        fake_client(chat).invoke(MESSAGES, role="voice")
    assert len(chat.calls) == 1


def test_the_breaker_sends_later_calls_offline_at_once():
    chat = scripted(server_error(), server_error(), reply("unused"))
    client = fake_client(chat, retries=1, cooldown=60.0)
    with pytest.raises(ModelFailure):
        client.invoke(MESSAGES, role="reader")
    with pytest.raises(ModelFailure, match="model unavailable"):
        client.invoke(MESSAGES, role="voice")
    assert len(chat.calls) == 2  # the second call never reached the model


def test_the_breaker_closes_after_its_cooldown():
    now = [0.0]
    breaker = CircuitBreaker(cooldown=10.0, clock=lambda: now[0])
    breaker.trip("timeout")
    with pytest.raises(ModelFailure):
        breaker.check()
    now[0] = 10.5
    breaker.check()


def test_stream_retries_before_the_first_token():
    chat = scripted(server_error(), reply("hello there", 20, 2))
    chunks = list(fake_client(chat).stream(MESSAGES, role="voice"))
    assert "".join(c.text for c in chunks) == "hello there"
    assert len(chat.calls) == 2


def test_stream_failure_after_tokens_is_an_interruption_not_a_retry():
    chat = scripted(StreamBreak("half a sen"), reply("unused"))
    seen = []
    with pytest.raises(StreamInterrupted, match="stream interrupted: connection lost"):
        for chunk in fake_client(chat).stream(MESSAGES, role="voice"):
            seen.append(chunk.text)
    assert "".join(seen) == "half a sen" and len(chat.calls) == 1
