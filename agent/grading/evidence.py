"""Candidate text cut into sentences that stay verbatim substrings of the input.

Every quote a recap shows as evidence must be found, character for character, in what the
candidate wrote. The splitter therefore never rewrites text: a sentence is a slice of its
source with surrounding whitespace and list/heading markers trimmed off.

Text a human reader would not see (HTML comments) and text that addresses the grader
instead of the interviewer (prompt injection) is set aside here, so it can never count as
evidence for any dimension.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from agent.content import load_model
from agent.settings import get_settings

# A sentence ends at . ! ? (followed by space/end) or at a line break that starts a new
# block (blank line, bullet, heading, table row). Decimal points ("0.1%") do not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9*#>`-])")
_LINE_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+>|#]|\d+[.)]\s|```))")
_MARKER = re.compile(r"^(?:\s*(?:[-*+>]|#{1,6}|\d+[.)]|\|)\s*)+")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_FENCE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")


@dataclass(frozen=True)
class Sentence:
    text: str  # a verbatim slice of the source
    turn: int  # index of the candidate turn (0 for a written answer)
    order: int  # position among all sentences of the input

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


class InjectionLexicon(BaseModel):
    """Phrases that address the grader/model rather than the interviewer (data file)."""

    version: str
    patterns: list[str] = Field(min_length=1)  # regular expressions, matched case-insensitively


@lru_cache(maxsize=4)
def _lexicon(path: Path) -> tuple[re.Pattern[str], ...]:
    lex = load_model(path, InjectionLexicon)
    return tuple(re.compile(p, re.IGNORECASE) for p in lex.patterns)


def injection_patterns() -> tuple[re.Pattern[str], ...]:
    return _lexicon(get_settings().knowledge_dir / "grading" / "injection.yaml")


def is_injection(sentence: str) -> bool:
    """True when a sentence talks to the grader (scores, rubric, system prompt) not the design."""
    return any(p.search(sentence) for p in injection_patterns())


def _mask_comments(text: str) -> str:
    """Blank out HTML comments (same length, so offsets and slices stay valid)."""
    return _HTML_COMMENT.sub(lambda m: " " * len(m.group(0)), text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    m = _MARKER.match(text[start:end])
    if m and m.end() > 0:
        start += m.end()
    return start, end


def split_sentences(text: str, turn: int = 0, first_order: int = 0) -> list[Sentence]:
    """Cut text into sentences; each is a verbatim substring of `text`."""
    visible = _mask_comments(text)
    cuts = {0, len(text)}
    for m in _HTML_COMMENT.finditer(text):
        cuts.update((m.start(), m.end()))
    for m in _FENCE.finditer(visible):
        cuts.update((m.start(), m.end()))
        visible = visible[: m.start()] + " " * (m.end() - m.start()) + visible[m.end() :]
    for m in _LINE_BREAK.finditer(visible):
        cuts.update((m.start(), m.end()))
    for m in _SENTENCE_END.finditer(visible):
        cuts.update((m.start(), m.end()))
    bounds = sorted(cuts)
    out: list[Sentence] = []
    for a, b in itertools.pairwise(bounds):
        if not visible[a:b].strip():
            continue
        s, e = _trim(visible, a, b)
        piece = visible[s:e]
        if not _WORD.search(piece):
            continue
        out.append(Sentence(text=piece, turn=turn, order=first_order + len(out)))
    return out


def evidence_sentences(texts: list[tuple[int, str]]) -> tuple[list[Sentence], int]:
    """Sentences of (turn index, text) pairs that may count as evidence.

    Returns the sentences (numbered in reading order) and how many injection sentences
    were set aside.
    """
    sentences: list[Sentence] = []
    injections = 0
    for turn, text in texts:
        # hidden comments are never evidence; one that addresses the grader is still reported
        injections += sum(1 for m in _HTML_COMMENT.finditer(text) if is_injection(m.group(0)))
        for s in split_sentences(text, turn=turn):
            if is_injection(s.text):
                injections += 1
                continue
            sentences.append(Sentence(text=s.text, turn=s.turn, order=len(sentences)))
    return sentences, injections


def is_verbatim(quote: str, sources: str | list[str]) -> bool:
    """True when the quote appears character for character in one of the sources."""
    if not quote:
        return False
    if isinstance(sources, str):
        sources = [sources]
    return any(quote in s for s in sources)


class EvidenceRules(BaseModel):
    """knowledge/grading/evidence_rules.yaml: which hits count as evidence where."""

    version: str
    question_signals: list[str] = Field(default_factory=list)
    question_markers: list[str] = Field(default_factory=list)
    question_dimensions: list[str] = Field(default_factory=list)
    end_signals: list[str] = Field(default_factory=list)
    end_fraction: float = Field(default=0.25, gt=0, le=1)

    def near_end(self, sentence: Sentence, sentences: list[Sentence]) -> bool:
        """In the last end_fraction of the sentences, or in the last of several turns."""
        if not sentences:
            return False
        cutoff = len(sentences) * (1 - self.end_fraction)
        several_turns = sentences[0].turn != sentences[-1].turn
        return sentence.order >= cutoff or (several_turns and sentence.turn == sentences[-1].turn)

    def is_question(self, sentence: str) -> bool:
        low = sentence.lower()
        return any(m in low for m in self.question_markers)

    def is_request(self, sentence: str) -> bool:
        """Asks for information in so many words ("can you confirm..."), not just a "?"."""
        low = sentence.lower()
        return any(m in low for m in self.question_markers if m != "?")


@lru_cache(maxsize=4)
def _rules(path: Path) -> EvidenceRules:
    return load_model(path, EvidenceRules)


def evidence_rules() -> EvidenceRules:
    return _rules(get_settings().knowledge_dir / "grading" / "evidence_rules.yaml")
