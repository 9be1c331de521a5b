"""Which rubric signal a request is about, by meaning: "any hint on how to split the data?"
is about the split, though it states nothing (the signal head, trained on claims, rightly
finds no evidence in it).

Each signal is represented by the mean MiniLM vector of its description and examples; a
request is about the closest signal when the cosine reaches ABOUT_THRESHOLD (chosen on a
handful of dev hint requests: named topics score 0.43-0.58, bare "I'm stuck" 0.11-0.16).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection

import numpy as np

from agent.content.rubric import Rubric
from agent.understanding.reader import Understanding

ABOUT_THRESHOLD = 0.4

_CACHE: dict[int, tuple[list[str], np.ndarray]] = {}
_LOCK = threading.Lock()


def _signal_vectors(rubric: Rubric, u: Understanding) -> tuple[list[str], np.ndarray]:
    key = hash(tuple((s.id, s.description, tuple(s.examples)) for s in _signals(rubric)))
    with _LOCK:
        found = _CACHE.get(key)
    if found is not None:
        return found
    ids: list[str] = []
    rows: list[np.ndarray] = []
    for s in _signals(rubric):
        mean = u.embed([s.description, *s.examples]).mean(axis=0)
        norm = float(np.linalg.norm(mean))
        ids.append(s.id)
        rows.append(mean / norm if norm > 0 else mean)
    found = (ids, np.stack(rows) if rows else np.zeros((0, 384), dtype=np.float32))
    with _LOCK:
        _CACHE[key] = found
    return found


def _signals(rubric: Rubric) -> list:
    return [s for d in rubric.dimensions for s in d.signals]


def signal_vector(signal: str, rubric: Rubric, u: Understanding) -> np.ndarray | None:
    """A signal's mean vector (its description and examples), or None for no such signal."""
    if u.embedder is None:
        return None
    ids, vectors = _signal_vectors(rubric, u)
    return vectors[ids.index(signal)] if signal in ids else None


def closest_to(
    signal: str,
    sentences: list[str],
    rubric: Rubric,
    u: Understanding,
    request: str = "",
    prior: list[float] | None = None,
) -> str | None:
    """The sentence (of some guidance) closest in meaning to a signal: the hint that is about
    what was asked, not the first line of a chunk that was retrieved for it. With the
    candidate's `request`, closeness to their own words counts as much ("the best metric for
    ranking" gets the ranking-metric sentence, not the one about rare classes). `prior`, one
    per sentence, is added as it is (the retrieval score of the sentence's section)."""
    if u.embedder is None or not sentences:
        return None
    ids, vectors = _signal_vectors(rubric, u)
    if signal not in ids:
        return None
    found = u.embed(sentences)
    sims = found @ vectors[ids.index(signal)]
    if request.strip():
        sims = sims + found @ u.embed([request])[0]
    if prior is not None and len(prior) == len(sentences):
        sims = sims + np.asarray(prior, dtype=sims.dtype)
    return sentences[int(np.argmax(sims))]


_CLAUSE = re.compile(r"\s*(?:[,;:]|\s-+\s|\(|\))\s*")


def asked_about(
    sentences: list[str],
    rubric: Rubric,
    u: Understanding,
    whole: str = "",
    mentioned: Collection[str] = (),
) -> str | None:
    """The signal the request names (in whichever of its sentences, or of their clauses,
    names one most clearly: "About the random split, I am not sure what the problem is"
    names the split in its first clause), or None when it names none clearly.

    With the `whole` message, a clause alone does not decide: each signal's closeness is
    the mean of its closeness to the best piece and to the whole message, plus
    MENTION_BONUS for a signal the understanding model reads the message as talking about
    (`mentioned`). A stray word of one clause (a serving detail in a message about a
    bias in the labels) no longer outweighs what the message is about."""
    if u.embedder is None or not sentences:
        return None
    ids, vectors = _signal_vectors(rubric, u)
    if not ids:
        return None
    pieces = list(sentences)
    for sentence in sentences:
        clauses = [c for c in _CLAUSE.split(sentence) if len(c.split()) >= 2]
        pieces += [c for c in clauses if c != sentence and c not in pieces]
    best = (u.embed(pieces) @ vectors.T).max(axis=0)  # (signals,)
    if whole.strip() and whole.strip() != " ".join(sentences).strip():
        best = 0.5 * best + 0.5 * (u.embed([whole])[0] @ vectors.T)
        best = best + MENTION_BONUS * np.asarray([i in mentioned for i in ids], dtype=best.dtype)
    col = int(np.argmax(best))
    return ids[col] if float(best[col]) >= ABOUT_THRESHOLD else None


# how much the understanding model reading a message as talking about a signal adds to the
# signal's closeness to it (see asked_about)
MENTION_BONUS = 0.1
