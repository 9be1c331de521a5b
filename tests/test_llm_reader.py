"""The LLM reader: what reaches the prompt, how the reply maps to a Reading, fallbacks."""

from __future__ import annotations

import json

import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.read.llm import LLMReader, signals_in_scope
from agent.read.offline import OfflineReader
from agent.read.reading import MessageKind, MetaTopic, ReadContext
from tests.support.card_reading import card_context
from tests.support.llm_fakes import fake_client, reply, scripted, server_error, tool_reply


@pytest.fixture(scope="module")
def offline() -> OfflineReader:
    return OfflineReader()


@pytest.fixture
def context() -> ReadContext:
    return card_context(
        "fraud-detection", Phase.CLARIFY, last_interviewer_text="How would you approach this?"
    )


def schema_of(call: dict) -> dict:
    return call["kwargs"]["tools"][0]["function"]["parameters"]


def test_prompt_has_fact_topics_and_signals_but_never_fact_answers(offline, context):
    chat = scripted(tool_reply("CandidateReading", {"kind": "clarifying_question"}))
    LLMReader(fake_client(chat), offline).read("How many transactions per day?", context)
    sent = "\n".join(str(m.content) for m in chat.calls[0]["messages"])
    for fact in context.card.facts:
        assert fact.topic in sent
        assert fact.answer not in sent  # answers stay hidden from the reader
    some_signal = context.rubric.dimensions[0].signals[0]
    assert some_signal.id in sent and some_signal.description in sent
    assert "Current interview phase: clarify" in sent
    # the schema only allows the card's topics and the rubric's signal ids
    props = schema_of(chat.calls[0])["properties"]
    assert set(props["fact_topics"]["items"]["enum"]) == {f.topic for f in context.card.facts}
    in_scope = {
        s.id
        for d in context.rubric.dimensions
        if d.phase in (Phase.CLARIFY, Phase.DATA) or d.id == "communication"
        for s in d.signals
    }
    assert set(props["signals"]["items"]["enum"]) == in_scope
    modeling = next(d for d in context.rubric.dimensions if d.phase == Phase.MODELING)
    assert modeling.signals[0].id not in sent  # later phases: left to the offline reader


def test_reply_maps_to_a_reading_with_ids_filtered(offline, context):
    text = "What is the daily volume? I'd also watch precision at a fixed recall."
    real_signal = context.rubric.dimensions[0].signals[0].id
    out = {
        "kind": "clarifying_question",
        "fact_topics": ["scale", "made_up_topic", "scale"],
        "signals": [real_signal, "not_a_signal"],
        "phases": ["clarify", "evaluation"],
        "on_topic": 1.7,
        "focus": "precision at a fixed recall",
    }
    chat = scripted(tool_reply("CandidateReading", out, 321, 12))
    reading = LLMReader(fake_client(chat), offline).read(text, context)
    assert reading.kind == MessageKind.CLARIFYING_QUESTION
    assert reading.fact_topics == ["scale"]
    # in scope: the model's ids (unknown ones dropped); out of scope: the offline reader's
    offline_signals = offline.read(text, context).signals
    scope = {s.id for s in signals_in_scope(context.rubric, Phase.CLARIFY)}
    assert reading.signals == [real_signal] + [s for s in offline_signals if s not in scope]
    assert reading.phases == [Phase.CLARIFY, Phase.EVALUATION]
    assert reading.on_topic_score == 1.0  # clamped
    assert reading.focus == "precision at a fixed recall"
    assert (reading.source, reading.fallback) == ("openai", None)
    assert (reading.prompt_tokens, reading.completion_tokens) == (321, 12)
    assert reading.word_count == offline.read(text, context).word_count


def test_focus_that_is_not_verbatim_is_replaced_by_the_offline_focus(offline, context):
    text = "I would use the chargeback labels as ground truth."
    chat = scripted(tool_reply("CandidateReading", {"kind": "answer", "focus": "invented words"}))
    reading = LLMReader(fake_client(chat), offline).read(text, context)
    assert reading.focus == offline.read(text, context).focus


def test_meta_without_a_topic_keeps_the_offline_topic(offline, context):
    text = "How much time do we have left?"
    chat = scripted(tool_reply("CandidateReading", {"kind": "meta", "meta": "none"}))
    reading = LLMReader(fake_client(chat), offline).read(text, context)
    assert reading.kind == MessageKind.META
    assert reading.meta == (offline.read(text, context).meta or MetaTopic.OTHER)


def test_json_mode_reply_is_read_from_content(offline, context):
    chat = scripted(reply(json.dumps({"kind": "hint_request"})))
    reading = LLMReader(fake_client(chat, "json_mode"), offline).read("I'm stuck", context)
    assert reading.kind == MessageKind.HINT_REQUEST


def test_model_failure_gives_the_offline_reading_marked(offline, context):
    chat = scripted(server_error(), server_error(), server_error())
    text = "What latency budget do we have?"
    reading = LLMReader(fake_client(chat), offline).read(text, context)
    expected = offline.read(text, context)
    assert reading.kind == expected.kind and reading.fact_topics == expected.fact_topics
    assert reading.fallback == "server error (HTTP 503) after 2 retries"
    assert reading.source == "offline"


def test_blank_message_needs_no_model(offline, context):
    chat = scripted()
    reading = LLMReader(fake_client(chat), offline).read("   ", context)
    assert reading.kind == MessageKind.EMPTY and chat.calls == []


def test_figures_and_stated_requirements_come_from_the_offline_reading(offline):
    context = ReadContext(
        phase=Phase.CLARIFY,
        card=load_content().problems.get("fraud-detection"),  # peak around 3,000 per second
        rubric=load_content().rubric,
        facts_given=["scale"],
    )
    text = "At 9,000 transactions per second, card velocity counts must be at most a minute old."
    chat = scripted(tool_reply("CandidateReading", {"kind": "answer"}))
    reading = LLMReader(fake_client(chat), offline).read(text, context)
    assert [c.said for c in reading.number_conflicts] == ["9,000 transactions per second"]
    assert reading.number_conflict is not None
    assert reading.requirements == ["card velocity counts must be at most a minute old"]
