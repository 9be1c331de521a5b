"""Which model server a browser session may use, and with which key.

The server's own key (OPENAI_API_KEY / MLSD_API_KEY) belongs to the server's own endpoint.
A visitor who types a different base URL gets only what they typed with it: their own key,
or no key at all. Otherwise a visitor could point the app at a server they control and
receive the operator's key. In a shared deployment visitors cannot choose a base URL at all
(the server would otherwise call any address a visitor names, including internal ones).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, SecretStr

from agent.settings import Settings


class BrowserChoice(BaseModel):
    """What one browser session typed in the sidebar (kept in that session's memory only)."""

    backend: Literal["offline", "openai"] = "offline"
    model: str = ""
    base_url: str = ""
    api_key: SecretStr | None = None


def same_endpoint(typed: str, configured: str | None) -> bool:
    if configured is None:
        return False
    return typed.strip().rstrip("/").lower() == configured.strip().rstrip("/").lower()


def settings_for_browser(server: Settings, choice: BrowserChoice) -> Settings:
    """The server's settings with a browser session's choice applied, under the rules above."""
    if choice.backend != "openai":
        return server.model_copy(update={"backend": "offline"})
    typed_key = choice.api_key if choice.api_key and choice.api_key.get_secret_value() else None
    typed_url = choice.base_url.strip()
    own_endpoint = server.shared or not typed_url or same_endpoint(typed_url, server.base_url)
    if own_endpoint:
        base_url, api_key = server.base_url, typed_key or server.api_key
    else:
        base_url, api_key = typed_url, typed_key  # never the server's key
    return server.model_copy(
        update={
            "backend": "openai",
            "model": choice.model.strip() or server.model,
            "base_url": base_url,
            "api_key": api_key,
        }
    )
