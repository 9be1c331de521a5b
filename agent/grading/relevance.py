"""Whether an answer is about the problem it is graded against.

An answer written for another problem can show every rubric signal and still say nothing
about this one. The check compares meanings: the mean MiniLM vector of the answer's design
sentences against each problem card's (title, opening, fact answers, strong-answer notes,
pitfalls). Most of any design answer is the same ML vocabulary, so both sides are first
centred on the mean of all cards: what is left is what makes a card (and an answer) about
its own problem. When another card is closer than the graded one by the sentence model's
off-problem margin (agent/knowledge/cosine_thresholds.py; 0.15 for the float model), the
answer is off the problem. Margin chosen on dev: the project's calibration answers score
0.0 against their own card, the adversarial dev answers at most 0.08 (design text) and 0.17
(a bare keyword list, which grades low anyway). The raw, uncentred similarity this replaces
put a terse game-recommendation design closer to video recommendation than to its own card.
"""

from __future__ import annotations

import threading

import numpy as np
from pydantic import BaseModel

from agent.content.card_texts import relevance_texts
from agent.content.problems import ProblemCard, ProblemLibrary
from agent.grading.evidence import Sentence
from agent.knowledge.cosine_thresholds import cosine_thresholds
from agent.read.facts import card_fingerprint

# Fewer design sentences than this say too little to tell which problem they are about: a
# correct four-line video-recommendation answer sat 0.13-0.15 closer to video search (the
# two cards share most of their vocabulary), and the cap scored it 1/4 everywhere. The
# written wrong-problem answers of the used batches have 17 or more sentences.
MIN_DESIGN_SENTENCES = 8


class Relevance(BaseModel):
    off_problem: bool
    margin: float  # best other card's similarity minus the graded card's (0 when it is best)
    closest: str  # the card the answer is closest to


_CARD_VECTORS: dict[int, np.ndarray] = {}
_LOCK = threading.Lock()


def card_vector(card: ProblemCard) -> np.ndarray:
    from agent.understanding import shared_understanding

    key = card_fingerprint(card)
    with _LOCK:
        hit = _CARD_VECTORS.get(key)
    if hit is not None:
        return hit
    mean = shared_understanding().embed(relevance_texts(card)).mean(axis=0)
    vector = mean / max(1e-9, float(np.linalg.norm(mean)))
    with _LOCK:
        if len(_CARD_VECTORS) > 256:
            _CARD_VECTORS.clear()
        _CARD_VECTORS[key] = vector
    return vector


def problem_relevance(
    sentences: list[Sentence], card: ProblemCard, library: ProblemLibrary
) -> Relevance | None:
    """How the answer's design sentences sit against every card; None without design text."""
    from agent.understanding import shared_understanding

    u = shared_understanding()
    if u.embedder is None:
        return None
    design = [s.text for s in sentences if s.findings is not None and s.findings.signals]
    if len(design) < MIN_DESIGN_SENTENCES:
        return None  # too little design talk to tell what it is about
    cards = {cid: library.get(cid) for cid in library.ids()}
    cards[card.id] = card
    ids = sorted(cards)
    vectors = np.stack([card_vector(cards[cid]) for cid in ids])
    centre = vectors.mean(axis=0)
    answer = _unit(_unit(u.embed(design).mean(axis=0)) - centre)
    sims = {cid: float(_unit(v - centre) @ answer) for cid, v in zip(ids, vectors, strict=True)}
    closest = max(ids, key=lambda k: (sims[k], k == card.id))
    margin = round(sims[closest] - sims[card.id], 4)
    off = margin >= cosine_thresholds().off_problem_margin
    return Relevance(off_problem=off, margin=margin, closest=closest)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(1e-9, float(np.linalg.norm(v)))
