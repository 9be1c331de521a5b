"""Chat requests skip the openai SDK's walk over its request types (agent/backends/llm/wire.py)
and still send the body langchain built, with the SDK's own options and headers."""

from __future__ import annotations

import asyncio

import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import SecretStr

from agent.backends.llm import wire
from agent.backends.llm.chat import build_chat_model
from agent.settings import Settings
from tests.support.fake_openai_server import FakeOpenAIServer

MESSAGES = [SystemMessage(content="Be brief."), HumanMessage(content="Scale?")]
# headers the SDK sets per call (a retry count, a timeout echo): not part of the request
PER_CALL = {"x-stainless-retry-count", "x-stainless-read-timeout"}


def _chat(server: FakeOpenAIServer, **extra: object):
    settings = Settings(base_url=server.base_url, model="m", api_key=SecretStr("k"))
    return build_chat_model(settings.model_copy(update=extra))


def _sdk_walk_forbidden(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The SDK's body walk raises when called; returns the bodies it was asked to walk."""
    from openai.resources.chat.completions import completions

    walked: list[object] = []

    def walk(data: object, expected_type: object) -> object:
        walked.append(data)
        raise AssertionError("the SDK walked a plain request body")

    monkeypatch.setattr(completions, "maybe_transform", walk)
    monkeypatch.setattr(completions, "async_maybe_transform", walk)
    return walked


def test_a_streamed_reply_sends_the_body_as_built_without_the_sdk_walk(monkeypatch):
    _sdk_walk_forbidden(monkeypatch)
    with FakeOpenAIServer(text="Fifty a second.") as server:
        chat = _chat(server, temperature=0.3)
        text = "".join(c.text for c in chat.stream(MESSAGES, stop=["\nUser:"]))
        body = server.completions()[0].body
    assert text == "Fifty a second."
    assert body == {
        "model": "m",
        "stream": True,
        "stream_options": {"include_usage": True},
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Scale?"},
        ],
        "temperature": 0.3,
        "stop": ["\nUser:"],
    }


def test_extra_body_and_headers_go_where_the_sdk_puts_them(monkeypatch):
    _sdk_walk_forbidden(monkeypatch)
    with FakeOpenAIServer(text="ok") as server:
        chat = _chat(server)
        chat.invoke(MESSAGES, extra_body={"max_tokens": 7}, extra_headers={"x-trace": "t1"})
        request = server.completions()[0]
    assert request.body["max_tokens"] == 7  # merged into the body, not a key of its own
    assert "extra_body" not in request.body and "extra_headers" not in request.body
    assert request.headers["x-trace"] == "t1"
    assert request.headers["authorization"] == "Bearer k"


def test_the_async_client_skips_the_walk_too(monkeypatch):
    _sdk_walk_forbidden(monkeypatch)
    with FakeOpenAIServer(text="async ok") as server:
        reply = asyncio.run(_chat(server).ainvoke(MESSAGES))
        assert server.completions()[0].body["messages"][1] == {"role": "user", "content": "Scale?"}
    assert reply.content == "async ok"


def test_a_body_with_other_than_json_values_goes_through_the_sdk():
    with FakeOpenAIServer(text="ok") as server:
        chat = _chat(server)
        chat.client.create(model="m", messages=({"role": "user", "content": "hi"},))
        body = server.completions()[0].body
    assert body["messages"] == [{"role": "user", "content": "hi"}]  # the SDK made it a list


def test_the_same_request_as_the_sdk_would_send():
    params = {
        "model": "m",
        "messages": [{"role": "user", "content": "Which features?"}],
        "tools": [{"type": "function", "function": {"name": "R", "parameters": {}}}],
        "tool_choice": {"type": "function", "function": {"name": "R"}},
        "temperature": 0,
        "extra_body": {"max_tokens": 30},
    }
    with FakeOpenAIServer(structured={"R": {}}) as server:
        chat = _chat(server)
        chat.root_client.chat.completions.create(**params)  # the SDK's own path
        chat.client.create(**params)
        sdk, ours = server.completions()
    assert ours.body == sdk.body
    assert {k: v for k, v in ours.headers.items() if k not in PER_CALL} == {
        k: v for k, v in sdk.headers.items() if k not in PER_CALL
    }


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        ({"a": [1, 2.5, "x", None, True, {"b": []}]}, True),
        ({"a": (1, 2)}, False),
        ({"a": {1: "x"}}, False),
        ({"a": iter([1])}, False),
        ({"a": SecretStr("k")}, False),
    ],
)
def test_plain_json_is_json_own_types_only(value, plain):
    assert wire.plain_json(value) is plain
