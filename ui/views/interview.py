"""Interview page: the live mock interview, streamed, with hint and end buttons."""

from __future__ import annotations

import itertools

import streamlit as st

from agent.content.bundle import load_content
from agent.grading.markdown_text import block, fragments
from ui.components import recap_view, session
from ui.components.sidebar import RANDOM

HINT_REQUEST = "I'm a bit stuck here. Could I get a hint?"

st.title("Mock ML system design interview")

error = st.session_state.pop(session.KEY_ERROR, None)
if error:
    st.error(error)

interview = session.current()

if interview is None:
    st.write(
        "You will get a deliberately bare problem statement. Ask clarifying questions, then "
        "walk through data, features, model and metrics, training, evaluation and deployment. "
        "The interviewer answers only what you ask, nudges you when you drift, and scores "
        "you against a fixed rubric at the end."
    )
    choice = st.session_state.get("problem_choice", RANDOM)
    if st.button("Start interview", type="primary", key="start"):
        session.start(None if choice == RANDOM else choice)
        st.rerun()
    st.stop()

card = load_content().problems.get(interview.transcript.problem_id)
st.caption(f"Problem: {card.title} · transcript {interview.transcript.id}")

for turn in interview.transcript.turns:
    role = "assistant" if turn.role == "interviewer" else "user"
    with st.chat_message(role):
        st.markdown(block(turn.text))  # typed or model-written text: shown as text, not markup

if interview.wrapping_up and not interview.finished:
    # the interviewer said its closing words: the recap follows at once, no more answers
    with st.spinner("The interviewer wrapped up. Grading your interview against the rubric…"):
        interview.finish()

if interview.finished:
    if interview.transcript.recap is not None:
        recap_view.render(interview.transcript.recap, interview.transcript, key="live")
    if st.button("New interview", key="new"):
        session.discard()
        st.rerun()
    st.stop()

cols = st.columns([1, 1, 6])
hint = cols[0].button("Hint", key="hint", help="Ask the interviewer for a nudge")
end = cols[1].button("End interview", key="end", help="Stop now and get your recap")
message = st.chat_input("Your answer or question…", key="chat")

if end:
    with st.spinner("Grading your interview against the rubric…"):
        interview.finish()
    st.rerun()

text = HINT_REQUEST if hint else message
if text is not None:
    # Prime the reply before showing anything: its first step reads, decides and saves the
    # candidate's turn, so a message on screen is always a message on disk (a reload or a
    # closed tab mid-reply loses nothing the candidate typed).
    try:
        reply = interview.respond_stream(text)
        first = next(reply, "")
    except Exception as e:
        st.error(f"The interviewer could not take that message ({e}). Please try again.")
        st.stop()
    with st.chat_message("user"):
        st.markdown(block(text))
    with st.chat_message("assistant"):
        try:
            st.write_stream(fragments(itertools.chain([first], reply)))
        except Exception as e:  # the candidate's turn is already saved
            st.error(f"The interviewer could not finish replying ({e}). Your answer is saved.")
    st.rerun()
