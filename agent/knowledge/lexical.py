"""BM25 (Okapi) over the chunk texts: exact-word evidence to complement the embeddings.

The corpus is small (a few hundred chunks), so a plain in-memory inverted index is enough.
Tokens are lower-case words with a light suffix stemmer, so "labels", "labelled" and
"labelling" meet; very common words get almost no weight through IDF.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")
# Longest first; a suffix is only removed when at least three letters remain.
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ers", "ed", "es", "er", "ly", "s")


# A word's stem depends on the word alone: the corpus's ~17,000 words are ~2,500 distinct,
# so the index build of a process's first search (about 20 ms of CPU on the 2-core box, most
# of it here) stems each word once.
@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # labell -> label, shipp -> ship
    return word


def tokenize(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower()) if len(w) > 1 or w.isdigit()]


def word_counts(text: str) -> Counter[str]:
    """A document's terms and how often each occurs, in the order they first occur."""
    return Counter(tokenize(text))


def word_counts_of(docs: dict[str, str]) -> dict[str, Counter[str]]:
    return {i: word_counts(t) for i, t in docs.items()}


class BM25:
    """Okapi BM25 with Lucene's non-negative IDF."""

    def __init__(self, docs: dict[str, str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._index(word_counts_of(docs))

    @classmethod
    def from_counts(cls, counts: dict[str, Counter[str]], k1: float = 1.2, b: float = 0.75) -> BM25:
        """The index of documents whose word counts (`word_counts` of each text) are at hand
        (agent/knowledge/kept_corpus.py): the one their texts give, without reading them."""
        bm25 = cls.__new__(cls)
        bm25.k1, bm25.b = k1, b
        bm25._index(counts)
        return bm25

    def _index(self, counts: dict[str, Counter[str]]) -> None:
        self._tf: dict[str, Counter[str]] = counts
        self._len = {i: sum(tf.values()) for i, tf in self._tf.items()}
        n = len(self._tf)
        self._avg = (sum(self._len.values()) / n) if n else 0.0
        df: Counter[str] = Counter()
        for tf in self._tf.values():
            df.update(tf.keys())
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}

    def __len__(self) -> int:
        return len(self._tf)

    def scores(self, query: str, ids: Iterable[str] | None = None) -> dict[str, float]:
        """BM25 score of each document (or each of `ids`) for the query; unknown ids score 0."""
        terms = Counter(tokenize(query))
        targets = list(self._tf) if ids is None else list(ids)
        out: dict[str, float] = {}
        for doc_id in targets:
            tf = self._tf.get(doc_id)
            if tf is None:
                out[doc_id] = 0.0
                continue
            norm = self.k1 * (1 - self.b + self.b * self._len[doc_id] / (self._avg or 1.0))
            total = 0.0
            for term, qf in terms.items():
                f = tf.get(term, 0)
                if f:
                    total += qf * self._idf[term] * f * (self.k1 + 1) / (f + norm)
            out[doc_id] = total
        return out

    def coverage(self, query: str, ids: Iterable[str] | None = None) -> float:
        """Share of the query's IDF mass that the best single document contains, in [0, 1].

        High when some chunk uses the query's informative words (a keyword query), low when
        the query is phrased in words the corpus does not use (a paraphrase), so the fusion
        can lean on BM25 only when BM25 has something to say.
        """
        terms = set(tokenize(query))
        if not terms:
            return 0.0
        unseen = math.log(1 + (len(self._tf) + 0.5) / 0.5)  # a word no document uses
        total = sum(self._idf.get(t, unseen) for t in terms)
        targets = list(self._tf) if ids is None else [i for i in ids if i in self._tf]
        best = max(
            (sum(self._idf[t] for t in terms if t in self._tf[i]) for i in targets), default=0.0
        )
        return best / total if total else 0.0
