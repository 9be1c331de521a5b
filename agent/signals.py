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

from agent.readers.spans import (
    SentenceLocator,
    Span,
    compile_cues,
    normalise,
    preceding_words,
    split_sentences,
)
from agent.rubric import Rubric

# Cosine similarity (MiniLM) above which a sentence counts as showing a signal by meaning.
# Calibrated on tests/data/reader_cases.yaml (see tests/test_signals.py).
EMBEDDING_THRESHOLD = 0.6
# ... provided it beats the next-best signal by this margin, or is at least EMBEDDING_SURE.
EMBEDDING_MARGIN = 0.03
EMBEDDING_SURE = 0.7
# Sentences shorter than this (in words) are not compared by embedding: too little meaning.
MIN_EMBED_WORDS = 5
# Text beyond this many characters is not analysed (guards against huge pastes).
DEFAULT_MAX_CHARS = 20_000
MAX_EMBED_SENTENCES = 64
# Dimensions matched by cues only: their examples carry design content, so by meaning they
# would fire on any design sentence ("recaps the design" for a sentence about two towers).
CUE_ONLY_DIMENSIONS = frozenset({"communication"})
# Signals whose id starts with this prefix are questions by nature (asks_scale, ...): they
# count only in a sentence phrased as a question, not in "at this QPS a transformer is slow".
QUESTION_SIGNAL_PREFIX = "asks_"
_QUESTION = re.compile(
    r"\?\s*[\"')\]]*\s*$|^\s*(?:what|how|where|who|which|when|why|is|are|do|does|did|can|could|"
    r"should|would|will|any)\b|\b(?:i'd like to know|i would like to know|i want to know|"
    r"i'm curious|i am curious|wondering|to clarify|can you tell me|could you tell me|i'd ask|"
    r"i would ask|let me ask|first question|my question)\b",
    re.IGNORECASE,
)

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
                self.patterns.append((sig.id, compile_cues(tuple(sig.cues), ignore_case=False)))
                for ex in sig.examples:
                    self.example_owner.append(sig.id)
                    self.examples.append(ex)
        self.signal_order = list(self.signal_dim)
        self.question_only = frozenset(
            sid for sid in self.signal_dim if sid.startswith(QUESTION_SIGNAL_PREFIX)
        )
        self.cue_only = frozenset(
            sid for sid, dim in self.signal_dim.items() if dim in CUE_ONLY_DIMENSIONS
        )
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        # examples are stored signal by signal, so each signal owns one contiguous block
        counts = [self.example_owner.count(sid) for sid in self.signal_order]
        self._with_examples = [i for i, n in enumerate(counts) if n]
        self._block_starts = np.cumsum([0] + [counts[i] for i in self._with_examples])[:-1]

    def max_by_signal(self, sims: np.ndarray) -> np.ndarray:
        """(rows, examples) similarities -> (rows, signals): best example per signal."""
        out = np.full((sims.shape[0], len(self.signal_order)), -1.0, dtype=np.float32)
        if self._with_examples and sims.size:
            out[:, self._with_examples] = np.maximum.reduceat(sims, self._block_starts, axis=1)
        return out

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
        if not sentences:
            return []
        norm = normalise(text)
        spans = list(sentences)
        where = SentenceLocator(spans)
        lo, hi = where.bounds
        questions = [bool(_QUESTION.search(norm[s.start : s.end])) for s in spans]
        question_only = self._index.question_only
        found: dict[tuple[int, str], set[str]] = {}  # (sentence, signal) -> distinct cues
        for signal_id, pattern in self._index.patterns:
            for m in pattern.finditer(norm, lo, hi):
                i = where.locate(m.start())
                if i is None or m.end() > spans[i].end:
                    continue
                if signal_id in question_only and not questions[i]:
                    continue
                if _dismissed(norm, spans[i], m):
                    continue
                found.setdefault((i, signal_id), set()).add(m.group(0).lower())
        hits: list[SignalHit] = []
        for (i, signal_id), cues in sorted(found.items()):
            score = min(1.0, 0.9 + 0.05 * (len(cues) - 1))
            hits.append(self._hit(signal_id, score, spans[i].text, "cue"))
        return hits

    def _embedding_hits(self, sentences: Sequence[Span], vectors: np.ndarray) -> list[SignalHit]:
        """Per sentence, the signal it means: clearly above the runner-up, or very close."""
        embedder = self.embedder
        if embedder is None:
            return []
        index = self._index
        examples = index.example_vectors(embedder)
        if examples.shape[1] != vectors.shape[1]:
            return []
        per_signal = index.max_by_signal(vectors @ examples.T)  # (sentences, signals)
        hits: list[SignalHit] = []
        for r, row in enumerate(per_signal):
            if not vectors[r].any():
                continue
            is_question = bool(_QUESTION.search(sentences[r].text))
            ranked = sorted(
                (
                    (float(sim), sid)
                    for sid, sim in zip(index.signal_order, row, strict=True)
                    if sid not in index.cue_only and (is_question or sid not in index.question_only)
                ),
                reverse=True,
            )
            if not ranked:
                continue
            runner_up = ranked[1][0] if len(ranked) > 1 else -1.0
            for rank, (sim, sid) in enumerate(ranked):
                clear = rank == 0 and sim >= self.threshold and sim - runner_up >= EMBEDDING_MARGIN
                if not (clear or sim >= EMBEDDING_SURE):
                    break
                span = max(1e-6, 1 - self.threshold)
                score = 0.5 + 0.35 * (sim - self.threshold) / span  # below any cue hit
                hits.append(self._hit(sid, score, sentences[r].text, "embedding"))
        return hits

    def _hit(self, signal_id: str, score: float, quote: str, via: str) -> SignalHit:
        return SignalHit(
            signal_id=signal_id,
            dimension_id=self._index.signal_dim[signal_id],
            score=round(min(1.0, max(0.0, score)), 4),
            quote=quote,
            via=via,  # type: ignore[arg-type]
        )
