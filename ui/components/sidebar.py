"""The sidebar: backend and model, problem picker, and the interview clock.

Nothing the server is configured with (its base URL, its key, its model) is shown or used
to pre-fill a field: visitors see empty fields that fall back to the server's settings.
"""

from __future__ import annotations

import streamlit as st

from agent.content.bundle import load_content
from ui.components import session

RANDOM = "Random problem"


def render() -> None:
    with st.sidebar:
        st.markdown("### Interviewer")
        st.radio(
            "Backend",
            ["offline", "openai"],
            key="backend_choice",
            horizontal=True,
            help="offline needs no key and no network; openai talks to OpenAI or any "
            "OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio).",
        )
        if st.session_state.get("backend_choice") == "openai":
            _model_fields()
        problems = load_content().problems
        running = session.current()
        if running is not None and not running.finished:
            # the picker is for the next interview; the running one is named as such, so the
            # sidebar never shows one problem while the chat is about another
            st.markdown(f"**Problem now:** {running.card.title}")
        st.selectbox(
            "Problem for a new interview" if running is not None else "Problem",
            [RANDOM, *problems.ids()],
            key="problem_choice",
            format_func=lambda pid: pid if pid == RANDOM else problems.get(pid).title,
        )
        _clock()


def _model_fields() -> None:
    st.text_input("Model", key="model_name", help="Leave blank for the server's default model.")
    if not session.shared():
        st.text_input(
            "Base URL",
            key="base_url",
            placeholder="http://127.0.0.1:8000/v1",
            help="Any OpenAI-compatible server. Leave blank for the server's own endpoint. "
            "A key configured on the server is never sent to a URL typed here: type the key "
            "for it below, or leave it blank for a server that needs none.",
        )
    st.text_input(
        "API key",
        type="password",
        key="api_key",
        help="Kept in this browser session's memory only; never saved.",
    )


def _clock() -> None:
    interview = session.current()
    if interview is None:
        return
    st.divider()
    state = interview.transcript.state
    total = max(state.total_minutes, 1e-9)
    phase_title = load_content().plan.spec(interview.phase).title
    st.markdown(f"**Phase:** {phase_title}")
    if interview.finished:
        st.markdown("**Interview finished**")
        return
    left = interview.minutes_left
    st.progress(min(1.0, max(0.0, 1 - left / total)), text=f"{left:.0f} min left of {total:.0f}")
