"""Questions the candidate answers in the same breath ("Why separate queues per modality?
Because they scale very differently.", "You mean the same cards end up in train and test?
Yeah, that would leak."): they are part of the argument, not put to the interviewer.

Whether a question is answered where it stands is read in context, by the learned kind head:
the question together with the sentence after it, read as one short message. A question the
next sentence answers reads as an answer; one followed by a plan that waits on it reads as
asking. Kept asked whatever the pair reads as: the message's last question, one of several
in a row (a batch is put to the interviewer; the statement after it answers none of them),
one the lexicon reads as put to the interviewer ("Do we already log ...?", "... currently?",
"... usually last here?") and one whose next sentence waits on the answer ("If so, I'd ...").
A yes/no question the next sentence gives no yes, no or hedge to (agent/read/polar.py) is
kept asked: the design goes on around it. A hedge in the next sentence is not read as a
guess at the answer ("Yeah, I guess if we split randomly, the model sees the future."
answers; "I guess" is how it says so).
"""

from __future__ import annotations

from agent.read.lexicon import ReaderLexicon
from agent.read.polar import answered_plainly, left_open
from agent.understanding import MessageFindings, SentenceFindings, Understanding
from agent.understanding.sentences import normalise

QUESTION_KIND = "clarifying_question"
# A question and the sentence after it, read together, that the kind head gives less than
# this probability of being a clarifying question are one self-answered step of the
# argument. Chosen on the judged test18-1 turns and the kinds corpus (dev): at b923b4c the
# self-answered pairs of the judged turns read 0.0003-0.24, the questions of the mid-design
# tests followed by a plan that waits on them 0.35-0.97.
ANSWERED_BAR = 0.3


def answered_in_place(
    understanding: Understanding,
    lexicon: ReaderLexicon,
    found: MessageFindings,
    questions: list[SentenceFindings],
) -> list[SentenceFindings]:
    """The questions among `questions` (sentences of `found`, or parts cut from them) that
    the sentence after them answers (see the module docstring)."""
    out: list[SentenceFindings] = []
    for q in questions:
        sentence = _sentence_of(found, q)
        if sentence is None:
            continue
        nxt = next((s for s in found.sentences if s.start >= sentence.end), None)
        before = [s for s in found.sentences if s.end <= sentence.start]
        if nxt is None or _asks(nxt) or (before and _asks(before[-1])):
            continue  # the message's last question, or one of several in a row
        if answered_plainly(sentence.text, nxt.text):
            out.append(q)  # "Is X enough here? No: ..." whatever else marks it as put
            continue
        if lexicon.asks_interviewer_re.search(normalise(sentence.text)):
            continue
        if lexicon.awaits_answer_re.search(normalise(nxt.text)):
            continue
        if left_open(sentence.text, nxt.text):
            continue  # a yes/no question the next sentence gives no yes or no to
        pair = found.text[sentence.start : nxt.end]
        if understanding.message(pair).kind_scores.get(QUESTION_KIND, 1.0) < ANSWERED_BAR:
            out.append(q)
    return out


def _sentence_of(found: MessageFindings, part: SentenceFindings) -> SentenceFindings | None:
    return next((s for s in found.sentences if s.start <= part.start < s.end), None)


def _asks(s: SentenceFindings) -> bool:
    return s.question or s.text.rstrip().endswith("?")
