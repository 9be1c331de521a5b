"""Interview page: the live mock interview, streamed, with hint and end buttons.

Once the interview is over (the interviewer wrapped up, or End was confirmed) the page
shows New interview at the top, the recap on its own tab in front of the transcript, and
a locked chat input.
"""

from __future__ import annotations

import itertools
from collections.abc import Generator

import streamlit as st

from agent.content.bundle import load_content
from agent.grading.markdown_text import block, fragments, inline
from agent.interview import Interview
from agent.record.transcript import Turn
from ui.components import history_view, message_limit, recap_view, session
from ui.components.backend_check import BackendProblem, fallback_notice
from ui.components.sidebar import RANDOM

HINT_REQUEST = "I'm a bit stuck here. Could I get a hint?"
THINKING = "The interviewer is thinking…"
CONFIRMING = "confirm_end"  # End was pressed: the confirmation is open
GRADING_FAILED = "grading_failed"  # {interview id: why its last try at the recap failed}

st.title("Mock ML system design interview")

error = st.session_state.pop(session.KEY_ERROR, None)
if error:
    st.error(error)


def show_turn(turn: Turn) -> None:
    with st.chat_message("assistant" if turn.role == "interviewer" else "user"):
        st.markdown(block(turn.text))  # typed or model-written text: shown as text, not markup
        notice = fallback_notice(turn)
        if notice:
            st.caption(f":orange[{notice}]")


def new_interview() -> None:
    session.discard()


def ask_to_end() -> None:
    st.session_state[CONFIRMING] = True


def keep_going() -> None:
    st.session_state.pop(CONFIRMING, None)


def grade(interview: Interview, doing: str) -> bool:
    """Close and grade the interview under a spinner; on failure one line says why and
    that nothing is lost (every turn is already saved), instead of a traceback."""
    try:
        with st.spinner(doing):
            interview.finish()
    except Exception as e:  # a grader or disk failure: the answers are on disk already
        st.session_state[GRADING_FAILED] = {
            interview.transcript.id: f"The recap could not be made "
            f"({inline(str(e)) or type(e).__name__}). Your answers are saved: press End "
            "interview to try again."
        }
        return False
    st.session_state.pop(GRADING_FAILED, None)
    return True


@st.dialog("End the interview?", on_dismiss=keep_going)
def confirm_end(interview: Interview) -> None:
    st.write("You will get your recap now and cannot add more answers to this interview.")
    yes, no = st.columns(2)
    if yes.button("End and see my recap", type="primary", key="end_yes"):
        keep_going()
        grade(interview, "Grading your interview against the rubric…")
        st.rerun()
    if no.button("Keep going", key="end_no", on_click=keep_going):
        st.rerun()


interview = session.current()

if interview is None:
    st.write(
        "You will get a deliberately bare problem statement. Ask clarifying questions, then "
        "walk through data, features, model and metrics, training, evaluation and deployment. "
        "The interviewer answers only what you ask, nudges you when you drift, and scores "
        "you against a fixed rubric at the end."
    )
    choice = st.session_state.get("problem_choice", RANDOM)
    asked_for = None if choice == RANDOM else choice
    waiting = session.in_progress()
    if waiting is not None:  # e.g. a new tab at the app's address: offer the running one
        tz = history_view.zone(st.context.timezone)
        st.info(
            f"You have an interview in progress: {history_view.label(waiting, tz)}, "
            f"{waiting.candidate_turns} answer{'s' if waiting.candidate_turns != 1 else ''} "
            "so far."
        )
        st.button("Resume it", key="resume", on_click=session.resume, args=(waiting.id,))
    if st.button("Start interview", type="primary", key="start"):
        try:
            session.start(asked_for)
        except BackendProblem as problem:
            st.error(inline(str(problem)))  # names the URL the visitor typed
            st.button(
                "Use the offline interviewer",
                key="go_offline",
                on_click=session.start_offline,
                args=(asked_for,),
            )
            st.stop()
        st.rerun()
    st.stop()

card = load_content().problems.get(interview.transcript.problem_id)

if (
    interview.wrapping_up
    and not interview.finished
    # failed once: End interview tries again
    and interview.transcript.id not in st.session_state.get(GRADING_FAILED, {})
    and grade(interview, "The interviewer wrapped up. Grading your interview against the rubric…")
):
    # the interviewer said its closing words: the recap follows at once, no more answers
    st.rerun()  # the sidebar, drawn before this page, then shows the interview as finished

if interview.finished:
    top = st.columns([4, 1])
    top[0].caption(f"Problem: {card.title} · transcript {interview.transcript.id} · finished")
    top[1].button("New interview", type="primary", key="new", on_click=new_interview)
    recap_tab, transcript_tab = st.tabs(["Recap", "Transcript"])
    with recap_tab:
        if interview.transcript.recap is not None:
            recap_view.render(interview.transcript.recap, interview.transcript, key="live")
    with transcript_tab:
        for turn in interview.transcript.turns:
            show_turn(turn)
    st.chat_input("The interview has ended. Start a new one above.", key="chat", disabled=True)
    st.stop()

st.caption(f"Problem: {card.title} · transcript {interview.transcript.id}")
stale = session.stale_notice(interview)  # it went on in another tab: reloaded from the file
if stale:
    st.info(stale)
failed = st.session_state.get(GRADING_FAILED, {}).get(interview.transcript.id)
if failed:
    st.error(failed)
for turn in interview.transcript.turns:
    show_turn(turn)
pending = st.container()  # the message being answered: under the transcript, above the buttons

buttons = st.columns([1, 2, 5])
closed = interview.wrapping_up  # the closing words are said: only the recap is left
hint = buttons[0].button(
    "Hint", key="hint", help="Ask the interviewer for a nudge", disabled=closed
)
buttons[1].button(
    "End interview", key="end", help="Stop now and get your recap", on_click=ask_to_end
)
if st.session_state.get(CONFIRMING):
    confirm_end(interview)


def _first_words(reply: Generator[str, None, None]) -> str:
    """Read, decide and save the candidate's turn under a thinking indicator; the reply's
    first words. Nothing of the reply is on screen before the turn is saved, so a reload
    from then on finds the candidate's message on disk."""
    try:
        with st.spinner(THINKING):
            return next(reply, "")
    except Exception as e:
        st.error(f"The interviewer could not take that message ({inline(str(e))}). Send it again.")
        st.stop()
    return ""  # (st.stop() raises)


def _stream(first: str, reply: Generator[str, None, None]) -> None:
    try:
        st.write_stream(fragments(itertools.chain([first], reply)))
    except Exception as e:  # the candidate's turn is already saved
        st.error(
            f"The interviewer could not finish replying ({inline(str(e))}). Your answer is saved."
        )


message = st.chat_input(
    "The interview has ended. Press End interview for your recap."
    if closed
    else "Your answer or question…",
    key="chat",
    disabled=closed,
)
if message is not None and message_limit.hold(message):
    message = None  # too long to record whole: held with a notice until the candidate says
text = HINT_REQUEST if hint else message or message_limit.render(pending)
if text is not None and not text.strip():  # spaces or line breaks only: nothing to answer
    pending.info("Nothing was sent: that message was empty. Type your answer and press Enter.")
elif text is not None:
    # The candidate's message shows at once; the reply's first step (read, decide, save the
    # turn) runs under a thinking indicator, and the interviewer's bubble opens only after it.
    with pending, st.chat_message("user"):
        st.markdown(block(text))
    reply = interview.respond_stream(text)  # a generator: nothing runs until next()
    try:
        with pending:
            first = _first_words(reply)
        with pending, st.chat_message("assistant"):
            _stream(first, reply)
    finally:
        # A message or click sent meanwhile waits for this run (ui/components/
        # action_queue.py), but anything else that stops it (a changed sidebar field,
        # another page) raises at the next st call: close the reply now, so it is
        # recorded and the interviewer is free, instead of staying busy until garbage
        # collection.
        reply.close()
    st.rerun()
