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
from agent.decide.quotable import restates
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, Reading

RECAP_SIGNAL = "recaps_design"  # the rubric signal of a recap of the whole design
# Design signals of one phase an off-topic message must show to count as talk about that
# phase (a single signal read in small talk is not a thread).
THREAD_SIGNALS = 2
# How a move on that goes where the candidate leads names it (the last part of Move.rule):
# to the part their last messages are about, or to the next part of the order they announced
LED_BY_TOPIC = "topic"
LED_BY_ORDER = "announced"


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

    def told(self) -> str:
        """What the interviewer told of the card: the answers of the facts given."""
        return " ".join(
            fact.answer
            for topic in self.state.fact_topics_given
            if (fact := self.card.fact(topic)) is not None
        )

    def claims_to_raise(self, *, earlier: bool = True) -> list[str]:
        """The wrong claims not challenged yet, this message's first, then (`earlier`) those
        left open before: each in the candidate's own words. A statement that says back what
        the interviewer told ("so, as you said, ...": most of its content words are the
        card's answer, quotable.restates) is the interviewer's, not a claim of theirs."""
        told = self.told()
        quotes = {**self.state.claim_quotes, **self.reading.claim_quotes}
        found = [*self.reading.misconceptions, *(self.state.claims_open if earlier else [])]
        return [
            m
            for m in dict.fromkeys(found)
            if m not in self.state.challenged and not restates(quotes.get(m, ""), told)
        ]

    def touched(self) -> tuple[str, str] | None:
        """The signal of the last message most worth pushing on, with the candidate's words
        for it (what a follow-up quotes), if any is left."""
        signal = coverage.touched_target(
            self.state, self.reading, self.rubric, self.card.not_applicable, self.told()
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
        said = [p for p in map(self.design_phase, self.reading.signals) if p is not None]
        here = max(set(said), key=lambda p: (said.count(p), phase_index(p))) if said else None
        if here is not None and said.count(here) >= THREAD_SIGNALS:
            return here  # an aside inside design talk ("for serving, ... do you use Go?")
        if self.state.last_moves[-1:] == [MoveKind.ADVANCE]:
            return self.phase  # the interviewer just opened this phase: that is the thread
        last = [p for p in map(self.design_phase, self.state.last_answer_signals) if p]
        return max(set(last), key=lambda p: (last.count(p), phase_index(p))) if last else self.phase

    def topic(self) -> Phase | None:
        """The part of the design the candidate's last messages are about, as the
        understanding model read them: the design phase of THREAD_SIGNALS or more of this
        message's signals; else the one part this message names ("Okay, for serving: ...");
        else the phase holding most of the signals of this message and of the answer before
        it (this message's first on a tie, then the later phase), THREAD_SIGNALS or more.
        None before the requirements were heard or the order steered, and when the messages
        are about no one part."""
        if not (coverage.requirements_heard(self.state, self.rubric) or self.state.order_steered):
            return None
        # a message that asks about a later part is not yet there ("how would serving work
        # with ...?"): only an answer that asks nothing counts as design talk
        designing = self.reading.kind == MessageKind.ANSWER and not self.reading.asks
        now = list(self.reading.signals) if designing else []
        # progress.apply_reading already moved this answer's signals into last_answer_signals
        this_answer = self.reading.kind == MessageKind.ANSWER and bool(self.reading.signals)
        before = (
            self.state.earlier_answer_signals if this_answer else self.state.last_answer_signals
        )
        mine = [p for p in map(self.design_phase, now) if p is not None]
        if mine:
            best = max(set(mine), key=lambda p: (mine.count(p), phase_index(p)))
            if mine.count(best) >= THREAD_SIGNALS:
                return best  # this message is design talk about one part
        named = self.reading.parts_named if designing else []
        if len(named) == 1:
            return named[0]  # "Okay, for serving: ..." says where they are
        said = mine + [p for p in map(self.design_phase, before) if p is not None]
        if said:
            best = max(set(said), key=lambda p: (said.count(p), mine.count(p), phase_index(p)))
            if said.count(best) >= THREAD_SIGNALS:
                return best
        return None

    @property
    def leads(self) -> bool:
        """The candidate leads the order: they announced one of their own."""
        return bool(self.state.announced_order)

    def destination(self) -> Phase:
        return self._destination()[0]

    def _destination(self) -> tuple[Phase, str | None]:
        """Where the interview goes when it moves on: the later part the candidate's last
        messages are about (they lead); else the next later part of the order they announced
        that they have not covered; else the next phase of the template they have not
        covered (see coverage.next_uncovered). First, a part the candidate says they go to
        now, forward or back ("next I'll go back to the labelling":
        Reading.goes_to), when not covered; never back to an earlier part otherwise."""
        going = self.reading.goes_to
        if (
            going is not None
            and going != self.phase
            and not coverage.shown_enough(self.state, self.rubric, going)
        ):
            return going, LED_BY_ORDER  # their own word for where they go now
        topic = self.topic()
        if topic is not None and phase_index(topic) > phase_index(self.phase):
            return topic, LED_BY_TOPIC  # forward only: going back is the candidate's to ask
        for phase in self._announced_ahead():
            later = phase_index(phase) > phase_index(self.phase)
            if later and not coverage.shown_enough(self.state, self.rubric, phase):
                return phase, LED_BY_ORDER
        return coverage.next_uncovered(self.state, self.rubric, self.phase), None

    def _announced_ahead(self) -> list[Phase]:
        """The announced order from the part the interview is in (all of it when that part
        was not announced)."""
        order = self.state.announced_order
        return order[order.index(self.phase) + 1 :] if self.phase in order else list(order)

    def design_phase(self, signal: str) -> Phase | None:
        """The design phase (not the clarifying questions or the wrap-up) a signal belongs to."""
        try:
            phase = self.rubric.dimension_of_signal(signal).phase
        except KeyError:
            return None
        return None if phase in (Phase.CLARIFY, Phase.WRAP_UP) else phase

    def move(self, kind: MoveKind, reason: str, **fields: object) -> Move:
        """A move in the current phase (unless `fields` names another `phase`); a target that
        is a rubric signal carries the part of the design it belongs to."""
        move = Move.model_validate({"kind": kind, "phase": self.phase, "reason": reason, **fields})
        if move.target is None or move.target_phase is not None:
            return move
        try:
            part = self.rubric.dimension_of_signal(move.target).phase
        except KeyError:
            return move
        return move if part == Phase.WRAP_UP else move.model_copy(update={"target_phase": part})

    def steer(self, steer: SteerKind, reason: str, target: str | None = None, **kw: object) -> Move:
        return self.move(
            MoveKind.STEER, reason, steer=steer, target=target or self.phase.value, **kw
        )

    def advance(self, reason: str, variant: str | None = None) -> Move:
        """To where the candidate leads, else the next phase they have not already covered
        (see destination). A move where the candidate leads names why in its rule
        ("covered.topic", "covered.announced")."""
        dest, led = self._destination()
        if led is not None:
            reason = f"{reason}; the candidate leads: {led} ({dest})"
            variant = f"{variant}.{led}" if variant else led
        return self.go_to(dest, reason, variant)

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
