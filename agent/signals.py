"""Which rubric signals a piece of candidate text shows, with a verbatim quote as evidence.

Two detectors feed one list of hits:
- cues: each signal's cue phrases, matched on word boundaries (plurals tolerated, spaces
  and hyphens interchangeable), skipping cues that the sentence dismisses ("no need to
  monitor", "caching is not necessary");
- embeddings: each sentence against the signal's example sentences (MiniLM cosine), for
  paraphrases that share no cue word.

Used by the offline reader (one message) and by the graders (evidence quotes).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Literal, Protocol

import numpy as np
from pydantic import BaseModel, Field

from agent.readers.spans import Span, compile_cues, normalise, preceding_words, split_sentences
from agent.rubric import Rubric

# Cosine similarity (MiniLM) above which a sentence counts as showing a signal by meaning.
# Calibrated on tests/data/reader_cases.yaml (see tests/test_signals.py).
EMBEDDING_THRESHOLD = 0.62
# Sentences shorter than this (in words) are not compared by embedding: too little meaning.
MIN_EMBED_WORDS = 5
# Text beyond this many characters is not analysed (guards against huge pastes).
DEFAULT_MAX_CHARS = 20_000
MAX_EMBED_SENTENCES = 64

# Phrases that, shortly before a cue in the same clause, say the candidate dismisses it.
_DISMISS_BEFORE = re.compile(
    r"\b(?:no need (?:for|to)|(?:do|does|did|would|will|should)n[o']?t need|don'?t need|"
    r"won'?t need|not need|needn'?t|skip(?:ping)?|ignor(?:e|ing)|not (?:going to )?bother|"
    r"won'?t bother|not worry about|don'?t worry about|never)\b[^,;:.]*$",
    re.IGNORECASE,
)
_DISMISS_AFTER = re.compile(
    r"[^,;:.]{0,30}?\b(?:is|are|isn'?t|aren'?t)?\s*(?:not needed|unnecessary|not necessary|"
    r"not required|n'?t needed|n'?t necessary|n'?t required|not important)\b",
    re.IGNORECASE,
)


class SignalHit(BaseModel):
    signal_id: str
    dimension_id: str
    score: float = Field(ge=0, le=1)
    quote: str  # the verbatim sentence (or clause) of the input that shows the signal
    via: Literal["cue", "embedding"]


class Embedder(Protocol):
    id: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


class _RubricIndex:
    """Compiled cues and (lazily) embedded examples for one rubric version."""

    def __init__(self, rubric: Rubric) -> None:
        self.signal_dim: dict[str, str] = {}
        self.patterns: list[tuple[str, re.Pattern[str]]] = []
        self.example_owner: list[str] = []
        self.examples: list[str] = []
        for dim in rubric.dimensions:
            for sig in dim.signals:
                self.signal_dim[sig.id] = dim.id
                self.patterns.append((sig.id, compile_cues(tuple(sig.cues))))
                for ex in sig.examples:
                    self.example_owner.append(sig.id)
                    self.examples.append(ex)
        self.signal_order = list(self.signal_dim)
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def example_vectors(self, embedder: Embedder) -> np.ndarray:
        key = getattr(embedder, "id", type(embedder).__name__)
        with self._lock:
            if key not in self._vectors:
                self._vectors[key] = embedder.embed(self.examples)
            return self._vectors[key]


_INDEXES: dict[str, _RubricIndex] = {}
_INDEX_LOCK = threading.Lock()


def _index_for(rubric: Rubric) -> _RubricIndex:
    key = rubric.hash
    with _INDEX_LOCK:
        if key not in _INDEXES:
            _INDEXES[key] = _RubricIndex(rubric)
        return _INDEXES[key]


def _dismissed(norm: str, sentence: Span, m: re.Match[str]) -> bool:
    before = " ".join(preceding_words(norm, m.start(), 6, floor=sentence.start))
    if before and _DISMISS_BEFORE.search(before):
        return True
    return bool(_DISMISS_AFTER.match(norm, m.end(), sentence.end))


class SignalDetector:
    """Find rubric signals in text. Cheap to construct; rubric data is cached per hash."""

    def __init__(
        self,
        rubric: Rubric,
        embedder: Embedder | None = None,
        *,
        use_embeddings: bool = True,
        threshold: float = EMBEDDING_THRESHOLD,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> None:
        self.rubric = rubric
        self._index = _index_for(rubric)
        self._embedder = embedder
        self.use_embeddings = use_embeddings
        self.threshold = threshold
        self.max_chars = max_chars

    @property
    def embedder(self) -> Embedder | None:
        if not self.use_embeddings:
            return None
        if self._embedder is None:
            from agent.knowledge.embedding import EmbeddingUnavailable, get_embedder

            try:
                self._embedder = get_embedder()
            except EmbeddingUnavailable:
                self.use_embeddings = False
                return None
        return self._embedder

    # -- public API -------------------------------------------------------------------

    def detect(self, text: str) -> list[SignalHit]:
        """Signals shown by `text`, strongest first, one hit (the best quote) per signal."""
        text = text[: self.max_chars]
        sentences = split_sentences(text)
        vectors = self.embed_sentences(sentences)
        return self.detect_in(text, sentences, vectors)

    def detect_many(self, texts: Sequence[str]) -> list[list[SignalHit]]:
        """Like `detect` for several texts, embedding all their sentences in one batch."""
        cut = [t[: self.max_chars] for t in texts]
        per_text = [split_sentences(t) for t in cut]
        flat = [s for spans in per_text for s in spans]
        vectors = self.embed_sentences(flat)
        out: list[list[SignalHit]] = []
        pos = 0
        for text, spans in zip(cut, per_text, strict=True):
            rows = None
            if vectors is not None:
                rows = vectors[pos : pos + len(spans)]
            pos += len(spans)
            out.append(self.detect_in(text, spans, rows))
        return out

    def embed_sentences(self, sentences: Sequence[Span]) -> np.ndarray | None:
        """Unit vectors for the sentences worth embedding (zero rows for the others)."""
        embedder = self.embedder
        if embedder is None or not sentences:
            return None
        wanted = [
            i
            for i, s in enumerate(sentences[:MAX_EMBED_SENTENCES])
            if len(s.text.split()) >= MIN_EMBED_WORDS
        ]
        out = np.zeros((len(sentences), 384), dtype=np.float32)
        if wanted:
            vecs = embedder.embed([sentences[i].text for i in wanted])
            if vecs.shape[1] != out.shape[1]:
                out = np.zeros((len(sentences), vecs.shape[1]), dtype=np.float32)
            out[wanted] = vecs
        return out

    def detect_in(
        self, text: str, sentences: Sequence[Span], vectors: np.ndarray | None = None
    ) -> list[SignalHit]:
        """Detect over pre-split sentences (and their vectors, if already embedded)."""
        best: dict[str, SignalHit] = {}
        for hit in self._cue_hits(text, sentences):
            self._keep(best, hit)
        if vectors is not None and len(sentences):
            for hit in self._embedding_hits(sentences, vectors):
                self._keep(best, hit)
        order = {sid: i for i, sid in enumerate(self._index.signal_order)}
        return sorted(best.values(), key=lambda h: (-h.score, order[h.signal_id]))

    # -- internals ----------------------------------------------------------------------

    @staticmethod
    def _keep(best: dict[str, SignalHit], hit: SignalHit) -> None:
        old = best.get(hit.signal_id)
        if old is None or hit.score > old.score:
            best[hit.signal_id] = hit

    def _cue_hits(self, text: str, sentences: Sequence[Span]) -> list[SignalHit]:
        norm = normalise(text)
        hits: list[SignalHit] = []
        for sentence in sentences:
            for signal_id, pattern in self._index.patterns:
                cues = {
                    m.group(0).lower()
                    for m in pattern.finditer(norm, sentence.start, sentence.end)
                    if not _dismissed(norm, sentence, m)
                }
                if cues:
                    score = min(1.0, 0.8 + 0.1 * (len(cues) - 1))
                    hits.append(self._hit(signal_id, score, sentence.text, "cue"))
        return hits

    def _embedding_hits(self, sentences: Sequence[Span], vectors: np.ndarray) -> list[SignalHit]:
        embedder = self.embedder
        if embedder is None:
            return []
        examples = self._index.example_vectors(embedder)
        if examples.shape[1] != vectors.shape[1]:
            return []
        sims = vectors @ examples.T  # (sentences, examples)
        owners = self._index.example_owner
        hits: list[SignalHit] = []
        rows, cols = np.nonzero(sims >= self.threshold)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            sim = float(sims[r, c])
            # map [threshold, 1] onto [0.5, 0.9]: a paraphrase never outranks an exact cue
            score = 0.5 + 0.4 * (sim - self.threshold) / max(1e-6, 1 - self.threshold)
            hits.append(self._hit(owners[c], score, sentences[r].text, "embedding"))
        return hits

    def _hit(self, signal_id: str, score: float, quote: str, via: str) -> SignalHit:
        return SignalHit(
            signal_id=signal_id,
            dimension_id=self._index.signal_dim[signal_id],
            score=round(min(1.0, max(0.0, score)), 4),
            quote=quote,
            via=via,  # type: ignore[arg-type]
        )
