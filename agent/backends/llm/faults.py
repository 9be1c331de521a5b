"""What can go wrong when calling a model, and whether trying again can help.

Every failure ends up as a `ModelFailure` with a short, key-free reason ("timeout after 2
retries", "HTTP 401") that is safe to show in a turn's annotations.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import httpx
import openai


class ModelFailure(Exception):
    """A model call failed for good; `reason` is short and safe to save in a transcript."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InvalidOutput(Exception):
    """The model answered, but not with output that validates against the schema."""


@dataclass(frozen=True)
class Fault:
    reason: str  # short, e.g. "timeout", "HTTP 503", "rate limited"
    retryable: bool
    retry_after: float | None = None  # seconds the server asked us to wait (429/503)


def _retry_after(headers: Mapping[str, str] | None) -> float | None:
    if not headers:
        return None
    raw = headers.get("retry-after-ms")
    if raw:
        try:
            return max(0.0, float(raw) / 1000.0)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        return None  # an HTTP date: rare for model servers; fall back to our own backoff


def classify(exc: BaseException) -> Fault:
    """Map an exception from the openai/httpx/langchain stack to a Fault."""
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException | TimeoutError):
        return Fault("timeout", True)
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        after = _retry_after(exc.response.headers if exc.response is not None else None)
        if status == 429:
            return Fault("rate limited (HTTP 429)", True, after)
        if status >= 500:
            return Fault(f"server error (HTTP {status})", True, after)
        return Fault(f"request refused (HTTP {status})", False)
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError | ConnectionError):
        # by name: openai ships its own httpx fork (httpx2), langchain may use httpx itself
        if any(type(e).__name__ == "RemoteProtocolError" for e in _chain(exc)):
            return Fault("connection lost", True)  # the server hung up mid-reply
        return Fault("connection error", True)
    if isinstance(exc, openai.APIResponseValidationError | json.JSONDecodeError):
        return Fault("malformed response", True)
    if isinstance(exc, ValueError | KeyError | TypeError) and _looks_like_bad_body(exc):
        return Fault("malformed response", True)
    return Fault(f"unexpected error ({type(exc).__name__})", False)


def _looks_like_bad_body(exc: BaseException) -> bool:
    """langchain-openai raises ValueError/KeyError when a server's body is not a completion."""
    text = str(exc).lower()
    return any(
        marker in text
        for marker in ("unexpected response type", "choices", "expecting value", "json")
    )


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen
