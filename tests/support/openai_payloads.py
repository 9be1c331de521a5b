"""What an OpenAI-compatible server sends back: completions, errors, token usage, and a
minimal instance of a requested JSON schema (the fake server's structured replies)."""

from __future__ import annotations

import time
from typing import Any


def example_for(schema: dict[str, Any], defs: dict[str, Any] | None = None) -> Any:
    """A minimal instance of a JSON schema (enums pick their first value)."""
    defs = defs if defs is not None else schema.get("$defs", {})
    if "$ref" in schema:
        return example_for(defs[schema["$ref"].split("/")[-1]], defs)
    if "enum" in schema:
        return schema["enum"][0]
    if "anyOf" in schema:
        return example_for(schema["anyOf"][0], defs)
    kind = schema.get("type")
    if kind == "object":
        required = schema.get("required", [])
        return {
            k: example_for(v, defs)
            for k, v in schema.get("properties", {}).items()
            if k in required
        }
    return {"string": "fine", "integer": 1, "number": 1.0, "boolean": False, "array": []}.get(kind)


def usage(body: dict[str, Any], completion: str) -> dict[str, int]:
    prompt = sum(len(str(m.get("content") or "")) for m in body.get("messages", [])) // 4 + 1
    done = max(1, len(completion) // 4)
    return {"prompt_tokens": prompt, "completion_tokens": done, "total_tokens": prompt + done}


def error(message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": "server_error"}}


def completion(
    body: dict[str, Any], message: dict[str, Any], usage: dict[str, int]
) -> dict[str, Any]:
    finish = "tool_calls" if message.get("tool_calls") else "stop"
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": usage,
    }
