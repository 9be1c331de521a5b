"""Reading candidate text with the trained models: sentences in, findings out.

`Understanding` is the one place that reads language. The offline reader asks it what a
message is; the offline grader asks it what each sentence of an answer or a transcript shows.
Sentence vectors come from vectors.py, cached by text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

import numpy as np

from agent.understanding.asking import asks
from agent.understanding.clause_reading import parts_to_read
from agent.understanding.fact_match import MATCH_HEAD, TOPIC_HEAD
from agent.understanding.features import FeatureRows
from agent.understanding.findings import MessageFindings, SentenceFindings, statements
from agent.understanding.model import (
    Head,
    UnderstandingModel,
    default_model,
    limit_blas_threads,
)
from agent.understanding.sentences import (
    Span,
    split_sentences,
)
from agent.understanding.threads import read_thread_angles
from agent.understanding.vectors import (
    MAX_CHARS,
    MAX_SENTENCES,
    Embedder,
    embed_texts,
    mean_vector,
)

QUESTION_KIND = "clarifying_question"
ASIDE_KIND = "off_topic"  # a sentence read alone as this is an aside (SentenceFindings.aside)
MANIPULATION_KIND = "manipulation"
# A sentence is a manipulation attempt where two heads agree: the manipulation head at its
# bar, and the kind head, reading the sentence alone, giving it at least this probability
# of being one. The manipulation head alone fires on a few plain design statements ("then
# refine the shortlist from disk", p=0.95, kind head 0.11), and one such sentence made a
# whole design answer a refusal. On the dev corpus messages (121 manipulation, 656 others,
# weights of e4dee1c's parent) this keeps all 102 attempts the sentence rule caught and
# halves its false alarms, 6 -> 3; a dev figure (chosen on it).
MANIPULATION_AGREE = 0.2
_HAS_ALNUM = re.compile(r"[^\W_]", re.UNICODE)


class Understanding:
    """The trained models plus an embedder, behind one small API."""

    def __init__(
        self,
        model: UnderstandingModel | None = None,
        embedder: Embedder | None = None,
        *,
        use_embeddings: bool = True,
    ) -> None:
        limit_blas_threads()
        self.model = model or default_model()
        self._embedder = embedder
        self.use_embeddings = use_embeddings
        self._rejections: dict[str, list[str]] | None = None

    @property
    def claim_rejections(self) -> dict[str, list[str]]:
        """Per wrong claim, the signals that, stated in the same sentence, reject it
        (knowledge/grading/repairs.yaml, `same_sentence`)."""
        if self._rejections is None:
            from agent.content.files import ContentError
            from agent.content.misconceptions import load_repairs

            try:
                self._rejections = load_repairs().same_sentence
            except ContentError:
                self._rejections = {}
        return self._rejections

    # -- embeddings -----------------------------------------------------------------------

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

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for texts (zeros when no embedder is available), cached by text."""
        return embed_texts(self.embedder, texts, self.model.featurizer.embedding_dim)

    def fact_heads(self) -> tuple[Head, Head] | None:
        """The learned question-to-fact heads (topics, pair match), when the weights have
        them and sentence vectors are available; None: match by cue and meaning only."""
        topics = self.model.optional_head(TOPIC_HEAD)
        match = self.model.optional_head(MATCH_HEAD)
        if topics is None or match is None or self.embedder is None:
            return None
        return topics, match

    # -- sentences ------------------------------------------------------------------------

    def features(self, texts: Sequence[str]) -> FeatureRows:
        return self.model.featurizer.sparse_rows(texts, self.embed(texts))

    def sentence_findings(
        self, spans: Sequence[Span], *, challenge: bool = False
    ) -> list[SentenceFindings]:
        """Findings for already-split sentences (verbatim spans of one text). With
        `challenge`, the wrong claims are those the interviewer may challenge (the head's
        challenge bar, for the checks of agent/understanding/claims.py to confirm), not
        only those it credits."""
        spans = list(spans)[:MAX_SENTENCES]
        if not spans:
            return []
        texts = [s.text for s in spans]
        listed, cores, joined, clause_texts = parts_to_read(texts)
        core_texts = [c or "." for c in cores]
        self.embed(texts + core_texts + clause_texts)  # one call (vectors are cached by text)
        x = self.features(texts)
        m = self.model
        sig_head, wc_head = m.head("signals"), m.head("wrong_claims")
        p_sig = sig_head.predict(x)
        p_wc = wc_head.predict(x)
        on_sig = sig_head.on(p_sig)
        on_wc = wc_head.challengeable(p_wc) if challenge else wc_head.on(p_wc)
        on_mention = (
            sig_head.mentioned(p_sig)
            if sig_head.info.mention_threshold is not None
            else on_sig.copy()
        )
        p_man = m.head("manipulation").predict(x)[:, 0]
        p_depth = m.head("depth").predict(x)[:, 0]
        angle_head = m.head("angles")
        on_angle = angle_head.on(angle_head.predict(x))
        kind = m.head("kind")
        p_kind = kind.predict(x)
        q_col = kind.labels.index(QUESTION_KIND)
        m_col = kind.labels.index(MANIPULATION_KIND)
        aside_col = kind.labels.index(ASIDE_KIND)
        man_t = m.head("manipulation").threshold("manipulation")
        depth_t = m.head("depth").threshold("depth")
        # a sentence that states the right practice while naming the mistake rejects it
        # ("never a random split, always by time"): that claim is not made there
        rejected_by = self.claim_rejections
        if listed:
            xc = self.features(core_texts)
            core_on = sig_head.on(sig_head.predict(xc))
            core_depth = m.head("depth").predict(xc)[:, 0]
            for i, r in enumerate(listed):
                on_sig[r] &= core_on[i] if cores[i] else False
                p_depth[r] = min(p_depth[r], core_depth[i]) if cores[i] else 0.0
        # a wrong claim is rejected by what the sentence as a whole states (a clause's own
        # signal does not reject the claim the sentence makes)
        whole = on_sig.copy()
        if joined:
            p_clause = sig_head.predict(self.features(clause_texts))
            on_clause = sig_head.on(p_clause)
            for i, (r, _) in enumerate(joined):
                on_sig[r] |= on_clause[i]
                p_sig[r] = np.where(on_clause[i], np.maximum(p_sig[r], p_clause[i]), p_sig[r])
        out: list[SentenceFindings] = []
        for r, span in enumerate(spans):
            question = int(np.argmax(p_kind[r])) == q_col
            # a question asks about a practice and makes no claim (agent/understanding/
            # asking.py): read as one by the kind head or written as one, it has none
            states = not (question or asks(span.text))
            signals = {
                sig_head.labels[j]: round(float(p_sig[r, j]), 4) for j in np.flatnonzero(on_sig[r])
            }
            wrong = {
                wc_head.labels[j]: round(float(p_wc[r, j]), 4)
                for j in np.flatnonzero(on_wc[r])
                if states
                and not set(rejected_by.get(wc_head.labels[j], ()))
                & {sig_head.labels[k] for k in np.flatnonzero(whole[r])}
            }
            out.append(
                SentenceFindings(
                    text=span.text,
                    start=span.start,
                    end=span.end,
                    question=question,
                    aside=int(np.argmax(p_kind[r])) == aside_col,
                    asking=round(float(p_kind[r, q_col]), 4),
                    signals=signals,
                    wrong_claims=wrong,
                    manipulation=round(float(p_man[r]), 4),
                    depth=round(float(p_depth[r]), 4),
                    manipulative=bool(p_man[r] >= man_t and p_kind[r, m_col] >= MANIPULATION_AGREE),
                    deep=bool(p_depth[r] >= depth_t),
                    angles=[angle_head.labels[j] for j in np.flatnonzero(on_angle[r])],
                    mentions=[sig_head.labels[j] for j in np.flatnonzero(on_mention[r])],
                )
            )
        return out

    def prepare(self, texts: Sequence[str]) -> None:
        """Embed, in one pass, every text that reading these sentences will embed (sentences
        of many answers at once are grouped by length across answers, with fewer calls)."""
        _, cores, _, clause_texts = parts_to_read(list(texts))
        self.embed([*texts, *(c or "." for c in cores), *clause_texts])

    def sentences(self, text: str) -> list[SentenceFindings]:
        text = text[:MAX_CHARS]
        return self.sentence_findings(split_sentences(text))

    # -- messages -------------------------------------------------------------------------

    def message(self, text: str, *, challenge: bool = False) -> MessageFindings:
        """What a whole candidate message is, and what each of its sentences shows (with
        `challenge`: the wrong claims the interviewer may challenge, see sentence_findings)."""
        text = text[:MAX_CHARS]
        version = self.model.version
        if not _HAS_ALNUM.search(text):
            return MessageFindings(text=text, kind="empty", model_version=version)
        sentences = self.sentence_findings(split_sentences(text), challenge=challenge)
        kind_head = self.model.head("kind")
        # the message's vector is the mean of its sentences' vectors (cached just above), as
        # message_embeddings computes it for training
        dim = self.model.featurizer.embedding_dim
        vector = mean_vector(self.embed([s.text for s in sentences]), dim)[None, :]
        probs = kind_head.predict(self.model.featurizer.sparse_rows([text], vector))[0]
        scores = {k: round(float(p), 4) for k, p in zip(kind_head.labels, probs, strict=True)}
        kind = kind_head.labels[int(np.argmax(probs))]
        # the angles head learnt from whole messages (their sentences' mean vector): read the
        # statements together, without questions and manipulation, which give no angle
        stated = [s.text for s in statements(sentences)]
        message_angles: list[str] = []
        if len(stated) > 1:
            message_angles = self._angles_together([stated])[0]
        self._read_threads(sentences, message_angles)
        if any(s.manipulative for s in sentences):
            kind = "manipulation"
        elif kind == "manipulation" and len(sentences) > 1:
            # a long message is a manipulation attempt only where one of its sentences is one
            ranked = sorted(scores, key=lambda k: -scores[k])
            kind = ranked[1]
        return MessageFindings(
            text=text,
            kind=kind,
            kind_scores=scores,
            sentences=sentences,
            model_version=version,
            message_angles=message_angles,
        )

    def _angles_together(self, groups: list[list[str]]) -> list[list[str]]:
        """The angles each group of sentences gives read together (joined, with their
        sentences' mean vector, as the head learnt from whole messages)."""
        if not groups:
            return []
        dim = self.model.featurizer.embedding_dim
        vectors = np.stack([mean_vector(self.embed(g), dim) for g in groups])
        head = self.model.head("angles")
        rows = self.model.featurizer.sparse_rows([" ".join(g) for g in groups], vectors)
        on = head.on(head.predict(rows))
        return [[head.labels[j] for j in np.flatnonzero(r)] for r in on]

    def _read_threads(self, sentences: list[SentenceFindings], whole: list[str]) -> None:
        """Each statement's `thread_angles` (threads.read_thread_angles)."""
        read_thread_angles(statements(sentences), whole, self._angles_together)


_SHARED: dict[int, Understanding] = {}
_SHARED_LOCK = threading.Lock()


def shared_understanding() -> Understanding:
    """One Understanding per loaded model, shared by the reader and the grader."""
    model = default_model()
    with _SHARED_LOCK:
        u = _SHARED.get(id(model))
        if u is None or u.model is not model:
            _SHARED.clear()
            u = _SHARED[id(model)] = Understanding(model)
        return u
