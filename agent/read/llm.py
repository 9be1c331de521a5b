"""The LLM reader: a structured reading of a candidate message from a chat model.

The prompt carries the card's fact TOPICS (never their answers), the current phase and the
rubric's signal ids with descriptions for the current and the next phase (plus
communication). The schema restricts ids to those lists (enums), which grammar-constrained
servers such as llama.cpp enforce token by token; the reply is filtered again anyway,
because other servers do not. Signals outside that scope come from the offline reading.

The offline reader runs beside the model call (the call goes out first, on a side thread,
and the offline reading starts once its request is written: agent/backends/llm/sent.py),
and so does the caller's `while_waiting` work with its reading (the interview retrieves
guidance for the move the offline reading points to), when the model is still reading by
the time the offline reading is done. The offline reading fills what the
model is not asked for (misconceptions, word count) and is the whole answer when the model
fails, marked with `fallback` so the turn says why. It is also the whole answer when it
reads manipulation: a model the message talks round must not turn that into a question
about every fact, so the model's reading of such a message is dropped, not waited for.
"""

from __future__ import annotations

import contextvars
import hashlib
import re
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Literal

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, create_model, field_validator

from agent.backends.llm.client import LLMClient
from agent.backends.llm.context import trim
from agent.backends.llm.faults import ModelFailure
from agent.backends.llm.sent import notify_when_sent
from agent.content.phases import Phase, next_phase
from agent.content.rubric import Rubric, Signal
from agent.read.llm_merge import merge_reading
from agent.read.reading import (
    MessageKind,
    MetaTopic,
    ReadContext,
    Reader,
    Reading,
    SteppedReader,
    SteppedReading,
)

MAX_MESSAGE_CHARS = 4000
# Bounds in the schema: grammar-constrained servers (llama.cpp) then cannot ramble on.
MAX_IDS = 6
MAX_FOCUS_CHARS = 80
# At most this long the offline reading waits for the model's request to leave the box.
SEND_WAIT_SECONDS = 0.05


class _ReadingBase(BaseModel):
    @field_validator("on_topic", mode="before", check_fields=False)
    @classmethod
    def _clamp(cls, v: Any) -> float:
        try:
            return min(1.0, max(0.0, float(v)))
        except (TypeError, ValueError):
            return 1.0

    @field_validator("phases", mode="before", check_fields=False)
    @classmethod
    def _few(cls, v: Any) -> Any:
        return _known(v, {p.value for p in Phase})

    @field_validator("focus", mode="before", check_fields=False)
    @classmethod
    def _short(cls, v: Any) -> Any:
        return v[:MAX_FOCUS_CHARS] if isinstance(v, str) else v


@lru_cache(maxsize=32)
def reading_schema(topics: tuple[str, ...], signals: tuple[str, ...]) -> type[BaseModel]:
    """The reply schema for one card and rubric: ids are enums, so they cannot be made up."""
    topic_t: Any = Literal[topics] if topics else str
    signal_t: Any = Literal[signals] if signals else str
    meta_t: Any = Literal[(*(m.value for m in MetaTopic), "none")]

    def keep(allowed: set[str]) -> Any:
        # An unknown id is dropped, not a reason to reject the whole reading (and pay for a
        # repair round): servers without grammars do make ids up.
        return classmethod(lambda cls, v: _known(v, allowed) if allowed else v)

    return create_model(
        "CandidateReading",
        __base__=_ReadingBase,
        __validators__={
            "_known_topics": field_validator("fact_topics", mode="before")(keep(set(topics))),
            "_known_signals": field_validator("signals", mode="before")(keep(set(signals))),
        },
        __doc__="How to read the candidate's message.",
        kind=(MessageKind, ...),
        fact_topics=(list[topic_t], Field(default_factory=list, max_length=MAX_IDS)),
        unanswerable=(bool, False),
        signals=(list[signal_t], Field(default_factory=list, max_length=MAX_IDS)),
        phases=(list[Phase], Field(default_factory=list, max_length=MAX_IDS)),
        meta=(meta_t, "none"),
        on_topic=(float, 1.0),
        focus=(str, Field(default="", max_length=MAX_FOCUS_CHARS)),
    )


def _known(value: Any, allowed: set[str]) -> Any:
    if not isinstance(value, list):
        return value
    return [v for v in value if isinstance(v, str) and v in allowed][:MAX_IDS]


def nonce_for(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:8]


class LLMReader:
    name = "openai"
    waits_on_model = True

    def __init__(self, client: LLMClient, fallback: Reader) -> None:
        self.client = client
        self.fallback = fallback

    def read(
        self,
        text: str,
        context: ReadContext,
        *,
        while_waiting: Callable[[Reading], None] | None = None,
    ) -> Reading:
        if not _HAS_WORDS.search(text[:MAX_MESSAGE_CHARS]):
            return self.fallback.read(text, context)  # nothing for a model to read
        topics = tuple(f.topic for f in context.card.facts)
        scope = signals_in_scope(context.rubric, context.phase)
        signal_ids = tuple(s.id for s in scope)
        schema = reading_schema(topics, signal_ids)
        messages = self._messages(text, context)
        call = Beside(
            lambda: self.client.structured(
                messages, schema, role="reader", temperature=0, max_tokens=300
            )
        )
        # the request leaves before the offline reading takes the interpreter (it would
        # otherwise wait on it at every thread switch); bounded, should no signal come
        call.sent(SEND_WAIT_SECONDS)
        offline = self._offline(text, context)  # while the model reads
        if offline.first.kind in _NOT_FOR_A_MODEL:
            # The offline verdict stands: the model's reading of a message written to steer
            # a model (it could be talked into reading it as a question about every fact)
            # is never used, nor waited for.
            return offline.whole()
        if not call.done():
            # Work for the model's wait only while there is a wait: once the model has
            # answered, the turn decides its own move at once, and the offline reading's
            # details or a search made ahead for its move (a query through the sentence
            # model) would only delay it, for nothing when the two moves differ.
            base = offline.whole()
            if while_waiting is not None and not call.done():
                while_waiting(base)
        try:
            out, usage = call.result()
        except ModelFailure as failure:
            return offline.whole().model_copy(update={"fallback": failure.reason})
        reply = out.model_dump()
        # the details of the offline reading that the merge takes: the facts a question
        # asks (the model named none) and what a remark about the interview asks
        base = offline.whole() if reply.get("kind") in _MERGE_TAKES_DETAILS else offline.first
        return merge_reading(base, reply, text, topics, signal_ids).model_copy(
            update={
                "source": "openai",
                "prompt_tokens": usage.prompt,
                "completion_tokens": usage.completion,
            }
        )

    def _offline(self, text: str, context: ReadContext) -> SteppedReading:
        if isinstance(self.fallback, SteppedReader):
            return self.fallback.read_in_steps(text, context)
        return SteppedReading(self.fallback.read(text, context))

    def _messages(self, text: str, context: ReadContext) -> list:
        rubric = context.rubric
        signals = "\n".join(
            f"- {s.id}: {s.description}" for s in signals_in_scope(rubric, context.phase)
        )
        system = self.client.prompts.render(
            "reader_system",
            problem_title=context.card.title,
            opening=context.card.opening,
            phase=context.phase.value,
            last_interviewer_text=trim(context.last_interviewer_text, 400) or "(nothing yet)",
            fact_topics=", ".join(f.topic for f in context.card.facts),
            signals=signals,
        )
        user = self.client.prompts.render(
            "reader_user", message=trim(text, MAX_MESSAGE_CHARS), nonce=nonce_for(text)
        )
        return [SystemMessage(content=system), HumanMessage(content=user)]


_NOT_FOR_A_MODEL = (MessageKind.EMPTY, MessageKind.MANIPULATION)
# The model's kinds for which merge_reading reads an offline field that the offline reader
# sets in its second step (SteppedReading): `fact_topics` and `meta`.
_MERGE_TAKES_DETAILS = {MessageKind.CLARIFYING_QUESTION.value, MessageKind.META.value}
_HAS_WORDS = re.compile(r"[^\W_]", re.UNICODE)  # without a letter or digit it is "empty"


class Beside:
    """One call run on a side thread while the caller goes on; `result()` waits for it and
    returns its value or raises its exception; `sent()` waits until its request has left."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._fn = fn
        self._value: Any = None
        self._error: BaseException | None = None
        self._sent = threading.Event()
        self._thread = threading.Thread(
            target=contextvars.copy_context().run, args=(self._run,), name="reader", daemon=True
        )
        self._thread.start()

    def _run(self) -> None:
        try:
            with notify_when_sent(self._sent.set):
                self._value = self._fn()
        except BaseException as error:  # handed to the caller in result()
            self._error = error
        finally:
            self._sent.set()

    def sent(self, timeout: float) -> bool:
        """Wait, at most `timeout` seconds, until the call's request has been written to the
        server (or its first attempt failed, or the call is over); whether it was."""
        return self._sent.wait(timeout)

    def done(self) -> bool:
        """Whether the call has returned or raised."""
        return not self._thread.is_alive()

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def signals_in_scope(rubric: Rubric, phase: Phase) -> list[Signal]:
    """Signals of the dimensions shown in this phase and the next one, plus communication.

    A bounded list keeps the prompt short and the enum small (llama.cpp checks every
    vocabulary token against the grammar, so a 60-way enum slows each token down a lot).
    Signals outside the scope still reach the reading through the offline reader.
    """
    phases = {phase, next_phase(phase) or phase}
    return [
        s
        for d in rubric.dimensions
        if d.phase in phases or d.id == "communication"
        for s in d.signals
    ]
