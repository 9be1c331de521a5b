"""Building the openai backend and the llm grader from settings."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from agent.backends.deferred import DeferredOfflineGrader
from agent.backends.llm.chat import KEYLESS_PLACEHOLDER
from agent.backends.registry import make_backend
from agent.grading.factory import GraderUnavailable, make_grader
from agent.grading.llm import LLMGrader
from agent.grading.offline import OfflineGrader
from agent.read.llm import LLMReader
from agent.read.offline import OfflineReader
from agent.settings import Settings
from agent.speak.llm import LLMVoice
from agent.speak.offline import OfflineVoice


def configured(**update: object) -> Settings:
    return Settings().model_copy(update=update)


def test_openai_backend_has_llm_parts_with_offline_twins_sharing_one_client():
    settings = configured(base_url="http://127.0.0.1:9/v1", model="any")
    backend = make_backend("openai", settings)
    assert (backend.name, backend.model) == ("openai", "any")
    assert isinstance(backend.reader, LLMReader) and isinstance(
        backend.reader.fallback, OfflineReader
    )
    assert isinstance(backend.voice, LLMVoice) and isinstance(backend.voice.fallback, OfflineVoice)
    assert isinstance(backend.grader, LLMGrader) and isinstance(
        backend.grader.fallback,
        OfflineGrader | DeferredOfflineGrader,  # built at first grade
    )
    client = backend.reader.client
    assert backend.voice.client is client and backend.grader.client is client
    assert client.method == "function_calling"  # a custom server: forced tool calls
    assert client.max_tokens_in_body  # llama.cpp ignores max_completion_tokens
    assert client.chat.openai_api_key.get_secret_value() == KEYLESS_PLACEHOLDER
    assert client.chat.max_retries == 0  # our retry policy is in charge


def test_openai_itself_uses_json_schema_and_the_real_key():
    settings = configured(api_key=SecretStr("sk-abc"), structured_method="auto")
    client = make_backend("openai", settings).reader.client
    assert client.method == "json_schema" and not client.max_tokens_in_body
    assert client.chat.openai_api_key.get_secret_value() == "sk-abc"


def test_structured_method_can_be_forced():
    settings = configured(base_url="http://127.0.0.1:9/v1", structured_method="json_mode")
    assert make_backend("openai", settings).reader.client.method == "json_mode"


def test_without_key_or_url_the_openai_backend_says_what_is_missing():
    with pytest.raises(ValueError, match="OPENAI_API_KEY"):
        make_backend("openai", configured())
    with pytest.raises(GraderUnavailable, match="OPENAI_BASE_URL"):
        make_grader("llm", configured())


def test_llm_grader_from_the_factory_with_samples():
    grader = make_grader("llm", configured(base_url="http://127.0.0.1:9/v1"), samples=3)
    assert isinstance(grader, LLMGrader) and grader.samples == 3 and grader.name == "llm"
