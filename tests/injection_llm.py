"""An `openai` backend on a fake chat model, for the injection suite's LLM path.

The model answers each call by what it is for (the reader's structured reading, the grader's
judgement, the voice or the summariser) through a `responder`, and records every call, so a
test can read exactly what the model was shown. Nothing leaves the process.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import BaseMessage
from llm_fakes import ScriptedChatModel, fake_client

from agent.backends import Backend, make_backend
from agent.readers.llm import LLMReader
from agent.settings import get_settings
from agent.voice.llm import LLMVoice, load_move_briefs


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
    )
