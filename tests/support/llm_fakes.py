"""langchain_core fake chat models, extended just enough for the LLM unit tests.

`ScriptedChatModel` is GenericFakeChatModel that also: records each call's messages and
kwargs (so tests can see the structured-output method that was used), accepts bind_tools
(the base fake does not), raises exceptions placed in its script, streams usage metadata on
the last chunk, and can break a stream half-way (`StreamBreak`). Nothing reaches a network.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import openai
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

from agent.backends.llm.client import LLMClient
from agent.backends.llm.prompts import llm_prompts
from agent.backends.llm.retry import CircuitBreaker, RetryPolicy
from agent.settings import Settings

_REQUEST = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")


@dataclass
class StreamBreak:
    """Stream `text`, then fail as if the server died."""

    text: str


def usage(prompt: int, completion: int) -> dict[str, int]:
    return {
        "input_tokens": prompt,
        "output_tokens": completion,
        "total_tokens": prompt + completion,
    }


def reply(text: str, prompt: int = 10, completion: int = 5) -> AIMessage:
    return AIMessage(content=text, usage_metadata=usage(prompt, completion))  # type: ignore[arg-type]


def tool_reply(name: str, args: dict[str, Any], prompt: int = 10, completion: int = 5) -> AIMessage:
    return AIMessage(
        content="",
        tool_calls=[{"name": name, "args": args, "id": "call_1", "type": "tool_call"}],
        usage_metadata=usage(prompt, completion),  # type: ignore[arg-type]
    )


def json_reply(data: dict[str, Any]) -> AIMessage:
    return reply(json.dumps(data))


def rate_limited(retry_after: str = "0") -> openai.RateLimitError:
    response = httpx.Response(429, headers={"retry-after": retry_after}, request=_REQUEST)
    return openai.RateLimitError("rate limited", response=response, body=None)


def server_error(status: int = 503) -> openai.InternalServerError:
    response = httpx.Response(status, request=_REQUEST)
    return openai.InternalServerError("unavailable", response=response, body=None)


def bad_request(status: int = 400) -> openai.BadRequestError:
    response = httpx.Response(status, request=_REQUEST)
    return openai.BadRequestError("bad request", response=response, body=None)


def timeout() -> openai.APITimeoutError:
    return openai.APITimeoutError(request=_REQUEST)


class ScriptedChatModel(GenericFakeChatModel):
    calls: list[dict[str, Any]] = Field(default_factory=list)

    def _next(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> Any:
        self.calls.append({"messages": list(messages), "kwargs": dict(kwargs)})
        item = next(self.messages)
        if isinstance(item, BaseException):
            raise item
        return item

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:  # type: ignore[override]
        item = self._next(messages, kwargs)
        if isinstance(item, StreamBreak):
            raise AssertionError("StreamBreak is for stream() only")
        message = AIMessage(content=item) if isinstance(item, str) else item
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self, messages, stop=None, run_manager=None, **kwargs
    ) -> Iterator[ChatGenerationChunk]:  # type: ignore[override]
        item = self._next(messages, kwargs)
        broken = isinstance(item, StreamBreak)
        message = (
            AIMessage(content=item.text if broken else item)
            if isinstance(item, str | StreamBreak)
            else item
        )
        tokens = [t for t in re.split(r"(\s)", str(message.content)) if t]
        for token in tokens:
            yield ChatGenerationChunk(message=AIMessageChunk(content=token))
        if broken:
            raise httpx.RemoteProtocolError("peer closed connection without sending complete body")
        if getattr(message, "usage_metadata", None):
            yield ChatGenerationChunk(
                message=AIMessageChunk(content="", usage_metadata=message.usage_metadata)
            )

    def bind_tools(self, tools, *, tool_choice=None, **kwargs):  # type: ignore[override]
        formatted = [convert_to_openai_tool(t) for t in tools]
        return self.bind(tools=formatted, tool_choice=tool_choice, **kwargs)


class FunctionChatModel(ScriptedChatModel):
    """Replies computed from the request (thread-safe; for calls made concurrently)."""

    respond: Callable[[list[BaseMessage], dict[str, Any]], Any]
    messages: Iterator[AIMessage | str] = Field(default_factory=lambda: iter(()))
    lock: Any = Field(default_factory=threading.Lock)

    def _next(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> Any:
        with self.lock:
            self.calls.append({"messages": list(messages), "kwargs": dict(kwargs)})
        item = self.respond(list(messages), dict(kwargs))
        if isinstance(item, BaseException):
            raise item
        return item


def scripted(*items: Any) -> ScriptedChatModel:
    return ScriptedChatModel(messages=iter(items))


def fake_client(
    chat: ScriptedChatModel,
    method: str = "function_calling",
    *,
    retries: int = 2,
    cooldown: float = 0.0,
) -> LLMClient:
    return LLMClient(
        chat,
        model="fake-model",
        method=method,  # type: ignore[arg-type]
        prompts=llm_prompts(Settings().prompts_dir),
        policy=RetryPolicy(max_retries=retries, base_delay=0.001, max_delay=0.01),
        breaker=CircuitBreaker(cooldown=cooldown),
    )
