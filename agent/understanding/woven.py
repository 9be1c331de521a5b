"""Lists of bare terms woven into a sentence that decides nothing about them.

Keyword stuffing is not only a paragraph of buzzwords appended to an answer: terms get
woven into the weak answer's own sentences ("we blur every box above 0.5, after calibration
and non-maximum suppression"; "we embed the images, with low latency, scalability and a
great user experience"; "bias, fairness and class imbalance will also be considered"). A
careful reader sees the sentence's own decision and a list of names beside it: the names
are mentioned, not used (no reason, number, choice or trade-off is about them).

`without_woven_lists` reads the structure only: a run of two or more bare terms (short,
no verb or subject word of their own, no figure) that a linking word leads into the
sentence ("with", "such as", "including", "along with", "plus", "like", "using", "via"),
or a run of three or more that opens the sentence. The terms are taken out and the rest is
the sentence's core; whether the core still shows a signal is for the learned heads to say
(agent/grading/offline.py reads the core with the same understanding layer). A terse note
(no clause at all) is never cut: there a list is the note.

The narrower `sentences.without_term_lists` (a closing led list, a bracket) is what the
reader already discounts; this one also finds lists in the middle of a sentence and lists
of two led terms, which only the grader discounts: a turn's follow-up may still ask about
a term the candidate named.
"""

from __future__ import annotations

import re

from agent.understanding.sentences import (
    _VERBISH,
    LONG_SENTENCE,
    MAX_TERM_WORDS,
    is_phrase,
    is_term_list,
)

# words that lead a list of names into a sentence: "such as X, Y and Z", "with X and Y"
_LEAD = re.compile(
    r"(?:,\s*|\s+)(?:along\s+with|such\s+as|including|plus|with|like|using|via|e\.g\.,?)\s+",
    re.IGNORECASE,
)
# between two items: a comma, "and" or "or" (", and" too)
_SEP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", re.IGNORECASE)
_STOP = re.compile(r"[.;:!?)]|$")
_LEADER = re.compile(r"^(?:[-*\u2022>]+|\d{1,2}[.)])\s+")
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
MIN_LED = 3  # terms a linking word leads in (two: "trained with Huber loss and early stopping")
MIN_OPENING = 3  # terms a sentence opens with
MIN_RUN = 3  # terms after a comma or "and", whatever led them in


def _bare(item: str) -> bool:
    words = _ARTICLE.sub("", item.strip()).split()
    return (
        0 < len(words) <= MAX_TERM_WORDS
        and is_phrase(item)
        and not any(ch.isdigit() or ch == "%" for ch in item)
    )


def _subject(item: str) -> str:
    """The bare term an item opens with before its clause ("inter-annotator agreement" of
    "inter-annotator agreement will be considered"), "" when it opens with none."""
    m = _VERBISH.search(item)
    head = item[: m.start()].strip() if m is not None else ""
    return head if head and _bare(head) else ""


def _run(text: str, at: int, opening: bool = False) -> tuple[int, int]:
    """(end, items) of the longest run of bare terms starting at `at`: the run ends at a
    stop, a bracket, or the first item that is not a bare term (a list that opens a
    sentence takes in the subject of the clause that follows it)."""
    limit = _STOP.search(text, at)
    end_of_clause = limit.start() if limit is not None else len(text)
    pos, items, end = at, 0, at
    while pos < end_of_clause:
        sep = _SEP.search(text, pos, end_of_clause)
        stop = sep.start() if sep is not None else end_of_clause
        if not _bare(text[pos:stop]):
            head = _subject(text[pos:stop]) if opening and items else ""
            if head:
                items, end = items + 1, pos + len(head)
            break
        items, end = items + 1, stop
        if sep is None:
            break
        pos = sep.end()
    return end, items


def woven_lists(text: str) -> list[tuple[int, int]]:
    """(start, end) of each list of bare terms woven into a sentence with a clause; [] for a
    terse note, which has no clause to weave into."""
    if is_phrase(text):
        return []
    out: list[tuple[int, int]] = []
    end, items = _run(text, 0, opening=True)
    if items >= MIN_OPENING:
        out.append((0, end))
    for m in _LEAD.finditer(text):
        if out and m.start() < out[-1][1]:
            continue
        end, items = _run(text, m.end())
        if items >= MIN_LED:
            out.append((m.start(), end))
    # whatever word leads it in ("keeping in mind", "alongside", "or", "after"), a run of
    # MIN_RUN bare terms after the clause's own words is a list woven into the clause
    for m in _SEP.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in out):
            continue
        end, items = _run(text, m.end())
        if items >= MIN_RUN:
            out.append((m.start(), end))
    return sorted(out)


def without_woven_lists(text: str) -> str:
    """The sentence with its woven lists of bare terms taken out (itself when it has none,
    or when nothing with a clause would be left)."""
    spans = woven_lists(text)
    if not spans:
        return text
    pieces, pos = [], 0
    for start, end in spans:
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    core = " ".join("".join(pieces).split()).strip(" ,")
    return core if core and not is_phrase(core) else text


def in_long_term_list(source: str, start: int, end: int) -> bool:
    """The span source[start:end] is a piece of a line that is one long list of bare terms:
    longer than a sentence may be (LONG_SENTENCE, so the splitter cut it into pieces at its
    commas), with no clause anywhere in it ("Hungarian algorithm, bipartite matching, ...,
    rollback, SHAP, fairness"). Each piece then reads like a terse note, but the line as
    written names dozens of topics and decides nothing about any of them. A terse answer's
    note is a short line, or has a clause, a figure or a label with a subject of its own."""
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    line = source[line_start : len(source) if line_end < 0 else line_end].strip()
    line = _LEADER.sub("", line, count=1)
    return (end - start) < len(line) and len(line) > LONG_SENTENCE and is_term_list(line)
