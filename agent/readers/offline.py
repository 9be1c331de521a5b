"""The offline reader: lexicon rules plus MiniLM similarity, deterministic and fast.

Order of decisions for one message (first match wins):
  empty (blank, punctuation, fillers, gibberish) -> manipulation -> end request ->
  "I'm done" (end in the last phases, else meta: next) -> meta -> hint request (these only
  when the message is short or carries little design content) -> a live question (about a
  card fact, about the problem but unanswerable, approval of a design choice, or off topic)
  -> off topic (no content and closer to small talk) -> answer.
Signals, misconceptions and phases are filled for every kind except empty/manipulation.
"""

from __future__ import annotations

import re

import numpy as np

from agent.misconceptions import (
    MisconceptionCatalog,
    MisconceptionDetector,
    card_context,
    default_misconceptions,
)
from agent.phases import Phase
from agent.readers.facts import card_facts, card_fingerprint
from agent.readers.focus import focus_phrase
from agent.readers.lexicon import ReaderLexicon, default_lexicon
from agent.readers.phase_cues import PhaseCues
from agent.readers.questions import QuestionFinder
from agent.readers.spans import Span, normalise, split_sentences, words
from agent.readers.topicality import Topicality
from agent.readers.vocabulary import Vocabulary
from agent.reading import MessageKind, MetaTopic, ReadContext, Reading
from agent.signals import Embedder, SignalDetector, SignalHit

MAX_ANALYSED_CHARS = 4000  # longer messages are read from their first 4000 characters
MAX_SENTENCES = 16  # sentences embedded per message
GIBBERISH_RATIO = 0.5  # below this share of known words a message is gibberish
SHORT_MESSAGE_WORDS = 25  # meta/hint/end requests win only in messages this short ...
OFF_TOPIC_SCORE = 0.35  # on-topic score below which a content-free message is off topic
LAST_PHASES = frozenset({Phase.DEPLOYMENT, Phase.WRAP_UP})  # "I'm done" ends the interview here
FRAMING_DIMENSIONS = frozenset(
    {"problem_framing", "communication"}
)  # a question followed by more declarative words than this is rhetorical

_SURROGATES = re.compile(r"[\ud800-\udfff]")
_HAS_ALNUM = re.compile(r"[^\W_]", re.UNICODE)


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
        self._card_texts: dict[int, str] = {}
        self._phase_cues = PhaseCues(self.lexicon)
        self._questions = QuestionFinder(self.lexicon)

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

    def _small_talk(self, norm: str, context: ReadContext) -> bool:
        """Off-topic lexicon words in the message that the card itself does not use.

        "weather" is small talk in a fraud interview but a feature in an ETA one.
        """
        key = card_fingerprint(context.card)
        card_text = self._card_texts.get(key)
        if card_text is None:
            if len(self._card_texts) > 64:
                self._card_texts.clear()
            card_text = self._card_texts[key] = normalise(card_context(context.card))
        return any(m.group(0) not in card_text for m in self.lexicon.off_topic_re.finditer(norm))

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
            focus=focus_phrase(
                analysed, sentences, hits, flagged, self.misconceptions, context.rubric
            ),
            **base,
        )
        if not substantive:
            if self.lexicon.end_request_re.search(norm):
                return reading.model_copy(update={"kind": MessageKind.END_REQUEST})
            if self.lexicon.done_re.search(norm):
                if context.phase in LAST_PHASES:
                    return reading.model_copy(update={"kind": MessageKind.END_REQUEST})
                return reading.model_copy(update={"kind": MessageKind.META, "meta": MetaTopic.NEXT})
            if meta is not None:
                return reading.model_copy(update={"kind": MessageKind.META})
            if self.lexicon.hint_request_re.search(norm):
                return reading.model_copy(update={"kind": MessageKind.HINT_REQUEST})

        asked = self._questions.live_questions(analysed, sentences)
        if asked:
            return self._question(
                reading, analysed, sentences, asked, vectors, context, hits, off_topic_like
            )

        content_free = not cue_hits and not phases and not flagged
        if content_free and (
            self._small_talk(norm, context)
            or (n_words >= 5 and (off_topic_like or on_topic < OFF_TOPIC_SCORE))
        ):
            return reading.model_copy(update={"kind": MessageKind.OFF_TOPIC})
        return reading

    # -- pieces -----------------------------------------------------------------------------

    def _question(
        self,
        reading: Reading,
        text: str,
        sentences: list[Span],
        asked: list[int],
        vectors: np.ndarray | None,
        context: ReadContext,
        hits: list[SignalHit],
        off_topic_like: bool,
    ) -> Reading:
        """A message that asks something: about the problem, about the design, or off topic."""
        topics, about_problem = self._fact_topics(text, sentences, asked, vectors, context)
        if topics:
            return reading.model_copy(
                update={
                    "kind": MessageKind.CLARIFYING_QUESTION,
                    "fact_topics": topics,
                    "phases": [Phase.CLARIFY],
                }
            )
        norm = normalise(text)
        design_cues = [
            h for h in hits if h.via == "cue" and h.dimension_id not in FRAMING_DIMENSIONS
        ]
        if design_cues and any(
            self.lexicon.proposal_check_re.search(norm[sentences[i].start : sentences[i].end])
            for i in asked
        ):
            return reading  # "is logistic regression a reasonable baseline?" proposes a design
        cue_hits = [h for h in hits if h.via == "cue"]
        lexical_off = self._small_talk(norm, context)
        on_problem = about_problem or bool(cue_hits) or bool(reading.phases)
        if on_problem and not (lexical_off and not cue_hits):
            return reading.model_copy(
                update={
                    "kind": MessageKind.CLARIFYING_QUESTION,
                    "unanswerable": True,
                    "phases": [Phase.CLARIFY],
                }
            )
        if lexical_off or off_topic_like or reading.on_topic_score < OFF_TOPIC_SCORE:
            return reading.model_copy(update={"kind": MessageKind.OFF_TOPIC})
        return reading.model_copy(
            update={"kind": MessageKind.CLARIFYING_QUESTION, "unanswerable": True}
        )

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
