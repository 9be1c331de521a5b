"""Plain-language checks and notices for the model backend a browser session chose.

Before an interview starts on the `openai` backend the page checks that it is configured
(a key or a base URL) and that a typed or configured server answers at all, so a candidate
gets one line and a way back instead of a traceback or an interview that silently runs
offline. During an interview, a turn the offline twin had to answer gets a visible notice.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

from agent.backends.openai import LLMNotConfigured, require_configured
from agent.record.transcript import Turn
from agent.settings import Settings

PROBE_SECONDS = 3.0


class BackendProblem(Exception):
    """The chosen backend cannot run an interview; the message is one line for the page."""


def check(settings: Settings) -> None:
    """Raise BackendProblem when the chosen model backend is unusable."""
    if settings.resolved_backend != "openai":
        return
    try:
        require_configured(settings)
    except LLMNotConfigured as e:
        raise BackendProblem(
            "The OpenAI backend needs an API key or the base URL of an OpenAI-compatible "
            "server: type one in the sidebar, or use the offline interviewer."
        ) from e
    if settings.base_url:
        reason = unreachable(settings.base_url)
        if reason:
            raise BackendProblem(
                f"Cannot reach the model server at {settings.base_url} ({reason}): check the "
                "URL and that the server is running, or use the offline interviewer."
            )


def unreachable(base_url: str) -> str | None:
    """Why nothing answers at `base_url`, or None if a server answers (any HTTP status)."""
    url = base_url.rstrip("/") + "/models"
    if not url.startswith(("http://", "https://")):
        return "not an http:// or https:// address"
    try:
        with urllib.request.urlopen(url, timeout=PROBE_SECONDS):
            return None
    except urllib.error.HTTPError:
        return None  # a server answered (401, 404...): the model calls will say the rest
    except urllib.error.URLError as e:
        return _reason(e.reason)
    except TimeoutError:
        return "no answer within 3 s"
    except (OSError, ValueError) as e:
        return _reason(e)


def _reason(error: object) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError | socket.timeout):
        return f"no answer within {PROBE_SECONDS:.0f} s"
    if isinstance(error, socket.gaierror):
        return "unknown host name"
    text = str(error).strip() or type(error).__name__
    return text[:120]


def fallback_notice(turn: Turn) -> str | None:
    """One line saying a model turn was answered offline, and why; None for a normal turn."""
    if not turn.fallback:
        return None
    parts = [p.strip() for p in turn.fallback.split(";") if p.strip()]
    model_parts = [p for p in parts if _is_model_failure(p)]
    if not model_parts:
        return None
    why = _why(model_parts[0])
    if turn.role == "candidate":
        return f"Read offline: the model could not read this answer ({_short(why)})."
    return (
        f"Answered offline: the model failed ({_short(why)}), so the offline interviewer replied."
    )


# Notes a turn can carry that are not about the model (see agent/record/turns.py).
_NOT_MODEL = ("no guidance", "reply interrupted", "not read:")


def _is_model_failure(part: str) -> bool:
    return not part.lower().startswith(_NOT_MODEL)


def _short(why: str) -> str:
    """'server error (HTTP 500)' -> 'server error, HTTP 500': no parentheses in parentheses."""
    return why.replace(" (", ", ").replace(")", "")


def _why(part: str) -> str:
    for prefix in ("voice failed:", "reader failed:"):
        if part.lower().startswith(prefix):
            part = part[len(prefix) :].strip()
    if part.lower().startswith("model unavailable (") and part.endswith(")"):
        part = part[len("model unavailable (") : -1]
    return part[:160]
