"""Structured output that works on servers with different abilities.

Three methods, chosen per server (Settings.structured_method; `auto` picks one):
- function_calling: one forced tool call whose arguments are the object. llama.cpp, vLLM,
  Ollama and LM Studio honour a forced tool choice; this is the default for custom base URLs.
- json_mode: `response_format: {"type": "json_object", "schema": ...}`. llama.cpp's server
  turns the schema into a grammar; other servers at least return JSON, and the schema is
  also spelled out in the prompt.
- json_schema: `response_format: {"type": "json_schema", ...}` (api.openai.com). Rejected by
  llama-cpp-python's server, so never the default for a custom base URL.

The reply is validated with pydantic. An invalid reply gets one repair round (the
validation error is fed back); after that the caller falls back to its offline twin.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal, TypeVar

from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import Runnable
from pydantic import BaseModel, ValidationError

from agent.backends.llm.faults import InvalidOutput

Method = Literal["json_schema", "json_mode", "function_calling"]
M = TypeVar("M", bound=BaseModel)

OPENAI_HOSTS = ("api.openai.com",)


def is_openai(base_url: str | None) -> bool:
    return base_url is None or any(host in base_url for host in OPENAI_HOSTS)


def resolve_method(configured: str, base_url: str | None) -> Method:
    """The method to use for a server: explicit setting, else by who the server is."""
    if configured in ("json_schema", "json_mode", "function_calling"):
        return configured  # type: ignore[return-value]
    return "json_schema" if is_openai(base_url) else "function_calling"


def tool_name(schema: type[BaseModel]) -> str:
    return schema.__name__


def bind_structured(
    chat: BaseChatModel, method: Method, schema: type[BaseModel]
) -> Runnable[LanguageModelInput, BaseMessage]:
    """The chat model bound so that its reply carries the object in the chosen way."""
    if method == "function_calling":
        return chat.bind_tools([schema], tool_choice=tool_name(schema))
    json_schema = schema.model_json_schema()
    if method == "json_mode":
        return chat.bind(response_format={"type": "json_object", "schema": json_schema})
    return chat.bind(
        response_format={
            "type": "json_schema",
            "json_schema": {"name": tool_name(schema), "schema": json_schema, "strict": False},
        }
    )


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


def raw_payload(message: BaseMessage, method: Method) -> str:
    """The text the object should be in (tool arguments or content), for parsing and repair."""
    if method == "function_calling" and isinstance(message, AIMessage):
        if message.tool_calls:
            return json.dumps(message.tool_calls[0]["args"])
        if message.invalid_tool_calls:
            return str(message.invalid_tool_calls[0].get("args") or "")
    content = message.content
    if isinstance(content, list):
        content = "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content)
    return str(content or "")


def _json_object(text: str) -> Any:
    text = text.strip()
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1).strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        start, end = text.find("{"), text.rfind("}")
        if start == -1 or end <= start:
            raise
        return json.loads(text[start : end + 1])


def parse_reply(message: BaseMessage, method: Method, schema: type[M]) -> M:
    """Validate the reply against the schema; raise InvalidOutput with a short reason."""
    raw = raw_payload(message, method)
    if not raw.strip():
        raise InvalidOutput("the reply was empty (no tool call and no content)")
    try:
        data = _json_object(raw)
    except json.JSONDecodeError as e:
        raise InvalidOutput(f"the reply is not valid JSON ({e.msg})") from e
    if (
        isinstance(data, dict)
        and set(data) == {"properties"}
        and isinstance(data["properties"], dict)
    ):
        data = data["properties"]  # small models sometimes echo the schema's wrapper
    try:
        return schema.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}"
            for err in e.errors()[:6]
        )
        raise InvalidOutput(f"the reply does not match the schema: {problems}") from e


def repair_messages(
    messages: list[BaseMessage], reply: BaseMessage, method: Method, error: str, instruction: str
) -> list[BaseMessage]:
    """The conversation plus the invalid reply and what was wrong with it, for one retry."""
    shown = raw_payload(reply, method)[:2000]
    return [*messages, AIMessage(content=shown), HumanMessage(content=instruction + "\n" + error)]
