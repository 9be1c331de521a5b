"""What an interviewer asks about a named technique (knowledge/follow_ups.yaml): the known
weak spot of a design choice, asked when the candidate's sentence names it and their message
has not already dealt with it, and only where it applies to the design they described."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from agent.content.files import load_cached, load_model
from agent.understanding.cue_screen import cue_anchors, may_match
from agent.understanding.sentences import compile_cues

ANGLES = ("reason", "cost", "alternative", "risk", "measure")
_TAG = re.compile(r"^\[(\w+)\]\s*")
# a term set aside rather than used: a negation or a "rather than" shortly before it
_NEGATED = re.compile(
    r"(?:\b(?:not|no|never|without|instead of|rather than|avoid)|n't)\b(?:\W+\w+){0,4}\W*$",
    re.IGNORECASE,
)


def _words(cues: list[str]) -> re.Pattern[str] | None:
    return compile_cues(tuple(cues)) if cues else None


@dataclass(frozen=True)
class Asked:
    """Where a follow-up would be asked: the candidate's last message, the sentence of it the
    follow-up quotes, everything they said so far (their design), what the interviewer said
    (the figures it gave), and the problem card's structured fields."""

    message: str
    card_tags: tuple[str, ...] = ()
    ml_task: str = ""
    not_applicable: tuple[str, ...] = ()
    sentence: str = ""
    design: str = ""
    interviewer: str = ""
    # what kind of thing the quoted sentence is (a metric, a check, a built part of the
    # system, ...: FollowUps.kinds), read from the signals the understanding model finds in
    # it; empty: not read, or none of the kinds
    kinds: tuple[str, ...] = ()
    # rubric signals the candidate talked about in any turn so far (the coverage record)
    said: tuple[str, ...] = ()


# a figure: digits, with a decimal part ("0.5", "1,000")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
# a span of time: "a few hours", "7 days", "two-week", "30 min"
_DURATION = re.compile(
    r"(?:\b\d+(?:\.\d+)?[\s-]*|\b(?:an?|one|two|three|four|five|six|seven|ten|twelve|"
    r"fifteen|twenty|thirty|(?:a )?few|(?:a )?couple(?: of)?|several)[\s-]+)(?:milliseconds?|"
    r"ms|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\b",
    re.IGNORECASE,
)
# how often something is done: "every 6 hours", "nightly", "once a week", "continuously"
_UNIT = r"(?:minute|hour|day|night|week|month)s?"
_FREQUENCY = (
    rf"(?:every\s+(?:\d+\s*|few\s+|other\s+)?{_UNIT}|(?:once|twice)\s+an?\s+{_UNIT}|"
    rf"(?:per|each|a)\s+{_UNIT}|hourly|daily|nightly|weekly|monthly|continuously|"
    r"incremental(?:ly)?|online)"
)
# the model's training or update (not a rebuild of labels): what a cadence is of
_TRAINING = r"(?:re-?train\w*|train(?:ed|ing)?|updat\w*|refresh\w*|fine-?tun\w*)"
# a cadence of training: a frequency a few words from a training verb, either side
_CADENCE = re.compile(
    rf"\b{_TRAINING}\W+(?:[\w-]+\W+){{0,3}}?{_FREQUENCY}\b|"
    rf"\b{_FREQUENCY}\W+(?:[\w-]+\W+){{0,2}}?{_TRAINING}\b",
    re.IGNORECASE,
)
# a number said in words or digits: "3k", "ten times", "a million"
_NUMBER = re.compile(
    r"\d|\b(?:hundreds?|thousands?|millions?|billions?|trillions?|dozens?)\b", re.IGNORECASE
)
# where a sentence or clause ends: a negation does not reach across it
_SENTENCE_END = re.compile(r"[.!?;\n]")


def first_use(pattern: re.Pattern[str], text: str) -> int | None:
    """Where the text first names one of the pattern's terms as used, not set aside
    ("descriptors rather than ids", "no user ids" do not use ids): no negation shortly before
    it in the same sentence or clause. None when every mention is set aside (or none)."""
    for m in pattern.finditer(text):
        before = text[: m.start()]
        ends = list(_SENTENCE_END.finditer(before))
        if not _NEGATED.search(before[ends[-1].end() :] if ends else before):
            return m.start()
    return None


def used(pattern: re.Pattern[str], text: str) -> bool:
    """The text names one of the pattern's terms as used (see `first_use`)."""
    return first_use(pattern, text) is not None


class Condition(BaseModel):
    """Holds when the message has one of `needs` (if any), none of `unless`; the candidate's
    design so far uses one of `said` (if any: named, not set aside); the quoted sentence has
    one of `in_sentence` (if any) and, with `own_figure`, a figure the interviewer did not
    give, and with `no_duration`, no span of time (a cut-off "a few hours back" is a window
    in time, not a threshold on a score), and with `cadence`, how often the model is
    retrained or updated, and with `figure`, a number; the design so far uses none of
    `unless_said`; the quoted sentence reads as one of `kinds` (if any), as none of
    `unless_kinds` and not only as kinds of `only_kinds_not` (Asked.kinds); the card has one
    of `tags_any` (if any), none of `unless_tags`, its ml_task among `ml_tasks` (if any) and
    none of `applicable` among the signals it rules out."""

    model_config = ConfigDict(frozen=True)
    needs: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    said: list[str] = Field(default_factory=list)
    in_sentence: list[str] = Field(default_factory=list)
    own_figure: bool = False
    no_duration: bool = False
    cadence: bool = False
    figure: bool = False
    unless_said: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)
    unless_kinds: list[str] = Field(default_factory=list)
    only_kinds_not: list[str] = Field(default_factory=list)
    tags_any: list[str] = Field(default_factory=list)
    unless_tags: list[str] = Field(default_factory=list)
    ml_tasks: list[str] = Field(default_factory=list)
    applicable: list[str] = Field(default_factory=list)

    def holds(self, asked: Asked) -> bool:
        return self._card_fits(asked) and self._kind_fits(asked) and self._words_fit(asked)

    def _kind_fits(self, asked: Asked) -> bool:
        kinds = set(asked.kinds)
        if self.kinds and not kinds & set(self.kinds):
            return False
        if kinds and kinds <= set(self.only_kinds_not):
            return False  # the sentence is only of kinds this push does not fit
        return not kinds & set(self.unless_kinds)

    def _card_fits(self, asked: Asked) -> bool:
        tags = set(asked.card_tags)
        if self.tags_any and not set(self.tags_any) & tags:
            return False
        if set(self.unless_tags) & tags:
            return False
        if self.ml_tasks and asked.ml_task not in self.ml_tasks:
            return False
        return not set(self.applicable) & set(asked.not_applicable)

    def _words_fit(self, asked: Asked) -> bool:
        needs, unless = _words(self.needs), _words(self.unless)
        if needs is not None and not needs.search(asked.message):
            return False
        if unless is not None and unless.search(asked.message):
            return False
        said, unless_said = _words(self.said), _words(self.unless_said)
        if said is not None and not used(said, f"{asked.design}\n{asked.message}"):
            return False
        if unless_said is not None and used(unless_said, f"{asked.design}\n{asked.message}"):
            return False
        sentence = asked.sentence or asked.message
        where = _words(self.in_sentence)
        if where is not None and not where.search(sentence):
            return False
        if self.no_duration and _DURATION.search(sentence):
            return False
        if self.cadence and not _CADENCE.search(sentence):
            return False
        if self.figure and not _NUMBER.search(sentence):
            return False
        if self.own_figure:
            given = set(_FIGURE.findall(asked.interviewer))
            return any(f not in given for f in _FIGURE.findall(sentence))
        return True


class Push(BaseModel):
    model_config = ConfigDict(frozen=True)
    ask: str  # "[angle] question", the tag stripped on load (see `angle`)
    angle: str = ""
    unless: list[str] = Field(default_factory=list)
    only: str | None = None
    # the rubric signal whose ground the push asks for ("how often could you retrain?" asks
    # for retraining): not asked once the candidate talked about it in any turn
    covers: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _tagged(cls, data: object) -> object:
        if isinstance(data, str):
            data = {"ask": data}
        if isinstance(data, dict) and isinstance(data.get("ask"), str):
            m = _TAG.match(data["ask"])
            if m is None or m.group(1) not in ANGLES:
                raise ValueError(f"{data['ask']!r} needs an angle tag, one of {ANGLES}")
            data = {**data, "ask": data["ask"][m.end() :], "angle": m.group(1)}
        return data


class Technique(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    terms: list[str] = Field(min_length=1)
    pushes: list[Push] = Field(min_length=1)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return compile_cues(tuple(self.terms))

    @cached_property
    def _anchors(self) -> tuple[str, ...] | None:
        return cue_anchors(tuple(self.terms))

    def may_be_named(self, text: str) -> bool:
        """False when the text cannot name any of the terms: the pattern is then not needed."""
        return may_match(self._anchors, text)


class FollowUps(BaseModel):
    model_config = ConfigDict(frozen=True)
    version: str
    # what kind of thing a sentence is, by the rubric signals read in it: kind -> signal ids
    kinds: dict[str, list[str]] = Field(default_factory=dict)
    # kinds a sentence is only when it reads as none of the others
    kinds_alone: list[str] = Field(default_factory=list)
    conditions: dict[str, Condition] = Field(default_factory=dict)
    techniques: list[Technique] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_conditions(self) -> FollowUps:
        unknown = {p.only for t in self.techniques for p in t.pushes if p.only} - set(
            self.conditions
        )
        if unknown:
            raise ValueError(f"pushes name unknown conditions {sorted(unknown)}")
        named = {
            k
            for c in self.conditions.values()
            for k in [*c.kinds, *c.unless_kinds, *c.only_kinds_not]
        }
        if named - set(self.kinds):
            raise ValueError(f"conditions name unknown kinds {sorted(named - set(self.kinds))}")
        return self

    def kinds_of(self, signals: Iterable[str]) -> tuple[str, ...]:
        """The kinds of thing a sentence reading as these signals is (in `kinds` order)."""
        read = set(signals)
        found = [kind for kind, ids in self.kinds.items() if read & set(ids)]
        design = [kind for kind in found if kind not in self.kinds_alone]
        return tuple(design or found)

    def named_in(self, claim: str) -> list[Technique]:
        """The techniques the claim names as used, the one named first first (not one it
        sets aside: "I wouldn't keep a raw user-id embedding" does not use id embeddings). The
        same rule as a condition's `said` (`first_use`): a negation reaches to the end of its
        sentence, not across it, and a term set aside once and used later is used."""
        found = [
            (at, t)
            for t in self.techniques
            if t.may_be_named(claim) and (at := first_use(t.pattern, claim)) is not None
        ]
        return [t for _, t in sorted(found, key=lambda pair: pair[0])]

    def applies(self, push: Push, asked: Asked) -> bool:
        """The push's weak spot is still open, on the design described: not dealt with in
        the message nor in any earlier turn (overlapping tiles said at minute 3 answer "what
        happens at a tile edge?" for the whole interview, whatever words it is asked about)."""
        unless = _words(push.unless)
        if unless is not None and (unless.search(asked.message) or unless.search(asked.design)):
            return False
        if push.covers is not None and push.covers in asked.said:
            return False  # given in an earlier turn: asking for it again
        condition = self.conditions.get(push.only) if push.only else None
        return condition is None or condition.holds(asked)


def _load(path: Path) -> FollowUps:
    return load_model(path, FollowUps)


def load_follow_ups(knowledge_dir: Path) -> FollowUps:
    """The technique follow-ups of knowledge/follow_ups.yaml, parsed once while unchanged."""
    return load_cached(_load, knowledge_dir / "follow_ups.yaml")
