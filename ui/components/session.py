"""Per-browser-session state: the backend choice and the interview in progress.

Everything lives in st.session_state, so two browser sessions never share an interview.
The interview id is mirrored in the URL (?interview=ID) so reloading the tab resumes it
from its autosaved transcript; a copy left stale by another tab that went on with the same
interview is dropped and the interview reloaded from the file (it never writes over it).
API keys stay in memory only and are never saved; which key may go to which server is
decided in backend_choice.

In a shared deployment (Settings.shared) each browser session has a random visitor key,
kept in the URL (?visitor=KEY) so a reload keeps it. Its interviews are saved with an owner
id derived from the key, and Replay, History and resuming by URL only see that owner's.
"""

from __future__ import annotations

import hashlib
import re
import secrets

import streamlit as st
from pydantic import BaseModel, SecretStr

from agent.backends.base import Backend
from agent.backends.openai import LLMNotConfigured
from agent.backends.registry import make_backend
from agent.content.bundle import load_content
from agent.interview import Interview
from agent.record.history import History, HistoryEntry, load_history
from agent.record.transcript import TranscriptError
from agent.settings import Settings, get_settings
from ui.components.backend_check import check
from ui.components.backend_choice import BrowserChoice, settings_for_browser

_ID = re.compile(r"^[0-9a-f]{6,32}$")
_VISITOR = re.compile(r"^[0-9a-f]{32}$")
KEY_INTERVIEW = "interview"
KEY_ERROR = "interview_error"
KEY_NOTICE = "interview_notice"
KEY_VISITOR = "visitor_key"


def settings() -> Settings:
    return get_settings()


def shared() -> bool:
    return settings().shared


def backend_settings() -> Settings:
    """Settings with the sidebar's backend choice applied (key kept in memory only)."""
    key = st.session_state.get("api_key") or ""
    choice = BrowserChoice(
        backend=st.session_state.get("backend_choice", "offline"),
        model=st.session_state.get("model_name") or "",
        base_url="" if shared() else st.session_state.get("base_url") or "",
        api_key=SecretStr(key) if key else None,
    )
    return settings_for_browser(settings(), choice)


def visitor_key() -> str:
    """This browser session's secret key (shared deployments); kept in the URL for reloads."""
    key = st.session_state.get(KEY_VISITOR)
    if key is None:
        from_url = st.query_params.get("visitor")
        key = from_url if from_url and _VISITOR.match(from_url) else secrets.token_hex(16)
        st.session_state[KEY_VISITOR] = key
    if st.query_params.get("visitor") != key:
        st.query_params["visitor"] = key
    return key


def owner_of(key: str) -> str:
    """The owner id saved with an interview: a hash, so a transcript never holds the key."""
    return hashlib.sha256(f"mlsd-visitor:{key}".encode()).hexdigest()[:32]


def owner() -> str | None:
    """Who this session's interviews belong to; None outside a shared deployment."""
    return owner_of(visitor_key()) if shared() else None


def visible_history() -> History:
    """The saved interviews this browser session may list (all of them unless shared)."""
    history = load_history(settings().interviews_dir)
    me = owner()
    return history if me is None else history.owned_by(me)


def build_backend() -> Backend:
    s = backend_settings()
    return make_backend(s.resolved_backend, s)


def current() -> Interview | None:
    interview = st.session_state.get(KEY_INTERVIEW)
    if interview is None:
        return _resume_from_url()
    if not interview.continued_elsewhere:
        return interview
    # Another tab (or a reload whose old session lives on) went on with this interview: this
    # copy is out of date and would not save; show and continue the interview as saved.
    st.session_state.pop(KEY_INTERVIEW, None)
    resumed = _resume(interview.transcript.id)
    if resumed is not None:
        st.session_state[KEY_NOTICE] = StaleNotice(turns=len(resumed.transcript.turns))
    return resumed


class StaleNotice(BaseModel):
    """Why the page reloaded its interview from the file; shown through the exchange that
    follows (the message that found the copy stale is answered in the same run)."""

    turns: int  # turns in the file when it was reloaded
    text: str = (
        "This interview went on in another tab or window: it is shown here as last saved, "
        "and your answers continue from there."
    )

    def shown_with(self, interview: Interview) -> bool:
        return len(interview.transcript.turns) <= self.turns + 2


def stale_notice(interview: Interview) -> str | None:
    """The notice to show above this interview, if it was reloaded lately."""
    notice = st.session_state.get(KEY_NOTICE)
    if isinstance(notice, StaleNotice) and notice.shown_with(interview):
        return notice.text
    st.session_state.pop(KEY_NOTICE, None)
    return None


def _resume_from_url() -> Interview | None:
    return _resume(st.query_params.get("interview"))


def _resume(interview_id: str | None) -> Interview | None:
    if not interview_id or not _ID.match(interview_id):
        return None
    path = settings().interviews_dir / f"{interview_id}.json"
    if not path.is_file():
        return None
    try:
        interview = Interview.resume(path, backend=build_backend())
    except LLMNotConfigured:  # resume it offline rather than not at all
        interview = Interview.resume(path, backend=make_backend("offline", settings()))
    except (TranscriptError, ValueError) as e:
        reason = "not found" if shared() else str(e)  # shared: the error names server paths
        st.session_state[KEY_ERROR] = f"Could not resume interview {interview_id}: {reason}"
        return None
    me = owner()
    if me is not None and interview.transcript.owner != me:
        st.session_state[KEY_ERROR] = f"Could not resume interview {interview_id}: not found"
        return None
    st.session_state[KEY_INTERVIEW] = interview
    return interview


def start(problem_id: str | None) -> Interview:
    """Start an interview; BackendProblem (one line for the page) if the backend can't run."""
    chosen = backend_settings()
    check(chosen)
    card = load_content().problems.get(problem_id) if problem_id else None
    interview = Interview(card, backend=build_backend(), settings=chosen)
    interview.transcript.owner = owner()
    interview.start()
    st.session_state[KEY_INTERVIEW] = interview
    st.query_params["interview"] = interview.transcript.id
    return interview


def keep_in_url() -> None:
    """This session's interview stays in the address (?interview=ID) on every page, so a
    reload or a copied link from Replay or History still finds it."""
    interview = st.session_state.get(KEY_INTERVIEW)
    if interview is not None and st.query_params.get("interview") != interview.transcript.id:
        st.query_params["interview"] = interview.transcript.id


def in_progress() -> HistoryEntry | None:
    """The newest unfinished interview this browser session may resume, if any."""
    waiting = [e for e in visible_history().entries if e.status == "in_progress"]
    return waiting[-1] if waiting else None


def resume(interview_id: str) -> None:
    """Resume a saved interview on the next run (a button's callback)."""
    st.session_state.pop(KEY_INTERVIEW, None)
    st.query_params["interview"] = interview_id


def open_interview(interview_id: str) -> None:
    """Let the Interview page resume `interview_id` (from ?interview=) instead of this one."""
    st.session_state.pop(KEY_INTERVIEW, None)


def use_offline() -> None:
    """The way back from a model backend that cannot run: the offline interviewer."""
    st.session_state["backend_choice"] = "offline"


def start_offline(problem_id: str | None) -> None:
    """Switch to the offline interviewer and start the interview that was asked for."""
    use_offline()
    start(problem_id)


def discard() -> None:
    st.session_state.pop(KEY_INTERVIEW, None)
    if "interview" in st.query_params:
        del st.query_params["interview"]
