"""Which server and key a browser session's backend choice resolves to (the key rule).

The browser flow itself (a real Streamlit server, a typed base URL, what the model server
receives) is in tests/test_ui_serving.py; these cases pin the rule on every combination.
"""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from agent.settings import Settings
from ui.components.backend_choice import BrowserChoice, settings_for_browser

SERVER_KEY = "sk-operator-secret"
SERVER_URL = "http://127.0.0.1:9/v1"
VISITOR_URL = "http://127.0.0.1:7/v1"


def _server(**kw: object) -> Settings:
    values = {"api_key": SecretStr(SERVER_KEY), "base_url": SERVER_URL, **kw}
    return Settings().model_copy(update=values)


def _key(s: Settings) -> str | None:
    return s.api_key.get_secret_value() if s.api_key else None


@pytest.mark.parametrize("url", [VISITOR_URL, "http://10.0.0.5:8000/v1", "https://evil.example"])
def test_a_typed_base_url_never_gets_the_servers_key(url: str) -> None:
    s = settings_for_browser(_server(), BrowserChoice(backend="openai", base_url=url))
    assert s.base_url == url and s.api_key is None
    typed = BrowserChoice(backend="openai", base_url=url, api_key=SecretStr("sk-visitor"))
    assert _key(settings_for_browser(_server(), typed)) == "sk-visitor"


def test_a_typed_url_differs_from_the_openai_default_too() -> None:
    server = _server(base_url=None)
    s = settings_for_browser(server, BrowserChoice(backend="openai", base_url=VISITOR_URL))
    assert s.base_url == VISITOR_URL and s.api_key is None


@pytest.mark.parametrize("url", ["", "   ", SERVER_URL, SERVER_URL + "/", SERVER_URL.upper()])
def test_the_servers_own_endpoint_keeps_the_servers_key(url: str) -> None:
    s = settings_for_browser(_server(), BrowserChoice(backend="openai", base_url=url))
    assert s.base_url == SERVER_URL and _key(s) == SERVER_KEY
    typed = BrowserChoice(backend="openai", base_url=url, api_key=SecretStr("sk-visitor"))
    assert _key(settings_for_browser(_server(), typed)) == "sk-visitor"


def test_shared_deployment_ignores_a_typed_base_url() -> None:
    choice = BrowserChoice(backend="openai", base_url=VISITOR_URL)
    s = settings_for_browser(_server(shared=True), choice)
    assert s.base_url == SERVER_URL and _key(s) == SERVER_KEY


def test_offline_and_model_choice() -> None:
    assert settings_for_browser(_server(), BrowserChoice()).resolved_backend == "offline"
    chosen = settings_for_browser(_server(), BrowserChoice(backend="openai", model=" m-1 "))
    assert chosen.model == "m-1"
    assert settings_for_browser(_server(), BrowserChoice(backend="openai")).model == "gpt-4o-mini"
