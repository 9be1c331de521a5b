"""Which question the offline voice asks: an angle on what the candidate said (here), the
question for a part of the design not heard yet (agent/speak/gap_questions.py), and the
guidance line a hint rests on (agent/speak/hint_points.py)."""

from __future__ import annotations

from agent.content.phases import PhaseSpec
from agent.content.rubric import Rubric
from agent.decide.coverage import SURE_SIGNAL
from agent.settings import Settings
from agent.speak import hint_points, variation
from agent.speak.asked_before import (
    RECENT_QUESTIONS,
    angles_put_on,
    angles_put_recently,
    interviewer_said,
    next_unsaid,
    not_asked,
    not_recent,
)
from agent.speak.base import SpeakContext
from agent.speak.composed import CLAIM_PARTS, ComposedPushes
from agent.speak.covered import covered_angles, measures, put_in
from agent.speak.decisions import decision_phrase
from agent.speak.gap_questions import GapQuestions
from agent.speak.hint_points import HintPoint
from agent.speak.message_decisions import Sureness, message_reasons, push_on_another_decision
from agent.speak.points_back import points_back_at_unsaid
from agent.speak.proposals import decides_after, offers_what_was_said, proposes, sentence_of
from agent.speak.question_bank import QuestionBank
from agent.understanding.stance import Stance, stance_of


class QuestionChooser:
    def __init__(self, bank: QuestionBank, settings: Settings) -> None:
        self.bank = bank
        self._settings = settings
        self._rubric: Rubric | None = None
        self.composed = ComposedPushes(bank, settings)
        self.gaps = GapQuestions(bank, self.composed, settings, lambda: self.rubric)

    @property
    def rubric(self) -> Rubric:
        if self._rubric is None:
            from agent.content.bundle import load_content

            self._rubric = load_content(self._settings).rubric
        return self._rubric

    def signal_question(self, context: SpeakContext) -> str | None:
        return self.gaps.signal_question(context)

    def phase_spoken_of(self, context: SpeakContext) -> PhaseSpec | None:
        return self.gaps.phase_spoken_of(context)

    def gap_after_done(self, context: SpeakContext) -> str | None:
        return self.gaps.gap_after_done(context)

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
        # what the message gave, and the angles of the last two questions (not put again)
        given = covered_angles(context, anchor, sentence, angles)
        given |= angles_put_recently(context, angles)
        # and every angle already put on this claim, at any time in the interview
        given |= angles_put_on(context, angles, anchor)
        stance = stance_of(anchor, sentence) if anchor else Stance.PROPOSES
        if stance != Stance.PROPOSES:
            # the quoted words turn an option down or only weigh it ("If I only train on
            # approved traffic, ..."; "I would not use accuracy"): a push on them would treat
            # it as the plan. Only "why set it aside?" fits a rejection; else another
            # decision of the message, else none
            ruled_out = ("ruled_out",) if stance == Stance.REJECTS else ()
            worded = self.composed.from_parts(context, anchor, sentence, given, ruled_out)
            if worded and not_recent([worded], context):
                return worded
            return self._elsewhere(context)
        # worded for the claim first: the weak spot of the technique it names, then its
        # figure or the option it rules out, before the signal's own pushes
        worded = self.composed.technique(
            context, anchor, given, sentence
        ) or self.composed.from_parts(context, anchor, sentence, given, CLAIM_PARTS)
        if worded and not_recent([worded], context):  # not one of the last few questions
            return worded
        if templates and (sure is None or sure >= SURE_SIGNAL):
            fresh = not_asked(self._not_given(templates, given, context, sentence), context)
            # never "why X rather than Y?" when Y is what the candidate chose
            said = f"{anchor} {context.candidate_text}"
            fresh = [t for t in fresh if not offers_what_was_said(t, said)]
            if fresh:
                return next_unsaid(templates, f"deepen:{target}", context, among=fresh)
        worded = self.composed.in_sentence(context, sentence, given)
        if worded and not_recent([worded], context):
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
        among = not_asked(self._not_given(pushes, given, context, sentence), context)
        if not among:
            return self._elsewhere(context)
        return next_unsaid(pushes, "deepen:any", context, among=among)

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
        angles = {**self.bank.angles, **self.composed.angles}
        given = (
            given | angles_put_recently(context, angles) | angles_put_on(context, angles, decision)
        )
        if measures(context, sentence, self.rubric):
            given = given | {"measure"}
        # an angle that fits what the statement is (no compute cost of a metric, no growth
        # breakage of an experiment's duration: agent/speak/quoted_kinds.py)
        open_ = [
            t
            for t in pushes
            if self.bank.angles.get(t) not in given and self.composed.fits(t, context, sentence)
        ]
        said = interviewer_said(context)
        recent = said[-RECENT_QUESTIONS:]

        def put_in_any(template: str, lines: list[str]) -> bool:
            return any(put_in(template, line) for line in lines)

        # each wording once in the interview before any is put again, whatever decision it
        # named ("What does X cost you at this problem's scale?" a second time, about other
        # words, twenty minutes on, reads as the same question)
        ordered = variation.order(open_, seed=context.seed, key="deepen:decision")
        ordered.sort(key=lambda t: put_in_any(t, said))  # stable: the seed's order within each
        for template in ordered:
            if put_in_any(template, recent):
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

    def hint_point(self, context: SpeakContext) -> HintPoint | None:
        """For a hint: the line of this problem's card or of fitting guidance closest to
        what the candidate is stuck on (agent/speak/hint_points.py)."""
        return hint_points.choose(context, self.rubric)
