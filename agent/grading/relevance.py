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

The answer's mean vector blurs a design for a nearby product (a surge-pricing design graded
as rider-driver matching, a churn model graded as harmful content) into the shared ML
vocabulary, so two more views ask which card the answer's claims fit best, and the answer is
off the problem when any of the three says another card fits clearly better:
- claim by claim: each design sentence's centred cosine to each card's own texts (the mean
  of its CLAIM_TOP_K closest: the card's facts, figures, notes and pitfalls), averaged over
  the sentences; off when another card's fit beats the graded card's by the sentence
  model's claim-fit margin (cosine_thresholds.py);
- by the card's own words (card_words.py: each card's words weighted by how few cards use
  them, so the card's entities and figures count and shared ML words do not); off when
  another card's cosine beats the graded card's by WORDS_MARGIN.
Both margins chosen on dev (every answers-c* batch, 97 wrong-problem answers and 582 answers
on the asked problem, 300 of them with enough design text to be judged): above the largest
margin any answer on its own problem reached (0.029 and 0.032), with room.
"""

from __future__ import annotations

import threading

import numpy as np
from pydantic import BaseModel

from agent.content.card_texts import relevance_texts
from agent.content.problems import ProblemCard, ProblemLibrary
from agent.grading.card_words import card_words
from agent.grading.evidence import Sentence
from agent.knowledge.cosine_thresholds import cosine_thresholds
from agent.read.facts import card_fingerprint

# Fewer design sentences than this say too little to tell which problem they are about: a
# correct four-line video-recommendation answer sat 0.13-0.15 closer to video search (the
# two cards share most of their vocabulary), and the cap scored it 1/4 everywhere. The
# written wrong-problem answers of the used batches have 17 or more sentences.
MIN_DESIGN_SENTENCES = 8
# a sentence's fit to a card: the mean cosine of its closest few card texts (one text alone
# lets a single shared phrase decide)
CLAIM_TOP_K = 3
# another card's word cosine above the graded card's by this much: off the problem (words
# weighted by inverse card frequency; no sentence model involved) ...
WORDS_MARGIN = 0.05
# ... unless the answer's mean vector puts the graded card ahead of that card by this much
# or more. Chosen on dev: the judged fidelity transcripts capped by words alone sat 0.16
# and 0.18 behind their own card by meaning (video search against video recommendation),
# the wrong-problem answers of answers-c* caught by words alone at most 0.108 behind
MEANING_AGAINST_WORDS = 0.12
# design sentences of fewer words than this in all are too little text to tell, however
# many: a terse design of twelve four-word notes ("FoF precomputed daily. Spark.") sits
# nearer whichever card is about latencies and batch jobs. The shortest wrong-problem
# answer of the answers-c* batches (dev) has 103 design words
MIN_DESIGN_WORDS = 100


class Relevance(BaseModel):
    off_problem: bool
    margin: float  # best other card's similarity minus the graded card's (0 when it is best)
    closest: str  # the card the answer is closest to
    claim_margin: float = 0.0  # the same, claim by claim against each card's texts
    words_margin: float = 0.0  # the same, by the cards' own words


_CARDS: dict[int, tuple[np.ndarray, np.ndarray]] = {}
_LOCK = threading.Lock()


def _card_embeddings(card: ProblemCard) -> tuple[np.ndarray, np.ndarray]:
    """The card's relevance texts embedded once: their unit vectors and their mean's unit vector."""
    from agent.understanding import shared_understanding

    key = card_fingerprint(card)
    with _LOCK:
        hit = _CARDS.get(key)
    if hit is not None:
        return hit
    raw = shared_understanding().embed(relevance_texts(card))
    mean = raw.mean(axis=0)
    pair = (_units(raw), mean / max(1e-9, float(np.linalg.norm(mean))))
    with _LOCK:
        if len(_CARDS) > 256:
            _CARDS.clear()
        _CARDS[key] = pair
    return pair


def card_text_vectors(card: ProblemCard) -> np.ndarray:
    """The unit vectors of each of the card's relevance texts."""
    return _card_embeddings(card)[0]


def card_vector(card: ProblemCard) -> np.ndarray:
    """The unit vector of the mean of the card's relevance texts."""
    return _card_embeddings(card)[1]


def problem_relevance(
    sentences: list[Sentence], card: ProblemCard, library: ProblemLibrary
) -> Relevance | None:
    """How the answer's design sentences sit against every card; None with too little design
    text (under MIN_DESIGN_SENTENCES sentences or MIN_DESIGN_WORDS words)."""
    from agent.understanding import shared_understanding

    u = shared_understanding()
    if u.embedder is None:
        return None
    design = [s.text for s in sentences if s.findings is not None and s.findings.signals]
    if len(design) < MIN_DESIGN_SENTENCES or sum(len(t.split()) for t in design) < MIN_DESIGN_WORDS:
        return None  # too little design talk to tell what it is about
    cards = {cid: library.get(cid) for cid in library.ids()}
    cards[card.id] = card
    ids = sorted(cards)
    others = [k for k in ids if k != card.id]
    claims = u.embed(design)
    vectors = np.stack([card_vector(cards[cid]) for cid in ids])
    centre = vectors.mean(axis=0)
    answer = _unit(_unit(claims.mean(axis=0)) - centre)
    sims = {cid: float(_unit(v - centre) @ answer) for cid, v in zip(ids, vectors, strict=True)}
    fits = claim_fits(claims, [card_text_vectors(cards[cid]) for cid in ids])
    fit = dict(zip(ids, fits, strict=True))
    said = card_words(cards).similarities(design)
    limits = cosine_thresholds()
    # by words alone another card is closer only when the meaning of the whole answer does
    # not clearly put the graded card ahead of it: two neighbouring cards share most of
    # their words (video search and video recommendation), and an answer on either can use
    # more of the words its neighbour's card happens to list
    by_words = {
        k: said[k] - said[card.id]
        for k in others
        if sims[k] - sims[card.id] > -MEANING_AGAINST_WORDS
    }
    closer = [
        k
        for k in others
        if sims[k] - sims[card.id] >= limits.off_problem_margin
        or fit[k] - fit[card.id] >= limits.claim_fit_margin
        or by_words.get(k, 0.0) >= WORDS_MARGIN
    ]
    off = bool(closer)
    closest = max(ids, key=lambda k: (sims[k], k == card.id))
    if off and closest not in closer:  # named by a view that found another card closer
        closest = max(closer, key=lambda k: fit[k] + said[k])
    return Relevance(
        off_problem=off,
        margin=round(sims[closest] - sims[card.id], 4),
        closest=closest,
        claim_margin=round(max(fit[k] for k in others) - fit[card.id], 4),
        words_margin=round(max(said[k] for k in others) - said[card.id], 4),
    )


def claim_fits(claims: np.ndarray, cards: list[np.ndarray]) -> list[float]:
    """Per card, how well the claims fit its texts: each claim's centred cosine to the card's
    CLAIM_TOP_K closest texts, averaged over the claims. Centred on the mean of every card's
    texts, so the ML vocabulary all designs share does not count."""
    centre, centred = _centred(cards)
    said = _units(claims - centre)
    out = []
    for texts in centred:
        sims = said @ texts.T
        k = min(CLAIM_TOP_K, sims.shape[1])
        out.append(float(np.sort(sims, axis=1)[:, -k:].mean()))
    return out


_CENTRED: dict[tuple[int, ...], tuple[list[np.ndarray], np.ndarray, list[np.ndarray]]] = {}


def _centred(cards: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """The mean of every card's texts and each card's texts centred on it as unit vectors,
    worked out once per library (the cards' vectors are themselves kept, _card_embeddings)."""
    key = tuple(id(c) for c in cards)
    with _LOCK:
        hit = _CENTRED.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], cards, strict=True)):
        return hit[1], hit[2]
    centre = np.concatenate(cards).mean(axis=0)
    centred = [_units(texts - centre) for texts in cards]
    with _LOCK:
        if len(_CENTRED) > 16:
            _CENTRED.clear()
        _CENTRED[key] = (list(cards), centre, centred)
    return centre, centred


def _units(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(1e-9, float(np.linalg.norm(v)))
