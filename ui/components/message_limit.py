"""A message longer than a turn records is held back, not cut silently.

The chat box itself cannot help: given a maximum, Streamlit's box drops a paste that would
pass it, whole and without a word. So the box takes anything, and a message over
MAX_RECORDED_CHARS is kept aside with a notice above the input saying how long it is,
where it would be cut, and two buttons: send it cut there, or drop it and type a shorter
one. Nothing is recorded until the candidate chooses.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from agent.grading.markdown_text import block
from agent.read.candidate_input import MAX_RECORDED_CHARS

HELD = "held_long_message"
SHOWN_AROUND_CUT = 240  # characters shown before the cut point


def hold(text: str) -> bool:
    """Keep `text` aside if it is too long to record whole; True if it was held. A message
    that fits replaces one held before."""
    if len(text) <= MAX_RECORDED_CHARS:
        _drop()
        return False
    st.session_state[HELD] = text
    return True


def _drop() -> None:
    st.session_state.pop(HELD, None)


def render(where: DeltaGenerator) -> str | None:
    """The notice for a held message; the text to send if the candidate agreed to the cut."""
    held: str | None = st.session_state.get(HELD)
    if held is None:
        return None
    with where:
        st.warning(
            f"Not sent yet: your message has {len(held):,} characters and an answer holds "
            f"{MAX_RECORDED_CHARS:,}. Send it cut after character {MAX_RECORDED_CHARS:,}, "
            "or drop it and send a shorter one."
        )
        with st.expander("Where it would be cut"):
            before = held[MAX_RECORDED_CHARS - SHOWN_AROUND_CUT : MAX_RECORDED_CHARS]
            st.markdown(block(f"…{before} ✂"))
        send, drop = st.columns([2, 1])
        if send.button(f"Send the first {MAX_RECORDED_CHARS:,} characters", key="send_cut"):
            _drop()
            return held[:MAX_RECORDED_CHARS]
        drop.button("Drop it", key="drop_long", on_click=_drop)
    return None
