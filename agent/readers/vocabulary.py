"""Is a message made of words at all? The in-vocabulary ratio behind "gibberish".

The known-word list is the MiniLM WordPiece vocabulary (whole words only, shipped with the
embedding model) plus the domain words of the rubric, the lexicon and the problem card, so
"xgboost" and "qps" count as words while "asdfjkl qwrtz" does not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache

from agent.readers.spans import words

_SUFFIXES = (
    "'s",
    "s",
    "es",
    "ed",
    "ing",
    "ly",
    "er",
    "ers",
    "ies",
    "ment",
    "ness",
    "ation",
    "ations",
)


@lru_cache(maxsize=1)
def wordpiece_words() -> frozenset[str]:
    """Whole-word entries of the embedding model's vocabulary (empty if unavailable)."""
    try:
        from agent.knowledge.embedding import EmbeddingUnavailable, tokenizer_path

        path = tokenizer_path()
    except (ImportError, EmbeddingUnavailable):
        return frozenset()
    try:
        vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError, TypeError):
        return frozenset()
    return frozenset(w for w in vocab if (w.isalpha() and len(w) > 1) or w in {"a", "i"})


class Vocabulary:
    def __init__(self, extra: Iterable[str] = ()) -> None:
        self.base = wordpiece_words()
        self.extra = frozenset(w for phrase in extra for w in words(phrase))

    def known(self, word: str) -> bool:
        w = word.lower().replace("’", "'")
        if w in self.base or w in self.extra:
            return True
        for suffix in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 2:
                stem = w[: -len(suffix)]
                if stem in self.base or stem in self.extra or stem + "e" in self.base:
                    return True
        if "'" in w:
            return w.split("'", 1)[0] in self.base
        return False

    def known_ratio(self, text: str) -> tuple[float, int]:
        """(share of known words, number of words); (1.0, 0) when there are no words."""
        ws = words(text)
        if not ws:
            return 1.0, 0
        known = sum(1 for w in ws if self.known(w))
        return known / len(ws), len(ws)
