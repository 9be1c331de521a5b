"""Questions asked inside a design answer: which are put to the interviewer (answered from
the card, or "state an assumption"), which only check in on the candidate's own idea, and
which the candidate answers themself. Part of the question reader (agent/read/questions.py),
which it uses for the card's facts and for questions about the interview itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agent.read.asked_parts import kept_parts
from agent.read.guesses import (
    design_choices,
    open_to_correction,
    own_guess,
    written_as_question,
)
from agent.read.lexicon import ReaderLexicon
from agent.read.polar import left_open
from agent.read.reading import MessageKind, MetaTopic, ReadContext, Reading
from agent.read.self_answered import answered_in_place
from agent.understanding import MessageFindings, SentenceFindings
from agent.understanding.sentences import normalise

if TYPE_CHECKING:
    from agent.read.questions import QuestionReader

# A question inside an answer is taken as asked of the interviewer, wherever it stands, when
# the model reads it alone as a clarifying question at least this surely (self-posed design
# questions such as "why not an off-the-shelf detector?" score 0.07-0.84 there).
SURE_ASKS = 0.9


def in_answer(
    questions: QuestionReader,
    reading: Reading,
    text: str,
    found: MessageFindings,
    context: ReadContext,
) -> Reading:
    """An answer that also asks the interviewer something, anywhere in it ("Candidate
    generation: ... What's the latency budget for this stage? I'd guess 30 ms."): each
    question is answered from the card when a fact's cue or, clearly, its meaning
    matches, else with "not specified: state an assumption" (or "go with yours" when the
    candidate stated one). A question that only asks to confirm what the candidate
    proposed ("Does that framing match?") is acknowledged, not answered with a fact; a
    question about the interview itself (time, "can we move on?") gets the meta answer.
    The answer's signals stay credited either way."""
    confirm = questions.lexicon.confirm_re
    checks_in = False
    asked: list[SentenceFindings] = []
    about, rest = questions.about_interview(reading, found, context)
    if about is not None:  # "...how much time do we have left?" is answered as such
        if about.kind is MessageKind.META or about.meta == MetaTopic.NEXT:
            return about.model_copy(update={"kind": MessageKind.META})
        reading = about
    # a question the next sentence answers ("Why two queues? Because ...") is the
    # candidate's own step, not one put to the interviewer (agent/read/self_answered.py)
    answered = answered_in_place(questions.understanding, questions.lexicon, found, rest)
    for s in [s for s in rest if s not in answered]:
        sentence = normalise(s.text)
        # the confirm phrases ("is it ...?", "does that ...?") count only where the model
        # is not sure the sentence asks about the problem: "Is it the ranking team, or
        # does product set the weights?" is a question, "Is that OK?" a check-in
        confirms = confirm.search(sentence) and s.asking < SURE_ASKS
        if "checks_in_with_interviewer" in s.signals or confirms:
            checks_in = True
        elif (
            not written_as_question(s, found)
            and s.asking < SURE_ASKS
            and not questions.lexicon.assumption_re.search(sentence)
        ):
            # a statement of the design the model half reads as asking ("in short: the
            # goal is ...") asks the interviewer nothing, whatever fact its words name; a
            # guess about the setting ("I'd guess analysts review some cases") still asks
            continue
        elif own_guess(s, questions.lexicon):
            # the candidate's own idea put with a question mark ("I suppose we'd split by
            # cardholder?"): they ask what we think of it, not for a card fact
            checks_in = True
        else:
            asked.append(s)
    update: dict[str, object] = {"checks_in": checks_in}
    if about is not None:  # nothing else asked than the interview question: answer it
        update["kind"] = MessageKind.META
    # assumptions the candidate asks to have corrected are answered where the card names
    # them (confirmed or corrected), as a question about them would be; one already
    # answered is not repeated
    invited = questions.facts_by_cue(text, open_to_correction(found, questions.lexicon), context)
    invited = [t for t in invited if t not in context.facts_given]
    if not asked and not invited:
        return reading.model_copy(update=update)
    # the stricter bars guard against answering a design question the candidate poses
    # themself; one plainly put to the interviewer ("... the budget you gave me?") is
    # matched as any clarifying question is
    put = [
        s
        for s in asked
        if s.asking >= SURE_ASKS or _put_to_interviewer(questions.lexicon, s, found)
    ]
    # a yes/no question the design goes on around is asked (below), but matched with the
    # stricter bars: nothing in its words says it is about the setting rather than the design
    topics, unmatched, pieces, parts = questions.facts_asked(text, put, context, strict=False)
    more, unmatched_more, more_pieces, more_parts = questions.facts_asked(
        text, [s for s in asked if s not in put], context, strict=True
    )
    topics += [t for t in [*more, *invited] if t not in topics]
    pieces += [p for p in more_pieces if p not in pieces]
    unmatched += unmatched_more
    # the parts in the order asked, whichever bars matched them
    parts = sorted([*parts, *more_parts], key=lambda p: text.find(p.text))
    assumed = bool(questions.lexicon.assumption_re.search(normalise(text)))
    if not assumed:
        # a question in the middle of an answer that the card does not answer, with no
        # assumption beside it, is most often rhetorical ("Why not an off-the-shelf
        # detector? Because street faces are tiny..."): only the closing one is asked,
        # and one the model is sure asks the interviewer ("How many impressions a day do
        # we log? If it's billions, I'd ...")
        last = found.sentences[-1] if found.sentences else None
        end = last.end if last is not None else -1
        unmatched = [
            s
            for s in unmatched
            if s.end == end
            or s.asking >= SURE_ASKS
            or _put_to_interviewer(questions.lexicon, s, found)
            or _left_open(s, found)
        ]
    # a statement the model reads as asking that names no card fact is not a question to
    # meet with "state an assumption": only what is written as a question is
    unmatched = [s for s in unmatched if written_as_question(s, found)]
    # a design choice put to the interviewer is turned back to the candidate as theirs
    unmatched, turned = design_choices(unmatched, reading, questions.lexicon)
    update |= turned
    if not topics and not unmatched:
        return reading.model_copy(update=update | ({"kind": MessageKind.META} if turned else {}))
    update |= {
        "kind": MessageKind.CLARIFYING_QUESTION,
        "fact_topics": topics,
        "fact_pieces": pieces,
        "asked_parts": kept_parts(parts, unmatched) if not invited else [],
        "unanswerable": bool(unmatched),
        "assumed": bool(unmatched) and assumed,
    }
    return reading.model_copy(update=update)


def _put_to_interviewer(
    lexicon: ReaderLexicon, part: SentenceFindings, found: MessageFindings
) -> bool:
    """A question in the middle of an answer that asks the interviewer about the setting
    ("Do we already log ...?", "Who is on call?") or whose next sentence waits on the answer
    ("If so, I'd ..."), not one the candidate answers themself ("Why not X?")."""
    if not written_as_question(part, found):
        return False
    if lexicon.self_posed_re.search(normalise(part.text)):
        return False
    if lexicon.asks_interviewer_re.search(normalise(part.text)):
        return True
    after = [s for s in found.sentences if s.start >= part.end]
    return bool(after) and bool(lexicon.awaits_answer_re.search(normalise(after[0].text)))


def _left_open(part: SentenceFindings, found: MessageFindings) -> bool:
    """A yes/no question the sentence after it gives no yes, no, hedge or alternative to
    (agent/read/polar.py): the design goes on around it, so it is put to the interviewer."""
    after = [s for s in found.sentences if s.start >= part.end]
    return written_as_question(part, found) and bool(after) and left_open(part.text, after[0].text)
