"""What the understanding models see of a piece of text: its meaning and its words.

A text (a sentence, or a whole short message) becomes one feature row:

- its MiniLM sentence embedding (384 numbers, unit length), scaled so it weighs about as much
  as the word features;
- binary word features over a vocabulary learned from the training corpus: lower-case words,
  word pairs (so "no need", "don't bother" and "instead of" carry their polarity), and a few
  shape tokens (the first word, a closing question mark, a number, the length bucket);
- the marks of a note that states something: an equals sign ("label = purchase within 7d"),
  an arrow ("PSI > 0.2 -> retrain"), and a short head before a colon ("loss: huber",
  "why: tabular data"). Word tokens drop punctuation, so without these a terse definition
  and a bare keyword differ only in their other words;
- the words a negation governs, marked as such ("never a random split" gives `not:random`
  and `not:split`; "MAE, not accuracy" gives `not:accuracy`): a word under a negation up to
  the end of its clause (a comma, a colon, a dash, "but") is another feature than the same
  word stated, so a linear head can tell rejecting a mistake from making it.

The vocabulary ships inside the weights file, so the same words mean the same columns at
training and at prediction time. Nothing here is a phrase list: which words matter, and in
which direction, is learned.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

EMBEDDING_SCALE = 4.0  # unit embeddings times this, next to 0/1 word features
_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\?")
_NUMBER = re.compile(r"\d")
# the marks of a note that states something (see the module docstring), as shape tokens
_SHAPES = (
    (re.compile(r"(?<![=<>!])=(?![=>])|:="), "<eq>"),
    (re.compile(r"->|=>|\u2192|\u21d2"), "<arrow>"),
    (re.compile(r"^[\W_]*[a-z][\w /()-]{0,24}:\s*\S"), "<head:>"),
)
_LENGTH_BUCKETS = (3, 8, 20, 45)
# closed-class words that negate what follows them in their clause (plus any "...n't")
_NEGATORS = frozenset(
    {"not", "no", "never", "without", "nor", "neither", "cannot", "instead", "rather"}
)
_CLAUSE_END = re.compile(r"[,.;:!?()\[\]\-/>]|\bbut\b|\bso\b|\bbecause\b")
NEGATION_SCOPE = 5  # words after a negator read as negated
NEGATED = "not:"  # prefix of a negated word's token
NEGATED_VOCABULARY = 1500  # negated tokens kept beside the plain vocabulary
COLUMN_CACHE = 8192  # texts whose vocabulary columns are remembered


def _length_token(n: int) -> str:
    for edge in _LENGTH_BUCKETS:
        if n <= edge:
            return f"<len<={edge}>"
    return "<len>45>"


def tokens(text: str) -> list[str]:
    """The word, word-pair and shape tokens of one text (duplicates removed, order kept)."""
    low = text.translate(_STRAIGHTEN).lower()
    ws = _TOKEN.findall(low)
    words = [w for w in ws if w != "?"]
    out: list[str] = list(words)
    out += [f"{a} {b}" for a, b in itertools.pairwise(words)]
    if words:
        out.append(f"<first>{words[0]}")
    if low.rstrip().rstrip("\"')]*").endswith("?"):
        out.append("<ends?>")
    elif "?" in ws:
        out.append("<has?>")
    if _NUMBER.search(low):
        out.append("<num>")
    out += [name for pattern, name in _SHAPES if pattern.search(low)]
    out.append(_length_token(len(words)))
    out += _negated(low)
    return list(dict.fromkeys(out))  # first occurrence of each, in order


def _negated(low: str) -> list[str]:
    """The words under a negation, each as `not:<word>`: up to NEGATION_SCOPE words after a
    negator, within its clause."""
    out: list[str] = []
    for clause in _CLAUSE_END.split(low):
        scope = 0
        for w in _TOKEN.findall(clause):
            if w in _NEGATORS or w.endswith("n't"):
                scope = NEGATION_SCOPE
            elif scope:
                out.append(NEGATED + w)
                scope -= 1
    return out


def build_vocabulary(
    texts: Sequence[str],
    *,
    min_df: int = 2,
    size: int = 6000,
    negated_size: int = NEGATED_VOCABULARY,
) -> list[str]:
    """The most frequent tokens (by number of texts they occur in), at least min_df each:
    `size` plain ones, and beside them `negated_size` negated ones (so negated words never
    push plain ones out)."""
    df: dict[str, int] = {}
    for text in texts:
        for tok in tokens(text):
            df[tok] = df.get(tok, 0) + 1
    kept = [t for t, n in df.items() if n >= min_df]
    kept.sort(key=lambda t: (-df[t], t))
    plain = [t for t in kept if not t.startswith(NEGATED)][:size]
    negated = [t for t in kept if t.startswith(NEGATED)][:negated_size]
    return sorted(plain + negated)


@dataclass(frozen=True)
class FeatureRows:
    """Feature rows kept in their two parts: the scaled embeddings (dense) and, per row, the
    vocabulary columns that are 1. Rows are ~6,400 wide but hold ~30 ones, so a layer reads
    them as `dense @ W[:dim]` plus the sum of the word rows of W, not as a dense product."""

    dense: np.ndarray  # (rows, embedding_dim), already scaled
    columns: tuple[np.ndarray, ...]  # per row: indices into the vocabulary
    width: int

    def __len__(self) -> int:
        return len(self.columns)

    def toarray(self) -> np.ndarray:
        dim = self.dense.shape[1]
        out = np.zeros((len(self), self.width), dtype=np.float32)
        out[:, :dim] = self.dense
        for r, cols in enumerate(self.columns):
            out[r, dim + cols] = 1.0
        return out

    def dot(self, w: np.ndarray) -> np.ndarray:
        """The same as `self.toarray() @ w`, without building the wide rows."""
        dim = self.dense.shape[1]
        out = self.dense @ w[:dim]
        rows = [r for r, cols in enumerate(self.columns) if len(cols)]
        if rows:
            # every row's word rows gathered in one go, then summed per row (reduceat)
            flat = np.concatenate([self.columns[r] for r in rows])
            starts = np.cumsum([0, *(len(self.columns[r]) for r in rows[:-1])])
            out[rows] += np.add.reduceat(w[dim:][flat], starts, axis=0)
        return out


class Featurizer:
    """Text -> feature rows, given a vocabulary and sentence embeddings."""

    def __init__(self, vocabulary: Sequence[str], embedding_dim: int = 384) -> None:
        self.vocabulary = list(vocabulary)
        self.index = {t: i for i, t in enumerate(self.vocabulary)}
        self.embedding_dim = embedding_dim
        self._seen: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def width(self) -> int:
        return self.embedding_dim + len(self.vocabulary)

    def lexical(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        for r, text in enumerate(texts):
            cols = [self.index[t] for t in tokens(text) if t in self.index]
            out[r, cols] = 1.0
        return out

    def rows(self, texts: Sequence[str], embeddings: np.ndarray) -> np.ndarray:
        """Feature rows for `texts`, whose embeddings (one unit row each) are given."""
        self._check(texts, embeddings)
        return np.hstack([embeddings.astype(np.float32) * EMBEDDING_SCALE, self.lexical(texts)])

    def sparse_rows(self, texts: Sequence[str], embeddings: np.ndarray) -> FeatureRows:
        """The same rows as `rows`, kept sparse (what prediction reads)."""
        self._check(texts, embeddings)
        columns = tuple(self._columns(text) for text in texts)
        dense = embeddings.astype(np.float32) * EMBEDDING_SCALE
        return FeatureRows(dense=dense, columns=columns, width=self.width)

    def _columns(self, text: str) -> np.ndarray:
        """The vocabulary columns of one text, remembered for the texts seen last (a recap
        reads again the sentences its turns read; a re-grade reads the same answer)."""
        with self._lock:
            found = self._seen.get(text)
            if found is not None:
                self._seen.move_to_end(text)
                return found
        cols = np.array([self.index[t] for t in tokens(text) if t in self.index], dtype=np.intp)
        cols.setflags(write=False)
        with self._lock:
            self._seen[text] = cols
            while len(self._seen) > COLUMN_CACHE:
                self._seen.popitem(last=False)
        return cols

    def _check(self, texts: Sequence[str], embeddings: np.ndarray) -> None:
        if embeddings.shape != (len(texts), self.embedding_dim):
            raise ValueError(
                f"expected embeddings of shape {(len(texts), self.embedding_dim)}, "
                f"got {embeddings.shape}"
            )
