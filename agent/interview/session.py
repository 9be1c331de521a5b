"""The interview as callers see it: start or resume, respond turn by turn (streamed), finish
with the recap. Each turn runs read -> decide -> ground -> speak -> record (steps.py) under
one lock; the reply is streamed without holding it.
"""

from __future__ import annotations

# First, for its effect: the sentence model starts loading on a side thread (mostly outside
# the GIL) while the imports below and the content loading run, not after them.
from agent.knowledge import preload

# isort: split
import random
import threading
import time
from collections.abc import Generator
from pathlib import Path

from agent.backends.base import Backend
from agent.backends.fallback import ModelSteps
from agent.backends.registry import make_backend
from agent.content.bundle import InterviewContent, load_content
from agent.content.files import one_pass
from agent.content.phases import Phase
from agent.content.problems import ProblemCard
from agent.decide import policy
from agent.decide.clock import Clock, WallClock
from agent.decide.moves import Move, MoveKind
from agent.decide.state import InterviewState
from agent.grading.recap import Recap
from agent.ground.grounding import Retriever
from agent.ground.guidance import Guidance
from agent.interview.steps import TurnSteps
from agent.record.autosave import Autosave
from agent.record.transcript import Transcript, load_transcript, now
from agent.settings import Settings, get_settings


class InterviewFinished(RuntimeError):
    """The interview has ended; start a new one to keep practising."""


class InterviewBusy(RuntimeError):
    """A new message arrived while the previous reply was still being streamed."""


class Interview:
    def __init__(
        self,
        problem: ProblemCard | str | None = None,
        backend: str | Backend = "offline",
        *,
        settings: Settings | None = None,
        store: Retriever | None = None,
        clock: Clock | None = None,
        save_path: Path | None = None,
        seed: int | None = None,
        _transcript: Transcript | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        preload.start()  # the sentence model, needed by the first reading (once a process)
        self.content: InterviewContent = load_content(self.settings)
        if seed is None:
            seed = _transcript.seed if _transcript and _transcript.seed is not None else None
        self.seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        self.card = self._card(problem)
        self.backend = make_backend(backend, self.settings) if isinstance(backend, str) else backend
        self.clock: Clock = clock or WallClock()
        self._guidance = Guidance(store, self._open_store)
        self._lock = threading.RLock()
        self._speaking = False  # a streamed reply is being consumed
        rubric = self.content.rubric
        self.transcript = _transcript or Transcript(
            problem_id=self.card.id,
            backend=self.backend.name,
            model=self.backend.model,
            seed=self.seed,
            rubric_version=rubric.version,
            rubric_hash=rubric.hash,
            state=InterviewState(total_minutes=self.settings.interview_minutes),
        )
        self.clock.resume_from(self.transcript.state.elapsed_minutes)
        self.save_path = Path(
            save_path or self.settings.interviews_dir / f"{self.transcript.id}.json"
        )
        self._autosave = Autosave(self.save_path)
        self._steps = TurnSteps(
            self.transcript,
            card=self.card,
            content=self.content,
            clock=self.clock,
            seed=self.seed,
            guidance=self._guidance,
            model=ModelSteps(self.backend),
            autosave=self._autosave,
        )

    # -- construction --------------------------------------------------------------------

    @classmethod
    def resume(
        cls,
        path: Path | str,
        backend: str | Backend | None = None,
        *,
        settings: Settings | None = None,
        store: Retriever | None = None,
        clock: Clock | None = None,
    ) -> Interview:
        """Continue a saved interview where it stopped (same problem, seed and state)."""
        path = Path(path)
        transcript = load_transcript(path)  # TranscriptError for malformed / newer files
        return cls(
            transcript.problem_id,
            backend if backend is not None else transcript.backend,
            settings=settings,
            store=store,
            clock=clock,
            save_path=path,
            _transcript=transcript,
        )

    def _card(self, problem: ProblemCard | str | None) -> ProblemCard:
        if isinstance(problem, ProblemCard):
            return problem
        library = self.content.problems
        if problem is None:
            return library.random(random.Random(self.seed))
        return library.get(problem)

    # -- what callers look at ------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.transcript.id

    @property
    def state(self) -> InterviewState:
        return self.transcript.state

    @property
    def phase(self) -> Phase:
        return self.transcript.state.phase

    @property
    def minutes_left(self) -> float:
        return max(0.0, self.transcript.state.total_minutes - self.clock.elapsed_minutes())

    @property
    def finished(self) -> bool:
        return self.transcript.status == "finished"

    @property
    def wrapping_up(self) -> bool:
        """The interviewer has said its closing words; `finish()` gives the recap."""
        last = self.transcript.last_move()
        return last is not None and last.kind == MoveKind.WRAP_UP

    @property
    def continued_elsewhere(self) -> bool:
        """Another copy of this interview (a second tab, another process) saved it since this
        one did: this copy is out of date and will not write; resume from the file instead."""
        return not self._autosave.current

    @property
    def started(self) -> bool:
        return any(t.role == "interviewer" for t in self.transcript.turns)

    @property
    def store(self) -> Retriever:
        return self._guidance.store

    def _open_store(self) -> Retriever:
        from agent.knowledge.store import KnowledgeStore

        return KnowledgeStore.open(self.settings)

    # -- the conversation ----------------------------------------------------------------

    def prepare(self) -> list[str]:
        """Optional: open and index the knowledge store up front, so the first answer is not
        slowed down by it. Returns notes (a rebuilt index, a store that is unavailable)."""
        with self._lock:
            return self._guidance.prepare()

    def start(self) -> str:
        """Say the bare opening (once; later calls repeat it)."""
        with self._lock:
            if self.started:
                first = next(t for t in self.transcript.turns if t.role == "interviewer")
                return first.text
            return self._steps.say(policy.opening_move(self.content.plan))

    def respond(self, text: str) -> str:
        """One whole turn; returns the interviewer's reply."""
        return "".join(self.respond_stream(text)).strip()

    def respond_stream(self, text: str) -> Generator[str, None, None]:
        """One turn, streamed. The reply is recorded once the iterator is exhausted (or,
        cut short, when it is closed). The lock is not held while the caller consumes."""
        steps = self._steps
        with self._lock:
            if self.finished:
                raise InterviewFinished(f"interview {self.id} has finished; start a new one")
            if self._speaking:
                raise InterviewBusy("the interviewer is still answering the previous message")
            if not self.started:
                self.start()
            started = time.perf_counter()
            # content files are stat-ed once per turn, not on each of the ~40 reads a hint
            # makes (the stamps cost more than the rest of a short turn)
            with one_pass():
                reading, read_text = steps.read(text)
                move = steps.decide(reading)
                grounding = steps.ground(move, reading, read_text)
                utterance = steps.speak(move, grounding, reading=reading, candidate_text=read_text)
            self._speaking = True
        recorded = False
        try:
            yield from utterance
            with self._lock:
                steps.record(move, grounding, utterance, utterance.text, started)
                recorded = True
        finally:
            with self._lock:
                if not recorded:  # the caller stopped listening: keep what was said
                    steps.record(move, grounding, utterance, utterance.text, started, cut=True)
                self._speaking = False

    def finish(self) -> Recap:
        """Close the interview, grade it and save the recap into the transcript."""
        with self._lock:
            if self.finished and self.transcript.recap is not None:
                return self.transcript.recap
            if not self.wrapping_up:
                move = Move(
                    kind=MoveKind.WRAP_UP,
                    phase=Phase.WRAP_UP,
                    reason="the interview was ended before the clock ran out",
                    rule="ended",
                )
                self._steps.say(move)
            recap = self.backend.grader.grade_transcript(
                self.transcript, self.card, self.content.rubric
            )
            self.transcript.recap = recap
            self.transcript.status = "finished"
            self.transcript.ended_at = now()
            self.transcript.state = self.transcript.state.model_copy(update={"finished": True})
            self._steps.save()
            return recap

    def compact(self) -> None:
        """Write everything said so far into the snapshot file itself (no journal beside it),
        e.g. before another tool reads the file of an interview that has not finished."""
        with self._lock:
            self._autosave.compact(self.transcript)
