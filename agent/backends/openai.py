"""Assembling the `openai` backend: one shared client, LLM parts with offline twins.

The LLM stack (langchain, openai: about 2 s of imports) loads when a client is made, not
when this module is imported: the web app imports LLMNotConfigured on every first page
view, also when everyone uses the offline interviewer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agent.backends.base import Backend
from agent.settings import Settings

if TYPE_CHECKING:
    from agent.backends.llm.client import LLMClient


class LLMNotConfigured(ValueError):
    """The openai backend was asked for without a key or a server to talk to."""


def require_configured(settings: Settings) -> None:
    if settings.api_key is None and settings.base_url is None:
        raise LLMNotConfigured(
            "the openai backend needs an API key (OPENAI_API_KEY) or an OpenAI-compatible "
            "server URL (OPENAI_BASE_URL or --base-url)"
        )


def make_client(settings: Settings) -> LLMClient:
    from agent.backends.llm.chat import build_chat_model
    from agent.backends.llm.client import LLMClient
    from agent.backends.llm.prompts import llm_prompts
    from agent.backends.llm.retry import CircuitBreaker, RetryPolicy
    from agent.backends.llm.structured import is_openai, resolve_method

    require_configured(settings)
    return LLMClient(
        build_chat_model(settings),
        model=settings.model,
        method=resolve_method(settings.structured_method, settings.base_url),
        prompts=llm_prompts(settings.prompts_dir),
        policy=RetryPolicy(max_retries=settings.max_retries, base_delay=settings.retry_base_delay),
        breaker=CircuitBreaker(cooldown=settings.circuit_cooldown),
        max_tokens_in_body=not is_openai(settings.base_url),
    )


def make_openai_backend(settings: Settings, offline: Backend) -> Backend:
    """LLM reader, voice and grader; each falls back to its offline twin in `offline`."""
    from agent.grading.llm import LLMGrader
    from agent.read.llm import LLMReader
    from agent.speak.llm import LLMVoice, load_move_briefs

    client = make_client(settings)
    return Backend(
        name="openai",
        model=settings.model,
        reader=LLMReader(client, offline.reader),
        voice=LLMVoice(client, offline.voice, briefs=load_move_briefs(settings.prompts_dir)),
        grader=LLMGrader(client, offline.grader),
        fallback=lambda: offline,
    )
