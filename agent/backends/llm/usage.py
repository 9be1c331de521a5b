"""Token accounting: what each model call cost, per role, as servers report it."""

from __future__ import annotations

import threading

from langchain_core.messages import BaseMessage
from pydantic import BaseModel


class TokenUsage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    reported: bool = False  # False when the server gave no usage figures at all
    estimated: bool = False  # figures estimated here (about 4 characters a token)

    def __add__(self, other: TokenUsage) -> TokenUsage:
        return TokenUsage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            calls=self.calls + other.calls,
            reported=self.reported or other.reported,
            estimated=self.estimated or other.estimated,
        )

    @property
    def prompt(self) -> int | None:
        return self.prompt_tokens if self.reported or self.estimated else None

    @property
    def completion(self) -> int | None:
        return self.completion_tokens if self.reported or self.estimated else None


def usage_of(message: BaseMessage | None) -> TokenUsage:
    """Usage from a langchain message's usage_metadata (None-safe)."""
    meta = getattr(message, "usage_metadata", None) if message is not None else None
    if not meta:
        return TokenUsage(calls=1)
    return TokenUsage(
        prompt_tokens=int(meta.get("input_tokens") or 0),
        completion_tokens=int(meta.get("output_tokens") or 0),
        calls=1,
        reported=True,
    )


class UsageLedger:
    """Running totals per role ("reader", "voice", "summary", "grader"); thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._totals: dict[str, TokenUsage] = {}

    def add(self, role: str, usage: TokenUsage) -> None:
        with self._lock:
            self._totals[role] = self._totals.get(role, TokenUsage()) + usage

    def totals(self) -> dict[str, TokenUsage]:
        with self._lock:
            return dict(self._totals)


def stream_usage(current: TokenUsage, chunk: BaseMessage) -> TokenUsage:
    """Servers report usage once (OpenAI) or on every chunk (some vLLM setups): take maxima."""
    seen = usage_of(chunk)
    if not seen.reported:
        return current
    return TokenUsage(
        prompt_tokens=max(current.prompt_tokens, seen.prompt_tokens),
        completion_tokens=max(current.completion_tokens, seen.completion_tokens),
        calls=1,
        reported=True,
    )


CHARS_PER_TOKEN = 4.0
MESSAGE_OVERHEAD_TOKENS = 4  # role markers and separators of a chat template, per message


def estimate_usage(messages: list[BaseMessage], completion: str) -> TokenUsage:
    """For servers that stream no usage (llama-cpp-python): a rough, marked estimate."""
    prompt_chars = sum(len(str(m.content)) for m in messages)
    return TokenUsage(
        prompt_tokens=round(prompt_chars / CHARS_PER_TOKEN)
        + MESSAGE_OVERHEAD_TOKENS * len(messages),
        completion_tokens=max(1, round(len(completion) / CHARS_PER_TOKEN)) if completion else 0,
        calls=1,
        estimated=True,
    )
