"""Building the langchain chat model for OpenAI or any OpenAI-compatible server.

The API key travels only inside the chat model as a SecretStr; nothing here logs it, and
nothing downstream ever copies it into a transcript. Keyless local servers (llama.cpp,
Ollama, vLLM without --api-key) get a placeholder, because the openai client insists on one.
"""

from __future__ import annotations

from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from agent.backends.llm import sent
from agent.backends.llm.wire import async_direct, direct
from agent.settings import Settings

KEYLESS_PLACEHOLDER = "not-needed"


def api_key_of(settings: Settings) -> SecretStr:
    return settings.api_key or SecretStr(KEYLESS_PLACEHOLDER)


def build_chat_model(settings: Settings, *, temperature: float | None = None) -> ChatOpenAI:
    """A ChatOpenAI with our own retry policy in charge (max_retries=0 for the SDK), whose
    chat completion requests skip the SDK's walk over its types (agent/backends/llm/wire.py)."""
    chat = ChatOpenAI(
        model=settings.model,
        base_url=settings.base_url,
        api_key=api_key_of(settings),
        timeout=settings.request_timeout,
        max_retries=0,
        temperature=settings.temperature if temperature is None else temperature,
        stream_usage=True,  # usage in the last streamed chunk, for per-turn token counts
    )
    chat.client = direct(chat.root_client)
    chat.async_client = async_direct(chat.root_async_client)
    sent.watch(chat.root_client._client)  # the HTTP client the SDK sends through
    return chat
