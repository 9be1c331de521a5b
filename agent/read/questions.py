"""The questions in a candidate's message: which are about the interview or the job, which
about the problem (the card facts each part asks for are matched in
agent/read/card_facts_asked.py; questions asked inside an answer are read in
agent/read/answer_questions.py), which parts the card does not answer, and which the
candidate answers in place. Used by the offline reader.
"""

from __future__ import annotations

from agent.content.phases import Phase
from agent.content.problems import OPENING_TOPIC
from agent.read import answer_questions, card_facts_asked
from agent.read.agenda import heads_to, named
from agent.read.answer_questions import SURE_ASKS
from agent.read.asked_parts import (
    kept_parts,
)
from agent.read.facts import card_facts
from agent.read.guesses import (
    confirmed,
    marked_questions,
    with_spelled_out,
    without_assumptions,
    without_leave_requests,
    written_as_question,
)
from agent.read.interview_questions import InterviewQuestions
from agent.read.lexicon import ReaderLexicon
from agent.read.reading import AskedPart, MessageKind, MetaTopic, ReadContext, Reading
from agent.read.self_answered import answered_in_place
from agent.understanding import MessageFindings, SentenceFindings, Understanding
from agent.understanding.sentences import Span, normalise


class QuestionReader:
    def __init__(self, lexicon: ReaderLexicon, understanding: Understanding) -> None:
        self.lexicon = lexicon
        self.understanding = understanding
        self.interview = InterviewQuestions(lexicon, understanding)

    def about_interview(
        self, reading: Reading, found: MessageFindings, context: ReadContext
    ) -> tuple[Reading | None, list[SentenceFindings]]:
        """The questions about the interview or the job, and the rest. When every question is
        about the interview (time left, the team or the pay, "any questions for me?"), the
        message is read as such (a META reading, every topic it asks kept in order); else
        those topics ride along with the answer to the rest (`meta`, `more_meta`)."""
        # where the message marks its questions with a question mark, a sentence the model
        # reads as asking without one ("... and I'd want to hear that early on.") is a
        # statement unless it is sure of it: the written mark is the
        # stronger sign, whether the marked questions are about the interview or the problem
        asking = marked_questions([s for s in found.sentences if asks(s)], SURE_ASKS)
        # a request for leave to ask ("can I ask a few things first?") asks nothing itself
        asking = without_leave_requests(asking, self.lexicon)
        # what the message said before each question: a question about something it
        # described ("who decides these weights?") asks about the design
        before = [" ".join(t.text for t in found.sentences if t.end <= s.start) for s in asking]
        # and the sentence right after each, which may say why it is asked; one that asks
        # something itself says no why ("What's on-call like? How often are people paged?"
        # asks on about the job, it does not tie the first question to the system)
        why = [_why(found, s) for s in asking]
        topics = self.interview.topics([s.text for s in asking], context.card, before, why)
        metas = list(dict.fromkeys(t for t in topics if t is not None))
        rest = [s for s, t in zip(asking, topics, strict=True) if t is None]
        if not metas:
            return None, rest
        first = asking[topics.index(metas[0])].text
        update: dict[str, object] = {"meta": metas[0], "more_meta": metas[1:]}
        if MetaTopic.NEXT in metas:
            # "can we move on? I think the serving part is more interesting": where to, from
            # the request and what follows it, whatever else the message asked before
            # ("more interesting than evaluation" after "can we move on to serving?" names
            # what it is weighed against: a part the request names itself comes first)
            at = asking[topics.index(MetaTopic.NEXT)]
            after = " ".join(t.text for t in found.sentences if t.start >= at.start)
            update["wants_phase"] = named(normalise(at.text), context, self.lexicon) or named(
                normalise(after), context, self.lexicon
            )
            update["heads_to_part"] = heads_to(
                normalise(at.text), context, self.lexicon
            ) or heads_to(normalise(after), context, self.lexicon)
        if not rest:
            update["kind"] = MessageKind.META
            update.setdefault("wants_phase", named(normalise(first), context, self.lexicon))
            update.setdefault("heads_to_part", heads_to(normalise(first), context, self.lexicon))
            return reading.model_copy(update=update), rest
        return reading.model_copy(update=update), rest

    def in_answer(
        self, reading: Reading, text: str, found: MessageFindings, context: ReadContext
    ) -> Reading:
        """An answer that also asks the interviewer something (agent/read/answer_questions.py)."""
        return answer_questions.in_answer(self, reading, text, found, context)

    def question(
        self, reading: Reading, text: str, found: MessageFindings, context: ReadContext
    ) -> Reading:
        """Which card facts the message's questions ask about, question by question; a
        question that names none of the card's facts is a part the card does not answer
        (unanswerable: "state an assumption" for the rest)."""
        about, rest = self.about_interview(reading, found, context)
        if about is not None and about.kind is MessageKind.META:
            return about  # only asks about the interview itself ("time left?", "the pay?")
        reading = about or reading
        if not any(asks(s) for s in found.sentences):
            # nothing is asked: a statement read as a question asks for a fact only where it
            # names one of the card's cues ("Scale and latency budget."), else it is an answer
            cued = self.facts_by_cue(text, list(found.sentences), context)
            if not cued:
                return reading.model_copy(update={"kind": MessageKind.ANSWER})
            return reading.model_copy(update={"fact_topics": cued, "phases": [Phase.CLARIFY]})
        asked = marked_questions(rest or list(found.sentences), SURE_ASKS)
        asked = with_spelled_out(without_leave_requests(asked, self.lexicon), found)
        # questions the candidate answers at once ("How many panoramas a week? With a miss
        # rate near one percent, about fifteen hundred.") ask the interviewer nothing
        answered = answered_in_place(self.understanding, self.lexicon, found, asked)
        if answered and len(answered) == len(asked) and reading.meta is None:
            return reading.model_copy(update={"kind": MessageKind.ANSWER})
        asked = [s for s in asked if s not in answered]
        asked = without_assumptions(asked, found, self.lexicon)
        asked = confirmed(asked, found, self.lexicon)
        topics, unmatched, pieces, parts = self.facts_asked(text, asked, context, strict=False)
        if not topics:
            unanswerable = bool(unmatched) or reading.meta is None
            return reading.model_copy(
                update={
                    "unanswerable": unanswerable,
                    # kept even for one part: one whose nearest piece was said before is
                    # said again, not called open (agent/decide/part_answers.py)
                    "asked_parts": parts,
                    "phases": [Phase.CLARIFY],
                }
            )
        unmatched = [s for s in unmatched if written_as_question(s, found)]
        parts = kept_parts(parts, unmatched)
        return reading.model_copy(
            update={
                "kind": MessageKind.CLARIFYING_QUESTION,
                "fact_topics": topics,
                "fact_pieces": pieces,
                "asked_parts": parts,
                "unanswerable": bool(unmatched),
                "phases": [Phase.CLARIFY],
            }
        )

    def facts_asked(
        self, text: str, asked: list[SentenceFindings], context: ReadContext, *, strict: bool
    ) -> tuple[list[str], list[SentenceFindings], list[str], list[AskedPart]]:
        """The card facts these questions ask about, part by part (see
        agent/read/card_facts_asked.py)."""
        return card_facts_asked.facts_asked(self.understanding, text, asked, context, strict=strict)

    def surely_on_card(self, found: MessageFindings, context: ReadContext) -> bool:
        """A message read as off topic whose question the fact matcher ties to a card fact
        at its stricter bars (or by a cue) asks about the problem: "how many trips a day
        was it again?" is a question about the card asked a second time, not a chat about
        something else. The matcher's reading is evidence of its own beside the kind's."""
        asked = [s for s in found.sentences if asks(s)]
        if not asked:
            return False
        topics, _, _, _ = self.facts_asked(found.text, asked, context, strict=True)
        return any(t != OPENING_TOPIC for t in topics)

    def facts_by_cue(
        self, text: str, sentences: list[SentenceFindings], context: ReadContext
    ) -> list[str]:
        facts = card_facts(context.card)
        found = [t for s in sentences for t in facts.by_cue(text, Span(s.start, s.end, s.text))]
        return list(dict.fromkeys(found))


def _why(found: MessageFindings, question: SentenceFindings) -> str:
    """The sentence right after a question, where it is a statement (it may say why the
    question is asked); else nothing."""
    after = next((t for t in found.sentences if t.start >= question.end), None)
    return after.text if after is not None and not asks(after) else ""


def asks(s: SentenceFindings) -> bool:
    """The sentence asks the interviewer something: the model reads it as a question, or it
    is written as one (a check-in such as "Should I go deeper or move on?")."""
    return not s.manipulative and (s.question or s.text.rstrip().endswith("?"))
