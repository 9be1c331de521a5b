"""Per-browser-session state: the backend choice and the interview in progress.

Everything lives in st.session_state, so two browser sessions never share an interview.
The interview id is mirrored in the URL (?interview=ID) so reloading the tab resumes it
from its autosaved transcript. API keys stay in memory only and are never saved.
"""

from __future__ import annotations

import re

import streamlit as st
from pydantic import SecretStr

from agent.backends.base import Backend
from agent.backends.registry import make_backend
from agent.content.bundle import load_content
from agent.interview import Interview
from agent.record.transcript import TranscriptError
from agent.settings import Settings, get_settings

_ID = re.compile(r"^[0-9a-f]{6,32}$")
KEY_INTERVIEW = "interview"
KEY_ERROR = "interview_error"


def settings() -> Settings:
    return get_settings()


def backend_settings() -> Settings:
    """Settings with the sidebar's backend choice applied (key kept in memory only)."""
    base = settings()
    choice = st.session_state.get("backend_choice", "offline")
    if choice != "openai":
        return base.model_copy(update={"backend": "offline"})
    key = st.session_state.get("api_key") or None
    return base.model_copy(
        update={
            "backend": "openai",
            "model": st.session_state.get("model_name") or base.model,
            "base_url": st.session_state.get("base_url") or base.base_url,
            "api_key": SecretStr(key) if key else base.api_key,
        }
    )


def build_backend() -> Backend:
    s = backend_settings()
    return make_backend(s.resolved_backend, s)


def current() -> Interview | None:
    interview = st.session_state.get(KEY_INTERVIEW)
    if interview is not None:
        return interview
    return _resume_from_url()


def _resume_from_url() -> Interview | None:
    interview_id = st.query_params.get("interview")
    if not interview_id or not _ID.match(interview_id):
        return None
    path = settings().interviews_dir / f"{interview_id}.json"
    if not path.is_file():
        return None
    try:
        interview = Interview.resume(path, backend=build_backend())
    except (TranscriptError, ValueError) as e:
        st.session_state[KEY_ERROR] = f"Could not resume interview {interview_id}: {e}"
        return None
    st.session_state[KEY_INTERVIEW] = interview
    return interview


def start(problem_id: str | None) -> Interview:
    card = load_content().problems.get(problem_id) if problem_id else None
    interview = Interview(card, backend=build_backend(), settings=backend_settings())
    interview.start()
    st.session_state[KEY_INTERVIEW] = interview
    st.query_params["interview"] = interview.transcript.id
    return interview


def discard() -> None:
    st.session_state.pop(KEY_INTERVIEW, None)
    if "interview" in st.query_params:
        del st.query_params["interview"]
