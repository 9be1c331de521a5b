"""Which question the offline voice asks: the next unsaid question for a signal, an angle on
what the candidate said, the first gap of a phase they already started, and the guidance
line a hint rests on."""

from __future__ import annotations

import re

from agent.content.phases import Phase, PhaseSpec
from agent.content.rubric import Rubric
from agent.decide.coverage import SURE_SIGNAL
from agent.decide.moves import MoveKind, SteerKind
from agent.settings import Settings
from agent.speak import hint_points, variation
from agent.speak.base import SpeakContext
from agent.speak.composed import CLAIM_PARTS, ComposedPushes
from agent.speak.covered import covered_angles, measures
from agent.speak.decisions import decision_phrase, points_back_at_unsaid
from agent.speak.hint_points import HintPoint
from agent.speak.message_decisions import Sureness, message_reasons, push_on_another_decision
from agent.speak.proposals import decides_after, offers_what_was_said, proposes, sentence_of
from agent.speak.question_bank import QuestionBank
from agent.understanding.stance import Stance, stance_of


class QuestionChooser:
    def __init__(self, bank: QuestionBank, settings: Settings) -> None:
        self.bank = bank
        self._settings = settings
        self._rubric: Rubric | None = None
        self.composed = ComposedPushes(bank, settings)

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
        if not fitting:  # none, or none that fits the design (no request in a batch job)
            key = f"phase:{move.phase}"
            templates = fitting = self.bank.phase_questions.get(move.phase) or []
        if not fitting:
            return None
        return _next_unsaid(templates or [], key, context, among=fitting)

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

    def deepen_question(self, context: SpeakContext) -> str | None:
        """One angle on what the candidate said about the move's target signal; each angle
        once before any repeats (counted over the whole interview)."""
        target = context.move.target or ""
        templates = self.bank.deepen_questions.get(target)
        if not templates and target:
            return None
        templates = templates or []  # no signal read: a push that fits any claim
        reading = context.reading
        sure = reading.signal_confidence.get(target) if reading is not None else None
        anchor = context.move.anchor or ""
        sentence = sentence_of(anchor, context.candidate_text)
        angles = {**self.bank.angles, **self.composed.angles}
        given = covered_angles(context, anchor, sentence, angles)
        stance = stance_of(anchor, sentence) if anchor else Stance.PROPOSES
        if stance != Stance.PROPOSES:
            # the quoted words turn an option down or only weigh it ("If I only train on
            # approved traffic, ..."; "I would not use accuracy"): a push on them would treat
            # it as the plan. Only "why set it aside?" fits a rejection; else another
            # decision of the message, else none
            ruled_out = ("ruled_out",) if stance == Stance.REJECTS else ()
            worded = self.composed.from_parts(context, anchor, sentence, given, ruled_out)
            if worded and _not_recent([worded], context):
                return worded
            return self._elsewhere(context)
        # worded for the claim first: the weak spot of the technique it names, then its
        # figure or the option it rules out, before the signal's own pushes
        worded = self.composed.technique(
            context, anchor, given, sentence
        ) or self.composed.from_parts(context, anchor, sentence, given, CLAIM_PARTS)
        if worded and _not_recent([worded], context):  # not one of the last few questions
            return worded
        if templates and (sure is None or sure >= SURE_SIGNAL):
            fresh = _not_asked(self._not_given(templates, given, context, sentence), context)
            # never "why X rather than Y?" when Y is what the candidate chose
            said = f"{anchor} {context.candidate_text}"
            fresh = [t for t in fresh if not offers_what_was_said(t, said)]
            if fresh:
                return _next_unsaid(templates, f"deepen:{target}", context, among=fresh)
        worded = self.composed.in_sentence(context, sentence, given)
        if worded and _not_recent([worded], context):
            return worded  # a technique named in another clause of their sentence, quoted
        if decision_phrase(anchor, sentence) is not None:
            # their decision named in the question, not a line that fits any claim (every
            # angle on it covered or just put: another decision of the message, else None)
            return self._on_decision(context, anchor, sentence, given) or self._elsewhere(context)
        # not sure the words show this signal, or every push on it asks for what the message
        # already gave (or was just asked): an angle that fits any claim (never one that
        # presumes the signal, "why that loss?" when what was said may name no loss), and
        # not one just covered nor one of the last few turns' questions; a statement of how
        # things are ("we have the connection graph") is not a choice to reconsider: what it
        # means for the design. A claim that is itself a check (a metric, a test, a monitor)
        # is not asked "how would you know it works?". Every angle covered: nothing is
        # asked again; another decision of the message is asked about instead, and with none
        # (None) the voice says so and lets the candidate go on
        # Before a line that fits any claim, a decision the message surely made (said with
        # its verb, or a note showing a part of the design), named in the question: judged
        # lines that fit any claim read as templates, and "what's the main reason?" asked
        # for what a message had just given
        named = self._elsewhere(context, least_sure=Sureness.SHOWN)
        if named is not None:
            return named
        choice = proposes(anchor, sentence)
        pushes = self.bank.deepen_any if choice else self.bank.deepen_observation
        if not choice and decides_after(sentence, context.candidate_text):
            given = given | {"risk"}  # what it means for the design was said right after it
        if measures(context, sentence, self.rubric):
            given = given | {"measure"}
        if message_reasons(context):
            # the message argues for what it says somewhere: asked of words it did not name as
            # a decision, "what's the main reason?" asks for that argument again (or for the
            # reason behind a reason)
            given = given | {"reason"}
        # words that decide nothing one can name (a note, a belief, a fact in passing) are
        # not asked what would change the candidate's mind: there is no decision to reconsider
        given = given | {"alternative"}
        among = _not_asked(self._not_given(pushes, given, context, sentence), context)
        if not among:
            return self._elsewhere(context)
        return _next_unsaid(pushes, "deepen:any", context, among=among)

    def _on_decision(
        self,
        context: SpeakContext,
        anchor: str,
        sentence: str,
        given: set[str],
        decision: str | None = None,
    ) -> str | None:
        """A push that names what the quoted words decide (or `decision`, read already), on
        an angle the message left open and not asked in the last few turns (None: they
        decide nothing concrete)."""
        decision = decision or decision_phrase(anchor, sentence)
        pushes = self.bank.decision_pushes
        if decision is None or not pushes:
            return None
        if measures(context, sentence, self.rubric):
            given = given | {"measure"}
        open_ = [t for t in pushes if self.bank.angles.get(t) not in given]
        said = _interviewer_said(context)
        recent = said[-RECENT_QUESTIONS:]
        for template in variation.order(open_, seed=context.seed, key="deepen:decision"):
            head, _, tail = template.partition("{decision}")
            if any(head in line and tail in line for line in recent):
                continue  # this angle was just put, whatever decision it named
            question = template.format_map({"decision": decision})
            if not any(question in line for line in said):
                return question
        return None

    def _elsewhere(
        self, context: SpeakContext, least_sure: Sureness = Sureness.REASONED
    ) -> str | None:
        """Every angle on the quoted words covered: not a bare "go on" but a push on another
        decision the message made, on an angle it left open (agent/speak/message_decisions.py);
        only decisions made at least as surely as `least_sure`."""
        return push_on_another_decision(
            context,
            {**self.bank.angles, **self.composed.angles},
            self.rubric,
            lambda c, said, decision, given: self._on_decision(c, said, said, given, decision),
            least_sure,
        )

    def pushes_on(self, target: str | None) -> bool:
        """There are follow-up pushes for this target (any claim has the general ones)."""
        return not target or bool(self.bank.deepen_questions.get(target))

    def _not_given(
        self, templates: list[str], given: set[str], context: SpeakContext, sentence: str = ""
    ) -> list[str]:
        """The pushes whose angle the candidate's message did not already cover, and that
        fit the design described (a push for an online path is not asked of a batch job)."""
        angles, fits = self.bank.angles, self.composed.fits
        # a push pointing back at "those stages" needs stages in what the candidate said
        said = f"{sentence} {context.candidate_text}"
        return [
            t
            for t in templates
            if angles.get(t) not in given
            and fits(t, context, sentence)
            and not points_back_at_unsaid(t, said)
        ]

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
        ruled_out = context.card.not_applicable
        state, reading = context.state, context.reading
        gap = next_gap(state, reading, self.rubric, context.phase_spec, ruled_out)
        if gap is None:
            shown = [*ruled_out, *reading.signals, *reading.signals_mentioned]
            gap = revisit_target(state, self.rubric, shown)
        templates = self.bank.signal_questions.get(gap or "") or []
        fitting = [t for t in templates if self.composed.fits(t, context)]
        return _next_unsaid(templates, f"signal:{gap}", context, among=fitting) if fitting else None

    def _gap_besides(self, context: SpeakContext, target: str | None) -> str | None:
        """The phase's weightiest signal not heard yet, other than `target`, with questions
        in the bank."""
        from agent.decide.coverage import next_gap

        reading, spec = context.reading, context.phase_spec
        if reading is None:
            return None
        # the message talks about a part of this phase: the phase is begun
        begun = reading.model_copy(update={"phases": [*reading.phases, spec.id]})
        skip = [*context.card.not_applicable, target or ""]
        gap = next_gap(context.state, begun, self.rubric, spec, skip)
        return gap if gap in self.bank.signal_questions else None

    def hint_point(self, context: SpeakContext) -> HintPoint | None:
        """For a hint: the line of this problem's card or of fitting guidance closest to
        what the candidate is stuck on (agent/speak/hint_points.py)."""
        return hint_points.choose(context, self.rubric)


RECENT_QUESTIONS = 4


def _interviewer_said(context: SpeakContext) -> list[str]:
    return [t.text for t in context.history if t.role == "interviewer"]


def _not_recent(templates: list[str], context: SpeakContext) -> list[str]:
    """The questions none of the interviewer's last RECENT_QUESTIONS lines asked, in these
    words or nearly (a question of another signal's list worded almost the same: "how would
    you test that the fallback works ..." after "how would you test that it works ...")."""
    said = [t.text for t in context.history if t.role == "interviewer"][-RECENT_QUESTIONS:]
    asked = [q for line in said for q in _QUESTION.findall(line)]
    return [
        q
        for q in templates
        if not any(q in line for line in said) and not variation.near_repeat(q, asked)
    ]


def _not_asked(templates: list[str], context: SpeakContext) -> list[str]:
    """The follow-ups not asked in this interview (in these words, whatever they were put
    after) nor nearly asked in the last few lines: a push on the candidate's words is put
    once ("how would you know it's working once it's live?" twice reads as a template)."""
    said = _interviewer_said(context)
    return [q for q in _not_recent(templates, context) if not any(q in line for line in said)]


def just_said(context: SpeakContext, signal: str | None) -> bool:
    """The candidate's last message talks about this signal (shown or mentioned)."""
    reading = context.reading
    if reading is None or not signal:
        return False
    return signal in reading.signals or signal in reading.signals_mentioned


def said_before(context: SpeakContext, signal: str | None) -> bool:
    """The candidate talked about this signal in an earlier turn (shown or mentioned: the
    interview's coverage record, not only the last message)."""
    from agent.decide.coverage import said

    return bool(signal) and signal in said(context.state)


# a question of an interviewer line: from a sentence start (or a quote's end) to its "?"
_QUESTION = re.compile(r"[^.?!:\"]*\?")


def _next_unsaid(
    templates: list[str], key: str, context: SpeakContext, among: list[str] | None = None
) -> str | None:
    """The next of these questions in the seed's order, counting earlier uses of any of them
    (whichever move asked), so a follow-up on the same signal is worded differently. With
    `among`, the next one of those (the order and the count stay the whole list's)."""
    asked = sum(
        1
        for t in context.history
        if t.role == "interviewer" and any(q in t.text for q in templates)
    )
    if among is None or set(among) >= set(templates):
        return variation.pick(templates, set(), seed=context.seed, key=key, occurrence=asked)
    order = variation.order(templates, seed=context.seed, key=key)
    start = asked % len(order)
    for q in order[start:] + order[:start]:
        if q in among:
            return q
    return None
