"""Structured output: method selection, what each method sends, validation and one repair."""

from __future__ import annotations

import asyncio

import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel

from agent.backends.llm.faults import ModelFailure
from agent.backends.llm.structured import resolve_method
from tests.support.llm_fakes import fake_client, json_reply, reply, scripted, tool_reply


class Verdict(BaseModel):
    feedback: str
    score: int


MESSAGES = [SystemMessage(content="grade"), HumanMessage(content="an answer")]


@pytest.mark.parametrize(
    ("configured", "base_url", "expected"),
    [
        ("auto", None, "json_schema"),
        ("auto", "https://api.openai.com/v1", "json_schema"),
        ("auto", "http://127.0.0.1:8080/v1", "function_calling"),
        ("auto", "http://localhost:11434/v1", "function_calling"),
        ("json_mode", "https://api.openai.com/v1", "json_mode"),
        ("json_schema", "http://127.0.0.1:8080/v1", "json_schema"),
    ],
)
def test_method_is_chosen_per_server(configured, base_url, expected):
    assert resolve_method(configured, base_url) == expected


def test_function_calling_forces_the_tool_and_reads_its_arguments():
    chat = scripted(tool_reply("Verdict", {"feedback": "fine", "score": 3}, 40, 7))
    out, used = fake_client(chat, "function_calling").structured(MESSAGES, Verdict, role="grader")
    assert out == Verdict(feedback="fine", score=3)
    assert (used.prompt, used.completion) == (40, 7)
    kwargs = chat.calls[0]["kwargs"]
    assert kwargs["tool_choice"] == "Verdict"
    assert kwargs["tools"][0]["function"]["name"] == "Verdict"
    assert "response_format" not in kwargs


def test_json_mode_sends_json_object_with_the_schema_and_spells_it_out():
    chat = scripted(reply('```json\n{"feedback": "ok", "score": 2}\n```'))
    out, _ = fake_client(chat, "json_mode").structured(MESSAGES, Verdict, role="grader")
    assert out.score == 2
    call = chat.calls[0]
    assert call["kwargs"]["response_format"]["type"] == "json_object"
    assert call["kwargs"]["response_format"]["schema"]["title"] == "Verdict"
    assert '"score"' in call["messages"][0].content  # schema in the system prompt too


def test_json_schema_sends_a_json_schema_response_format():
    chat = scripted(json_reply({"feedback": "ok", "score": 4}))
    out, _ = fake_client(chat, "json_schema").structured(MESSAGES, Verdict, role="grader")
    assert out.score == 4
    rf = chat.calls[0]["kwargs"]["response_format"]
    assert rf["type"] == "json_schema" and rf["json_schema"]["name"] == "Verdict"


def test_invalid_output_is_repaired_once_with_the_error_fed_back():
    chat = scripted(
        tool_reply("Verdict", {"feedback": "no score"}, 30, 5),
        tool_reply("Verdict", {"feedback": "fixed", "score": 1}, 50, 6),
    )
    out, used = fake_client(chat).structured(MESSAGES, Verdict, role="grader")
    assert out == Verdict(feedback="fixed", score=1)
    assert (used.prompt, used.completion, used.calls) == (80, 11, 2)
    repair = chat.calls[1]["messages"]
    assert len(repair) == len(MESSAGES) + 2
    assert "score" in repair[-1].content and "Field required" in repair[-1].content


def test_still_invalid_after_repair_is_a_model_failure():
    chat = scripted(reply("not json at all"), reply("{still not json"))
    with pytest.raises(ModelFailure, match="invalid structured output after repair"):
        fake_client(chat, "json_mode").structured(MESSAGES, Verdict, role="grader")
    assert len(chat.calls) == 2  # one try, one repair, no more


def test_async_structured_output_uses_the_same_rules():
    chat = scripted(
        tool_reply("Verdict", {"feedback": "x", "score": "high"}),
        tool_reply("Verdict", {"feedback": "x", "score": 2}),
    )
    out, _ = asyncio.run(fake_client(chat).astructured(MESSAGES, Verdict, role="grader"))
    assert out.score == 2 and len(chat.calls) == 2


def test_usage_is_accounted_per_role():
    chat = scripted(tool_reply("Verdict", {"feedback": "a", "score": 3}, 11, 2), reply("hi", 5, 1))
    client = fake_client(chat)
    client.structured(MESSAGES, Verdict, role="grader")
    client.invoke(MESSAGES, role="summary")
    totals = client.ledger.totals()
    assert totals["grader"].prompt_tokens == 11 and totals["summary"].completion_tokens == 1
