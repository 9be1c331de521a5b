"""Which of a problem card's facts a question part asks for: two learned heads.

- `fact_topics`: over the MiniLM vector of a question part, one sigmoid per fact topic of
  the cards' shared vocabulary (scale, latency, labels, data, business_goal, ...), trained
  on clarifying questions labelled with the topics they ask for, and on questions no card
  answers (all zeros);
- `fact_match`: one sigmoid over a (question part, card fact) pair, so the card's own fact
  text takes part: the part's vector times the fact's (description and answer averaged),
  their cosine, the cosine with the fact's closest cue phrase, the cosine's lead over the
  card's next fact, the topic head's probability for the fact's topic and whether a cue
  phrase of the fact is in the part (the cue lists are one feature among these).

A part asks for the card facts whose pair score reaches the head's threshold; its most
likely fact needs only the lower `top_threshold` (a part usually asks one thing). Where its two
likeliest facts both reach the top threshold within TIE_MARGIN of each other, the head is
tied, most often by a word the part shares with one of them ("how many images could they
annotate?" names a cue of the volume): the fact whose text is clearly nearer the part's
meaning (`by_subject`) is the one asked, and the other is dropped. Both
thresholds are chosen on the dev split of the fact-question corpus (agent/understanding/
fact_heads.py). Prediction is numpy only; the weights ship in the understanding file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from agent.understanding.model import Head

TOPIC_HEAD = "fact_topics"
MATCH_HEAD = "fact_match"
SCALAR_FEATURES = 5  # cosine, cue cosine, lead, topic probability, cue hit
# the match head's stricter bars (HeadInfo.thresholds), for a question asked in the middle of
# a design answer, where a fact given on a loose match reads as not listening
STRICT = "strict"
STRICT_TOP = "strict_top"


# the tie rule (`by_subject`), chosen on the dev split of the fact-question corpus
# (bench.fact_questions' parts, after asked18's refit): two likeliest facts within 0.05 of each
# other, both at the top threshold, and one nearer the part by 0.1 or more (its nearest
# piece's MiniLM cosine): parts read exactly right 0.772 -> 0.776, precision 0.867 -> 0.870,
# recall 0.792 -> 0.787 (margin 0.03: 0.774; gap 0.05: the same exact at more decisions on
# small differences of cosine). Dev figures: these parts chose the values
TIE_MARGIN = 0.05
TIE_GAP = 0.1


@dataclass
class CardSide:
    """What the pair head needs of one card: its fact topics, unit fact vectors (facts,
    dim) and per fact the vectors of its cue phrases."""

    topics: list[str]
    vectors: np.ndarray
    cue_vectors: list[np.ndarray]


def pair_rows(
    vector: np.ndarray, card: CardSide, topic_probs: dict[str, float], cue_hits: set[str]
) -> np.ndarray:
    """(facts, dim + SCALAR_FEATURES): the pair features of one question part against
    every fact of a card."""
    whole = card.vectors @ vector
    cues = np.array(
        [float(np.max(c @ vector)) if len(c) else 0.0 for c in card.cue_vectors],
        dtype=np.float32,
    )
    lead = np.zeros(len(whole), dtype=np.float32)
    for j in range(len(whole)):
        others = np.delete(whole, j)
        lead[j] = whole[j] - (float(others.max()) if len(others) else 0.0)
    topic = np.array([topic_probs.get(t, 0.0) for t in card.topics], dtype=np.float32)
    hit = np.array([float(t in cue_hits) for t in card.topics], dtype=np.float32)
    scalars = np.stack([whole, cues, lead, topic, hit], axis=1)
    return np.concatenate([card.vectors * vector[None, :], scalars], axis=1).astype(np.float32)


def topic_probabilities(head: Head, vectors: np.ndarray) -> list[dict[str, float]]:
    """Per question vector, the topic head's probability for each topic."""
    if not len(vectors):
        return []
    probs = head.predict(vectors)
    return [dict(zip(head.labels, map(float, row), strict=True)) for row in probs]


def chosen(scores: np.ndarray, threshold: float, top_threshold: float | None) -> list[int]:
    """The facts a part asks for: every fact at the threshold, its best one already at the
    top threshold; in order of score."""
    if not len(scores):
        return []
    order = [int(j) for j in np.argsort(-scores)]
    best = order[0]
    out = [j for j in order if scores[j] >= threshold]
    if top_threshold is not None and best not in out and scores[best] >= top_threshold:
        out.insert(0, best)
    return out


def pair_scores(
    match: Head,
    vector: np.ndarray,
    card: CardSide,
    topic_probs: dict[str, float],
    cue_hits: set[str],
) -> np.ndarray:
    """(facts,): the pair head's probability that the part asks for each of the card's facts
    (zeros for a part without a vector)."""
    if not card.topics or not vector.any():
        return np.zeros(len(card.topics), dtype=np.float32)
    return match.predict(pair_rows(vector, card, topic_probs, cue_hits))[:, 0]


def asked_facts(
    match: Head,
    vector: np.ndarray,
    card: CardSide,
    topic_probs: dict[str, float],
    cue_hits: set[str],
    *,
    strict: bool = False,
    scores: np.ndarray | None = None,
) -> list[str]:
    """The card fact topics one question part asks for (none: the card does not answer it);
    `strict`: the stricter bars, except for a fact the part names by one of its cues;
    `scores`: the part's pair_scores when already computed."""
    if not card.topics or not vector.any():
        return []
    if scores is None:
        scores = pair_scores(match, vector, card, topic_probs, cue_hits)
    info = match.info
    picked = chosen(scores, info.threshold, info.top_threshold)
    if strict:
        loose = picked
        picked = chosen(
            scores,
            info.thresholds.get(STRICT, info.threshold),
            info.thresholds.get(STRICT_TOP, info.top_threshold),
        )
        # a fact one of whose cue phrases the part names needs only the normal bars
        picked = picked or [j for j in loose if card.topics[j] in cue_hits]
    return [card.topics[j] for j in picked]


def by_subject(
    picked: list[str],
    topics: list[str],
    scores: np.ndarray,
    nearness: Callable[[str], float],
    top: float,
) -> list[str]:
    """The facts a part asks for (`picked`, as `asked_facts` read them) with a tie settled by
    meaning: when the two likeliest facts both reach `top` (the top threshold) within
    TIE_MARGIN of each other and one of them is nearer the part by TIE_GAP (`nearness`: of a
    fact, the part's cosine with its nearest piece; asked only of the two tied facts), only
    that one of the two is asked."""
    if len(scores) < 2 or not picked:
        return picked
    first, second = (int(j) for j in np.argsort(-scores)[:2])
    if scores[second] < top or scores[first] - scores[second] >= TIE_MARGIN:
        return picked
    gap = float(nearness(topics[first]) - nearness(topics[second]))
    if abs(gap) < TIE_GAP:
        return picked
    keep, drop = (topics[first], topics[second]) if gap > 0 else (topics[second], topics[first])
    out = [t for t in picked if t != drop]
    return out if keep in out else [keep, *out]
