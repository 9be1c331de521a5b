"""What one policy decision may look at, with the small vocabulary rules use to build moves.

A rule that has branches names the branch in `Move.rule` (a variant such as "firm");
`policy.decide` prefixes it with the rule's id ("off_topic.firm")."""

from __future__ import annotations

from dataclasses import dataclass

from agent.content.phases import Phase, PhasePlan, PhaseSpec, phase_index
from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.decide import budget, coverage
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, Reading

# Design signals of one phase an off-topic message must show to count as talk about that
# phase (a single signal read in small talk is not a thread).
THREAD_SIGNALS = 2


@dataclass(frozen=True)
class Situation:
    """Everything one decision may look at."""

    state: InterviewState
    reading: Reading
    plan: PhasePlan
    rubric: Rubric
    card: ProblemCard

    @property
    def phase(self) -> Phase:
        return self.state.phase

    @property
    def spec(self) -> PhaseSpec:
        return self.plan.spec(self.state.phase)

    @property
    def covered(self) -> bool:
        return coverage.is_covered(self.state, self.spec, self.rubric)

    @property
    def overrun(self) -> bool:
        return budget.is_overrun(self.state, self.spec, self.plan)

    @property
    def answers_question(self) -> bool:
        """The message is an answer to the question the interviewer just asked (a follow-up,
        a hint, or a gap asked on entering a phase)."""
        if self.reading.kind != MessageKind.ANSWER:
            return False
        last = self.state.last_moves[-1:]
        return last in ([MoveKind.PROBE], [MoveKind.HINT]) or self.state.last_asked is not None

    @property
    def pushes_in_a_row(self) -> int:
        """How many of the interviewer's latest moves in a row were follow-ups."""
        n = 0
        for kind in reversed(self.state.last_moves):
            if kind != MoveKind.PROBE:
                break
            n += 1
        return n

    def touched(self) -> tuple[str, str] | None:
        """The signal of the last message most worth pushing on, with the candidate's words
        for it (what a follow-up quotes), if any is left."""
        signal = coverage.touched_target(
            self.state, self.reading, self.rubric, self.card.not_applicable
        )
        quote = self.reading.quotes.get(signal) if signal else None
        return (signal, quote) if signal and quote else None

    def thread(self) -> Phase:
        """The part of the design the candidate was on: the design words of this message
        (THREAD_SIGNALS of one phase), else the phase the interviewer just opened, else that
        of their last answer, once the requirements were heard or the order steered (the
        candidate leads); else, as before any design, the phase the interview is in."""
        if self.phase in (Phase.CLARIFY, Phase.WRAP_UP):
            return self.phase
        heard = coverage.requirements_heard(self.state, self.rubric)
        if not (heard or self.state.order_steered):
            return self.phase
        said = [p for p in map(self._design_phase, self.reading.signals) if p is not None]
        here = max(set(said), key=lambda p: (said.count(p), phase_index(p))) if said else None
        if here is not None and said.count(here) >= THREAD_SIGNALS:
            return here  # an aside inside design talk ("for serving, ... do you use Go?")
        if self.state.last_moves[-1:] == [MoveKind.ADVANCE]:
            return self.phase  # the interviewer just opened this phase: that is the thread
        last = [p for p in map(self._design_phase, self.state.last_answer_signals) if p]
        return max(set(last), key=lambda p: (last.count(p), phase_index(p))) if last else self.phase

    def _design_phase(self, signal: str) -> Phase | None:
        try:
            phase = self.rubric.dimension_of_signal(signal).phase
        except KeyError:
            return None
        return None if phase in (Phase.CLARIFY, Phase.WRAP_UP) else phase

    def move(self, kind: MoveKind, reason: str, **fields: object) -> Move:
        """A move in the current phase (unless `fields` names another `phase`)."""
        return Move.model_validate({"kind": kind, "phase": self.phase, "reason": reason, **fields})

    def steer(self, steer: SteerKind, reason: str, target: str | None = None, **kw: object) -> Move:
        return self.move(
            MoveKind.STEER, reason, steer=steer, target=target or self.phase.value, **kw
        )

    def advance(self, reason: str, variant: str | None = None) -> Move:
        """To the next phase the candidate has not already covered (see next_uncovered)."""
        nxt = coverage.next_uncovered(self.state, self.rubric, self.phase)
        return self.go_to(nxt, reason, variant)

    @staticmethod
    def go_to(phase: Phase, reason: str, variant: str | None = None) -> Move:
        """To a given phase (where the candidate is, or asked to go)."""
        return Move(
            kind=MoveKind.ADVANCE, phase=phase, reason=reason, target=phase.value, rule=variant
        )

    def wrap_up(self, reason: str, variant: str | None = None) -> Move:
        return Move(kind=MoveKind.WRAP_UP, phase=Phase.WRAP_UP, reason=reason, rule=variant)

    def probe_missing(self, reason: str, variant: str) -> Move | None:
        """A probe on the most important essential signal still missing in this phase
        (coverage.essential_target), named `{target}` in `reason`; None when none is missing."""
        target = coverage.essential_target(self.state, self.rubric, self.card.not_applicable)
        if target is None:
            return None
        why = reason.format(target=target)
        return self.move(MoveKind.PROBE, why, target=target, rule=variant)

    def missing_names(self, n: int = 2) -> str:
        missing = coverage.missing_signals(
            self.state, self.rubric, self.phase, self.card.not_applicable
        )[:n]
        return ", ".join(s.id for s in missing) or "nothing"
