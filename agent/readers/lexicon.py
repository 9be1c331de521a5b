"""The offline reader's lexicon (prompts/reader_lexicon.yaml) as a validated model.

Regular expressions are compiled once at load time, so a bad pattern is a ContentError that
names the file and the entry, never a crash in the middle of an interview.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from agent.content import ContentError, load_model
from agent.phases import Phase
from agent.readers.spans import compile_cues
from agent.reading import MetaTopic

_FLAGS = re.IGNORECASE | re.MULTILINE


def _check_regexes(v: list[str]) -> list[str]:
    for i, pattern in enumerate(v):
        try:
            re.compile(pattern, _FLAGS)
        except re.error as e:
            raise ValueError(f"entry {i} is not a valid regular expression ({e}): {pattern}") from e
    return v


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{p})" for p in patterns), _FLAGS)


class ReaderLexicon(BaseModel):
    model_config = ConfigDict(frozen=False)

    version: str
    manipulation: list[str] = Field(min_length=1)
    end_request: list[str] = Field(min_length=1)
    hint_request: list[str] = Field(min_length=1)
    done_phrases: list[str] = Field(default_factory=list)
    proposal_check: list[str] = Field(default_factory=list)
    question_lead_ins: list[str] = Field(default_factory=list)
    question_tags: list[str] = Field(default_factory=list)
    meta: dict[MetaTopic, list[str]]
    check_in: list[str] = Field(default_factory=list)
    question_starters: list[str] = Field(default_factory=list)
    question_phrases: list[str] = Field(default_factory=list)
    off_topic: list[str] = Field(default_factory=list)
    off_topic_examples: list[str] = Field(default_factory=list)
    fillers: list[str] = Field(default_factory=list)
    vocabulary: list[str] = Field(default_factory=list)
    phases: dict[Phase, list[str]]

    @field_validator(
        "manipulation",
        "end_request",
        "hint_request",
        "done_phrases",
        "proposal_check",
        "check_in",
        "question_phrases",
    )
    @classmethod
    def _regex_list(cls, v: list[str]) -> list[str]:
        return _check_regexes(v)

    @field_validator("meta")
    @classmethod
    def _regex_map(cls, v: dict[MetaTopic, list[str]]) -> dict[MetaTopic, list[str]]:
        for topic, patterns in v.items():
            try:
                _check_regexes(patterns)
            except ValueError as e:
                raise ValueError(f"{topic.value}: {e}") from e
        return v

    # compiled forms (built on first use, kept with the model instance)

    @cached_property
    def manipulation_re(self) -> re.Pattern[str]:
        return _any_of(self.manipulation)

    @cached_property
    def end_request_re(self) -> re.Pattern[str]:
        return _any_of(self.end_request)

    @cached_property
    def hint_request_re(self) -> re.Pattern[str]:
        return _any_of(self.hint_request)

    @cached_property
    def done_re(self) -> re.Pattern[str]:
        return _any_of(self.done_phrases)

    @cached_property
    def proposal_check_re(self) -> re.Pattern[str]:
        return _any_of(self.proposal_check)

    @cached_property
    def question_tag_re(self) -> re.Pattern[str]:
        tags = "|".join(re.escape(t.lower()) for t in self.question_tags) or "(?!x)x"
        return re.compile(rf"[,;]\s*(?:{tags})\s*\?+\s*$", re.IGNORECASE)

    @cached_property
    def lead_in_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.question_lead_ins)

    @cached_property
    def check_in_re(self) -> re.Pattern[str]:
        return _any_of(self.check_in)

    @cached_property
    def question_phrase_re(self) -> re.Pattern[str]:
        return _any_of(self.question_phrases)

    @cached_property
    def meta_re(self) -> list[tuple[MetaTopic, re.Pattern[str]]]:
        return [(topic, _any_of(patterns)) for topic, patterns in self.meta.items()]

    @cached_property
    def off_topic_re(self) -> re.Pattern[str]:
        return compile_cues(tuple(self.off_topic))

    @cached_property
    def filler_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.fillers)

    @cached_property
    def starter_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.question_starters)

    @cached_property
    def vocabulary_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.vocabulary)


def load_lexicon(path: Path) -> ReaderLexicon:
    if not path.exists():
        raise ContentError(f"{path}: reader lexicon not found")
    return load_model(path, ReaderLexicon)


def default_lexicon() -> ReaderLexicon:
    from agent.settings import get_settings

    return _cached(get_settings().prompts_dir / "reader_lexicon.yaml")


@lru_cache(maxsize=4)
def _cached(path: Path) -> ReaderLexicon:
    return load_lexicon(path)
