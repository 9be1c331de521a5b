"""Which question the offline voice asks: the next unsaid question for a signal, an angle on
what the candidate said, the first gap of a phase they already started, and the guidance
sentence a hint about a named subject rests on."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.content.rubric import Rubric
from agent.decide.coverage import SURE_SIGNAL
from agent.decide.moves import MoveKind
from agent.settings import Settings
from agent.speak import variation
from agent.speak.base import SpeakContext
from agent.speak.question_bank import QuestionBank


class QuestionChooser:
    def __init__(self, bank: QuestionBank, settings: Settings) -> None:
        self.bank = bank
        self._settings = settings
        self._rubric: Rubric | None = None

    @property
    def rubric(self) -> Rubric:
        if self._rubric is None:
            from agent.content.bundle import load_content

            self._rubric = load_content(self._settings).rubric
        return self._rubric

    def signal_question(self, context: SpeakContext) -> str | None:
        move = context.move
        target = move.target
        if move.kind == MoveKind.ADVANCE:
            target = self.next_gap(context)
            if target is None:
                return None
        elif move.kind != MoveKind.PROBE:
            return None
        key = f"signal:{target}"
        templates = self.bank.signal_questions.get(target or "")
        if not templates:
            key = f"phase:{move.phase}"
            templates = self.bank.phase_questions.get(move.phase)
        if not templates:
            return None
        return _next_unsaid(templates, key, context)

    def deepen_question(self, context: SpeakContext) -> str | None:
        """One angle on what the candidate said about the move's target signal; each angle
        once before any repeats (counted over the whole interview)."""
        target = context.move.target or ""
        templates = self.bank.deepen_questions.get(target)
        if not templates:
            return None
        reading = context.reading
        sure = reading.signal_confidence.get(target) if reading is not None else None
        if sure is not None and sure < SURE_SIGNAL:
            # not sure the words show this signal: an angle that fits any claim, never one
            # that presumes it ("why that loss?" when what was said may name no loss)
            return _next_unsaid(self.bank.deepen_any, "deepen:any", context)
        return _next_unsaid(templates, f"deepen:{target}", context)

    def next_gap(self, context: SpeakContext) -> str | None:
        """On entering a phase the candidate talks about now or touched earlier: its
        weightiest signal not shown yet (None when the candidate has not started on it)."""
        move, reading = context.move, context.reading
        if reading is None or move.phase == Phase.WRAP_UP:
            return None
        rubric = self.rubric
        seen = set(context.state.signals_seen) | set(reading.signals)
        of_phase = {
            s.id
            for dim in rubric.dimensions
            if dim.id in context.phase_spec.dimensions
            for s in dim.signals
        }
        if move.phase not in reading.phases and not seen & of_phase:
            return None  # a phase not started yet: its usual opening question
        seen |= set(context.card.not_applicable)  # never asked for on this problem
        candidates = [
            signal
            for dim in rubric.dimensions
            if dim.id in context.phase_spec.dimensions
            for signal in dim.signals
            if signal.id not in seen and signal.id in self.bank.signal_questions
        ]
        if not candidates:
            return None
        return max(candidates, key=lambda s: s.weight).id

    def hint_point(self, context: SpeakContext) -> str | None:
        """For a hint about a signal: the retrieved guidance sentence closest to it."""
        target = context.move.target
        if not target:
            return None
        from agent.read.topics import closest_to
        from agent.understanding import shared_understanding

        rubric = self.rubric
        sentences = [
            s for c in context.grounding.chunks for s in variation.guidance_sentences(c.text)
        ]
        return closest_to(target, sentences, rubric, shared_understanding())


def _next_unsaid(templates: list[str], key: str, context: SpeakContext) -> str | None:
    """The next of these questions in the seed's order, counting earlier uses of any of them
    (whichever move asked), so a follow-up on the same signal is worded differently."""
    asked = sum(
        1
        for t in context.history
        if t.role == "interviewer" and any(q in t.text for q in templates)
    )
    return variation.pick(templates, set(), seed=context.seed, key=key, occurrence=asked)
