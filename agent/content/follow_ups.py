"""What an interviewer asks about a named technique (knowledge/follow_ups.yaml): the known
weak spot of a design choice, asked when the candidate's sentence names it and their message
has not already dealt with it, and only where it applies to the design they described."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from agent.content.files import load_cached, load_model
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


class Condition(BaseModel):
    """Holds when the message has one of `needs` (if any), none of `unless`, and the card
    one of `tags_any` (if any) and none of `unless_tags`."""

    model_config = ConfigDict(frozen=True)
    needs: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    tags_any: list[str] = Field(default_factory=list)
    unless_tags: list[str] = Field(default_factory=list)

    def holds(self, message: str, card_tags: list[str]) -> bool:
        if self.tags_any and not set(self.tags_any) & set(card_tags):
            return False
        needs, unless = _words(self.needs), _words(self.unless)
        if needs is not None and not needs.search(message):
            return False
        if unless is not None and unless.search(message):
            return False
        return not set(self.unless_tags) & set(card_tags)


class Push(BaseModel):
    model_config = ConfigDict(frozen=True)
    ask: str  # "[angle] question", the tag stripped on load (see `angle`)
    angle: str = ""
    unless: list[str] = Field(default_factory=list)
    only: str | None = None

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


class FollowUps(BaseModel):
    model_config = ConfigDict(frozen=True)
    version: str
    conditions: dict[str, Condition] = Field(default_factory=dict)
    techniques: list[Technique] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_conditions(self) -> FollowUps:
        unknown = {p.only for t in self.techniques for p in t.pushes if p.only} - set(
            self.conditions
        )
        if unknown:
            raise ValueError(f"pushes name unknown conditions {sorted(unknown)}")
        return self

    def named_in(self, claim: str) -> list[Technique]:
        """The techniques the claim names as used, the one named first first (not one it
        sets aside: "I wouldn't keep a raw user-id embedding" does not use id embeddings)."""
        found = [
            (m.start(), t)
            for t in self.techniques
            if (m := t.pattern.search(claim)) and not _NEGATED.search(claim[: m.start()])
        ]
        return [t for _, t in sorted(found, key=lambda pair: pair[0])]

    def applies(self, push: Push, message: str, card_tags: list[str]) -> bool:
        """The push's weak spot is still open in the message, on the design described."""
        unless = _words(push.unless)
        if unless is not None and unless.search(message):
            return False
        condition = self.conditions.get(push.only) if push.only else None
        return condition is None or condition.holds(message, card_tags)


def _load(path: Path) -> FollowUps:
    return load_model(path, FollowUps)


def load_follow_ups(knowledge_dir: Path) -> FollowUps:
    """The technique follow-ups of knowledge/follow_ups.yaml, parsed once while unchanged."""
    return load_cached(_load, knowledge_dir / "follow_ups.yaml")
