"""Which sentences of a message really ask the interviewer something about the problem.

Not counted: check-ins ("does that make sense?"), meta, hint and end questions, tag
questions ("..., right?") and rhetorical questions the candidate answers straight away
("How do we get labels? We use chargebacks, ...").
"""

from __future__ import annotations

import re

from agent.readers.lexicon import ReaderLexicon
from agent.readers.spans import Span, normalise

RHETORICAL_TAIL_WORDS = 8  # a question followed by more declarative words than this is rhetorical
MAX_UNMARKED_WORDS = 12  # a clause without "?" counts as a question only if this short
_CLAUSE = re.compile(r"[,:;]\s*|\s+-\s+")


class QuestionFinder:
    def __init__(self, lexicon: ReaderLexicon) -> None:
        self.lexicon = lexicon

    def is_question(self, norm_sentence: str) -> bool:
        lex = self.lexicon
        s = norm_sentence.strip()
        if s.endswith("?"):
            return not lex.question_tag_re.search(s)
        if lex.question_phrase_re.search(s):
            return True
        if s.endswith("."):
            return False
        # no question mark: a short clause opening with a question word, possibly after a
        # lead-in ("quick question, how fast does it need to be", "and roughly how many ...")
        for clause in _CLAUSE.split(s.lower()):
            ws = clause.split()
            while ws and ws[0] in lex.lead_in_set:
                ws = ws[1:]
            if ws and ws[0].split("'")[0] in lex.starter_set and len(ws) <= MAX_UNMARKED_WORDS:
                return True
        return False

    def about_the_interview(self, norm_sentence: str) -> bool:
        """A check-in, meta, hint or end question: not a question about the problem."""
        lex = self.lexicon
        if lex.check_in_re.search(norm_sentence) or lex.hint_request_re.search(norm_sentence):
            return True
        if lex.end_request_re.search(norm_sentence):
            return True
        return any(rx.search(norm_sentence) for _, rx in lex.meta_re)

    def live_questions(self, text: str, sentences: list[Span]) -> list[int]:
        """Indexes of the sentences that ask the interviewer something about the problem."""
        norm = normalise(text)
        chunks = [norm[s.start : s.end] for s in sentences]
        asks = [self.is_question(c) for c in chunks]
        live: list[int] = []
        for i, chunk in enumerate(chunks):
            if not asks[i] or self.about_the_interview(chunk):
                continue
            tail = sum(
                len(sentences[j].text.split()) for j in range(i + 1, len(chunks)) if not asks[j]
            )
            if tail <= RHETORICAL_TAIL_WORDS:
                live.append(i)
        return live
