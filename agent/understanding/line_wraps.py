"""Where a line break only wraps prose: hard-wrapped Markdown paragraphs read as sentences.

A candidate who pastes prose from an editor that wraps at ~80 columns sends sentences broken
mid-clause ("We retrain the ranker every night on the last\n28 days of clicks."). Read line by
line, each half is a fragment: the grader would credit neither, a quote would stop mid-thought.
A break is a soft wrap when it sits inside a wrapped paragraph, after a line that was full and
did not end a sentence, before a line that does not start a block of its own. Everything else
stays apart, as before: headings, list items (a wrapped item's continuation joins its item),
table rows, labels, and a column of short notes, one per line.

A paragraph (lines between blank lines) counts as wrapped when it is wide (its longest line
at least MIN_WIDTH characters) and at least one of its breaks is plainly mid-sentence: the
next line opens with a lower-case word or is indented under its list item. A column of notes
that each open with a capital ("Two-tower retrieval\nGBDT ranker") is then never joined,
however long its lines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

MIN_WIDTH = 50  # a paragraph narrower than this is a column of notes, not wrapped prose
# a line full enough to have been wrapped: it plus the next line's first word passes the
# paragraph's width, with this much slack for editors that wrap a little early
SLACK = 4

# the first line of a block: a list item, a quote, a heading, a table row, a fence, a rule,
# or a short label with a colon ("Ranking: GBDT ...")
_BLOCK_START = re.compile(
    r"\s*(?:[-*+•>]\s|\d{1,2}[.)]\s|#|\||```|~~~|(?:[-*_]\s*){3,}$|[^\W\d_][\w /&-]{0,24}:\s)"
)
_LIST_ITEM = re.compile(r"\s*(?:[-*+•]\s|\d{1,2}[.)]\s)")
# a line that ends a thought: terminal punctuation (before closing quotes or brackets), a
# colon before what it introduces, a semicolon
_LINE_ENDS = re.compile(r"[.!?:;][\"')\]*_]*\s*$")
# a line that is a block on its own whatever follows: a heading, a bold-only label, a table
# row, a fence
_WHOLE_LINE = re.compile(r"\s*(?:#|\||```|~~~|(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*$)")
# a break plainly inside a sentence: the next line opens with a lower-case word, or is indented
# under the line before (a list item's continuation)
_PLAINLY_WITHIN = re.compile(r"\s*[a-z(]|\s+\S")
_PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")


@lru_cache(maxsize=256)
def soft_wraps(text: str) -> frozenset[int]:
    """Offsets of the line breaks in `text` that only wrap a sentence onto the next line."""
    out: set[int] = set()
    for para in _PARAGRAPH.finditer(text):
        out |= _paragraph_wraps(text, para.start(), para.end())
    return frozenset(out)


def _paragraph_wraps(text: str, start: int, end: int) -> set[int]:
    block = text[start:end].rstrip("\n")
    lines = block.split("\n")
    if len(lines) < 2:
        return set()
    width = max(len(line.rstrip()) for line in lines)
    if width < MIN_WIDTH:
        return set()
    candidates: list[tuple[int, bool]] = []  # (offset of the break, next line opens lower-case)
    at = start
    for line, nxt in pairwise(lines):
        at += len(line)
        if _joins(line, nxt, width):
            candidates.append((at, bool(_PLAINLY_WITHIN.match(nxt))))
        at += 1
    if not any(lower for _, lower in candidates):
        return set()
    return {offset for offset, _ in candidates}


def _joins(line: str, nxt: str, width: int) -> bool:
    body = line.rstrip()
    if not body or not nxt.strip() or _LINE_ENDS.search(body) or _WHOLE_LINE.match(line):
        return False
    if _BLOCK_START.match(nxt):
        return False
    if (_LIST_ITEM.match(line) or line[:1].isspace()) and not nxt[:1].isspace():
        return False  # a list item goes on only on a line indented under it
    first_word = nxt.split()[0]
    return len(body) + 1 + len(first_word) > width - SLACK


def is_soft_wrap(text: str, at: int) -> bool:
    """The character at `at` is a line break that only wraps a sentence."""
    return at in soft_wraps(text)
