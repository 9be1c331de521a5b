"""The parts of a question: one sentence may ask two things ("What's the QPS, and where is
it shown?"), and each part is matched to the card on its own, so a fact matched by one part
cannot hide that another part went unanswered.

A sentence is cut where a new question starts after ", and" / "; and" / ", also" / " and
also" (a question word or an auxiliary leads the clause that follows). Alternatives joined by
"or" stay one question ("more bookings, or time on site?" asks one thing).
"""

from __future__ import annotations

import re

from agent.understanding.sentences import Span

# the opening of a clause that asks something by itself
_ASKS = (
    r"(?:what|what's|whats|how|which|who|where|when|why|whom|whose|"
    r"is|are|was|were|do|does|did|can|could|should|will|would|must|may|has|have|had)\b"
)
_CUT = re.compile(
    rf"(?:,\s*|;\s*|\s+)(?:and\s+(?:also\s+)?|also,?\s+|plus\s+)(?={_ASKS})",
    re.IGNORECASE,
)
MIN_PART_WORDS = 3  # a shorter tail ("and is it?") stays with its sentence


def question_parts(source: str, sentence: Span) -> list[Span]:
    """The sentence's parts, as verbatim spans of `source` (the sentence itself if it asks
    one thing)."""
    cuts = [m for m in _CUT.finditer(source, sentence.start, sentence.end)]
    if not cuts:
        return [sentence]
    out: list[Span] = []
    pos = sentence.start
    for m in cuts:
        if len(source[pos : m.start()].split()) >= MIN_PART_WORDS and (
            len(source[m.end() : sentence.end].split()) >= MIN_PART_WORDS
        ):
            out.append(_span(source, pos, m.start()))
            pos = m.end()
    out.append(_span(source, pos, sentence.end))
    return out


def _span(source: str, start: int, end: int) -> Span:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1] in " ,;":
        end -= 1
    return Span(start, end, source[start:end])
