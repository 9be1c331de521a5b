"""Replay page: step through a saved interview with every move annotated.

A finished interview opens with two tabs, the transcript and its recap: the recap is one
click away at the top, not below a transcript that can run to thousands of pixels.
"""

from __future__ import annotations

import streamlit as st

from agent.grading.markdown_text import block, inline
from agent.record.transcript import Transcript, TranscriptError, load_transcript, parse_transcript
from ui.components import history_view, labels, recap_view, retrieval, session

st.title("Replay an interview")

history = session.visible_history()
tz = history_view.zone(st.context.timezone)
options = {f"{history_view.label(e, tz)} · {e.id}": e.path for e in reversed(history.entries)}
wanted = st.session_state.pop("replay_open", None)  # History's "Open in Replay"
if wanted is not None:
    st.session_state["replay_source"] = "Saved interviews"
    for option in options:
        if option.endswith(f" · {wanted}"):
            st.session_state["replay_pick"] = option
source = st.radio(
    "Source", ["Saved interviews", "Upload a transcript"], horizontal=True, key="replay_source"
)

transcript: Transcript | None = None
if source == "Saved interviews":
    if not options:
        st.info("No saved interviews yet. Finish one on the Interview page, or upload a file.")
    else:
        label = st.selectbox("Interview", list(options), key="replay_pick")
        try:
            transcript = load_transcript(options[label])
        except TranscriptError as e:
            st.error(str(e))
else:
    upload = st.file_uploader("Transcript JSON", type=["json"], key="replay_upload")
    if upload is not None:
        try:
            transcript = parse_transcript(upload.getvalue(), upload.name)
        except TranscriptError as e:
            st.error(f"That file can't be replayed: {e}")

if transcript is None:
    st.session_state.pop("replay_for", None)  # whatever is opened next opens whole
    st.stop()

turns = transcript.turns
if not turns:
    st.warning("This transcript has no turns yet.")
    st.stop()

st.caption(
    inline(f"{labels.problem_title(transcript.problem_id)} · {transcript.backend}")
    + (f" ({inline(transcript.model)})" if transcript.model else "")
    + f" · rubric {transcript.rubric_version} · {len(turns)} turns · "
    + labels.STATUSES.get(transcript.status, inline(transcript.status))
)
# Every way of opening an interview (the picker, History's Replay button, an upload) shows
# it whole, at its last turn: the slider's state is dropped whenever the page is left, so
# "opened before" alone would bring it back at turn 1.
opened = f"{source}:{transcript.id}"
if st.session_state.get("replay_for") != opened or "replay_step" not in st.session_state:
    st.session_state["replay_for"] = opened
    st.session_state["replay_step"] = len(turns)
recap = transcript.recap
transcript_tab, recap_tab = st.tabs(["Transcript", "Recap"]) if recap else (st.container(), None)
with transcript_tab:
    step = st.slider("Turn", 1, len(turns), key="replay_step") if len(turns) > 1 else 1
    for turn in turns[:step]:
        role = "assistant" if turn.role == "interviewer" else "user"
        with st.chat_message(role):
            st.markdown(block(turn.text))  # an uploaded transcript may hold anything
            if turn.move is not None:
                move = labels.words(turn.move.kind.value)
                steer = f" ({labels.words(turn.move.steer.value)})" if turn.move.steer else ""
                st.caption(
                    f"{inline(labels.phase_title(turn.phase.value))} · **{inline(move)}**{steer}"
                    + f" — {inline(labels.reason_words(turn.move.reason))}"
                    + (f" · fallback: {inline(turn.fallback)}" if turn.fallback else "")
                )
                retrieval.render(turn.retrieved)
            elif turn.role == "candidate" and (turn.kind or turn.signals):
                showed = "; ".join(labels.signal_label(s) for s in turn.signals)
                st.caption(
                    inline(f"read as {labels.words(turn.kind or '?')}")
                    + (f" · showed: {inline(showed)}" if showed else "")
                )

if recap is not None and recap_tab is not None:
    with recap_tab:
        recap_view.render(recap, transcript, key="replay")
