"""Settings come from what the caller gives, then the environment, then the defaults:
`MLSD_<FIELD>` in any case, and the key and server URL also from the OpenAI names."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from agent.settings import Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    import os

    for name in list(os.environ):
        if name.upper().startswith(("MLSD_", "OPENAI_")):
            monkeypatch.delenv(name)


def test_defaults_without_environment():
    s = Settings()
    assert (s.model, s.interview_minutes, s.chroma_port, s.shared) == (
        "gpt-4o-mini",
        45.0,
        8000,
        False,
    )
    assert s.api_key is None and s.base_url is None and s.resolved_backend == "offline"


def test_prefixed_variables_in_any_case_are_read_and_converted(monkeypatch):
    monkeypatch.setenv("MLSD_DATA_DIR", "/tmp/somewhere")
    monkeypatch.setenv("mlsd_interview_minutes", "30")
    monkeypatch.setenv("MLSD_SHARED", "1")
    monkeypatch.setenv("MLSD_UNKNOWN_THING", "ignored")
    s = Settings()
    assert s.data_dir == Path("/tmp/somewhere")
    assert s.interview_minutes == 30.0 and s.shared is True


def test_openai_names_and_the_prefixed_ones_first(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "from-openai")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    s = Settings()
    assert s.api_key is not None and s.api_key.get_secret_value() == "from-openai"
    assert s.base_url == "http://127.0.0.1:9/v1" and s.resolved_backend == "openai"
    monkeypatch.setenv("MLSD_API_KEY", "from-mlsd")
    key = Settings().api_key
    assert key is not None and key.get_secret_value() == "from-mlsd"
    assert "from-mlsd" not in repr(Settings())  # still a secret


def test_values_given_beat_the_environment(monkeypatch):
    monkeypatch.setenv("MLSD_DATA_DIR", "/tmp/from-env")
    monkeypatch.setenv("MLSD_CHROMA_PORT", "9")
    s = Settings(data_dir=Path("/tmp/given"))
    assert s.data_dir == Path("/tmp/given") and s.chroma_port == 9


@pytest.mark.parametrize(
    ("name", "value"),
    [("MLSD_REQUEST_TIMEOUT", "soon"), ("MLSD_BACKEND", "gpt"), ("MLSD_CHROMA_PORT", "")],
)
def test_a_bad_value_names_its_field(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as raised:
        Settings()
    assert name.removeprefix("MLSD_").lower() in str(raised.value)


@pytest.mark.parametrize("blank", ["", "  "])
def test_an_empty_key_or_server_url_is_no_key_or_url(monkeypatch, blank):
    # `export OPENAI_API_KEY=` in a shell profile: the openai backend must say it needs a
    # key, not count an empty one and fail every call
    from agent.backends.openai import LLMNotConfigured, require_configured

    monkeypatch.setenv("OPENAI_API_KEY", blank)
    monkeypatch.setenv("MLSD_BASE_URL", blank)
    s = Settings()
    assert s.api_key is None and s.base_url is None and s.resolved_backend == "offline"
    with pytest.raises(LLMNotConfigured):
        require_configured(Settings(backend="openai"))
    assert Settings(api_key="", base_url=" ").api_key is None


def test_an_empty_prefixed_key_falls_through_to_the_openai_name(monkeypatch):
    monkeypatch.setenv("MLSD_API_KEY", "")
    monkeypatch.setenv("OPENAI_API_KEY", "from-openai")
    key = Settings().api_key
    assert key is not None and key.get_secret_value() == "from-openai"
