"""Which of the candidate's sentences a recap may quote as evidence for a score.

A quote shows the candidate why a score was given, so it is never:
- a claim the interviewer challenged or the grader found wrong (corrected or not): citing it
  next to a good score would tell the candidate the wrong claim earned the score;
- a Markdown heading ("## Metrics", a setext title, a bold-only line): a title names a topic,
  it claims nothing.
Neither is removed from grading (a wrong claim still caps its dimension); they are only
never cited. Quotes cut by the splitter (at a semicolon, a list marker) are shown as the
whole sentence, verbatim, when that sentence sits on one line; otherwise as the clause, without
a joining word it opens with ("and ..."), still verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agent.grading.evidence import Sentence
from agent.grading.whole_sentences import (
    BLOCK_BREAK,
    clause_start,
    heading_ranges,
    whole_sentence,
)
from agent.understanding.line_wraps import soft_wraps

MAX_WHOLE_CHARS = 300  # a longer sentence stays as the splitter cut it

_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+>]|\d+[.)])[ \t]+")
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"')\]]|$)|\n")


def is_heading(text: str, sources: Iterable[str]) -> bool:
    """True when `text` sits on a heading line of the source it was cut from."""
    for source in sources:
        at = source.find(text)
        if at < 0:
            continue
        return any(lo <= at < hi for lo, hi in heading_ranges(source))
    return False


def overlaps(quote: str, claims: Iterable[str]) -> bool:
    """True when the quote and one of the claims share a sentence (either holds the other)."""
    q = quote.strip()
    return any(c.strip() and (c.strip() in q or q in c.strip()) for c in claims)


def unquotable(
    sentences: list[Sentence], sources: dict[int, str], challenged: Iterable[str]
) -> frozenset[int]:
    """Orders of the sentences a recap never quotes: headings and challenged claims."""
    claims = list(challenged)
    out = set()
    for s in sentences:
        source = sources.get(s.turn)
        if overlaps(s.text, claims) or (source is not None and is_heading(s.text, [source])):
            out.add(s.order)
    return frozenset(out)


def may_quote(quote: str, sources: list[str], challenged: Iterable[str]) -> bool:
    """For quotes a model chose: not a heading and not a challenged claim."""
    return not is_heading(quote, sources) and not overlaps(quote, challenged)


def _on_one_line(source: str, start: int, end: int) -> bool:
    """source[start:end] breaks no line, or only where a line wraps prose."""
    wraps = soft_wraps(source)
    body = source[start:end].rstrip()
    return all(start + i in wraps for i, ch in enumerate(body) if ch == "\n")


def whole_quote(quote: str, sources: Iterable[str]) -> str:
    """The quote as the whole sentence it was cut from, verbatim, when that sentence is on one
    line (or wrapped over several) and not too long; otherwise the quote itself, cut before a
    blank line or a heading the sentence splitter let it run into."""
    cut = BLOCK_BREAK.search(quote)
    if cut is not None and cut.start() > 0:
        quote = quote[: cut.start()].rstrip()
    for source in sources:
        found = whole_sentence(source, quote)
        if found is None:
            continue
        start = found[0]
        marker = _LIST_MARKER.match(source, start)
        if marker is not None and marker.end() <= source.find(quote, start):
            start = marker.end()
        end = source.find(quote, start) + len(quote)
        tail = _SENTENCE_END.search(source, end)
        while tail is not None and tail.start() in soft_wraps(source):
            tail = _SENTENCE_END.search(source, tail.end())  # a wrapped line goes on
        if quote[-1:] not in ".!?" and tail is not None and tail.group(0) != "\n":
            end = tail.end()
        text = source[start:end].strip()
        if quote in text and _on_one_line(source, start, end) and len(text) <= MAX_WHOLE_CHARS:
            return text
        return clause_start(quote)
    return clause_start(quote)
