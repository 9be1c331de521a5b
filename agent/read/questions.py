"""The questions in a candidate's message: which card facts they ask about (a fact's cue
first, then the question's meaning), which parts the card does not answer, and which are
not questions about the problem at all (a check-in, a question about the interview itself).
Used by the offline reader for clarifying questions and for questions asked inside an answer.
"""

from __future__ import annotations

import numpy as np

from agent.content.phases import Phase
from agent.read.facts import card_facts
from agent.read.lexicon import ReaderLexicon
from agent.read.reading import MessageKind, ReadContext, Reading
from agent.understanding import MessageFindings, SentenceFindings, Understanding
from agent.understanding.sentences import Span, normalise

# A question inside an answer is taken as asked of the interviewer, wherever it stands, when
# the model reads it alone as a clarifying question at least this surely (self-posed design
# questions such as "why not an off-the-shelf detector?" score 0.07-0.84 there).
SURE_ASKS = 0.9


class QuestionReader:
    def __init__(self, lexicon: ReaderLexicon, understanding: Understanding) -> None:
        self.lexicon = lexicon
        self.understanding = understanding

    def in_answer(
        self, reading: Reading, text: str, found: MessageFindings, context: ReadContext
    ) -> Reading:
        """An answer that also asks the interviewer something, anywhere in it ("Candidate
        generation: ... What's the latency budget for this stage? I'd guess 30 ms."): each
        question is answered from the card when a fact's cue or, clearly, its meaning
        matches, else with "not specified: state an assumption" (or "go with yours" when the
        candidate stated one). A question that only asks to confirm what the candidate
        proposed ("Does that framing match?") is acknowledged, not answered with a fact; a
        question about the interview itself (time, "can we move on?") gets the meta answer.
        The answer's signals stay credited either way."""
        confirm = self.lexicon.confirm_re
        checks_in = False
        asked: list[SentenceFindings] = []
        for s in found.sentences:
            if not asks(s):
                continue
            sentence = normalise(s.text)
            meta = self.lexicon.meta_topic(sentence)
            if meta is not None:  # "...how much time do we have left?" is answered as such
                return reading.model_copy(
                    update={
                        "kind": MessageKind.META,
                        "meta": meta,
                        "wants_phase": named(sentence, context),
                    }
                )
            # the confirm phrases ("is it ...?", "does that ...?") count only where the model
            # is not sure the sentence asks about the problem: "Is it the ranking team, or
            # does product set the weights?" is a question, "Is that OK?" a check-in
            confirms = confirm.search(sentence) and s.asking < SURE_ASKS
            if "checks_in_with_interviewer" in s.signals or confirms:
                checks_in = True
            else:
                asked.append(s)
        update: dict[str, object] = {"checks_in": checks_in}
        if not asked:
            return reading.model_copy(update=update)
        topics, unmatched = self.facts_asked(text, asked, context, strict=True)
        assumed = bool(self.lexicon.assumption_re.search(normalise(text)))
        if not assumed:
            # a question in the middle of an answer that the card does not answer, with no
            # assumption beside it, is most often rhetorical ("Why not an off-the-shelf
            # detector? Because street faces are tiny..."): only the closing one is asked,
            # and one the model is sure asks the interviewer ("How many impressions a day do
            # we log? If it's billions, I'd ...")
            last = found.sentences[-1] if found.sentences else None
            unmatched = [s for s in unmatched if s is last or s.asking >= SURE_ASKS]
        if not topics and not unmatched:
            return reading.model_copy(update=update)
        update |= {
            "kind": MessageKind.CLARIFYING_QUESTION,
            "fact_topics": topics,
            "unanswerable": bool(unmatched),
            "assumed": bool(unmatched) and assumed,
        }
        return reading.model_copy(update=update)

    def question(
        self, reading: Reading, text: str, found: MessageFindings, context: ReadContext
    ) -> Reading:
        """Which card facts the message's questions ask about, question by question; a
        question that names none of the card's facts is a part the card does not answer
        (unanswerable: "state an assumption" for the rest)."""
        asked = [s for s in found.sentences if s.question] or list(found.sentences)
        asking = [s for s in found.sentences if asks(s)]
        metas = [self.lexicon.meta_topic(normalise(s.text)) for s in asking]
        if metas and all(metas):  # only asks about the interview itself ("time left?")
            sentence = asking[0].text
            return reading.model_copy(
                update={
                    "kind": MessageKind.META,
                    "meta": metas[0],
                    "wants_phase": named(normalise(sentence), context),
                }
            )
        topics, unmatched = self.facts_asked(text, asked, context, strict=False)
        if not topics:
            return reading.model_copy(update={"unanswerable": True, "phases": [Phase.CLARIFY]})
        return reading.model_copy(
            update={
                "kind": MessageKind.CLARIFYING_QUESTION,
                "fact_topics": topics,
                "unanswerable": bool(unmatched),
                "phases": [Phase.CLARIFY],
            }
        )

    def facts_asked(
        self, text: str, asked: list[SentenceFindings], context: ReadContext, *, strict: bool
    ) -> tuple[list[str], list[SentenceFindings]]:
        """The card facts these questions ask about (a fact's cue first, then the question's
        meaning; `strict` raises the meaning bar), and the questions that matched none."""
        facts = card_facts(context.card)
        topics: list[str] = []
        unmatched: list[SentenceFindings] = []
        for s in asked:
            here = [t for t in facts.by_cue(text, Span(s.start, s.end, s.text)) if t not in topics]
            topics += here
            if not here:
                unmatched.append(s)
        embedder = self.understanding.embedder
        if not unmatched or embedder is None:
            return topics, unmatched
        still: list[SentenceFindings] = []
        vectors = self.understanding.embed([s.text for s in unmatched])
        for s, vector in zip(unmatched, vectors, strict=True):
            fact, _ = facts.by_meaning(np.asarray(vector), embedder, strict=strict)
            if fact and fact not in topics:
                topics.append(fact)
            elif not fact:
                still.append(s)
        return topics, still


def named(text: str, context: ReadContext) -> Phase | None:
    """The phase a request to move on names, if any."""
    return context.plan.named_in(text) if context.plan is not None else None


def asks(s: SentenceFindings) -> bool:
    """The sentence asks the interviewer something: the model reads it as a question, or it
    is written as one (a check-in such as "Should I go deeper or move on?")."""
    return not s.manipulative and (s.question or s.text.rstrip().endswith("?"))
