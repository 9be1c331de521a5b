"""The LLM reader's request leaves for the server before the offline reading starts (the two
would otherwise share the interpreter while the request is being built and sent), and a
failed attempt does not hold the offline reading through the retries' backoff."""

from __future__ import annotations

import time
from types import SimpleNamespace

from langchain_core.messages import HumanMessage
from pydantic import SecretStr

from agent.backends.llm import sent
from agent.backends.openai import make_client
from agent.content.phases import Phase
from agent.read.llm import Beside, LLMReader
from agent.read.offline import OfflineReader
from agent.read.reading import MessageKind, ReadContext, SteppedReading
from agent.settings import Settings
from tests.support.card_reading import card_context
from tests.support.fake_openai_server import FakeOpenAIServer, closed_port_url
from tests.support.llm_fakes import fake_client, scripted, tool_reply


def _settings(base_url: str, **extra: object) -> Settings:
    settings = Settings(base_url=base_url, model="m", api_key=SecretStr("k"), max_retries=0)
    return settings.model_copy(update=extra)


class Order:
    """The offline reader, noting when it began among the model call's own events."""

    name = "offline"

    def __init__(self, events: list[str]) -> None:
        self.events = events
        self.reader = OfflineReader()

    def read(self, text: str, context: ReadContext):
        return self.reader.read(text, context)

    def read_in_steps(self, text: str, context: ReadContext) -> SteppedReading:
        self.events.append("offline reading")
        return self.reader.read_in_steps(text, context)


def _written(events: list[str]) -> None:
    """What the HTTP client's hook does for a request whose body has been written."""
    request = SimpleNamespace(extensions={})
    sent.on_request(request)
    request.extensions["trace"]("http11.send_request_body.complete", {})
    events.append("request written")


def test_the_offline_reading_starts_once_the_model_has_the_request():
    events: list[str] = []
    client = fake_client(scripted(tool_reply("CandidateReading", {"kind": "clarifying_question"})))
    structured = client.structured

    def slow_to_send(*args, **kwargs):
        time.sleep(0.02)  # building the request
        _written(events)
        return structured(*args, **kwargs)

    client.structured = slow_to_send  # type: ignore[method-assign]
    context = card_context("fraud-detection", Phase.CLARIFY)
    reading = LLMReader(client, Order(events)).read("How many payments a day?", context)
    assert events == ["request written", "offline reading"]
    assert reading.kind == MessageKind.CLARIFYING_QUESTION


def test_a_request_to_a_server_calls_back_once_its_body_is_written():
    calls: list[int] = []
    with FakeOpenAIServer(text="ok") as server:
        client = make_client(_settings(server.base_url))
        with sent.notify_when_sent(lambda: calls.append(len(calls))):
            client.invoke([HumanMessage(content="hi")], role="voice")
        client.invoke([HumanMessage(content="again")], role="voice")  # nobody waits on it
    assert calls == [0]


def test_a_failed_attempt_lets_the_offline_reading_start_during_the_backoff():
    client = make_client(_settings(closed_port_url(), max_retries=1, retry_base_delay=2.0))
    call = Beside(lambda: client.invoke([HumanMessage(content="hi")], role="reader"))
    assert call.sent(10)  # the refused connection, not the end of the call
    assert not call.done()  # still waiting to retry


def test_a_trace_the_request_already_had_still_hears_every_event():
    heard: list[str] = []
    request = SimpleNamespace(extensions={"trace": lambda event, info: heard.append(event)})
    notified: list[bool] = []
    with sent.notify_when_sent(lambda: notified.append(True)):
        sent.on_request(request)
    request.extensions["trace"]("http11.send_request_headers.started", {})
    request.extensions["trace"]("http11.send_request_body.complete", {})
    assert heard == ["http11.send_request_headers.started", "http11.send_request_body.complete"]
    assert notified == [True]
