"""The offline reader: lexicon rules plus MiniLM similarity, deterministic and fast.

Order of decisions for one message (first match wins):
  empty (blank, punctuation, fillers, gibberish) -> manipulation -> end request -> meta ->
  hint request (these three only when the message is short or carries no design content)
  -> clarifying question (a live question about the problem) -> off topic -> answer.
Signals, misconceptions and phases are filled for every kind except empty/manipulation.
"""

from __future__ import annotations

import re

import numpy as np

from agent.misconceptions import MisconceptionCatalog, MisconceptionDetector, default_misconceptions
from agent.phases import Phase
from agent.readers.facts import card_facts, card_fingerprint
from agent.readers.lexicon import ReaderLexicon, default_lexicon
from agent.readers.phase_cues import PhaseCues
from agent.readers.spans import Span, compile_cues, normalise, split_sentences, words
from agent.readers.topicality import Topicality
from agent.readers.vocabulary import Vocabulary
from agent.reading import MessageKind, ReadContext, Reading
from agent.signals import Embedder, SignalDetector, SignalHit

MAX_ANALYSED_CHARS = 4000  # longer messages are read from their first 4000 characters
MAX_SENTENCES = 16  # sentences embedded per message
GIBBERISH_RATIO = 0.5  # below this share of known words a message is gibberish
SHORT_MESSAGE_WORDS = 25  # meta/hint/end requests win only in messages this short ...
FOCUS_CHARS = 140  # longest focus phrase
OFF_TOPIC_SCORE = 0.35  # on-topic score below which a content-free message is off topic
RHETORICAL_TAIL_WORDS = 8  # a question followed by more declarative words than this is rhetorical

_SURROGATES = re.compile(r"[\ud800-\udfff]")
_HAS_ALNUM = re.compile(r"[^\W_]", re.UNICODE)
_CLAUSE = re.compile(r"[,:;]\s*|\s+-\s+")


def _clean(text: str) -> str:
    """Same-length copy safe for the tokenizer (lone surrogates become U+FFFD)."""
    return _SURROGATES.sub("\ufffd", text)


class OfflineReader:
    name = "offline"

    def __init__(
        self,
        *,
        lexicon: ReaderLexicon | None = None,
        misconceptions: MisconceptionCatalog | None = None,
        embedder: Embedder | None = None,
        use_embeddings: bool = True,
    ) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.misconceptions = MisconceptionDetector(misconceptions or default_misconceptions())
        self._embedder = embedder
        self.use_embeddings = use_embeddings
        self._detectors: dict[str, SignalDetector] = {}
        self._rubric_hashes: dict[int, tuple[object, str]] = {}
        self._vocabularies: dict[tuple[str, int], Vocabulary] = {}
        self._phase_cues = PhaseCues(self.lexicon)

    # -- plumbing -------------------------------------------------------------------------

    def _rubric_key(self, context: ReadContext) -> str:
        """The rubric's content hash, computed once per rubric object."""
        entry = self._rubric_hashes.get(id(context.rubric))
        if entry is None or entry[0] is not context.rubric:
            entry = (context.rubric, context.rubric.hash)
            self._rubric_hashes[id(context.rubric)] = entry
        return entry[1]

    def _detector(self, context: ReadContext) -> SignalDetector:
        key = self._rubric_key(context)
        if key not in self._detectors:
            self._detectors[key] = SignalDetector(
                context.rubric,
                self._embedder,
                use_embeddings=self.use_embeddings,
                max_chars=MAX_ANALYSED_CHARS,
            )
        return self._detectors[key]

    def _vocabulary(self, context: ReadContext) -> Vocabulary:
        key = (self._rubric_key(context), card_fingerprint(context.card))
        vocabulary = self._vocabularies.get(key)
        if vocabulary is None:
            extra = [*self.lexicon.vocabulary, *self.lexicon.fillers]
            extra += [c for d in context.rubric.dimensions for s in d.signals for c in s.cues]
            extra += [c for f in context.card.facts for c in f.cues]
            if len(self._vocabularies) > 64:
                self._vocabularies.clear()
            vocabulary = self._vocabularies[key] = Vocabulary(extra)
        return vocabulary

    def _embed(self, detector: SignalDetector, sentences: list[Span]) -> np.ndarray | None:
        embedder = detector.embedder
        if embedder is None or not sentences:
            return None
        return embedder.embed([s.text for s in sentences[:MAX_SENTENCES]])

    # -- the read step ----------------------------------------------------------------------

    def read(self, text: str, context: ReadContext) -> Reading:
        analysed = _clean(text[:MAX_ANALYSED_CHARS])
        word_count = len(text.split()) if len(text) < 200_000 else len(analysed.split())
        base = {"word_count": word_count, "source": self.name}
        if not _HAS_ALNUM.search(analysed):
            return Reading(kind=MessageKind.EMPTY, on_topic_score=0.0, **base)
        norm = normalise(analysed)
        if self.lexicon.manipulation_re.search(norm):
            return Reading(kind=MessageKind.MANIPULATION, **base)
        ws = words(analysed)
        if ws and all(w in self.lexicon.filler_set for w in ws):
            return Reading(kind=MessageKind.EMPTY, on_topic_score=0.0, **base)
        ratio, n_words = self._vocabulary(context).known_ratio(analysed)
        if n_words and ratio < GIBBERISH_RATIO:
            return Reading(kind=MessageKind.EMPTY, on_topic_score=0.0, **base)

        detector = self._detector(context)
        sentences = split_sentences(analysed)
        vectors = self._embed(detector, sentences)
        signal_vectors = None
        if vectors is not None:
            signal_vectors = np.zeros((len(sentences), vectors.shape[1]), dtype=np.float32)
            for i, s in enumerate(sentences[: len(vectors)]):
                if len(s.text.split()) >= 5:  # short sentences are matched by cues only
                    signal_vectors[i] = vectors[i]
        hits = detector.detect_in(analysed, sentences, signal_vectors)
        flagged = self.misconceptions.detect(
            analysed, card=context.card, context=context.last_interviewer_text, sentences=sentences
        )
        topicality = Topicality.for_context(
            detector, context, self.lexicon, self._rubric_key(context)
        )
        on_topic, off_topic_like = topicality.score(vectors)
        cue_hits = [h for h in hits if h.via == "cue"]
        phases = self._phase_cues.phases(norm)
        meta = next((t for t, rx in self.lexicon.meta_re if rx.search(norm)), None)
        substantive = len(cue_hits) >= 2 or word_count > SHORT_MESSAGE_WORDS
        reading = Reading(
            kind=MessageKind.ANSWER,
            signals=[h.signal_id for h in hits],
            phases=phases,
            misconceptions=flagged,
            meta=meta,
            on_topic_score=round(on_topic, 4),
            focus=self._focus(analysed, sentences, hits, flagged),
            **base,
        )
        if not substantive:
            if self.lexicon.end_request_re.search(norm):
                return reading.model_copy(update={"kind": MessageKind.END_REQUEST})
            if meta is not None:
                return reading.model_copy(update={"kind": MessageKind.META})
            if self.lexicon.hint_request_re.search(norm):
                return reading.model_copy(update={"kind": MessageKind.HINT_REQUEST})

        asked = self._live_questions(analysed, sentences)
        if asked:
            topics, about_problem = self._fact_topics(analysed, sentences, asked, vectors, context)
            lexical_off = bool(self.lexicon.off_topic_re.search(norm))
            if topics:
                return reading.model_copy(
                    update={
                        "kind": MessageKind.CLARIFYING_QUESTION,
                        "fact_topics": topics,
                        "phases": [Phase.CLARIFY],
                    }
                )
            on_problem = about_problem or bool(cue_hits) or bool(phases)
            if on_problem and not (lexical_off and not cue_hits):
                return reading.model_copy(
                    update={
                        "kind": MessageKind.CLARIFYING_QUESTION,
                        "unanswerable": True,
                        "phases": [Phase.CLARIFY],
                    }
                )
            if lexical_off or off_topic_like or on_topic < OFF_TOPIC_SCORE:
                return reading.model_copy(update={"kind": MessageKind.OFF_TOPIC})
            return reading.model_copy(
                update={"kind": MessageKind.CLARIFYING_QUESTION, "unanswerable": True}
            )

        content_free = not cue_hits and not phases and not flagged
        if content_free and (
            self.lexicon.off_topic_re.search(norm)
            or (n_words >= 5 and (off_topic_like or on_topic < OFF_TOPIC_SCORE))
        ):
            return reading.model_copy(update={"kind": MessageKind.OFF_TOPIC})
        return reading

    # -- pieces -----------------------------------------------------------------------------

    def _is_question(self, norm_sentence: str) -> bool:
        s = norm_sentence.strip()
        if s.endswith("?"):
            return True
        if self.lexicon.question_phrase_re.search(s) or s.endswith("."):
            return bool(self.lexicon.question_phrase_re.search(s))
        # no question mark: a short clause opening with a question word ("quick question,
        # how fast does it need to be")
        for clause in _CLAUSE.split(s.lower()):
            ws = clause.split()
            if ws and ws[0] in self.lexicon.starter_set and len(ws) <= 12:
                return True
        return False

    def _about_the_interview(self, chunk: str) -> bool:
        """A check-in, meta, hint or end question: not a question about the problem."""
        lex = self.lexicon
        if lex.check_in_re.search(chunk) or lex.hint_request_re.search(chunk):
            return True
        return bool(lex.end_request_re.search(chunk)) or any(
            rx.search(chunk) for _, rx in lex.meta_re
        )

    def _live_questions(self, text: str, sentences: list[Span]) -> list[int]:
        """Indexes of questions that ask the interviewer something about the problem."""
        norm = normalise(text)
        questions: list[int] = []
        for i, s in enumerate(sentences):
            chunk = norm[s.start : s.end]
            if not self._is_question(chunk) or self._about_the_interview(chunk):
                continue
            tail = sum(
                len(t.text.split())
                for t in sentences[i + 1 :]
                if not self._is_question(norm[t.start : t.end])
            )
            if tail <= RHETORICAL_TAIL_WORDS:
                questions.append(i)
        return questions

    def _fact_topics(
        self,
        text: str,
        sentences: list[Span],
        asked: list[int],
        vectors: np.ndarray | None,
        context: ReadContext,
    ) -> tuple[list[str], bool]:
        """(fact topics asked about, whether the questions are about the problem at all)."""
        facts = card_facts(context.card)
        topics: list[str] = []
        for i in asked:
            topics += [t for t in facts.by_cue(text, sentences[i]) if t not in topics]
        if topics:
            return topics, True
        embedder = self._detector(context).embedder
        about, best_topic, best_sim = False, None, 0.0
        if embedder is not None and vectors is not None:
            for i in asked:
                if i >= len(vectors):
                    continue
                topic, sim = facts.by_meaning(vectors[i], embedder)
                about = about or sim >= 0.35
                if topic and sim > best_sim:
                    best_topic, best_sim = topic, sim
        return ([best_topic] if best_topic else []), about

    def _focus(
        self, text: str, sentences: list[Span], hits: list[SignalHit], flagged: list[str]
    ) -> str | None:
        if flagged:
            m = self.misconceptions.catalog.get(flagged[0])
            span = self.misconceptions.sentence_for(m.id, text, sentences)
            if span is not None:
                return _clause(text, span, m.detection.patterns[0].all_of[0])
        for hit in hits:
            if hit.via == "cue":
                span = next((s for s in sentences if s.text == hit.quote), None)
                if span is not None:
                    cues = self._signal_cues(hit.signal_id)
                    return _clause(text, span, cues)
        return hits[0].quote[:FOCUS_CHARS].strip() if hits else None

    def _signal_cues(self, signal_id: str) -> list[str]:
        for detector in self._detectors.values():
            try:
                return detector.rubric.signal(signal_id).cues
            except KeyError:
                continue
        return []


def _clause(text: str, sentence: Span, cues: list[str]) -> str:
    """The clause of `sentence` around its first cue, at most FOCUS_CHARS, verbatim."""
    if len(sentence.text) <= FOCUS_CHARS:
        return sentence.text
    norm = normalise(text)
    m = compile_cues(tuple(cues)).search(norm, sentence.start, sentence.end) if cues else None
    anchor = m.start() if m else sentence.start
    start = max(sentence.start, anchor - FOCUS_CHARS // 3)
    for sep in (",", ";", ":", " - "):
        cut = text.rfind(sep, sentence.start, anchor)
        if cut >= start - FOCUS_CHARS // 3 and cut >= sentence.start:
            start = max(start, cut + len(sep)) if cut + len(sep) <= anchor else start
    end = min(sentence.end, start + FOCUS_CHARS)
    if end < sentence.end:
        space = text.rfind(" ", start, end)
        end = space if space > anchor else end
    while start < end and text[start].isspace():
        start += 1
    return text[start:end].rstrip(" ,;:-")
