"""Wrong claims the interviewer challenges, and a small data-driven matcher for them.

The claims live in knowledge/misconceptions.yaml; see the comment at its top for the
matching rules. Matching is per sentence and negation-aware, so "I would NOT use accuracy"
or "accuracy is misleading here" does not flag the accuracy misconception.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field, field_validator, model_validator

from agent.content import ContentError, content_hash, load_model
from agent.phases import Phase
from agent.problems import ProblemCard
from agent.readers.spans import (
    SentenceLocator,
    Span,
    compile_cues,
    normalise,
    preceding_words,
    split_sentences,
)
from agent.rubric import DIMENSION_IDS

# A negator among the few words before a cue (same clause) cancels it ...
_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "dont",
        "don't",
        "won't",
        "wouldn't",
        "shouldn't",
        "can't",
        "cannot",
        "isn't",
        "aren't",
        "nor",
        "neither",
        "avoid",
        "avoiding",
        "if",
        "whether",
        "instead",
        "rather",
        "without",
        "against",
    ]
)
# ... and so does a verdict right after it ("accuracy is misleading", "isn't useful").
_NEGATED_AFTER = re.compile(
    r"[^,;.!?]{0,25}?\b(?:misleading|useless|meaningless|pointless|trivial|wrong|a trap|"
    r"a mistake|a bad (?:idea|choice|metric)|a poor (?:choice|metric)|fool(?:s|ed)? us|"
    r"(?:is|are|would be|will be|was)\s+(?:not|n't)|isn't|aren't|wouldn't|won't|doesn't)\b",
    re.IGNORECASE,
)
_NEGATION_WINDOW = 4  # words


class Pattern(BaseModel):
    all_of: list[list[str]] = Field(min_length=1)  # every group needs one cue in the sentence
    none_of: list[str] = Field(default_factory=list)  # any of these in the sentence: no match

    @field_validator("all_of")
    @classmethod
    def _groups_not_empty(cls, v: list[list[str]]) -> list[list[str]]:
        if any(not group for group in v):
            raise ValueError("every all_of group needs at least one cue")
        return v


class Conditions(BaseModel):
    context_any: list[str] = Field(default_factory=list)
    card_tags_any: list[str] = Field(default_factory=list)
    ml_tasks: list[str] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.context_any or self.card_tags_any or self.ml_tasks)


class Detection(BaseModel):
    patterns: list[Pattern] = Field(min_length=1)
    negation: bool = True  # False when the cues themselves carry the negation
    when: Conditions = Field(default_factory=Conditions)


class Misconception(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    phase: Phase
    dimension: str
    description: str
    detection: Detection
    challenge: str
    correction: str

    @field_validator("dimension")
    @classmethod
    def _known_dimension(cls, v: str) -> str:
        if v not in DIMENSION_IDS:
            raise ValueError(f"unknown rubric dimension {v!r}")
        return v


class MisconceptionCatalog(BaseModel):
    version: str
    misconceptions: list[Misconception] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> MisconceptionCatalog:
        ids = [m.id for m in self.misconceptions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate misconception ids: {dupes}")
        return self

    @property
    def hash(self) -> str:
        return content_hash(self.model_dump(mode="json"))

    def get(self, misconception_id: str) -> Misconception:
        for m in self.misconceptions:
            if m.id == misconception_id:
                return m
        raise KeyError(misconception_id)


def load_misconceptions(path: Path) -> MisconceptionCatalog:
    if not path.exists():
        raise ContentError(f"{path}: misconceptions file not found")
    return load_model(path, MisconceptionCatalog)


def default_misconceptions() -> MisconceptionCatalog:
    from agent.settings import get_settings

    return _cached(get_settings().knowledge_dir / "misconceptions.yaml")


@lru_cache(maxsize=4)
def _cached(path: Path) -> MisconceptionCatalog:
    return load_misconceptions(path)


def card_context(card: ProblemCard | None) -> str:
    """The card text a `context_any` condition may look at."""
    if card is None:
        return ""
    parts = [card.title, card.opening, " ".join(card.tags), *card.pitfalls]
    parts += [f.answer for f in card.facts]
    parts += [note for notes in card.strong_answer.values() for note in notes]
    return "\n".join(parts)


class MisconceptionDetector:
    """Flags misconceptions in one message, given what else the reader knows."""

    def __init__(self, catalog: MisconceptionCatalog) -> None:
        self.catalog = catalog

    def detect(
        self,
        text: str,
        *,
        card: ProblemCard | None = None,
        context: str = "",
        sentences: list[Span] | None = None,
    ) -> list[str]:
        norm = normalise(text)
        spans = sentences if sentences is not None else split_sentences(text)
        if not spans:
            return []
        where = SentenceLocator(spans)
        found: list[str] = []
        background: str | None = None
        for m in self.catalog.misconceptions:
            if not any(
                self._fires_in(norm, where, p, m.detection.negation) for p in m.detection.patterns
            ):
                continue
            if not m.detection.when.empty:
                if background is None:
                    background = normalise("\n".join([text, context, card_context(card)]))
                if not _conditions_hold(m.detection.when, background, card):
                    continue
            found.append(m.id)
        return found

    def sentence_for(self, misconception_id: str, text: str, sentences: list[Span]) -> Span | None:
        """The first sentence whose wording states the misconception (conditions aside)."""
        m = self.catalog.get(misconception_id)
        norm = normalise(text)
        where = SentenceLocator(sentences)
        hits: set[int] = set()
        for p in m.detection.patterns:
            hits |= self._sentences_matching(norm, where, p, m.detection.negation)
        return sentences[min(hits)] if hits else None

    @classmethod
    def _fires_in(cls, norm: str, where: SentenceLocator, pattern: Pattern, negation: bool) -> bool:
        return bool(cls._sentences_matching(norm, where, pattern, negation))

    @staticmethod
    def _sentences_matching(
        norm: str, where: SentenceLocator, pattern: Pattern, negation: bool
    ) -> set[int]:
        """Indexes of sentences where every group has a live cue and no none_of phrase."""
        lo, hi = where.bounds
        live: set[int] | None = None
        for group in pattern.all_of:
            hits: set[int] = set()
            for m in compile_cues(tuple(group), ignore_case=False).finditer(norm, lo, hi):
                i = where.locate(m.start())
                if i is None or i in hits or (live is not None and i not in live):
                    continue
                if not (negation and _negated(norm, where.sentences[i], m)):
                    hits.add(i)
            live = hits if live is None else live & hits
            if not live:
                return set()
        if live and pattern.none_of:
            for m in compile_cues(tuple(pattern.none_of), ignore_case=False).finditer(norm, lo, hi):
                i = where.locate(m.start())
                live.discard(i)  # type: ignore[arg-type]
        return live or set()


def _negated(norm: str, sentence: Span, hit: re.Match[str]) -> bool:
    before = preceding_words(norm, hit.start(), _NEGATION_WINDOW, floor=sentence.start)
    if any(w in _NEGATORS or w.endswith("n't") for w in before):
        return True
    return bool(_NEGATED_AFTER.match(norm, hit.end(), sentence.end))


def _conditions_hold(when: Conditions, background: str, card: ProblemCard | None) -> bool:
    if card is not None:
        tags = {t.lower() for t in card.tags}
        if any(t.lower() in tags for t in when.card_tags_any):
            return True
        if card.ml_task.lower() in {t.lower() for t in when.ml_tasks}:
            return True
    return bool(when.context_any) and bool(
        compile_cues(tuple(when.context_any), ignore_case=False).search(background)
    )
