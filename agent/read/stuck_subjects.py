"""Which hint point (knowledge/hint_points.yaml) a request for help is about, by meaning.

Each point says in a candidate's plain words what someone stuck on it talks about (its
`about` lines). A request is compared with them piece by piece: the whole message, and each
sentence that asks for help together with the sentence before it ("I'm not sure how to fix
that." says what "that" is only beside the sentence before). A point's closeness is the mean
of its two closest lines' cosines, each to its closest piece; the request is about the
closest point when that reaches SUBJECT_BAR (chosen on dev hint turns, see
bench/hint_labels/hints9_subjects_dev.tsv), and about none otherwise: a hint then asks a narrowing
question on the candidate's own words rather than naming a point that is not theirs.
"""

from __future__ import annotations

import re
import threading

import numpy as np

from agent.content.hint_points import HintPoint, HintPointCatalog
from agent.content.problems import ProblemCard
from agent.understanding.reader import Understanding
from agent.understanding.sentences import split_sentences
from agent.understanding.vectors import MAX_CHARS

# the closeness (see closeness) a request must reach with a point to be about it, chosen on
# 112 dev hint turns labelled by hand (bench/hint_labels/hints9_subjects_dev.tsv): at 0.46, 82 read
# right (the point that fits, or none when none does), 10 name a point that does not fit,
# 20 miss one that does; 0.40 names a wrong point 22 times, 0.50 misses 28
SUBJECT_BAR = 0.46
# words a sentence needs to be a piece of its own
MIN_PIECE_WORDS = 4

_CACHE: dict[str, np.ndarray] = {}
_LOCK = threading.Lock()


def pieces(message: str, stuck_on: list[str]) -> list[str]:
    """The whole message, and each sentence that asks for help with the sentence before it
    (what "that" is). A statement alone is no piece: in a long message one sentence can come
    near a point the request is not about ("so watch time is the main metric" near the
    metric for rare positives). With no help-asking sentence read, every sentence is one."""
    sentences = [s.text for s in split_sentences(message[:MAX_CHARS])]
    out = [message.strip()] if message.strip() else []
    asking = [i for i, s in enumerate(sentences) if any(s in x or x in s for x in stuck_on)]
    if not asking:
        out += [s for s in sentences if len(s.split()) >= MIN_PIECE_WORDS]
    for i in asking:
        window = " ".join(sentences[max(i - 1, 0) : i + 1])
        if len(window.split()) >= MIN_PIECE_WORDS:
            out.append(window)
    return list(dict.fromkeys(out))


def _about_vectors(point: HintPoint, u: Understanding) -> np.ndarray:
    key = "\n".join(point.about)
    with _LOCK:
        found = _CACHE.get(key)
    if found is None:
        found = u.embed(list(point.about))
        with _LOCK:
            _CACHE[key] = found
    return found


def closeness(
    texts: list[str], card: ProblemCard, catalog: HintPointCatalog, u: Understanding
) -> list[tuple[HintPoint, float]]:
    """Every point fitting the card with its closeness to the closest of `texts`, closest
    first."""
    if u.embedder is None or not texts:
        return []
    found = u.embed(texts)
    said = content_words(" ".join(texts))
    rare = _rare_words(catalog)
    scored = [
        (p, _closeness(found, _about_vectors(p, u)) + _shared(said, rare.get(p.id, set())))
        for p in catalog.for_card(card)
    ]
    return sorted(scored, key=lambda x: -x[1])


def _shared(said: set[str], distinctive: set[str]) -> float:
    """SHARED_WEIGHT per distinctive word of the point the request uses, up to SHARED_MAX:
    the embedder reads "stuck on cold start for videos nobody watched" far (0.13) from "a new
    item has no interactions", while the request names the point's own words."""
    return SHARED_WEIGHT * min(len(said & distinctive), SHARED_MAX)


def content_words(text: str) -> set[str]:
    """Content words, lower case, a plural's final s dropped (no function words)."""
    out = set()
    for w in _WORD.findall(text.lower()):
        if len(w) < MIN_LETTERS or w in _FUNCTION:
            continue
        out.add(w[:-1] if w.endswith("s") and not w.endswith("ss") else w)
    return out


def _rare_words(catalog: HintPointCatalog) -> dict[str, set[str]]:
    """Per point, the words of its `about` lines that at most RARE_POINTS points use."""
    key = catalog.hash
    with _LOCK:
        found = _RARE.get(key)
    if found is not None:
        return found
    per_point = {p.id: content_words(" ".join(p.about)) for p in catalog.points}
    counts: dict[str, int] = {}
    for words in per_point.values():
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    found = {
        pid: {w for w in words if counts[w] <= RARE_POINTS} for pid, words in per_point.items()
    }
    with _LOCK:
        _RARE[key] = found
    return found


_WORD = re.compile(r"[a-z][a-z'-]+")
_RARE: dict[str, dict[str, set[str]]] = {}
# a word is a point's own when at most this many points' `about` lines use it
RARE_POINTS = 2
SHARED_WEIGHT = 0.04
SHARED_MAX = 2
MIN_LETTERS = 4
# words that say nothing of a subject, however rarely the points use them
_FUNCTION = frozenset(
    {
        *("which", "what", "when", "where", "while", "that", "this", "these", "those", "there"),
        *("their", "them", "they", "then", "than", "would", "could", "should", "about", "with"),
        *("from", "into", "over", "just", "also", "only", "very", "really", "maybe", "some"),
        *("more", "most", "much", "many", "thing", "things", "something", "anything", "think"),
        *("guess", "know", "sure", "though", "actually", "honestly", "hint", "help", "stuck"),
        *("idea", "give", "point", "even", "does", "doe", "have", "been", "being", "will"),
        *("your", "each", "other", "same", "like", "want", "need", "make", "after", "before"),
        *("else", "here", "there", "okay", "right"),
    }
)


def _closeness(pieces: np.ndarray, about: np.ndarray) -> float:
    """The mean of the point's two closest `about` lines' cosines, each to the piece closest
    to it: one line alone lets a point with many lines win on a chance likeness of one of
    them."""
    best = np.sort((pieces @ about.T).max(axis=0))[-TOP_LINES:]
    return float(best.mean())


# how many of a point's closest lines its closeness averages
TOP_LINES = 2


def stuck_subject(
    message: str,
    stuck_on: list[str],
    card: ProblemCard,
    catalog: HintPointCatalog,
    u: Understanding,
) -> str | None:
    """The id of the point the request is about, or None when none is close enough."""
    ranked = closeness(pieces(message, stuck_on), card, catalog, u)
    if ranked and ranked[0][1] >= SUBJECT_BAR:
        return ranked[0][0].id
    return None
