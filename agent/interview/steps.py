"""The five steps of one turn over one interview's transcript: read -> decide -> ground ->
speak -> record, and the saves between them.

A turn's candidate message is saved once it is read and the move decided, before anything
is grounded or said; the interviewer's words are saved once spoken (or cut short). A reader
that crashes still leaves the candidate's words in the transcript.
"""

from __future__ import annotations

import time

from agent.backends.fallback import ModelSteps
from agent.content.bundle import InterviewContent
from agent.content.phases import Phase
from agent.content.problems import ProblemCard
from agent.decide import policy, progress
from agent.decide.clock import Clock
from agent.decide.moves import Move
from agent.ground.grounding import Grounding
from agent.ground.guidance import Guidance
from agent.read import candidate_input
from agent.read.reading import ReadContext, Reading
from agent.record.autosave import Autosave
from agent.record.transcript import Transcript
from agent.record.turns import candidate_turn, interviewer_turn, note, unread_candidate_turn
from agent.speak.base import SpeakContext, Utterance


class TurnSteps:
    """read, decide, ground, speak and record for one transcript (not thread-safe: the
    interview calls them under its lock)."""

    def __init__(
        self,
        transcript: Transcript,
        *,
        card: ProblemCard,
        content: InterviewContent,
        clock: Clock,
        seed: int,
        guidance: Guidance,
        model: ModelSteps,
        autosave: Autosave,
    ) -> None:
        self.transcript = transcript
        self.card = card
        self.content = content
        self.clock = clock
        self.seed = seed
        self.guidance = guidance
        self.model = model
        self.autosave = autosave
        self._store_problem: str | None = None  # a store failure, noted on the next reply

    def read(self, text: str) -> tuple[Reading, str]:
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
            pieces_given=self.card.pieces_told(state.fact_topics_given, state.fact_pieces_given),
            requirements_stated=list(state.requirements_stated),
            figures_derived=list(state.figures_derived),
            figures_corrected=[c for c in state.numbers_said if c.key in state.numbers_raised],
            plan=self.content.plan,
            signals_seen=list(state.signals_seen),
        )
        try:
            # while a model reads: retrieve for the move the offline reading leads to
            reading = self.model.read(
                read_text,
                context,
                while_waiting=lambda offline: self.guidance.ahead_of(
                    state, offline, minutes, self.card, read_text, self.content
                ),
            )
        except Exception as error:  # only an offline reader bug gets here
            self.keep_unread(record_text, state.phase, minutes, error)
            raise
        state = progress.apply_reading(state, reading, minutes)
        self.transcript.state = state
        self.transcript.turns.append(candidate_turn(record_text, reading, state.phase, minutes))
        return reading, read_text

    def decide(self, reading: Reading) -> Move:
        """The pure policy's move; saved before anything can fail while grounding or speaking."""
        content = self.content
        state = self.transcript.state
        move = policy.decide(state, reading, content.plan, content.rubric, self.card)
        self.transcript.state = progress.apply_move(state, move)
        self.save()  # the candidate's words are safe before anything is said
        return move

    def ground(self, move: Move, reading: Reading, read_text: str) -> Grounding:
        grounding, self._store_problem = self.guidance.ground(
            move,
            reading,
            self.card,
            read_text,
            self.content,
            # the pieces told, so a hint points only to what was said
            facts_given=self.card.pieces_told(
                self.transcript.state.fact_topics_given, self.transcript.state.fact_pieces_given
            ),
        )
        return grounding

    def speak(
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
        return self.model.speak(context)

    def record(
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
        self.save()

    def say(self, move: Move) -> str:
        """A move that answers no message (the opening, a wrap-up): decide is given; speak
        and record at once."""
        self.transcript.state = progress.apply_move(self.transcript.state, move)
        started = time.perf_counter()
        utterance = self.speak(move, Grounding(), reading=None, candidate_text="")
        text = utterance.consume()
        self.record(move, Grounding(), utterance, text, started)
        return text

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        self.autosave.save(self.transcript)

    def keep_unread(self, record_text: str, phase: Phase, minutes: float, error: Exception) -> None:
        """A reader crashed: still keep what the candidate typed."""
        self.transcript.turns.append(unread_candidate_turn(record_text, phase, minutes, error))
        self.save()
