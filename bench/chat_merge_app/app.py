"""A page that takes chat messages one of four ways, for bench/chat_merge.py (CHAT_MODE):
`chat_input` (st.chat_input), `on_submit` (its callback), `queue` (st.chat_input with
ui/components/action_queue.py installed), `component_log` (a st.components.v2 component
whose state is every message sent so far). Each message gets a reply streamed for a second;
what reached the script and which replies finished go to CHAT_LOG, a JSON line each."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import streamlit as st

MODE = os.environ["CHAT_MODE"]
LOG = Path(os.environ["CHAT_LOG"])
REPLY_SECONDS = 1.0
LOG_JS = """
export default function({ parentElement, setStateValue }) {
  const box = parentElement.querySelector('textarea');
  window.__sent = window.__sent || [];
  box.onkeydown = (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    window.__sent.push({id: window.__sent.length + 1, text: box.value});
    box.value = '';
    setStateValue('log', [...window.__sent]);
  };
}
"""


def note(kind: str, text: str) -> None:
    with LOG.open("a", encoding="utf-8") as f:
        f.write(json.dumps([kind, text]) + "\n")


def reply(text: str) -> None:
    """The interviewer's reply, streamed: each piece is a point where a run can be stopped."""
    note("read", text)
    shown = st.empty()
    for i in range(10):
        time.sleep(REPLY_SECONDS / 10)
        shown.write(f"reply piece {i}")
    note("replied", text)


if MODE == "queue":
    from ui.components import action_queue

    action_queue.install()

if MODE == "component_log":
    chat = st.components.v2.component(
        "chat_log", html='<textarea data-testid="chatLogBox"></textarea>', js=LOG_JS
    )
    sent = chat(key="chat_log", on_log_change=lambda: None, default={"log": []}).log or []
    st.session_state.setdefault("done", 0)
    for entry in sent:
        if entry["id"] > st.session_state.done:
            st.session_state.done = entry["id"]
            reply(entry["text"])
else:

    def submitted() -> None:
        note("callback", st.session_state.chat)

    callback = submitted if MODE == "on_submit" else None
    message = st.chat_input("Your answer", key="chat", on_submit=callback)
    if message:
        reply(message)
