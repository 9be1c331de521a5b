"""Function backends: a plain Python function as the reader, the voice or the grader.

The way pydantic-ai ships FunctionModel and simonw/llm its echo model: scripts, experiments
and tests plug a function in at the product's own seams and run the real interview (policy,
grounding, transcript, recap) around it. Steps left out are the offline ones.

    from agent import Interview
    from agent.backends.function import function_backend

    backend = function_backend(speak=lambda context: f"({context.move.kind}) Go on.")
    interview = Interview("fraud-detection", backend=backend)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from agent.backends.base import Backend
from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.grading.recap import Recap
from agent.read.reading import ReadContext, Reading
from agent.record.transcript import Transcript
from agent.settings import Settings
from agent.speak.base import SpeakContext, SpeechMeta, Utterance

ReadFunction = Callable[[str, ReadContext], Reading]
SpeakFunction = Callable[[SpeakContext], str | Iterable[str]]
AnswerGradeFunction = Callable[[str, ProblemCard, Rubric], Recap]
TranscriptGradeFunction = Callable[[Transcript, ProblemCard, Rubric], Recap]


class FunctionReader:
    """The read step as `fn(text, context) -> Reading`."""

    def __init__(self, fn: ReadFunction, name: str = "function") -> None:
        self.fn = fn
        self.name = name

    def read(self, text: str, context: ReadContext) -> Reading:
        return self.fn(text, context)


class FunctionVoice:
    """The speak step as `fn(context) -> str`, or an iterable of chunks to stream."""

    def __init__(self, fn: SpeakFunction, name: str = "function") -> None:
        self.fn = fn
        self.name = name

    def speak(self, context: SpeakContext) -> Utterance:
        said = self.fn(context)
        chunks = [said] if isinstance(said, str) else said
        return Utterance(chunks, SpeechMeta(backend=self.name))


class FunctionGrader:
    """The grader as functions; an interview is graded as its candidate turns' text when no
    transcript function is given."""

    def __init__(
        self,
        answer: AnswerGradeFunction,
        transcript: TranscriptGradeFunction | None = None,
        name: str = "function",
    ) -> None:
        self._answer = answer
        self._transcript = transcript
        self.name = name
        self.model: str | None = None

    def grade_answer(self, text: str, card: ProblemCard, rubric: Rubric) -> Recap:
        return self._answer(text, card, rubric)

    def grade_transcript(self, transcript: Transcript, card: ProblemCard, rubric: Rubric) -> Recap:
        if self._transcript is not None:
            return self._transcript(transcript, card, rubric)
        return self._answer("\n\n".join(transcript.candidate_texts()), card, rubric)


def function_backend(
    *,
    read: ReadFunction | None = None,
    speak: SpeakFunction | None = None,
    grade: AnswerGradeFunction | None = None,
    name: str = "function",
    falls_back: bool = True,
    settings: Settings | None = None,
) -> Backend:
    """A backend whose given steps are functions and the rest offline. With falls_back, a
    step that raises is answered by the offline backend (and the turn records why), as a
    model backend's would be; without it the error propagates."""
    from agent.backends.registry import make_backend

    offline = make_backend("offline", settings)
    return Backend(
        name=name,
        model=None,
        reader=FunctionReader(read, name) if read else offline.reader,
        voice=FunctionVoice(speak, name) if speak else offline.voice,
        grader=FunctionGrader(grade, name=name) if grade else offline.grader,
        fallback=(lambda: offline) if falls_back else None,
    )
