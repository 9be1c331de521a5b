"""The offline reader's lexicon (prompts/reader_lexicon.yaml) as a validated model.

Regular expressions are compiled at load time, so a bad pattern is a ContentError that
names the file and the entry, never a crash in the middle of an interview (once per text of the
file in an install: see `patterns_checked`; after that each is compiled on first use).
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from agent.content.files import ContentError, load_cached, load_model
from agent.content.pattern_checks import patterns_checked
from agent.read.reading import MetaTopic

_FLAGS = re.IGNORECASE | re.MULTILINE


def _check_regexes(v: list[str]) -> list[str]:
    """The list, if its patterns compile. The combined pattern (the one that is used) is
    compiled first, and `re` keeps it for `_any_of`; entries one by one only to name a bad
    one (a cold start paid ~50 compilations twice before)."""
    try:
        _any_of(v)
        return v
    except re.error:
        pass
    for i, pattern in enumerate(v):
        try:
            re.compile(pattern, _FLAGS)
        except re.error as e:
            raise ValueError(f"entry {i} is not a valid regular expression ({e}): {pattern}") from e
    raise ValueError(f"the patterns do not combine into one regular expression: {v}")


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{p})" for p in patterns), _FLAGS)


class ReaderLexicon(BaseModel):
    """Routing phrases for messages the model has classified (see the YAML file's header)."""

    model_config = ConfigDict(frozen=False)

    version: str
    end_request: list[str] = Field(min_length=1)
    done_phrases: list[str] = Field(default_factory=list)
    # a part of the design named as done ("I've handled the features", "the data side is
    # fine"): where a request to move on comes from, never where it goes
    covered_part: list[str] = Field(default_factory=list)
    # words without which no message ends the interview ("Sorry, let's keep going." is not a
    # request to stop, whatever a model reads into "let's")
    ending_words: list[str] = Field(default_factory=list)
    meta: dict[MetaTopic, list[str]]
    confirm: list[str] = Field(default_factory=list)
    assumption: list[str] = Field(default_factory=list)
    filler: list[str] = Field(default_factory=list)  # words that carry no design
    tangent: list[str] = Field(default_factory=list)  # "small tangent, but..."
    anecdote: list[str] = Field(default_factory=list)  # "at my last job we..."
    offer: list[str] = Field(default_factory=list)  # "happy to go deeper on any part"
    # the candidate's own plan with an order in it ("I'll do the data first, then ...")
    order_of_work: list[str] = Field(default_factory=list)
    # the words after which a request names where it asks to go ("can we move on to ...")
    move_to: list[str] = Field(default_factory=list)
    asks_interviewer: list[str] = Field(default_factory=list)
    awaits_answer: list[str] = Field(default_factory=list)
    self_posed: list[str] = Field(default_factory=list)  # "why not X?", "how do we ...?"
    correct_me: list[str] = Field(default_factory=list)  # "tell me if that's off"
    design_choice: list[str] = Field(default_factory=list)  # "maybe cache it per user?"
    own_guess: list[str] = Field(default_factory=list)  # "maybe the refund rate?"
    # the system being designed named in a question ("this model", "the alerts"): a question
    # about who runs it is a design question, not one about the job
    design_object: list[str] = Field(default_factory=list)
    about_the_job: list[str] = Field(default_factory=list)  # "if I joined", "the role"
    asks_leave: list[str] = Field(default_factory=list)  # "can I ask a few things first?"
    # example questions about the interview or the job, matched by meaning (nearest example)
    # rather than by phrase: see agent/read/interview_questions.py
    examples: dict[MetaTopic, list[str]] = Field(default_factory=dict)

    @field_validator(
        "end_request",
        "done_phrases",
        "covered_part",
        "own_guess",
        "ending_words",
        "confirm",
        "assumption",
        "filler",
        "tangent",
        "anecdote",
        "offer",
        "order_of_work",
        "move_to",
        "asks_interviewer",
        "awaits_answer",
        "self_posed",
        "correct_me",
        "design_choice",
        "design_object",
        "about_the_job",
        "asks_leave",
    )
    @classmethod
    def _regex_list(cls, v: list[str], info: ValidationInfo) -> list[str]:
        return v if patterns_checked(info) else _check_regexes(v)

    @field_validator("meta")
    @classmethod
    def _regex_map(
        cls, v: dict[MetaTopic, list[str]], info: ValidationInfo
    ) -> dict[MetaTopic, list[str]]:
        if patterns_checked(info):
            return v
        for topic, patterns in v.items():
            try:
                _check_regexes(patterns)
            except ValueError as e:
                raise ValueError(f"{topic.value}: {e}") from e
        return v

    # compiled forms (built on first use, kept with the model instance)

    @cached_property
    def end_request_re(self) -> re.Pattern[str]:
        return _any_of(self.end_request)

    @cached_property
    def done_re(self) -> re.Pattern[str]:
        return _any_of(self.done_phrases)

    @cached_property
    def covered_part_re(self) -> re.Pattern[str]:
        return _any_of(self.covered_part)

    def names_an_end(self, norm: str) -> bool:
        """The message has words that can end an interview (with no list: any message)."""
        if not self.ending_words:
            return True
        return bool(
            self.ending_re.search(norm)
            or self.end_request_re.search(norm)
            or self.done_re.search(norm)
        )

    @cached_property
    def ending_re(self) -> re.Pattern[str]:
        return _any_of(self.ending_words)

    @cached_property
    def confirm_re(self) -> re.Pattern[str]:
        return _any_of(self.confirm)

    @cached_property
    def assumption_re(self) -> re.Pattern[str]:
        return _any_of(self.assumption)

    @cached_property
    def filler_re(self) -> re.Pattern[str]:
        return _any_of(self.filler)

    def filler_rate(self, normalised: str, words: int) -> float:
        """Fillers, hedges and asides per hundred words of a (normalised) text."""
        if words <= 0:
            return 0.0
        return 100.0 * len(self.filler_re.findall(normalised)) / words

    @cached_property
    def tangent_re(self) -> re.Pattern[str]:
        return _any_of(self.tangent)

    @cached_property
    def anecdote_re(self) -> re.Pattern[str]:
        return _any_of(self.anecdote)

    @cached_property
    def offer_re(self) -> re.Pattern[str]:
        return _any_of(self.offer)

    @cached_property
    def move_to_re(self) -> re.Pattern[str]:
        return _any_of(self.move_to)

    @cached_property
    def order_of_work_re(self) -> re.Pattern[str]:
        return _any_of(self.order_of_work)

    @cached_property
    def asks_interviewer_re(self) -> re.Pattern[str]:
        return _any_of(self.asks_interviewer)

    @cached_property
    def awaits_answer_re(self) -> re.Pattern[str]:
        return _any_of(self.awaits_answer)

    @cached_property
    def correct_me_re(self) -> re.Pattern[str]:
        return _any_of(self.correct_me)

    @cached_property
    def design_choice_re(self) -> re.Pattern[str]:
        return _any_of(self.design_choice)

    @cached_property
    def own_guess_re(self) -> re.Pattern[str]:
        return _any_of(self.own_guess)

    @cached_property
    def self_posed_re(self) -> re.Pattern[str]:
        return _any_of(self.self_posed)

    @cached_property
    def about_the_job_re(self) -> re.Pattern[str]:
        return _any_of(self.about_the_job)

    @cached_property
    def design_object_re(self) -> re.Pattern[str]:
        return _any_of(self.design_object)

    @cached_property
    def asks_leave_re(self) -> re.Pattern[str]:
        return _any_of(self.asks_leave)

    @cached_property
    def meta_re(self) -> list[tuple[MetaTopic, re.Pattern[str]]]:
        return [(topic, _any_of(patterns)) for topic, patterns in self.meta.items()]

    def meta_topic(self, normalised: str) -> MetaTopic | None:
        """The question about the interview itself a (normalised) text asks, if any."""
        return next((topic for topic, rx in self.meta_re if rx.search(normalised)), None)


def load_lexicon(path: Path) -> ReaderLexicon:
    if not path.exists():
        raise ContentError(f"{path}: reader lexicon not found")
    return load_model(path, ReaderLexicon)


def default_lexicon() -> ReaderLexicon:
    from agent.settings import get_settings

    return load_cached(load_lexicon, get_settings().prompts_dir / "reader_lexicon.yaml")
