"""Cutting the phrase worth a follow-up out of a long sentence, verbatim."""

from __future__ import annotations

import re

from agent.understanding.sentences import Span, compile_cues, normalise

FOCUS_CHARS = 140  # longest focus phrase
_BREAK = re.compile(r"[,;:]\s+|\s+-\s+")


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
