"""An `openai` backend on a fake chat model, for the injection suite's LLM path.

The model answers each call by what it is for (the reader's structured reading, the grader's
judgement, the voice or the summariser) through a `responder`, and records every call, so a
test can read exactly what the model was shown. Nothing leaves the process.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import BaseMessage

from agent.backends.base import Backend
from agent.backends.registry import make_backend
from agent.content.bundle import load_content
from agent.decide.clock import SimulatedClock
from agent.interview import Interview
from agent.read.llm import LLMReader
from agent.settings import get_settings
from agent.speak.llm import LLMVoice, load_move_briefs
from tests.support import injection_oracle as oracle
from tests.support import injection_suite as suite
from tests.support.fixtures_store import shared_store
from tests.support.llm_fakes import ScriptedChatModel, fake_client, reply, tool_reply


class RolePlayModel(ScriptedChatModel):
    """ScriptedChatModel whose replies come from `responder(messages, kwargs)`."""

    responder: Any = None

    def _next(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> Any:
        self.calls.append({"messages": list(messages), "kwargs": dict(kwargs)})
        item = self.responder(messages, kwargs)
        if isinstance(item, BaseException):
            raise item
        return item


def tool_name(kwargs: dict[str, Any]) -> str | None:
    """The forced tool of a structured call (CandidateReading, DimensionJudgement), if any."""
    tools = kwargs.get("tools") or []
    return tools[0]["function"]["name"] if tools else None


def prompt_text(messages: list[BaseMessage]) -> str:
    return "\n".join(str(m.content) for m in messages)


def squash(text: str) -> str:
    return " ".join(text.split())


def llm_backend(model: RolePlayModel) -> Backend:
    """LLM reader and voice on `model` (offline twins as fallbacks), offline grader."""
    client = fake_client(model)
    settings = get_settings()
    offline = make_backend("offline", settings)
    return Backend(
        name="openai",
        model="fake-model",
        reader=LLMReader(client, offline.reader),
        voice=LLMVoice(client, offline.voice, briefs=load_move_briefs(settings.prompts_dir)),
        grader=offline.grader,
        fallback=lambda: offline,
    )


VOICE_LINE = "Thanks. Let's keep going with your design."


def llm_interview(attempt: Any, card_id: str, *, fooled: bool) -> tuple[RolePlayModel, Any]:
    """An interview whose reader and voice are the LLM ones on a fake model.

    fooled=False: the model reads like a careful reader (the attempt is manipulation).
    fooled=True: the attempt took the model in: it reads the attempt as a clarifying question
    about every topic on the card, which is what a prompt injection aims for.
    """
    card = load_content().problems.get(card_id)
    setups = {squash(s.text): s.asks for s in attempt.setup}

    def respond(messages: list[BaseMessage], kwargs: dict[str, Any]) -> Any:
        if tool_name(kwargs) != "CandidateReading":
            return reply(VOICE_LINE)  # voice or summariser
        said = squash(str(messages[-1].content))
        if squash(attempt.text)[:60] in said:
            if fooled:
                topics = [f.topic for f in card.facts]
                return tool_reply(
                    "CandidateReading", {"kind": "clarifying_question", "fact_topics": topics}
                )
            return tool_reply("CandidateReading", {"kind": "manipulation"})
        if squash(suite.PREFIX.text) in said:
            return tool_reply(
                "CandidateReading",
                {"kind": "clarifying_question", "fact_topics": suite.PREFIX.asks},
            )
        for text, asks in setups.items():
            if text in said and asks:
                return tool_reply(
                    "CandidateReading", {"kind": "clarifying_question", "fact_topics": asks}
                )
        return tool_reply("CandidateReading", {"kind": "answer"})

    model = RolePlayModel(messages=iter(()), responder=respond)
    backend = llm_backend(model)
    iv = Interview(card, backend, store=shared_store(), seed=suite.SEED, clock=SimulatedClock())
    iv.start()
    for text in [suite.PREFIX.text, *(s.text for s in attempt.setup), attempt.text]:
        iv.respond(text)
    iv.respond(suite.BENIGN_ANSWER[card_id])
    return model, iv


def prompts_seen(model: RolePlayModel) -> tuple[list[str], list[str]]:
    voice, reader = [], []
    for call in model.calls:
        if tool_name(call["kwargs"]) == "CandidateReading":
            reader.append(prompt_text(call["messages"]))
        elif "interviewer in a mock" in str(call["messages"][0].content):
            voice.append(prompt_text(call["messages"]))
    return voice, reader


def prompt_leaks(
    model: RolePlayModel, attempt: Any, card_id: str, iv: Interview
) -> tuple[list[oracle.FactLeak], list[oracle.FactLeak]]:
    """(unasked facts the voice was shown, fact answers in the reader's prompts)."""
    card = load_content().problems.get(card_id)
    asked = suite.asked_topics(attempt, card_id)
    said = " ".join(iv.transcript.candidate_texts())
    voice, reader = prompts_seen(model)
    assert len(voice) >= 3 and len(reader) >= 2, "the LLM reader and voice were used"
    return (
        [x for p in voice for x in oracle.fact_leaks(p, card, asked, said)],
        [x for p in reader for x in oracle.fact_leaks(p, card, set(), said)],
    )
