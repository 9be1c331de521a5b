"""The app's script-request queue: user actions (chat messages, clicks) each get a run of
their own, in the order sent, and never stop the run of the one before it.

Driven the way Streamlit's script runner drives it: requests arrive from the browser while
the runner asks at yield points (on_scriptrunner_yield) and between runs
(on_scriptrunner_ready). The browser flow itself is tests/test_ui_flows.py.
"""

from __future__ import annotations

from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequestType

from ui.components.action_queue import QueueingScriptRequests, carries_trigger


def chat(text: str) -> RerunData:
    states = WidgetStates()
    state = states.widgets.add()
    state.id = "chat"
    state.chat_input_value.data = text
    return RerunData(widget_states=states)


def typed(value: str) -> RerunData:
    states = WidgetStates()
    state = states.widgets.add()
    state.id = "model_name"
    state.string_value = value
    return RerunData(widget_states=states)


def message_of(data: RerunData) -> str | None:
    for state in data.widget_states.widgets if data.widget_states else ():
        if state.WhichOneof("value") == "chat_input_value":
            return state.chat_input_value.data
    return None


def runs(requests: QueueingScriptRequests) -> list[str | None]:
    """Every run the runner would make from here on, by the message it delivers."""
    out = []
    request = requests.on_scriptrunner_ready()
    while request.type == ScriptRequestType.RERUN:
        out.append(message_of(request.rerun_data))
        request = requests.on_scriptrunner_ready()
    return out


def test_messages_sent_before_the_runner_starts_each_get_a_run_in_order() -> None:
    requests = QueueingScriptRequests()
    for text in ("first", "second", "third"):
        assert requests.request_rerun(chat(text))
    assert runs(requests) == ["first", "second", "third"]


def test_a_message_sent_during_a_run_waits_for_it_instead_of_stopping_it() -> None:
    requests = QueueingScriptRequests()
    requests.request_rerun(chat("first"))
    assert message_of(requests.on_scriptrunner_ready().rerun_data) == "first"
    requests.request_rerun(chat("second"))  # the run of "first" has not read it yet
    assert requests.on_scriptrunner_yield() is None  # "first" keeps running
    assert runs(requests) == ["second"]


def test_a_changed_field_without_a_trigger_still_reruns_at_once() -> None:
    requests = QueueingScriptRequests()
    requests.request_rerun(typed("gpt-4o-mini"))
    request = requests.on_scriptrunner_ready()
    assert request.type == ScriptRequestType.RERUN and not carries_trigger(
        request.rerun_data.widget_states
    )
    requests.request_rerun(typed("llama"))
    interrupted = requests.on_scriptrunner_yield()
    assert interrupted is not None and interrupted.type == ScriptRequestType.RERUN


def test_a_stopped_session_drops_what_waits() -> None:
    requests = QueueingScriptRequests()
    requests.request_rerun(chat("first"))
    requests.request_rerun(chat("second"))
    requests.request_stop()
    assert requests.on_scriptrunner_ready().type == ScriptRequestType.STOP
    assert not requests.request_rerun(chat("third"))
