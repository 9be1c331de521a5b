"""One handle on a chat model: retries, the breaker, structured output and token accounting.

Reader, voice, summariser and grader of one backend share a client, so a dead server found
by one of them sends the others offline at once (the breaker) instead of each waiting on it.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessageChunk, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel

from agent.backends.llm.faults import InvalidOutput, ModelFailure, classify
from agent.backends.llm.prompts import PromptLibrary
from agent.backends.llm.retry import CircuitBreaker, Retrier, RetryPolicy
from agent.backends.llm.structured import Method, bind_structured, parse_reply, repair_messages
from agent.backends.llm.usage import TokenUsage, UsageLedger, stream_usage, usage_of

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)


class StreamInterrupted(ModelFailure):
    """The reply had started streaming when the connection or server failed."""


class LLMClient:
    def __init__(
        self,
        chat: BaseChatModel,
        *,
        model: str,
        method: Method,
        prompts: PromptLibrary,
        policy: RetryPolicy | None = None,
        breaker: CircuitBreaker | None = None,
        max_tokens_in_body: bool = False,
    ) -> None:
        self.chat = chat
        self.model = model
        self.method = method
        self.prompts = prompts
        self.retrier = Retrier(policy or RetryPolicy(), breaker or CircuitBreaker())
        self.ledger = UsageLedger()
        # langchain-openai sends max_tokens as max_completion_tokens, which llama.cpp's server
        # ignores (it then generates until the context is full): send max_tokens in the body.
        self.max_tokens_in_body = max_tokens_in_body
        # the chat model bound to each reply schema, built once (a schema is built per card
        # and rubric, and binding converts it to a tool or a response format every time)
        self._bindings: dict[tuple[str, type[BaseModel]], tuple[BaseChatModel, Any]] = {}

    def _bound(self, schema: type[BaseModel]) -> Any:
        key = (self.method, schema)
        found = self._bindings.get(key)
        if found is None or found[0] is not self.chat:
            found = (self.chat, bind_structured(self.chat, self.method, schema))
            self._bindings[key] = found
        return found[1]

    def _kw(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        if not self.max_tokens_in_body or "max_tokens" not in kwargs:
            return kwargs
        kwargs = dict(kwargs)
        limit = kwargs.pop("max_tokens")
        kwargs["extra_body"] = {**kwargs.get("extra_body", {}), "max_tokens": limit}
        return kwargs

    # -- plain text -------------------------------------------------------------------------
    def invoke(
        self, messages: list[BaseMessage], *, role: str, **kwargs: Any
    ) -> tuple[str, TokenUsage]:
        kwargs = self._kw(kwargs)
        reply = self.retrier.call(lambda: self.chat.invoke(messages, **kwargs), role)
        usage = usage_of(reply)
        self.ledger.add(role, usage)
        return _text(reply), usage

    def stream(
        self, messages: list[BaseMessage], *, role: str, **kwargs: Any
    ) -> Iterator[AIMessageChunk]:
        """Stream chunks. Failures before the first chunk are retried; after it they raise
        StreamInterrupted (what was shown cannot be taken back, so the caller decides)."""
        self.retrier.breaker.check()
        kwargs = self._kw(kwargs)
        attempt = 0
        usage = TokenUsage(calls=1)
        while True:
            started = False
            try:
                for chunk in self.chat.stream(messages, **kwargs):
                    started = started or bool(chunk.text)  # a role-only chunk shows nothing
                    usage = stream_usage(usage, chunk)
                    yield chunk
            except Exception as exc:
                fault = classify(exc)
                if started:
                    self.retrier.breaker.trip(fault.reason)
                    self.ledger.add(role, usage)
                    raise StreamInterrupted(f"stream interrupted: {fault.reason}") from exc
                delay = self.retrier.policy.backoff(attempt, fault)
                if delay is None:
                    raise self.retrier.fail(fault, attempt + 1) from exc
                log.info("%s failed (%s), attempt %d", role, fault.reason, attempt + 1)
                time.sleep(delay)
                attempt += 1
                continue
            self.retrier.breaker.reset()
            self.ledger.add(role, usage)
            return

    # -- structured -------------------------------------------------------------------------
    def structured(
        self, messages: list[BaseMessage], schema: type[M], *, role: str, **kwargs: Any
    ) -> tuple[M, TokenUsage]:
        messages = self._with_schema_hint(messages, schema)
        runnable = self._bound(schema)
        kwargs = self._kw(kwargs)
        usage = TokenUsage()
        reply = self.retrier.call(lambda: runnable.invoke(messages, **kwargs), role)
        usage += usage_of(reply)
        try:
            return parse_reply(reply, self.method, schema), self._spent(role, usage)
        except InvalidOutput as first:
            error = str(first)
        fixed = repair_messages(messages, reply, self.method, error, self._repair_text())
        reply = self.retrier.call(lambda: runnable.invoke(fixed, **kwargs), role)
        usage += usage_of(reply)
        self._spent(role, usage)
        try:
            return parse_reply(reply, self.method, schema), usage
        except InvalidOutput as second:
            raise ModelFailure(f"invalid structured output after repair: {second}") from None

    async def astructured(
        self, messages: list[BaseMessage], schema: type[M], *, role: str, **kwargs: Any
    ) -> tuple[M, TokenUsage]:
        messages = self._with_schema_hint(messages, schema)
        runnable = self._bound(schema)
        kwargs = self._kw(kwargs)
        usage = TokenUsage()
        reply = await self.retrier.acall(lambda: runnable.ainvoke(messages, **kwargs), role)
        usage += usage_of(reply)
        try:
            return parse_reply(reply, self.method, schema), self._spent(role, usage)
        except InvalidOutput as first:
            error = str(first)
        fixed = repair_messages(messages, reply, self.method, error, self._repair_text())
        reply = await self.retrier.acall(lambda: runnable.ainvoke(fixed, **kwargs), role)
        usage += usage_of(reply)
        self._spent(role, usage)
        try:
            return parse_reply(reply, self.method, schema), usage
        except InvalidOutput as second:
            raise ModelFailure(f"invalid structured output after repair: {second}") from None

    # -- internals --------------------------------------------------------------------------
    def _spent(self, role: str, usage: TokenUsage) -> TokenUsage:
        self.ledger.add(role, usage)
        return usage

    def _repair_text(self) -> str:
        return self.prompts.render("repair")

    def _with_schema_hint(
        self, messages: list[BaseMessage], schema: type[BaseModel]
    ) -> list[BaseMessage]:
        """json_mode servers other than llama.cpp ignore the schema: spell it out as well."""
        if self.method != "json_mode":
            return messages
        hint = self.prompts.render(
            "json_reply", schema=json.dumps(schema.model_json_schema(), separators=(",", ":"))
        )
        first, rest = messages[0], messages[1:]
        if isinstance(first, SystemMessage):
            return [SystemMessage(content=f"{_text(first)}\n\n{hint}"), *rest]
        return [*messages, HumanMessage(content=hint)]


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content)
    return str(content or "")
