"""The questions in a candidate's message: which card facts they ask about (a fact's cue
first, then the question's meaning), which parts the card does not answer, and which are
not questions about the problem at all (a check-in, a question about the interview itself).
Used by the offline reader for clarifying questions and for questions asked inside an answer.
"""

from __future__ import annotations

import numpy as np

from agent.content.phases import Phase
from agent.content.problems import OPENING_TOPIC, piece_id, piece_topic
from agent.read import answer_questions
from agent.read.agenda import heads_to, named
from agent.read.answer_questions import SURE_ASKS
from agent.read.asked_parts import (
    LEAN_BAR,
    further_pieces,
    in_order,
    kept_parts,
    leaning_back,
)
from agent.read.durations import question_scales, same_scale
from agent.read.facts import card_facts
from agent.read.guesses import (
    confirmed,
    marked_questions,
    without_assumptions,
    written_as_question,
)
from agent.read.interview_questions import InterviewQuestions
from agent.read.lexicon import ReaderLexicon
from agent.read.parts import bare_list, question_parts
from agent.read.pieces import card_pieces
from agent.read.reading import AskedPart, MessageKind, MetaTopic, ReadContext, Reading
from agent.read.self_answered import answered_in_place
from agent.understanding import MessageFindings, SentenceFindings, Understanding
from agent.understanding.fact_match import asked_facts, pair_scores, topic_probabilities
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
        # what the message said before each question: a question about something it
        # described ("who decides these weights?") asks about the design
        before = [" ".join(t.text for t in found.sentences if t.end <= s.start) for s in asking]
        topics = self.interview.topics([s.text for s in asking], context.card, before)
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
        """The card facts these questions ask about, part by part (the learned matcher, its
        stricter bars with `strict`; without it a fact's cue first, then the question's
        meaning), the parts that matched none, the pieces of those facts the parts ask for
        (agent/read/pieces.py; none: whole facts), and each part in the order asked with the
        pieces that answer it (none: the card does not cover it)."""
        facts = card_facts(context.card)
        parts = _parts(text, asked)
        heads = self.understanding.fact_heads()
        embedder = self.understanding.embedder
        if heads is None or embedder is None or not parts:
            return (*self._by_cue_and_meaning(text, parts, context, strict=strict), [], [])
        pieces = card_pieces(context.card)
        topic_head, match = heads
        # a bare list ("Text, image, video?") may name the values of one question rather
        # than topics: the whole is matched too, and where it names a fact, its items are
        # not left to an assumption
        wholes = [s for s in asked if bare_list(text, Span(s.start, s.end, s.text))]
        both = parts + wholes
        vectors = self.understanding.embed([s.text for s in both])
        probs = topic_probabilities(topic_head, vectors)
        side = facts.side(embedder)
        topics: list[str] = []
        unmatched: list[SentenceFindings] = []
        per_part: list[list[str]] = []
        match_of: list[dict[str, float]] = []  # per part, the matcher's score of each fact
        for i, (s, vector, p) in enumerate(zip(both, vectors, probs, strict=True)):
            hits = set(facts.by_cue(text, Span(s.start, s.end, s.text)))
            # an item of a bare list is a word or two: it names a fact by a cue of it, or
            # surely (its stricter bars), else the whole list speaks for it
            item = i < len(parts) and any(w.start <= s.start < w.end for w in wholes)
            sure = strict or item
            scores = pair_scores(match, np.asarray(vector), side, p, hits)
            match_of.append(dict(zip(side.topics, map(float, scores), strict=True)))
            here = asked_facts(match, np.asarray(vector), side, p, hits, strict=sure, scores=scores)
            here = same_scale(here, context.card, question_scales(text, s.start, s.end))
            # a requirements question no fact answers may be one the opening settles; the
            # opening only says what the product is, so what the question asks beyond it
            # ("is this for the friends feed, or recommended posts too?") is still the
            # candidate's to assume
            if not here and not strict and facts.by_opening(s.text):
                here = [OPENING_TOPIC]
            per_part.append(here)
            topics += [t for t in here if t not in topics]
            if i >= len(parts):  # a whole list
                if here:
                    unmatched = [u for u in unmatched if not s.start <= u.start < s.end]
            elif not here or here == [OPENING_TOPIC]:
                unmatched.append(s)
        vecs = [np.asarray(v) for v in vectors]
        answered = [
            AskedPart(
                text=s.text,
                pieces=[q for t in here for q in pieces.for_part(v, t, embedder)],
            )
            for s, here, v in zip(both, per_part, vecs, strict=True)
        ]
        # a part no fact matched may still ask for a piece of a fact another part named
        # ("how do we learn it was fraud? how long does that take?")
        named = [t for t in topics if t != OPENING_TOPIC]
        taken = {q for a in answered for q in a.pieces}
        for i in range(len(parts)):
            if not per_part[i]:
                answered[i].pieces = pieces.follow_on(vecs[i], named, taken, embedder)
            elif per_part[i] == [OPENING_TOPIC] and len(parts) == 1:
                # a question the opening settles, asked alone ("is this for rides or for
                # food?"), hears it; beside other parts, what it asks beyond what the product
                # is stays open and is named as such
                answered[i].pieces = [piece_id(OPENING_TOPIC, 0)]
        sentence = [_sentence_of(asked, s) for s in parts]
        together = [i > 0 and sentence[i] == sentence[i - 1] for i in range(len(parts))]
        # a part that points back may ask for more of the fact the part before it gave
        further = further_pieces(answered[: len(parts)], together, per_part)
        for i, topics_before in further.items():
            answered[i].pieces = pieces.further(vecs[i], topics_before, taken, LEAN_BAR, embedder)
            taken |= set(answered[i].pieces)
        piece_vectors = dict(zip(pieces.ids, pieces.vectors(embedder), strict=True))
        near = [
            max((float(piece_vectors[q] @ vecs[i]) for q in answered[i - 1].pieces), default=0.0)
            if i and answered[i - 1].pieces and answered[i - 1].pieces[0] in piece_vectors
            else 0.0
            for i in range(len(parts))
        ]
        for a, v, m in zip(answered, vecs, match_of, strict=True):
            a.near, a.nearness = pieces.nearest(v, embedder)
            a.near_match = [round(m.get(piece_topic(q), 0.0), 4) for q in a.near]
        leaning = leaning_back(answered[: len(parts)], together, near)
        # a part answered with the one before it is not left to an assumption
        unmatched = [u for u in unmatched if all(u.start != parts[i].start for i in leaning)]
        ordered = [
            a
            for a in in_order(answered[: len(parts)], answered[len(parts) :], both)
            if not any(a is answered[i] for i in leaning)
        ]
        chosen = list(dict.fromkeys(q for a in ordered for q in a.pieces))
        said = {piece_topic(q) for q in chosen}
        topics = [t for t in topics if t in said or t == OPENING_TOPIC]
        return topics, unmatched, chosen, ordered

    def _by_cue_and_meaning(
        self, text: str, parts: list[SentenceFindings], context: ReadContext, *, strict: bool
    ) -> tuple[list[str], list[SentenceFindings]]:
        """Without the learned heads: a fact's cue first, then the part's meaning."""
        facts = card_facts(context.card)
        topics: list[str] = []
        unmatched: list[SentenceFindings] = []
        for s in parts:
            here = facts.by_cue(text, Span(s.start, s.end, s.text))
            topics += [t for t in here if t not in topics]
            if not here:
                unmatched.append(s)
        embedder = self.understanding.embedder
        if not unmatched or embedder is None:
            return topics, unmatched
        still: list[SentenceFindings] = []
        vectors = self.understanding.embed([s.text for s in unmatched])
        for s, vector in zip(unmatched, vectors, strict=True):
            fact, _ = facts.by_meaning(np.asarray(vector), embedder, strict=strict)
            # a requirements question no fact answers may be one the opening settles
            fact = fact or (None if strict else facts.by_opening(s.text))
            if fact and fact not in topics:
                topics.append(fact)
            elif not fact:
                still.append(s)
        return topics, still

    def facts_by_cue(
        self, text: str, sentences: list[SentenceFindings], context: ReadContext
    ) -> list[str]:
        facts = card_facts(context.card)
        found = [t for s in sentences for t in facts.by_cue(text, Span(s.start, s.end, s.text))]
        return list(dict.fromkeys(found))


def _sentence_of(sentences: list[SentenceFindings], part: SentenceFindings) -> int:
    """The index of the sentence a part was cut from."""
    return next((i for i, s in enumerate(sentences) if s.start <= part.start < s.end), -1)


def _parts(text: str, sentences: list[SentenceFindings]) -> list[SentenceFindings]:
    """Each question cut into its parts (agent/read/parts.py), as findings of their own:
    a part inherits its sentence's reading."""
    out: list[SentenceFindings] = []
    for s in sentences:
        for p in question_parts(text, Span(s.start, s.end, s.text)):
            same = p.start == s.start and p.end == s.end
            cut = {"text": p.text, "start": p.start, "end": p.end}
            out.append(s if same else s.model_copy(update=cut))
    return out


def asks(s: SentenceFindings) -> bool:
    """The sentence asks the interviewer something: the model reads it as a question, or it
    is written as one (a check-in such as "Should I go deeper or move on?")."""
    return not s.manipulative and (s.question or s.text.rstrip().endswith("?"))
