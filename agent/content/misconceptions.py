"""Wrong claims the interviewer challenges: what each is, where it applies, how to answer it.

The catalogue lives in knowledge/misconceptions.yaml. Finding a claim in a sentence is the
understanding model's job (agent/understanding, the `wrong_claims` head); this module only
says when a found claim is wrong for the problem at hand (`applies_when`).
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from agent.content.files import (
    ContentError,
    content_hash,
    load_cached,
    load_model,
)
from agent.content.pattern_checks import patterns_checked
from agent.content.phases import Phase
from agent.content.problems import ProblemCard
from agent.content.rubric import DIMENSION_IDS
from agent.understanding.sentences import compile_cues
from agent.understanding.stance import Stance, stance_of


class Conditions(BaseModel):
    context_any: list[str] = Field(default_factory=list)
    card_tags_any: list[str] = Field(default_factory=list)
    ml_tasks: list[str] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.context_any or self.card_tags_any or self.ml_tasks)


class Misconception(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    phase: Phase
    dimension: str
    description: str
    # where the claim is wrong: any condition holding is enough; none given = everywhere
    applies_when: Conditions = Field(default_factory=Conditions)
    # claims the model reads that are this one where it applies: the same words ("I'd use
    # accuracy") are another mistake on another task (a numeric target, not rare positives)
    read_from: list[str] = Field(default_factory=list)
    # the act the claim is about, one of which the sentence read as it must name (regular
    # expressions, case-insensitive): tuning on the test set needs something chosen in the
    # sentence; "I'd split randomly and check NDCG on the test part" chooses nothing, however
    # near its words are to the claim's. None given: the model's reading alone
    subject: list[str] = Field(default_factory=list)
    # what the mistake says of its subject, one of which the sentence must also say (regular
    # expressions, case-insensitive): a blur is the mistake when it is said to be weak or
    # enough, not wherever a blur is named ("detect the faces and then blur them" restates
    # the task). None given: naming the subject is enough
    mistake: list[str] = Field(default_factory=list)
    challenge: str
    correction: str

    @property
    def retrieval_text(self) -> str:
        """What guidance that addresses the claim is retrieved with: the claim and its fix."""
        return f"{self.description} {self.correction}"

    def names_subject(self, sentence: str) -> bool:
        """The sentence names the act the claim is about (always, with no `subject`)."""
        return not self.subject or any(re.search(p, sentence, re.IGNORECASE) for p in self.subject)

    def made_in(self, sentence: str) -> bool:
        """The sentence makes the claim's act as the claim says it: it names the subject
        (`names_subject`), says what the mistake says of it (`mistake`), and, for a claim
        whose act is named (`subject`), does not only turn the act down: where every naming
        of it is rejected in its clause ("I wouldn't resize the frames down, ...", "we could
        tile, but no") the claim is not made, whatever words the understanding model reads
        in it (agent/understanding/stance.py). A condition ("y = 1 if a user reported it")
        or a hedged question still makes it: a label defined by a condition is the act."""
        if not self.names_subject(sentence):
            return False
        if self.mistake and not any(re.search(p, sentence, re.IGNORECASE) for p in self.mistake):
            return False
        if not self.subject:
            return True
        named = [
            m.group(0)
            for p in self.subject
            for m in re.finditer(p, sentence, re.IGNORECASE)
            if m.group(0).strip()
        ]
        return any(stance_of(words, sentence) != Stance.REJECTS for words in named)

    @field_validator("subject", "mistake")
    @classmethod
    def _subject_compiles(cls, v: list[str], info: ValidationInfo) -> list[str]:
        if not patterns_checked(info):
            for pattern in v:  # a broken pattern fails loading, not a turn; with the flags
                re.compile(pattern, re.IGNORECASE)  # it is used with, so `re` keeps it
        return v

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

    return load_cached(load_misconceptions, get_settings().knowledge_dir / "misconceptions.yaml")


def card_context(card: ProblemCard | None) -> str:
    """The card text a `context_any` condition may look at."""
    if card is None:
        return ""
    parts = [card.title, card.opening, " ".join(card.tags), *card.pitfalls]
    parts += [f.answer for f in card.facts]
    parts += [note for notes in card.strong_answer.values() for note in notes]
    return "\n".join(parts)


def conditions_hold(when: Conditions, background: str, card: ProblemCard | None) -> bool:
    if card is not None:
        tags = {t.lower() for t in card.tags}
        if any(t.lower() in tags for t in when.card_tags_any):
            return True
        if card.ml_task.lower() in {t.lower() for t in when.ml_tasks}:
            return True
    return bool(when.context_any) and bool(
        compile_cues(tuple(when.context_any), ignore_case=False).search(background)
    )


class Repairs(BaseModel):
    """knowledge/grading/repairs.yaml: which rubric signals correct a wrong claim."""

    version: str
    # shown AFTER the claim: the candidate corrected it
    repairs: dict[str, list[str]]
    # shown IN THE SAME SENTENCE: the sentence rejects the mistake ("never a random split,
    # always by time") rather than making it
    same_sentence: dict[str, list[str]] = Field(default_factory=dict)
    # claims that something is MISSING ("an A/B test without guardrails"): one of their
    # repair signals shown ANYWHERE, before the claim too, shows it is not missing
    omissions: list[str] = Field(default_factory=list)
    # words that state the right practice IN THE SAME SENTENCE (regular expressions, matched
    # on the normalised sentence): "I choose the threshold on the validation set" names
    # where the tuning happens, so it does not tune on the test set, whatever the topic
    # words make the model read
    sound_practice: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("sound_practice")
    @classmethod
    def _patterns_compile(
        cls, v: dict[str, list[str]], info: ValidationInfo
    ) -> dict[str, list[str]]:
        if patterns_checked(info):
            return v
        for patterns in v.values():
            for pattern in patterns:  # a broken pattern fails loading, not a turn
                re.compile(pattern, re.IGNORECASE)  # as it is used, so `re` keeps it
        return v

    def states_sound_practice(self, claim: str, sentence: str) -> bool:
        """The sentence states the right practice of the claim's subject."""
        return any(
            re.search(p, sentence, re.IGNORECASE) for p in self.sound_practice.get(claim, ())
        )


def _repairs(path: Path) -> Repairs:
    return load_model(path, Repairs)


def load_repairs() -> Repairs:
    from agent.settings import get_settings

    return load_cached(_repairs, get_settings().knowledge_dir / "grading" / "repairs.yaml")
