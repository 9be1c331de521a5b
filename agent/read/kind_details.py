"""What a message's kind adds to its reading, once the reading every message has is made
(agent/read/offline.py, `OfflineReader.read_in_steps`): "I'm done" while designing ends the
phase, not the interview; a question about the interview or the job is answered as such; a
meta remark names where the candidate wants to go; a hint request says what it is stuck on
(the subject and the hint point); a clarifying question, or one inside an answer, which of
the card's facts it asks. Moved out of the offline reader, which keeps what every reading
has."""

from __future__ import annotations

from agent.content.hint_points import default_hint_points
from agent.content.phases import Phase
from agent.read import stuck_subjects, topics
from agent.read.agenda import design_parts_named, heads_to, named
from agent.read.lexicon import ReaderLexicon
from agent.read.questions import QuestionReader, asks
from agent.read.reading import MessageKind, MetaTopic, ReadContext, Reading
from agent.read.stuck import StuckReader
from agent.understanding import Understanding
from agent.understanding.findings import MessageFindings
from agent.understanding.sentences import normalise

LAST_PHASES = frozenset({Phase.DEPLOYMENT, Phase.WRAP_UP})  # "I'm done" ends the interview here


class KindDetails:
    """The details a reading's kind adds (see the module docstring)."""

    def __init__(
        self,
        lexicon: ReaderLexicon,
        questions: QuestionReader,
        stuck: StuckReader,
        understanding: Understanding,
    ) -> None:
        self.lexicon = lexicon
        self.questions = questions
        self.stuck = stuck
        self.understanding = understanding

    def add(
        self,
        reading: Reading,
        found: MessageFindings,
        context: ReadContext,
        analysed: str,
        norm: str,
        topic: MetaTopic | None,
        agenda: bool,
    ) -> Reading:
        """What the message's kind adds to `reading` (see read_in_steps)."""
        kind = reading.kind
        finished_phase = (
            kind is MessageKind.END_REQUEST
            and context.phase not in LAST_PHASES
            and self.lexicon.done_re.search(norm)
            and not self.lexicon.end_request_re.search(norm)
        )
        if finished_phase:  # "I'm done" while designing ends the phase, not the interview
            return reading.model_copy(update={"kind": MessageKind.META, "meta": MetaTopic.NEXT})
        if kind in (MessageKind.META, MessageKind.OFF_TOPIC):
            # "what's the team like?" or "any questions for me?": about the interview or the
            # job, whichever way the model read it, is answered as such
            # (an off-topic message's other questions are off topic too)
            asked, _ = self.questions.about_interview(reading, found, context)
            if asked is not None:
                # the figures of a summary that ends "any questions?" are still its figures
                update: dict[str, object] = {
                    "kind": MessageKind.META,
                    "number_conflict": reading.number_conflict,
                    "number_conflicts": list(reading.number_conflicts),
                }
                if asked.meta is MetaTopic.INVITATION or reading.offers_depth:
                    update["parts_offered"] = self.parts_offered(found, context)
                return asked.model_copy(update=update)
        if kind is MessageKind.OFF_TOPIC and self.questions.surely_on_card(found, context):
            return self.questions.question(reading, analysed, found, context)
        if kind is MessageKind.META:
            if topic is None and agenda:
                topic = MetaTopic.NEXT
            return reading.model_copy(
                update={
                    "meta": topic or MetaTopic.OTHER,
                    "wants_phase": named(norm, context, self.lexicon),
                    "heads_to_part": heads_to(norm, context, self.lexicon),
                    "parts_offered": self.parts_offered(found, context)
                    if reading.offers_depth
                    else [],
                }
            )
        if topic is not None:
            update = {"meta": topic}
            if topic is MetaTopic.NEXT and kind is MessageKind.ANSWER:
                # "... Let's move on to serving: ..." inside an answer: where they go on to
                update["wants_phase"] = named(norm, context, self.lexicon)
                update["heads_to_part"] = heads_to(norm, context, self.lexicon)
            reading = reading.model_copy(update=update)
        if kind is MessageKind.HINT_REQUEST:
            sentences = [s.text for s in found.sentences] or [analysed]
            stuck = self.stuck.asking_for_help(sentences)
            # the subject the request names, read from the sentences that ask for help
            # first (the statements around them show what was done, not what is missing)
            about = topics.asked_about(
                stuck, context.rubric, self.understanding, analysed, found.mentioned
            )
            if about is None:
                about = topics.asked_about(
                    sentences, context.rubric, self.understanding, analysed, found.mentioned
                )
            # the hint point it is about, by what the candidate describes: its signal is the
            # subject (finer than the closest signal's own description)
            point = stuck_subjects.stuck_subject(
                analysed, stuck, context.card, default_hint_points(), self.understanding
            )
            if point is not None:
                about = default_hint_points().signal_of(point) or about
            update = {"asked_about": about, "stuck_on": stuck, "hint_subject": point}
            return reading.model_copy(update=update)
        if kind is MessageKind.CLARIFYING_QUESTION:
            return self.questions.question(reading, analysed, found, context)
        invites = bool(self.lexicon.correct_me_re.search(norm))  # "tell me if that's off"
        if kind is MessageKind.ANSWER and (invites or any(asks(s) for s in found.sentences)):
            return self.questions.in_answer(reading, analysed, found, context)
        return reading

    def parts_offered(self, found: MessageFindings, context: ReadContext) -> list[Phase]:
        """The design parts an invitation to choose names as its options: those named from
        the sentence that makes the offer or asks on ("which part should I go deeper on? the
        training, or the evaluation"). A summary that ends with "happy to go deeper on
        anything" offers no parts: the ones it went through are not options."""
        sentences = found.sentences
        offer = self.lexicon.offer_re
        start = next(
            (i for i, s in enumerate(sentences) if asks(s) or offer.search(normalise(s.text))),
            len(sentences),
        )
        after = " ".join(s.text for s in sentences[start:])
        return design_parts_named(normalise(after), context.plan) if after else []
