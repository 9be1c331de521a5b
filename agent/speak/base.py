"""The voice interface shared by the offline question-bank voice and the LLM voice."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from agent.content.phases import PhaseSpec
from agent.content.problems import ProblemCard
from agent.decide.moves import Move
from agent.decide.state import InterviewState
from agent.ground.grounding import Grounding
from agent.read.reading import Reading
from agent.record.transcript import Turn


class SpeakContext(BaseModel):
    """Everything a voice may use to word one move. Hidden facts arrive only via grounding."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    card: ProblemCard
    move: Move
    grounding: Grounding
    state: InterviewState
    phase_spec: PhaseSpec
    candidate_text: str = ""
    history: list[Turn] = Field(default_factory=list)
    seed: int = 0  # for deterministic variation in the offline voice
    # the reading of the candidate message this move answers (focus phrase, meta topic,
    # whether a question was partly unanswerable); None for the opening
    reading: Reading | None = None


class SpeechMeta(BaseModel):
    backend: str  # "offline" | "openai"
    model: str | None = None
    fallback: str | None = None  # set when an LLM turn was answered offline instead
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    tokens_estimated: bool = False  # the server reported no usage; counts were estimated


class Utterance:
    """A streamed interviewer reply: iterate for chunks; `text` and `meta` are final after."""

    def __init__(self, chunks: Iterable[str], meta: SpeechMeta) -> None:
        self._chunks = chunks
        self.meta = meta
        self._parts: list[str] = []
        self.done = False

    def __iter__(self) -> Iterator[str]:
        for chunk in self._chunks:
            self._parts.append(chunk)
            yield chunk
        self.done = True

    def consume(self) -> str:
        for _ in self:
            pass
        return self.text

    @property
    def text(self) -> str:
        return "".join(self._parts).strip()


class Voice(Protocol):
    name: str

    def speak(self, context: SpeakContext) -> Utterance: ...
