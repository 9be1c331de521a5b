"""Candidate text as the grader sees it: verbatim sentences with what the models found in them.

Every quote a recap shows as evidence must be found, character for character, in what the
candidate wrote, so sentences are slices of their source (agent/understanding/sentences.py,
the splitter the reader uses too). Each sentence carries the understanding layer's findings,
the same ones the reader acted on during the interview.

Text a human reader would not see (HTML comments, fenced code markers) and sentences the
manipulation model flags (talking to the grader, asking for the rubric, fake system
messages) are set aside here, so they can never count as evidence for any dimension.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field

from agent.content.files import load_cached, load_model
from agent.grading.sentence_readings import read_spans as _read
from agent.grading.whole_sentences import heading_ranges
from agent.settings import get_settings
from agent.understanding import shared_understanding
from agent.understanding.findings import SentenceFindings
from agent.understanding.sentences import Span
from agent.understanding.sentences import split_sentences as split_spans
from agent.understanding.woven import in_long_term_list, without_woven_lists

_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_FENCE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")
_HAS_WORD = re.compile(r"[A-Za-z]")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+\S", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
MIN_HEADINGS = 2  # fewer headings than this: a written answer's parts are its paragraphs
# A whole written answer is read: the understanding layer reads at most MAX_SENTENCES per call
# (a turn's budget), so the grader reads in chunks, up to this many sentences per text.
MAX_GRADED_SENTENCES = 1024


@dataclass(frozen=True)
class Sentence:
    text: str  # a verbatim slice of the source
    turn: int  # index of the candidate turn (0 for a written answer)
    order: int  # position among all sentences of the input
    findings: SentenceFindings | None = field(default=None, compare=False, repr=False)
    # which part of the input it sits in: a headed section of a written answer (or a
    # paragraph, where there are no headings), or a turn of a transcript; -1 when unknown
    region: int = field(default=-1, compare=False)
    # the Markdown heading that opens that part, "" where the part has none
    heading: str = field(default="", compare=False)
    # the sentence is itself a heading line (a title names a topic; it claims nothing)
    titles: bool = field(default=False, compare=False)

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    @property
    def deep(self) -> bool:
        return bool(self.findings and self.findings.deep)


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """Blank out matches (same length, so offsets and slices stay valid)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _visible_spans(text: str) -> list[Span]:
    visible = _blank(_blank(text, _HTML_COMMENT), _FENCE)
    return [
        Span(s.start, s.end, text[s.start : s.end])
        for s in split_spans(visible)
        if _HAS_WORD.search(s.text)
    ]


def visible_sentences(text: str) -> list[Span]:
    """The sentences of one text the grader reads (the first MAX_GRADED_SENTENCES)."""
    return _visible_spans(text)[:MAX_GRADED_SENTENCES]


def candidate_sentences(sources: dict[int, str]) -> list[str]:
    """Every sentence the grader reads in the candidate's texts, in order."""
    return [s.text for text in sources.values() for s in visible_sentences(text)]


def region_starts(text: str) -> list[int]:
    """Where the parts of one text begin: its Markdown headings when it has at least
    MIN_HEADINGS of them, else its paragraphs (blank-line separated). Always starts with 0."""
    heads = [m.start() for m in _HEADING.finditer(text)]
    if len(heads) >= MIN_HEADINGS:
        return [0, *(h for h in heads if h > 0)]
    return [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text))]


def _heading_at(text: str, at: int) -> str:
    """The words of the Markdown heading starting at `at`, "" where none starts there."""
    line = text[at:].split("\n", 1)[0]
    m = _HEADING.match(line)
    return line.strip().lstrip("#").strip() if m else ""


def split_sentences(text: str, turn: int = 0, first_order: int = 0) -> list[Sentence]:
    """Cut text into visible sentences; each is a verbatim substring of `text`."""
    return [
        Sentence(text=s.text, turn=turn, order=first_order + i)
        for i, s in enumerate(_visible_spans(text))
    ]


def is_injection(sentence: str) -> bool:
    """True when the manipulation model flags the text (talks to the grader, not the design)."""
    found = shared_understanding().sentence_findings([Span(0, len(sentence), sentence)])
    return bool(found and found[0].manipulative)


def _as_mentions(f: SentenceFindings) -> SentenceFindings:
    """The same reading with its signals kept only as mentions: named, not decided."""
    return f.model_copy(
        update={
            "signals": {},
            "deep": False,
            "mentions": list(dict.fromkeys([*f.mentions, *f.signals])),
        }
    )


def _findings(spans: list[Span], source: str = "") -> list[SentenceFindings]:
    """Findings for every span, read in chunks the understanding layer accepts.

    A sentence with a list of bare terms woven in (agent/understanding/woven.py) is also
    read without it: a signal or depth it shows only through the woven names is not
    evidence (the names stay mentions, so a recap never lists them as unsaid). A piece of
    a line that is one long list of bare terms (woven.in_long_term_list, cut into pieces
    only because it is longer than a sentence) names its topics and decides none."""
    found = _read(spans)
    if source:
        found = [
            _as_mentions(f) if f.signals and in_long_term_list(source, s.start, s.end) else f
            for s, f in zip(spans, found, strict=True)
        ]
    cores = {i: without_woven_lists(s.text) for i, s in enumerate(spans) if found[i].signals}
    cores = {i: c for i, c in cores.items() if c != spans[i].text}
    if not cores:
        return found
    read = _read([Span(0, len(c), c) for c in cores.values()])
    for i, core in zip(cores, read, strict=True):
        f = found[i]
        found[i] = f.model_copy(
            update={
                "signals": {k: p for k, p in f.signals.items() if k in core.signals},
                "depth": min(f.depth, core.depth),
                "deep": f.deep and core.deep,
                "mentions": list(dict.fromkeys([*f.mentions, *f.signals])),
            }
        )
    return found


def evidence_sentences(texts: list[tuple[int, str]]) -> tuple[list[Sentence], int]:
    """Sentences of (turn index, text) pairs that may count as evidence, with findings.

    Returns the sentences (numbered in reading order) and how many manipulation sentences
    were set aside (a hidden HTML comment that addresses the grader is still reported).
    """
    u = shared_understanding()
    sentences: list[Sentence] = []
    injections = 0
    region = 0
    several = len(texts) > 1  # a transcript: each candidate turn is one part
    for turn, text in texts:
        for m in _HTML_COMMENT.finditer(text):
            inner = m.group(0)[4:].removesuffix("-->")
            injections += int(any(f.manipulative for f in u.sentences(inner)))
        spans = visible_sentences(text)
        heads = heading_ranges(text)
        starts = [0] if several else region_starts(text)
        titles = [_heading_at(text, at) for at in starts]
        instruction_line = -1  # where the line of the last manipulative sentence ends
        for span, found in zip(spans, _findings(spans, text), strict=True):
            if found.manipulative:
                injections += 1
                if is_injection(_line_at(text, span)):
                    instruction_line = _line_end(text, span.end)
                continue
            if span.start < instruction_line:
                # the rest of a line that, read whole, addresses the grader is part of that
                # instruction ("... score 4. The design includes X, Y and Z."), not design text
                continue
            index = bisect.bisect_right(starts, span.start) - 1
            sentences.append(
                Sentence(
                    text=span.text,
                    turn=turn,
                    order=len(sentences),
                    findings=found,
                    region=region + index,
                    heading=titles[index],
                    titles=any(lo <= span.start < hi for lo, hi in heads),
                )
            )
        region += len(starts)
    return sentences, injections


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _line_at(text: str, span: Span) -> str:
    return text[text.rfind("\n", 0, span.start) + 1 : _line_end(text, span.end)]


def is_verbatim(quote: str, sources: str | list[str]) -> bool:
    """True when the quote appears character for character in one of the sources."""
    if not quote:
        return False
    if isinstance(sources, str):
        sources = [sources]
    return any(quote in s for s in sources)


class EvidenceRules(BaseModel):
    """knowledge/grading/evidence_rules.yaml: where findings count as evidence."""

    version: str
    end_signals: list[str] = Field(default_factory=list)
    end_fraction: float = Field(default=0.25, gt=0, le=1)
    implies: dict[str, list[str]] = Field(default_factory=dict)
    # per wrong claim, the level of its dimension the claim itself shows (absent: 1)
    claim_levels: dict[str, int] = Field(default_factory=dict)

    def with_implied(self, signals: set[str]) -> set[str]:
        """The signals, and those they imply (never listed as missed)."""
        return signals | {i for s in signals for i in self.implies.get(s, [])}

    def near_end(self, sentence: Sentence, sentences: list[Sentence]) -> bool:
        """In the last end_fraction of the sentences, or in the last of several turns."""
        if not sentences:
            return False
        cutoff = len(sentences) * (1 - self.end_fraction)
        several_turns = sentences[0].turn != sentences[-1].turn
        return sentence.order >= cutoff or (several_turns and sentence.turn == sentences[-1].turn)


def _rules(path: Path) -> EvidenceRules:
    return load_model(path, EvidenceRules)


def evidence_rules() -> EvidenceRules:
    return load_cached(_rules, get_settings().knowledge_dir / "grading" / "evidence_rules.yaml")


def _named_by(s: Sentence) -> set[str]:
    """The signals a statement talks about, at the signal head's recall-oriented mention
    threshold (none for a question or a manipulation sentence)."""
    found = s.findings
    if found is None or found.question or found.manipulative:
        return set()
    return set(found.mentions)


def mentioned_in(sentences: list[Sentence], quoted: list[str]) -> set[str]:
    """Signals the statements among `sentences` that the recap quotes (`quoted`: quotes and
    summary lines, whole or in part) talk about, at the signal head's recall-oriented
    mention threshold. Never evidence: only what a recap must not list as missing beside
    the quote that names it."""
    out: set[str] = set()
    for s in sentences:
        text = " ".join(s.text.split())
        if any(text in q or q in text for q in (" ".join(q.split()) for q in quoted) if q):
            out |= _named_by(s)
    return out


def named_anywhere(sentences: list[Sentence]) -> set[str]:
    """Signals any of the candidate's statements talks about ("Time split.", "labels from
    customer complaints"), shown or not. Never evidence and never a score: only the order
    in which the recap names what is missing, points never talked about first, so a recap
    does not open its list of what was missed with a point the candidate named."""
    out: set[str] = set()
    for s in sentences:
        out |= _named_by(s)
    return out
