"""Cutting candidate text into sentences and matching cue phrases, keeping exact offsets.

Everything here returns spans of the ORIGINAL text, so a quote is always a verbatim
substring of what the candidate wrote. Matching runs on a same-length copy where curly
apostrophes are straightened, so offsets never shift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from agent.understanding.line_wraps import is_soft_wrap

_BOUNDARY = re.compile(r"(?<=[.!?])([\"')\]]*)\s+|\s*\n\s*|(?<=;)\s+")
# "ms." is not among them: in design talk it is milliseconds and ends sentences ("under
# 100 ms."); "no." only abbreviates before a number ("no. 3"), else it is the answer "No."
_ABBREVIATIONS = frozenset({"e.g.", "i.e.", "etc.", "vs.", "approx.", "cf.", "dr.", "mr."})
_NUMBER_SIGN = re.compile(r"\s*\d")
_SOFT_BOUNDARY = re.compile(r",\s+|\s+-\s+|:\s+|\s+(?=(?:and|but|so|then)\s)")
_LEADER = re.compile(r"(?:[-*•>#|]+|\d{1,2}[.)])\s+")
_HAS_WORD = re.compile(r"[^\W_]", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})

LONG_SENTENCE = 300  # characters; longer sentences are cut at commas and conjunctions


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str  # == source[start:end]


def normalise(text: str) -> str:
    """Same-length lower-case copy used for matching (straight apostrophes and hyphens).

    Characters whose lower case is longer (e.g. "İ") are kept as they are, so every offset in
    the copy is an offset in the original.
    """
    straight = text.translate(_STRAIGHTEN)
    lowered = straight.lower()
    if len(lowered) == len(straight):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in straight)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _trimmed(source: str, start: int, end: int) -> Span | None:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    lead = _LEADER.match(source, start, end)
    if lead:
        start = lead.end()
    if start >= end or not _HAS_WORD.search(source, start, end):
        return None
    return Span(start, end, source[start:end])


def _cut_long(source: str, span: Span) -> list[Span]:
    if span.end - span.start <= LONG_SENTENCE:
        return [span]
    out: list[Span] = []
    pos = span.start
    for m in _SOFT_BOUNDARY.finditer(source, span.start, span.end):
        if m.start() - pos >= 40:
            piece = _trimmed(source, pos, m.start())
            if piece:
                out.append(piece)
            pos = m.end()
    rest = _trimmed(source, pos, span.end)
    if rest:
        out.append(rest)
    # A clause that is still too long is cut at word boundaries.
    final: list[Span] = []
    for piece in out:
        while piece.end - piece.start > LONG_SENTENCE:
            cut = source.rfind(" ", piece.start, piece.start + LONG_SENTENCE)
            if cut <= piece.start:
                cut = piece.start + LONG_SENTENCE
            head = _trimmed(source, piece.start, cut)
            if head:
                final.append(head)
            nxt = _trimmed(source, cut, piece.end)
            if nxt is None:
                break
            piece = nxt
        else:
            final.append(piece)
    return final


def _is_boundary(text: str, m: re.Match[str], sentence_start: int) -> bool:
    if m.lastindex is None:  # newline or semicolon
        # a line break ends a sentence unless it only wraps prose (understanding/line_wraps.py)
        newline = m.group(0).find("\n")
        return newline < 0 or not is_soft_wrap(text, m.start() + newline)
    if "\n" in m.group(0):
        return True  # a line break after a full stop ends a sentence whatever the word before it
    end = m.start()
    word_start = text.rfind(" ", sentence_start, end) + 1
    word = text[max(word_start, sentence_start) : end].lower().lstrip("(")
    if word in _ABBREVIATIONS:
        return False
    if word == "no." and _NUMBER_SIGN.match(text, m.end() - 1):
        return False
    # "!" or "?" inside a parenthesis that stays open does not end the sentence
    before = text[sentence_start:end]
    return before.count("(") - before.count(")") - m.group(1).count(")") <= 0


def split_sentences(text: str) -> list[Span]:
    """Sentences (or clauses of very long sentences) as verbatim spans of `text`."""
    spans: list[Span] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        if not _is_boundary(text, m, pos):
            continue
        cut = m.start() + len(m.group(1) or "") if m.lastindex else m.start()
        s = _trimmed(text, pos, cut)
        if s:
            spans.extend(_cut_long(text, s))
        pos = m.end()
    s = _trimmed(text, pos, len(text))
    if s:
        spans.extend(_cut_long(text, s))
    return spans


def _token_pattern(token: str) -> str:
    parts = [re.escape(p) for p in token.split("-") if p]
    return r"[\s\-]?".join(parts)


_BEFORE = r"(?<![\w@/])"
_AFTER = r"(?![\w@/])"


def _cue_body(cue: str) -> str:
    tokens = normalise(cue.strip()).split()
    body = r"[\s\-]+".join(_token_pattern(t) for t in tokens)
    if tokens and tokens[-1][-1:].isalpha():
        body += r"(?:s|es|'s)?"
    return body


@lru_cache(maxsize=1024)
def compile_cues(cues: tuple[str, ...], ignore_case: bool = True) -> re.Pattern[str]:
    """One alternation for a group of cues, longest first so the fullest phrase wins.

    With ignore_case=False the pattern expects text from `normalise` (lower case), which
    is several times faster on long messages.
    """
    ordered = sorted({c.strip().lower() for c in cues if c.strip()}, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    alternation = "|".join(_cue_body(c) for c in ordered)
    return re.compile(f"{_BEFORE}(?:{alternation}){_AFTER}", re.IGNORECASE if ignore_case else 0)


# A list of bare terms: two or more short items (at most MAX_TERM_WORDS words each, no verb
# of their own), in parentheses or led by "with", "including", "such as", ... at the end of a
# clause. "We rank by click probability (multi-task learning, MMoE, DCN)": the terms are
# named, nothing is decided about them.
MAX_TERM_WORDS = 4
_PARENTHESIS = re.compile(r"\s*\(([^()]{2,200})\)")
_LEAD = re.compile(
    r",?\s+(?:with|including|plus|using|such as|like|via|e\.g\.,?)\s+", re.IGNORECASE
)
_CLAUSE_END = re.compile(r"\s*(?:[.;:!?]\s*$|$)")
_ITEM_SPLIT = re.compile(r"\s*(?:,|/|\band\b|\bor\b|&)\s*", re.IGNORECASE)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|can|could|will|would|should|must|"
    r"may|might|because|since|so|if|when|which|that|we|i|it|they)\b",
    re.IGNORECASE,
)


def is_phrase(text: str) -> bool:
    """True for a phrase with no clause of its own (no verb or subject word): "Canary
    deployment and rollback", "NDCG@10, MRR, recall@1000". It names; whether it decides
    anything is for the depth reading to say."""
    return not _VERBISH.search(text)


def _term_list(inner: str, min_items: int) -> bool:
    if _VERBISH.search(inner):
        return False  # a clause, not a list of terms
    items = [i for i in _ITEM_SPLIT.split(inner.strip()) if i]
    return (
        len(items) >= min_items
        and all(len(i.split()) <= MAX_TERM_WORDS for i in items)
        and not any(i[0].isdigit() or "%" in i for i in items)  # figures are not terms
    )


def is_term_list(text: str, min_items: int = 3) -> bool:
    """A whole sentence that is only a list of at least `min_items` bare terms, after an
    optional label ("Camera pose, panoramas, multi-view." or "Risks: drift, bias, latency."):
    it names concepts and says nothing about them."""
    body = text.strip().rstrip(".!;")
    label, colon, rest = body.partition(":")
    if colon and len(label.split()) <= 3:
        body = rest
    return _term_list(body, min_items)


def _without_led_list(text: str) -> str:
    """The text without a closing list of three or more terms led by "with", "such as", ..."""
    for m in _LEAD.finditer(text):
        tail = _CLAUSE_END.search(text, m.end())
        if tail is not None and _term_list(text[m.end() : tail.start()], 3):
            return text[: m.start()] + text[tail.start() :]
    return text


def without_term_lists(text: str) -> str:
    """A prose sentence with its lists of bare terms taken out (the sentence itself when it
    has none, or when it is a terse note without a verb). Parenthesised lists need two terms,
    lists led by "with", "including", ... three, so "trained with Huber loss and early
    stopping" stays."""
    out = _PARENTHESIS.sub(lambda m: "" if _term_list(m.group(1), 2) else m.group(0), text)
    out = _without_led_list(out)
    if out == text or not _VERBISH.search(out):
        # nothing listed, or a terse note ("GBDT on residual (cheap, tabular, debuggable)"),
        # where the bracket is the note's reason, not a sprinkle of terms over prose
        return text
    return out.strip()


# Where one sentence joins two decisions: "start with a baseline, then move to GBDT because
# ...", "we cache the top items, but score the long tail online". Each side is read on its
# own too, so the second decision is not lost behind the first (a sentence's labels past its
# most likely one need a much stricter threshold).
_CLAUSE_JOIN = re.compile(
    r",?\s+(?:and\s+)?then\s+|,\s+(?:but|whereas|while|before|after that)\s+", re.IGNORECASE
)
MIN_CLAUSE_WORDS = 3


def decision_clauses(text: str) -> list[str]:
    """The clauses of a sentence that joins decisions (each at least MIN_CLAUSE_WORDS
    words), or [] when it has fewer than two such clauses."""
    parts = [p.strip(" ,;") for p in _CLAUSE_JOIN.split(text)]
    parts = [p for p in parts if len(words(p)) >= MIN_CLAUSE_WORDS]
    return parts if len(parts) >= 2 else []


# Where a sentence or a terse note says one more thing: a semicolon, a label's colon, a comma
# or "and" between statements, a "because", "so" or "then", and before what it rules out
# ("rather than ...", "instead of ..."). Each side is read on its own when
# a note or a recap compares what was said piece by piece (agent/grading/note_cover.py).
_CLAUSE_CUT = re.compile(
    r"\s*;\s*|:\s+|,\s+(?:and|but|so|then|while|plus)\s+"
    r"|\s+(?:and then|then|but|so that|so|because|plus|\+)\s+|,\s+|\s+and\s+"
    r"|\s+(?=(?:rather than|instead of)\s)",
    re.IGNORECASE,
)


def clauses(text: str, min_words: int = MIN_CLAUSE_WORDS) -> list[str]:
    """The clauses of a sentence, in order: cut at every joint above, a piece of fewer than
    `min_words` words kept with the one before it (a list item stays with its head: "ratings,
    review count" is one piece); [text] when nothing is cut."""
    parts = [p.strip(" ,;.()") for p in _CLAUSE_CUT.split(text.strip().rstrip("."))]
    out: list[str] = []
    for p in parts:
        if not words(p):
            continue
        if out and len(words(p)) < min_words:
            out[-1] = f"{out[-1]}, {p}"
        else:
            out.append(p)
    if len(out) > 1 and len(words(out[0])) < min_words:
        out[:2] = [f"{out[0]} {out[1]}"]
    return out or [text]
