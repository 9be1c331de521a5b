"""The whole sentence a quote or a claim was cut from, and a clause shown as a sentence.

The sentence splitter cuts at semicolons, list markers and, in a long spoken run-on, at
soft boundaries ("..., and ..."), so what the grader read can be a fragment. What the recap
shows the candidate reads as a sentence: the full sentence of the source it was cut from
where that sentence is on one line and not too long (`whole_sentence`, `widen`), else the
clause itself, with no leading "and" and ending where a clause ends (`as_sentence`). Where
the heading lines of a Markdown source are (`heading_ranges`): a title is neither quoted
nor read as a claim.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.understanding.line_wraps import soft_wraps

_END_OR_LINE = re.compile(r"[.!?](?=[\s\"')\]]|$)|\n")
BLOCK_BREAK = re.compile(r"\n\s*\n|\n\s*(?:#|[-*+>]\s|\d+[.)]\s)")  # a blank line, a new block
_LIST_MARKER = re.compile(r"^\s*(?:[-*+>]|\d+[.)])\s+")
# a word that joins a clause to the one before it: a clause shown alone does not open with it
_CONNECTOR = re.compile(
    r"^(?:and then|and so|and|but|or|so|then|plus|also|while|whereas|which)\b[\s,]*",
    re.IGNORECASE,
)
# where a clause may end inside a longer run (a cut must not land mid-clause)
_CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|\s[-\u2013\u2014]\s")


def whole_sentence(source: str, fragment: str) -> tuple[int, str] | None:
    """The full sentence of `source` that contains `fragment`, with its start offset.

    Sentences end at . ! ? (before a space, a quote or the end) or at a line break, so a
    Markdown line (heading, list item) is never joined to the next one; a fragment that runs
    on past a blank line or into a heading or list item is cut there. A line break that only
    wraps prose (agent/understanding/line_wraps.py) is read through, as the splitter does.
    """
    at = source.find(fragment)
    if at < 0:
        return None
    wraps = soft_wraps(source)  # a line break that only wraps prose is read through
    start = at
    while start > 0 and (source[start - 1] != "\n" or start - 1 in wraps):
        if source[start - 1] in ".!?" and source[start].isspace():
            break
        start -= 1
    end = at + len(fragment)
    if fragment[-1:] not in (".", "!", "?"):
        m = _END_OR_LINE.search(source, end)
        while m is not None and m.start() in wraps:
            m = _END_OR_LINE.search(source, m.end())
        end = len(source) if m is None else (m.end() if m.group(0) != "\n" else m.start())
    block = BLOCK_BREAK.search(source, at, end)  # the splitter can run on past a paragraph
    if block is not None and block.start() > at:
        end = block.start()
    text = _LIST_MARKER.sub("", " ".join(source[start:end].split()))
    return start, text.strip()


def widen(quote: str, sources: dict[int, str]) -> str:
    """A quote as the whole sentence it was cut from (itself when no source holds it)."""
    for source in sources.values():
        found = whole_sentence(source, quote)
        if found is not None and found[1]:
            return found[1]
    return quote


def clause_start(text: str) -> str:
    """The clause without a joining word it opens with ("and we retrain weekly" -> "we
    retrain weekly"); a verbatim slice of `text`."""
    body = text.strip(" ,;:")
    m = _CONNECTOR.match(body)
    return body[m.end() :] if m is not None and body[m.end() :].strip() else body


def clause_cut(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, cut where a clause ends (else at a word), never
    mid-clause when a clause ends in the first half; a verbatim slice of `text`."""
    if len(text) <= limit:
        return text
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, 0, limit) if m.start() > limit // 2]
    if breaks:
        return text[: breaks[-1]].rstrip()
    return text[:limit].rsplit(" ", 1)[0]


def as_sentence(clause: str) -> str:
    """A clause shown on its own as a sentence: no leading joining word, a capital first
    letter and a stop at the end."""
    body = clause_start(clause).rstrip(" ,;:-\u2013\u2014")
    if not body:
        return clause.strip()
    body = body[:1].upper() + body[1:]
    return body if body[-1] in ".!?" else body + "."


_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)[^\n]+?(?:\*\*|__)\s*:?\s*$")


@lru_cache(maxsize=64)
def heading_ranges(source: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every heading line in Markdown text: ATX, setext and bold-only lines.
    Remembered for the last sources: a recap asks once per evidence sentence."""
    out: list[tuple[int, int]] = []
    lines = source.splitlines(keepends=True)
    at = 0
    for i, line in enumerate(lines):
        body = line.rstrip("\r\n")
        following = lines[i + 1].rstrip("\r\n") if i + 1 < len(lines) else ""
        setext = bool(body.strip()) and bool(_SETEXT_UNDERLINE.match(following))
        if body.strip() and (_ATX.match(body) or setext or _BOLD_LINE.match(body)):
            out.append((at, at + len(body)))
        at += len(line)
    return tuple(out)
