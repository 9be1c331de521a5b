"""What a headed part of a written answer says it is about: its heading, read for meaning.

A candidate who writes "## Clarifying questions" and then states the data volume and the
latency budget has framed the problem; the same figures under "## Deployment" design the
serving path. The heading is the candidate's own word on a part's subject, so where it names
rubric dimensions clearly, the part is about those (agent/grading/parts.py) rather than about
whichever dimension its sentences happen to touch most. A heading that names no dimension
clearly (the problem's title, "Notes") leaves the part to be judged by its evidence.
"""

from __future__ import annotations

import re
import threading

import numpy as np

from agent.content.rubric import Rubric
from agent.knowledge.cosine_thresholds import CosineThresholds, cosine_thresholds
from agent.understanding import shared_understanding

# A heading names a dimension when its cosine to the dimension (its title or one of its
# signals' descriptions, the closest) reaches the sentence model's heading floor and beats the
# next dimension by its heading margin: a heading close to several ("Serving": deployment or
# training?) names none of them. A heading that lists topics names each topic's dimension.
# Both belong to the sentence model (agent/knowledge/cosine_thresholds.py).

# a heading that lists its topics ("Metrics and evaluation", "Deployment (serving and
# monitoring)") names each of them
_TOPICS = re.compile(r"\s*(?:\band\b|&|/|,|\+|\(|\)|:|;)\s*", re.IGNORECASE)

_LOCK = threading.Lock()
_TABLE: dict[tuple[str, ...], tuple[list[str], np.ndarray, np.ndarray]] = {}


def dimension_texts(rubric: Rubric) -> tuple[list[str], list[str], np.ndarray]:
    """(dimension ids, each one's title and signal descriptions, the dimension of each)."""
    ids: list[str] = []
    texts: list[str] = []
    owner: list[int] = []
    for i, dim in enumerate(rubric.dimensions):
        ids.append(dim.id)
        for text in [dim.title, *(s.description for s in dim.signals)]:
            texts.append(text)
            owner.append(i)
    return ids, texts, np.asarray(owner)


def _dimension_vectors(rubric: Rubric) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(dimension ids, unit vectors of each one's title and signal descriptions, owner)."""
    ids, texts, owner = dimension_texts(rubric)
    key = (*ids, *texts)
    with _LOCK:
        known = _TABLE.get(key)
    if known is not None:
        return known
    table = (ids, shared_understanding().embed(texts), owner)
    with _LOCK:
        _TABLE[key] = table
    return table


def heading_topics(heading: str) -> list[str]:
    pieces = [p for p in _TOPICS.split(heading) if any(c.isalpha() for c in p)]
    return [heading, *pieces] if len(pieces) > 1 else [heading]


def heading_subjects(headings: list[str], rubric: Rubric) -> dict[str, set[str]]:
    """Per heading, the dimensions it names (none: the heading is left out)."""
    wanted = sorted({h for h in headings if h})
    if not wanted:
        return {}
    ids, vectors, owner = _dimension_vectors(rubric)
    texts = sorted({t for h in wanted for t in heading_topics(h)})
    sims = dict(zip(texts, shared_understanding().embed(texts) @ vectors.T, strict=True))
    limits = cosine_thresholds()  # once per answer, not once per topic
    out: dict[str, set[str]] = {}
    for heading in wanted:
        topics = heading_topics(heading)
        named = {d for d in (_named(sims[t], ids, owner, limits) for t in topics) if d}
        if named:
            out[heading] = named
    return out


def _named(
    row: np.ndarray, ids: list[str], owner: np.ndarray, limits: CosineThresholds
) -> str | None:
    """The dimension one topic clearly names, if any (none without an embedder)."""
    if len(ids) < 2 or not row.any():
        return None
    per_dim = np.array([row[owner == i].max() for i in range(len(ids))])
    first, second = np.argsort(-per_dim)[:2]
    best = float(per_dim[first])
    clear = best - float(per_dim[second]) >= limits.heading_margin
    return ids[first] if best >= limits.heading_floor and clear else None
