"""The `ground` step's output: retrieved guidance and the card facts a move may use."""

from __future__ import annotations

import contextlib
from collections.abc import Collection
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from agent.content.phases import Phase, PhasePlan
from agent.content.problems import Fact, ProblemCard, piece_topic
from agent.content.rubric import Rubric
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.read.reading import Reading
from agent.understanding.sentences import split_sentences
from agent.understanding.vectors import MAX_CHARS, QUERY_PART_BREAK


class RetrievedChunk(BaseModel):
    id: str
    source: str  # file path relative to knowledge/, e.g. guidance/data.md
    phase: Phase | None = None  # None for phase-agnostic cheatsheets
    topics: list[str] = Field(default_factory=list)
    title: str = ""
    text: str
    score: float


class CardPointer(BaseModel):
    """A line of the problem's own card a hint may point to: what a strong answer covers in
    a phase, a pitfall of this problem, or a fact the candidate was already told."""

    text: str
    source: Literal["strong_answer", "pitfall", "fact"]
    phase: Phase | None = None  # a strong answer's phase


class Grounding(BaseModel):
    chunks: list[RetrievedChunk] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)  # only facts the candidate asked for
    # a hint's: this problem's own lines it may rest on (never a fact not yet told)
    pointers: list[CardPointer] = Field(default_factory=list)

    @property
    def chunk_ids(self) -> list[str]:
        return [c.id for c in self.chunks]


# -- the ground step -------------------------------------------------------------------

GUIDANCE_K = 3
# a hint's further chunks, retrieved with the candidate's words alone (any phase: the
# subject signal may be only near what they are stuck on), and with the sentences that say
# what they are stuck on, each after the sentence before it (what "that" refers to)
REQUEST_K = 3
STUCK_K = 2
# Words of the candidate's message that go into a retrieval query, in whole sentences (the
# move's own description comes first and matters most).
QUERY_CANDIDATE_WORDS = 60

# Moves that are grounded in retrieved guidance.
_RETRIEVING = {MoveKind.PROBE, MoveKind.HINT, MoveKind.STEER, MoveKind.ADVANCE}
# Steers whose candidate text says nothing useful about what to retrieve.
_NOISY_STEERS = {SteerKind.OFF_TOPIC, SteerKind.SILENT}


class Retriever(Protocol):
    """What `ground` needs from a store (agent.knowledge.store.KnowledgeStore)."""

    def search(
        self, query: str, k: int = 5, phase: Phase | None = None, topics: list[str] | None = None
    ) -> list[RetrievedChunk]: ...


def ground(
    move: Move,
    reading: Reading | None,
    card: ProblemCard,
    store: Retriever | None,
    candidate_text: str = "",
    *,
    rubric: Rubric | None = None,
    plan: PhasePlan | None = None,
    facts_given: Collection[str] = (),
) -> Grounding:
    """Select what the voice may use for this move.

    - answer_clarification: exactly the card facts for move.fact_topics (never any other),
      each with only the pieces move.fact_pieces lists of it (all of them if none);
    - probe / hint / steer / advance: the top guidance chunks for a query built from the
      move (target signal, misconception, or the phase goal) and the candidate's words,
      filtered to the move's phase; a hint also gets this problem's own lines
      (`card_pointers`), so it can be about this problem rather than problems in general;
    - decline, answer_meta, open, wrap_up: nothing.
    """
    if move.kind == MoveKind.ANSWER_CLARIFICATION:
        facts = [
            f.told(move.fact_pieces)
            for topic in move.fact_topics
            if (f := card.fact(topic)) is not None
        ]
        return Grounding(facts=facts)
    pointers = card_pointers(card, facts_given) if move.kind == MoveKind.HINT else []
    if move.kind not in _RETRIEVING or store is None:
        return Grounding(pointers=pointers)
    query = retrieval_query(move, candidate_text, rubric=rubric, plan=plan)
    phase = subject_phase(move, rubric)
    chunks = store.search(query, k=GUIDANCE_K, phase=phase)
    for words, k in (
        (request_query(move, candidate_text), REQUEST_K),
        (stuck_query(move, reading, candidate_text), STUCK_K),
    ):
        if words:
            seen = {c.id for c in chunks}
            chunks += [c for c in store.search(words, k=k) if c.id not in seen]
    return Grounding(chunks=chunks, pointers=pointers)


def request_query(move: Move, candidate_text: str) -> str | None:
    """A hint's second search: the candidate's own words alone, in any phase (the subject
    signal may be only near what they are stuck on: "random negatives are too easy" is about
    negative sampling whatever signal the request came closest to). None for other moves."""
    if move.kind != MoveKind.HINT or not candidate_text.strip():
        return None
    return " ".join(candidate_text.split()[:QUERY_CANDIDATE_WORDS])


def stuck_query(move: Move, reading: Reading | None, candidate_text: str) -> str | None:
    """A hint's third search: the sentences of a request that say what the candidate is
    stuck on (Reading.stuck_on), each with the sentence before it ("No idea by how much."
    is about the boost the sentence before proposed). None when the request is only those
    sentences (the words search has them) or for other moves."""
    if move.kind != MoveKind.HINT or reading is None or not reading.stuck_on:
        return None
    sentences = [span.text for span in split_sentences(candidate_text[:MAX_CHARS])]
    if len(sentences) <= len(reading.stuck_on):
        return None
    picked: list[str] = []
    for i, sentence in enumerate(sentences):
        if any(sentence in s or s in sentence for s in reading.stuck_on):
            picked += [p for p in sentences[max(i - 1, 0) : i + 1] if p not in picked]
    return " ".join(picked) or None


def card_pointers(card: ProblemCard, facts_given: Collection[str] = ()) -> list[CardPointer]:
    """What a hint may point to on this problem's card: every phase's strong-answer lines, the
    pitfalls, and the facts already told (a fact not yet asked for stays hidden); `facts_given`
    names a fact told whole by its topic, a piece of one by its id ("labels#0"), and a fact
    told in part is pointed to only in the pieces told."""
    out = [
        CardPointer(text=line, source="strong_answer", phase=phase)
        for phase, lines in card.strong_answer.items()
        for line in lines
    ]
    out += [CardPointer(text=line, source="pitfall") for line in card.pitfalls]
    given = list(facts_given)
    for topic in dict.fromkeys(piece_topic(g) for g in given):
        fact = card.fact(topic)
        if fact is None:
            continue
        told = None if topic in given else [g for g in given if piece_topic(g) == topic]
        out.append(CardPointer(text=" ".join(fact.told(told).answer.split()), source="fact"))
    return out


def subject_phase(move: Move, rubric: Rubric | None = None) -> Phase:
    """The phase whose guidance a move draws on: a hint's, that of the signal it is about
    (a hint on the time-based split while the interview is on training is about
    evaluation), else the phase the interview is in."""
    if move.kind != MoveKind.HINT or not move.target:
        return move.phase
    from agent.content.bundle import load_content

    rubric = rubric or load_content().rubric
    try:
        return rubric.dimension_of_signal(move.target).phase
    except KeyError:
        return move.phase


def retrieval_query(
    move: Move,
    candidate_text: str = "",
    *,
    rubric: Rubric | None = None,
    plan: PhasePlan | None = None,
) -> str:
    """The text a move retrieves guidance with: what it is about, then the candidate's words.

    Three parts, separated by QUERY_PART_BREAK: the target's description (or the wrong
    claim's), the phase's goal, and the candidate's first sentences, one a line, as the
    reader split them (up to the one that reaches QUERY_CANDIDATE_WORDS words). The store's
    vector of the query weighs the parts alike and finds the sentences' vectors at hand.
    """
    from agent.content.bundle import load_content

    parts: list[str] = []
    target = move.target or ""
    if move.kind == MoveKind.STEER and move.steer == SteerKind.WRONG_CLAIM and target:
        parts.append(_misconception_text(target))
    elif target:
        rubric = rubric or load_content().rubric
        with contextlib.suppress(KeyError):
            parts.append(rubric.signal(target).description)
    plan = plan or load_content().plan
    parts.append(plan.spec(subject_phase(move, rubric)).goal)
    if not (move.kind == MoveKind.STEER and move.steer in _NOISY_STEERS):
        parts.append("\n".join(_first_sentences(candidate_text)))
    return QUERY_PART_BREAK.join(p.strip() for p in parts if p.strip())


def _first_sentences(text: str) -> list[str]:
    """The message's sentences, as the reader splits it, until QUERY_CANDIDATE_WORDS words."""
    said: list[str] = []
    count = 0
    for span in split_sentences(text[:MAX_CHARS]):
        if count >= QUERY_CANDIDATE_WORDS:
            break
        said.append(span.text)
        count += len(span.text.split())
    return said


def _misconception_text(misconception_id: str) -> str:
    """A misconception's claim and correction, for retrieving guidance that addresses it."""
    from agent.content.misconceptions import default_misconceptions

    try:
        claim = default_misconceptions().get(misconception_id)
    except KeyError:
        return misconception_id.replace("_", " ")
    return claim.retrieval_text
