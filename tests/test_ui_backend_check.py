"""What the page says when the chosen model backend cannot run, or a turn fell back offline.

Real local servers only: a fake OpenAI-compatible server that answers, and a port where
nothing listens. The browser flows are in tests/test_ui_flows.py.
"""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from agent.content.phases import Phase
from agent.record.transcript import Turn
from agent.settings import Settings
from tests.support.fake_openai_server import FakeOpenAIServer, closed_port_url
from ui.components.backend_check import BackendProblem, check, fallback_notice


def _openai(**kw: object) -> Settings:
    values = {"backend": "openai", "api_key": None, "base_url": None, **kw}
    return Settings().model_copy(update=values)


def test_offline_needs_nothing() -> None:
    check(Settings().model_copy(update={"backend": "offline", "api_key": None}))


def test_no_key_and_no_server_is_one_line_with_the_way_back() -> None:
    with pytest.raises(BackendProblem) as caught:
        check(_openai())
    message = str(caught.value)
    assert "API key" in message and "offline" in message and "\n" not in message


def test_a_dead_server_is_named_with_the_reason() -> None:
    url = closed_port_url()
    with pytest.raises(BackendProblem) as caught:
        check(_openai(base_url=url))
    assert url in str(caught.value) and "connection refused" in str(caught.value)


def test_a_typo_in_the_scheme_is_caught_before_any_request() -> None:
    with pytest.raises(BackendProblem, match="not an http"):
        check(_openai(base_url="127.0.0.1:8080/v1"))


def test_a_server_that_answers_passes_even_without_a_key() -> None:
    with FakeOpenAIServer() as server:
        check(_openai(base_url=server.base_url))
        check(_openai(base_url=server.base_url, api_key=SecretStr("sk-typed")))


def _turn(role: str, fallback: str | None) -> Turn:
    return Turn(role=role, text="…", phase=Phase.CLARIFY, elapsed_minutes=1.0, fallback=fallback)


def test_fallback_notices_say_offline_and_why() -> None:
    reply = fallback_notice(_turn("interviewer", "model unavailable (connection error)"))
    assert reply is not None and reply.startswith("Answered offline") and "connection" in reply
    read = fallback_notice(_turn("candidate", "server error (HTTP 500)"))
    assert read is not None and read.startswith("Read offline") and "HTTP 500" in read


def test_notes_that_are_not_about_the_model_get_no_offline_notice() -> None:
    assert fallback_notice(_turn("interviewer", None)) is None
    assert fallback_notice(_turn("interviewer", "no guidance: store down")) is None
    assert fallback_notice(_turn("interviewer", "reply interrupted")) is None
