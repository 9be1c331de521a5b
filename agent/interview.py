"""One mock interview: read -> decide -> ground -> speak -> record, turn after turn.

    from agent import Interview
    iv = Interview("video-recommendation", seed=7)
    print(iv.start())
    print(iv.respond("Who are the users, and how many are there?"))
    recap = iv.finish()

The transcript is saved after every turn (before the interviewer speaks, and again once it
has spoken), so a crash or a failing model loses at most the reply in flight. A save appends
what changed to a journal beside the snapshot file; the snapshot is rewritten at the first
save, when the journal has grown, and at finish (agent/record/autosave.py).
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
from agent.content.phases import Phase
from agent.content.problems import ProblemCard
from agent.decide import policy, progress
from agent.decide.clock import Clock, WallClock
from agent.decide.moves import Move, MoveKind
from agent.decide.state import InterviewState
from agent.grading.recap import Recap
from agent.ground.grounding import Grounding, Retriever
from agent.ground.guidance import Guidance
from agent.read import candidate_input
from agent.read.reading import ReadContext, Reading
from agent.record.autosave import Autosave
from agent.record.transcript import Transcript, load_transcript, now
from agent.record.turns import candidate_turn, interviewer_turn, note, unread_candidate_turn
from agent.settings import Settings, get_settings
from agent.speak.base import SpeakContext, Utterance


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
        self._store_problem: str | None = None
        self._speaking = False  # a streamed reply is being consumed
        self._steps = ModelSteps(self.backend)
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
            return self._say(policy.opening_move(self.content.plan))

    def respond(self, text: str) -> str:
        """One whole turn; returns the interviewer's reply."""
        return "".join(self.respond_stream(text)).strip()

    def respond_stream(self, text: str) -> Generator[str, None, None]:
        """One turn, streamed. The reply is recorded once the iterator is exhausted (or,
        cut short, when it is closed). The lock is not held while the caller consumes."""
        with self._lock:
            if self.finished:
                raise InterviewFinished(f"interview {self.id} has finished; start a new one")
            if self._speaking:
                raise InterviewBusy("the interviewer is still answering the previous message")
            if not self.started:
                self.start()
            started = time.perf_counter()
            reading, read_text = self._read(text)
            move = self._decide(reading)
            grounding = self._ground(move, reading, read_text)
            utterance = self._speak(move, grounding, reading=reading, candidate_text=read_text)
            self._speaking = True
        recorded = False
        try:
            yield from utterance
            with self._lock:
                self._record(move, grounding, utterance, utterance.text, started)
                recorded = True
        finally:
            with self._lock:
                if not recorded:  # the caller stopped listening: keep what was said
                    self._record(move, grounding, utterance, utterance.text, started, cut=True)
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
                self._say(move)
            recap = self.backend.grader.grade_transcript(
                self.transcript, self.card, self.content.rubric
            )
            self.transcript.recap = recap
            self.transcript.status = "finished"
            self.transcript.ended_at = now()
            self.transcript.state = self.transcript.state.model_copy(update={"finished": True})
            self._save()
            return recap

    # -- the five steps: read -> decide -> ground -> speak -> record ----------------------

    def _read(self, text: str) -> tuple[Reading, str]:
        """Read the candidate's message and record it (with the state it moves to); returns
        the reading and the text as read (cleaned of markup and control characters)."""
        record_text = candidate_input.for_record(text)
        read_text = candidate_input.for_reading(record_text)
        self.clock.observe_candidate(read_text)
        minutes = self.clock.elapsed_minutes()
        state = self.transcript.state
        last = self.transcript.last_interviewer_turn()
        context = ReadContext(
            phase=state.phase,
            card=self.card,
            rubric=self.content.rubric,
            last_interviewer_text=last.text if last else "",
            facts_given=list(state.fact_topics_given),
            plan=self.content.plan,
        )
        try:
            # while a model reads: retrieve for the move the offline reading leads to
            reading = self._steps.read(
                read_text,
                context,
                while_waiting=lambda offline: self._guidance.ahead_of(
                    state, offline, minutes, self.card, read_text, self.content
                ),
            )
        except Exception as error:  # only an offline reader bug gets here
            self._keep_unread(record_text, state.phase, minutes, error)
            raise
        state = progress.apply_reading(state, reading, minutes)
        self.transcript.state = state
        self.transcript.turns.append(candidate_turn(record_text, reading, state.phase, minutes))
        return reading, read_text

    def _decide(self, reading: Reading) -> Move:
        """The pure policy's move; saved before anything can fail while grounding or speaking."""
        content = self.content
        state = self.transcript.state
        move = policy.decide(state, reading, content.plan, content.rubric, self.card)
        self.transcript.state = progress.apply_move(state, move)
        self._save()  # the candidate's words are safe before anything is said
        return move

    def _ground(self, move: Move, reading: Reading, read_text: str) -> Grounding:
        grounding, self._store_problem = self._guidance.ground(
            move, reading, self.card, read_text, self.content
        )
        return grounding

    def _say(self, move: Move) -> str:
        """A move that answers no message (the opening, a wrap-up): decide is given; speak
        and record at once."""
        self.transcript.state = progress.apply_move(self.transcript.state, move)
        started = time.perf_counter()
        utterance = self._speak(move, Grounding(), reading=None, candidate_text="")
        text = utterance.consume()
        self._record(move, Grounding(), utterance, text, started)
        return text

    def _speak(
        self, move: Move, grounding: Grounding, *, reading: Reading | None, candidate_text: str
    ) -> Utterance:
        state = self.transcript.state
        context = SpeakContext(
            card=self.card,
            move=move,
            grounding=grounding,
            state=state,
            phase_spec=self.content.plan.spec(move.phase),
            candidate_text=candidate_text,
            history=list(self.transcript.turns),
            seed=self.seed,
            reading=reading,
        )
        return self._steps.speak(context)

    def _record(
        self,
        move: Move,
        grounding: Grounding,
        utterance: Utterance,
        text: str,
        started: float,
        *,
        cut: bool = False,
    ) -> None:
        record = interviewer_turn(
            move,
            grounding,
            utterance.meta,
            text,
            minutes=self.clock.elapsed_minutes(),
            latency_ms=(time.perf_counter() - started) * 1000,
            extra_note=note(self._store_problem, "reply interrupted" if cut else None),
        )
        self._store_problem = None
        self.transcript.turns.append(record)
        self._save()

    # -- bookkeeping ---------------------------------------------------------------------

    def _save(self) -> None:
        self._autosave.save(self.transcript)

    def compact(self) -> None:
        """Write everything said so far into the snapshot file itself (no journal beside it),
        e.g. before another tool reads the file of an interview that has not finished."""
        with self._lock:
            self._autosave.compact(self.transcript)

    def _keep_unread(
        self, record_text: str, phase: Phase, minutes: float, error: Exception
    ) -> None:
        """A reader crashed: still keep what the candidate typed."""
        self.transcript.turns.append(unread_candidate_turn(record_text, phase, minutes, error))
        self._save()


__all__ = ["Interview", "InterviewBusy", "InterviewFinished"]
