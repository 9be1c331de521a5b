"""The questions the offline voice asks for a part of the design not heard yet: the next
unsaid question for a signal (a gap question, a hint on a named signal), the phase's usual
question, and the phase's next gap once every angle on the candidate's words is covered."""

from __future__ import annotations

from collections.abc import Callable

from agent.content.phases import Phase, PhaseSpec
from agent.content.rubric import Rubric
from agent.decide.moves import MoveKind, SteerKind
from agent.settings import Settings
from agent.speak import variation
from agent.speak.asked_before import just_said, next_unsaid, said_before
from agent.speak.base import SpeakContext
from agent.speak.composed import ComposedPushes
from agent.speak.question_bank import QuestionBank

# a usual question this close (word Jaccard) to a signal's bank question asks for that signal
SAME_QUESTION = 0.5


class GapQuestions:
    def __init__(
        self,
        bank: QuestionBank,
        composed: ComposedPushes,
        settings: Settings,
        rubric: Callable[[], Rubric],
    ) -> None:
        self.bank = bank
        self.composed = composed
        self._settings = settings
        self._rubric = rubric

    @property
    def rubric(self) -> Rubric:
        return self._rubric()

    def signal_question(self, context: SpeakContext) -> str | None:
        move = context.move
        target = move.target
        if move.kind == MoveKind.ADVANCE:
            target = self.next_gap(context)
            if target is None:
                return None
        elif move.kind == MoveKind.HINT:
            if not target or target not in self.bank.signal_questions:
                return None  # a hint on nothing named says the phase's goal instead
        elif move.kind != MoveKind.PROBE:
            return None
        elif move.anchor is None and (just_said(context, target) or said_before(context, target)):
            # the stock question for a signal the last message talks about asks for what it
            # just gave ("what would you monitor?" after a list of monitors), and one for a
            # signal said in any earlier turn asks for it again: the phase's next part not
            # heard instead, else the question as it was
            target = self._gap_besides(context, target) or target
        key = f"signal:{target}"
        templates = self.bank.signal_questions.get(target or "")
        fitting = [t for t in templates or [] if self.composed.fits(t, context)]
        if not fitting and move.kind == MoveKind.PROBE:
            # none that fits the design (no request path in a batch job): the phase's next
            # part not heard yet, before a usual question that may ask for what was said
            other = self._gap_besides(context, target)
            templates = self.bank.signal_questions.get(other or "")
            fitting = [t for t in templates or [] if self.composed.fits(t, context)]
            key = f"signal:{other}"
        if not fitting:  # none, or none that fits the design (no request in a batch job)
            key = f"phase:{move.phase}"
            templates = self.bank.phase_questions.get(move.phase) or []
            fitting = self._not_about_said(templates, context)
        if not fitting:
            return None
        return next_unsaid(templates or [], key, context, among=fitting)

    def _not_about_said(self, questions: list[str], context: SpeakContext) -> list[str]:
        """The phase's usual questions that do not ask for a part the candidate talked
        about: one worded nearly as a bank question of a signal said in any turn ("What would
        you monitor once it's live?" after a list of monitors) asks for what was given."""
        from agent.decide.coverage import said

        reading = context.reading
        talked = said(context.state) | (
            {*reading.signals, *reading.signals_mentioned} if reading is not None else set()
        )
        asked_of_said = [q for sid in talked for q in self.bank.signal_questions.get(sid) or []]
        return [q for q in questions if not variation.near_repeat(q, asked_of_said, SAME_QUESTION)]

    def phase_spoken_of(self, context: SpeakContext) -> PhaseSpec | None:
        """An off-topic steer back to the part of the design the candidate was on (its
        target), or a line whose move names the phase the candidate is on (`named_phase`),
        when that is not the phase the interview is in: the phase it names."""
        move = context.move
        if move.named_phase is not None:
            from agent.content.bundle import load_content

            return load_content(self._settings).plan.spec(move.named_phase)
        if move.kind != MoveKind.STEER or move.steer != SteerKind.OFF_TOPIC:
            return None
        if move.target is None or move.target == move.phase.value or move.target not in set(Phase):
            return None
        from agent.content.bundle import load_content

        return load_content(self._settings).plan.spec(Phase(move.target))

    def next_gap(self, context: SpeakContext) -> str | None:
        """Entering a phase the candidate already started: the missing signal the policy
        chose to ask for (coverage.next_gap), if the bank has questions for it."""
        gap = context.move.gap
        return gap if gap and gap in self.bank.signal_questions else None

    def gap_after_done(self, context: SpeakContext) -> str | None:
        """Every angle on the candidate's words is covered again right after an "okay, go on":
        not a second bare one, but a question on the phase's weightiest signal not heard yet,
        else on the weightiest one missing from any design phase (None when none is left)."""
        from agent.decide.coverage import next_gap, revisit_target

        if context.reading is None:
            return None
        # a signal one of whose questions was put before, by any move ("Can you precompute
        # any of this?" as a gap, then "batch or at request time?"): asked, not asked again
        ruled_out = [*context.card.not_applicable, *self.asked_in_interview(context)]
        state, reading = context.state, context.reading
        gap = next_gap(state, reading, self.rubric, context.phase_spec, ruled_out)
        if gap is None:
            shown = [*ruled_out, *reading.signals, *reading.signals_mentioned]
            gap = revisit_target(state, self.rubric, shown)
        templates = self.bank.signal_questions.get(gap or "") or []
        fitting = [t for t in templates if self.composed.fits(t, context)]
        return next_unsaid(templates, f"signal:{gap}", context, among=fitting) if fitting else None

    def asked_in_interview(self, context: SpeakContext) -> list[str]:
        """The signals one of whose bank questions an interviewer line already put."""
        lines = [t.text for t in context.history if t.role == "interviewer"]
        return [
            sid
            for sid, questions in self.bank.signal_questions.items()
            if any(q in line for q in questions for line in lines)
        ]

    def _gap_besides(self, context: SpeakContext, target: str | None) -> str | None:
        """The phase's weightiest signal not heard yet, other than `target`, with questions
        in the bank."""
        from agent.decide.coverage import next_gap

        reading, spec = context.reading, context.phase_spec
        if reading is None:
            return None
        # the message talks about a part of this phase: the phase is begun
        begun = reading.model_copy(update={"phases": [*reading.phases, spec.id]})
        skip = [*context.card.not_applicable, target or "", *self.asked_in_interview(context)]
        gap = next_gap(context.state, begun, self.rubric, spec, skip)
        return gap if gap in self.bank.signal_questions else None
