"""The short verbatim phrase of a message most worth a follow-up question."""

from __future__ import annotations

import re

from agent.misconceptions import MisconceptionDetector
from agent.readers.spans import Span, compile_cues, normalise
from agent.rubric import Rubric
from agent.signals import SignalHit

FOCUS_CHARS = 140  # longest focus phrase
_BREAK = re.compile(r"[,;:]\s+|\s+-\s+")


def focus_phrase(
    text: str,
    sentences: list[Span],
    hits: list[SignalHit],
    flagged: list[str],
    misconceptions: MisconceptionDetector,
    rubric: Rubric,
) -> str | None:
    """A wrong claim first, else the sentence with the strongest cue-matched signal."""
    if flagged:
        m = misconceptions.catalog.get(flagged[0])
        span = misconceptions.sentence_for(m.id, text, sentences)
        if span is not None:
            return clause_around(text, span, m.detection.patterns[0].all_of[0])
    for hit in hits:
        if hit.via != "cue":
            continue
        span = next((s for s in sentences if s.text == hit.quote), None)
        if span is not None:
            return clause_around(text, span, rubric.signal(hit.signal_id).cues)
    if hits:
        span = next((s for s in sentences if s.text == hits[0].quote), None)
        if span is not None:
            return clause_around(text, span, [])
    return None


def clause_around(text: str, sentence: Span, cues: list[str], limit: int = FOCUS_CHARS) -> str:
    """The part of `sentence` around its first cue, at most `limit` characters, verbatim."""
    if len(sentence.text) <= limit:
        return sentence.text
    found = (
        compile_cues(tuple(cues), ignore_case=False).search(
            normalise(text), sentence.start, sentence.end
        )
        if cues
        else None
    )
    anchor = found.start() if found else sentence.start
    breaks = [m.end() for m in _BREAK.finditer(text, sentence.start, anchor)]
    if breaks and anchor - breaks[-1] < limit // 2:
        start = breaks[-1]
    else:
        start = max(sentence.start, anchor - limit // 3)
        if start > sentence.start:  # do not cut a word in half
            space = text.find(" ", start, anchor)
            start = space + 1 if space >= 0 else anchor
    end = min(sentence.end, start + limit)
    if end < sentence.end:
        space = text.rfind(" ", start, end)
        if space > anchor:
            end = space
    return text[start:end].strip().rstrip(",;:-").strip()
