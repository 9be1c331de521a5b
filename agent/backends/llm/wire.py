"""Chat completion requests sent as built, without the SDK's per-call walk over its types.

The openai SDK's `chat.completions.create` passes every request body through
`maybe_transform`, which walks the body against the request's TypedDicts (each message
against every message type of the union, `get_type_hints` on each), to rename aliased keys
and format dates or files. The chat request types have no aliases or formats, so for a body
of plain JSON values (what langchain-openai builds: dicts, lists, strings, numbers) the walk
returns the body unchanged minus the omitted keys, yet it cost about as much CPU as the
rest of an LLM turn's own work. These resources send that same body straight away; a body
holding anything else (a pydantic object, a tuple, a generator) goes through the SDK's
`create` as before. Everything past the body (options, retries off, errors, streaming,
parsing of the reply) is the SDK's own `_post`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai import AsyncOpenAI, AsyncStream, OpenAI, Stream
from openai._base_client import make_request_options
from openai.resources.chat.completions import AsyncCompletions, Completions
from openai.resources.chat.completions.completions import validate_response_format
from openai.types.chat import ChatCompletion, ChatCompletionChunk

# create()'s arguments that configure the request rather than go into its body
_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout")


def plain_json(value: object) -> bool:
    """Whether a value is made of JSON's own types only (what the SDK's walk leaves alone)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and plain_json(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain_json(v) for v in value)
    return False


def _split(params: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(body, options) of a create() call, or None when the body needs the SDK's walk."""
    body = {k: v for k, v in params.items() if k not in _OPTIONS}
    if not plain_json(body):
        return None
    options = {k: params[k] for k in _OPTIONS if k in params}
    validate_response_format(body.get("response_format"))
    return body, options


def _request_options(options: dict[str, Any]) -> Any:
    return make_request_options(**options, security={"bearer_auth": True})


class DirectCompletions(Completions):
    """`chat.completions` of a sync client whose plain bodies skip the SDK's walk."""

    def create(self, **params: Any) -> Any:
        split = _split(params)
        if split is None:
            return super().create(**params)
        body, options = split
        return self._post(
            "/chat/completions",
            body=body,
            options=_request_options(options),
            cast_to=ChatCompletion,
            stream=bool(body.get("stream")),
            stream_cls=Stream[ChatCompletionChunk],
        )


class AsyncDirectCompletions(AsyncCompletions):
    """`chat.completions` of an async client whose plain bodies skip the SDK's walk."""

    async def create(self, **params: Any) -> Any:
        split = _split(params)
        if split is None:
            return await super().create(**params)
        body, options = split
        return await self._post(
            "/chat/completions",
            body=body,
            options=_request_options(options),
            cast_to=ChatCompletion,
            stream=bool(body.get("stream")),
            stream_cls=AsyncStream[ChatCompletionChunk],
        )


def direct(root: OpenAI) -> DirectCompletions:
    return DirectCompletions(root)


def async_direct(root: AsyncOpenAI) -> AsyncDirectCompletions:
    return AsyncDirectCompletions(root)
