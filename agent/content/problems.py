"""Problem cards: the bare opening a candidate sees and the hidden facts behind it.

Cards are YAML files in knowledge/problems/ (and, optionally, a user folder). A card's
facts are only ever revealed one at a time, when a clarifying question asks for them.

A fact is one topic; its answer is made of pieces, one sentence each ("The graph has about
50 billion edges." and "A typical member has around 40,000 people within two hops..."), each
addressable as "<topic>#<n>", so an answer can give the piece a question asked for and not
the whole paragraph, and the interview can record which pieces it has said.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from pydantic import BaseModel, Field, model_validator

from agent.content.files import ContentError, load_model
from agent.content.phases import Phase

REQUIRED_FACT_TOPICS: tuple[str, ...] = ("scale", "latency", "data", "labels", "constraints")
# the opening statement, answerable like a fact ("is this for rides or for food?" is settled by
# "...in a ride-hailing app"): never a fact of the card's own list, only looked up by topic
OPENING_TOPIC = "problem_statement"


# a sentence ends at ". ", "! " or "? " before a capital, a digit or a quote ("About 0.1% of
# ... amounts. Labels ..."); "e.g. the" (lower case after it) does not end one
_PIECE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
PIECE_MARK = "#"


class Fact(BaseModel):
    topic: str = Field(pattern=r"^[a-z0-9_]+$")  # e.g. scale, latency, data, labels, privacy
    cues: list[str] = Field(min_length=1)  # words a candidate might use when asking
    answer: str

    @property
    def pieces(self) -> list[str]:
        """The answer's sentences, in order, each whitespace-normalised: together they are the
        whole answer."""
        text = " ".join(self.answer.split())
        return [p for p in _PIECE_END.split(text) if p] or [text]

    def piece_ids(self) -> list[str]:
        return [piece_id(self.topic, i) for i in range(len(self.pieces))]

    def told(self, ids: list[str] | None) -> Fact:
        """This fact with only the given pieces in its answer (all of them for None or when
        none of the ids is this fact's), in the card's order."""
        if not ids:
            return self
        keep = [p for p, i in zip(self.pieces, self.piece_ids(), strict=True) if i in set(ids)]
        return self.model_copy(update={"answer": " ".join(keep)}) if keep else self


def piece_id(topic: str, index: int) -> str:
    """The address of a fact's piece: "<topic>#<n>"."""
    return f"{topic}{PIECE_MARK}{index}"


def piece_id_all(topic: str) -> str:
    """Every piece of a fact, as a record says a fact was told whole: "<topic>#*"."""
    return f"{topic}{PIECE_MARK}*"


def piece_topic(piece: str) -> str:
    """The fact topic a piece id belongs to."""
    return piece.split(PIECE_MARK, 1)[0]


class ProblemCard(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    opening: str  # one or two deliberately bare sentences
    ml_task: str = "classification"  # ranking | classification | regression | retrieval | ...
    tags: list[str] = Field(default_factory=list)
    facts: list[Fact] = Field(min_length=5)
    strong_answer: dict[Phase, list[str]] = Field(default_factory=dict)
    pitfalls: list[str] = Field(default_factory=list)
    # rubric signals that do not apply to this problem (class imbalance for a regression ETA,
    # candidate generation for fraud scoring): never required, never listed as missed
    not_applicable: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _required_topics(self) -> ProblemCard:
        topics = {f.topic for f in self.facts}
        missing = [t for t in REQUIRED_FACT_TOPICS if t not in topics]
        if missing:
            raise ValueError(f"facts must cover topics {missing}")
        return self

    def pieces_told(self, topics: list[str], pieces: list[str]) -> list[str]:
        """The pieces of this card's facts a record says were told: the pieces it lists, every
        piece of a fact told whole ("<topic>#*"), and every piece of a told fact the record
        lists no piece of (a record written before facts had pieces)."""
        listed = {piece_topic(p) for p in pieces}
        whole = {piece_topic(p) for p in pieces if p.endswith(f"{PIECE_MARK}*")}
        whole |= {t for t in topics if t not in listed}
        out = [p for p in pieces if not p.endswith(f"{PIECE_MARK}*")]
        for topic in dict.fromkeys([*topics, *listed]):
            fact = self.fact(topic)
            if fact is not None and topic in whole:
                out += [p for p in fact.piece_ids() if p not in out]
        return out

    def fact(self, topic: str) -> Fact | None:
        if topic == OPENING_TOPIC:
            return self.opening_fact()
        return next((f for f in self.facts if f.topic == topic), None)

    def opening_fact(self) -> Fact:
        """The opening statement as the answer to a question it settles."""
        said = " ".join(self.opening.split())
        said = said[:1].lower() + said[1:] if said[:2].istitle() else said
        return Fact(
            topic=OPENING_TOPIC, cues=[OPENING_TOPIC], answer=f"As the problem says: {said}"
        )


class ProblemLibrary(BaseModel):
    cards: dict[str, ProblemCard]

    def get(self, problem_id: str) -> ProblemCard:
        try:
            return self.cards[problem_id]
        except KeyError:
            known = ", ".join(sorted(self.cards))
            raise ContentError(f"unknown problem id {problem_id!r}; known: {known}") from None

    def random(self, rng: random.Random | None = None) -> ProblemCard:
        rng = rng or random.Random()
        return self.cards[rng.choice(sorted(self.cards))]

    def ids(self) -> list[str]:
        return sorted(self.cards)


def load_card(path: Path) -> ProblemCard:
    card = load_model(path, ProblemCard)
    if card.id != path.stem:
        raise ContentError(f"{path}: card id {card.id!r} must match the file name {path.stem!r}")
    return card


def load_problems(*dirs: Path | None) -> ProblemLibrary:
    """Load every *.yaml card from the given folders; later folders may add or override."""
    cards: dict[str, ProblemCard] = {}
    for d in dirs:
        if d is None or not d.is_dir():
            continue
        for path in sorted(d.glob("*.yaml")) + sorted(d.glob("*.yml")):
            card = load_card(path)
            cards[card.id] = card
    if not cards:
        raise ContentError(f"no problem cards found in {[str(d) for d in dirs if d]}")
    return ProblemLibrary(cards=cards)
