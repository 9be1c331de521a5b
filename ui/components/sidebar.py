"""The sidebar: backend and model, problem picker, and the interview clock."""

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
            defaults = session.settings()
            st.text_input("Model", value=defaults.model, key="model_name")
            st.text_input(
                "Base URL",
                value=defaults.base_url or "",
                key="base_url",
                placeholder="http://127.0.0.1:8000/v1",
            )
            st.text_input(
                "API key",
                type="password",
                key="api_key",
                help="Kept in this browser session's memory only; never saved.",
            )
        problems = load_content().problems
        st.selectbox(
            "Problem",
            [RANDOM, *problems.ids()],
            key="problem_choice",
            format_func=lambda pid: pid if pid == RANDOM else problems.get(pid).title,
        )
        _clock()


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
