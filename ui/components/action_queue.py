"""Every chat message and button press gets a script run of its own: none is ever merged away.

Streamlit delivers a chat message (or a click) as a one-run "trigger" value in the rerun
request the browser sends. While a run is in progress, requests wait in the session's
ScriptRequests, and two waiting requests are merged into one: a newer chat message
replaces an older one that the script has not read yet, so a candidate who sends two
messages in quick succession (or while the interviewer is thinking) loses the first. With
`runner.fastReruns` (Streamlit's default) it is worse: each request stops the run that was
about to read the previous one.

`QueueingScriptRequests` keeps user actions in order instead: a request that carries a trigger
while another one is waiting, or while the run of another one is in progress, is queued and
released as its own run once the current run has finished (a message sent while the reply
streams is answered after that reply, in order). Requests without a trigger (st.rerun, a
changed text field) are merged as before. The app runs with `runner.fastReruns = false`
(ui/.streamlit/config.toml, and the flags `mlsd ui` passes), so requests reach this queue
rather than stopping the run.

This replaces a class inside Streamlit's script runner: `install()` checks that the methods
it relies on are there, and tests/test_ui_flows.py sends messages milliseconds apart in a
real browser to prove none is lost.

Why not Streamlit's public API (1.67): the merge and the stop happen in the session's
request queue, before any script code, callback or session state sees the request, and no
public option or callback reaches that queue. Measured by `python -m bench.chat_merge`
(three messages typed with no wait between them, each reply streamed for a second, three
trials a way, messages read / replies finished):
- st.chat_input: 2/3 read in every trial (the second is merged away), 1/3 replies finished
  (each waiting message stops the reply in progress at its next st call, fastReruns or not);
- st.chat_input's on_submit callback: the same, 2/3 and 1/3 (the callback runs in the next
  run, from the request already merged);
- runner.fastReruns on (Streamlit's default), the same page: 3/3 read, 1/3 finished;
- a st.components.v2 component whose state is the whole list of messages sent: 3/3 read (a
  merge keeps the newest list, which holds the older ones), but 2/3 finished, since its state
  changes are rerun requests that stop the run in progress too (and in one earlier trial a
  message was read twice). It would also replace Streamlit's chat input with our own
  JavaScript widget, which AppTest cannot type into (tests/test_ui_app.py drives the chat
  in-process);
- this queue: 3/3 read, 3/3 finished in every trial.
"""

from __future__ import annotations

import logging

from google.protobuf.message import Message
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.scriptrunner_utils import script_requests
from streamlit.runtime.scriptrunner_utils.script_requests import (
    RerunData,
    ScriptRequest,
    ScriptRequests,
    ScriptRequestType,
)

log = logging.getLogger(__name__)

_TRIGGERS = ("trigger_value", "string_trigger_value", "chat_input_value", "json_trigger_value")


def carries_trigger(states: WidgetStates | None) -> bool:
    """Whether a rerun request delivers a chat message or a click (a one-run value)."""
    for state in states.widgets if states is not None else ():
        kind = state.WhichOneof("value")
        if kind not in _TRIGGERS:
            continue
        value = getattr(state, kind)
        if value.ListFields() if isinstance(value, Message) else bool(value):
            return True
    return False


class QueueingScriptRequests(ScriptRequests):
    """ScriptRequests that never merge two user actions, nor let one stop the run of another
    before that run has read it: a user action waits for the run of the previous one."""

    def __init__(self) -> None:
        super().__init__()
        self._waiting: list[RerunData] = []  # user actions not yet handed over, in order
        self._acting = False  # the run in progress was started by a user action

    def _request_rerun_locked(self, new_data: RerunData) -> bool:
        if self._state != ScriptRequestType.STOP and carries_trigger(new_data.widget_states):
            pending = self._state == ScriptRequestType.RERUN and carries_trigger(
                self._rerun_data.widget_states
            )
            if self._acting or pending or self._waiting:
                self._waiting.append(new_data)
                return True
        return super()._request_rerun_locked(new_data)

    def on_scriptrunner_yield(self) -> ScriptRequest | None:
        if self._state == ScriptRequestType.RERUN:  # unlocked peek, as Streamlit's fast path
            with self._lock:
                if self._state == ScriptRequestType.RERUN and carries_trigger(
                    self._rerun_data.widget_states
                ):
                    self._acting = True  # from now on, later actions wait for this run
        return super().on_scriptrunner_yield()

    def on_scriptrunner_ready(self) -> ScriptRequest:
        """The run before has finished (or none has started): hand over what is pending,
        else the next waiting user action, else stop."""
        with self._lock:
            self._acting = False
            if self._state == ScriptRequestType.CONTINUE and self._waiting:
                super()._request_rerun_locked(self._waiting.pop(0))
            if self._state == ScriptRequestType.RERUN:
                self._acting = carries_trigger(self._rerun_data.widget_states)
        return super().on_scriptrunner_ready()

    def request_stop(self) -> None:
        with self._lock:
            self._waiting.clear()
        super().request_stop()


def install() -> bool:
    """Make new script runners queue user actions; False (logged) if Streamlit changed."""
    needed = ("_request_rerun_locked", "on_scriptrunner_ready", "request_stop", "_state")
    probe = ScriptRequests()
    if not all(hasattr(probe, name) for name in needed) or not hasattr(probe, "_rerun_data"):
        log.warning(
            "this Streamlit has no ScriptRequests queue to extend; quick messages may merge"
        )
        return False
    if script_runner.ScriptRequests is not QueueingScriptRequests:
        script_runner.ScriptRequests = QueueingScriptRequests  # type: ignore[misc]
    assert script_requests.ScriptRequests is ScriptRequests
    return True
