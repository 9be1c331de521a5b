"""Which of a problem card's hidden facts a clarifying question asks about.

Two ways in: the fact's cue words (word-bounded, as everywhere; the card's own and the phrases
shared by every card, knowledge/fact_cues.yaml), and the meaning of the
question (MiniLM cosine) for questions phrased without any cue. A fact's meaning score is
its cosine with the fact as a whole (description and answer, averaged), raised halfway
toward its cosine with the fact's closest cue phrase when that is higher ("how many
searches per second do we serve?" is nearer the cue "queries per second" than the whole
scale fact). The meaning route is conservative: it adds
at most one topic per question part, and only when no cue matched, because answering a
fact nobody asked for would leak the card.
"""

from __future__ import annotations

import itertools
import re
import threading

import numpy as np

from agent.content.card_texts import fact_cues, fact_descriptions
from agent.content.fact_cues import SharedCues, default_shared_cues
from agent.content.problems import OPENING_TOPIC, ProblemCard
from agent.understanding.cue_screen import cue_anchors, may_match
from agent.understanding.fact_match import CardSide
from agent.understanding.sentences import Span, compile_cues, normalise
from agent.understanding.vectors import Embedder, embed_texts

# meaning score (see above) above which the fact counts as asked, and the margin by which
# the best fact must beat the runner-up; chosen on the 1,500 question parts of the dev
# interviews (tests/fidelity dev..test8), taking each cue-matched part's fact as its label:
# meaning alone finds 59% of those facts (15 wrong) and fires on 123 parts without a cue,
# where the whole-fact cosine alone (at 0.42 / 0.1 before) found 49% (19 wrong) and fired
# on 140; looser bars (0.42 / 0.12) gave away more facts nobody asked for on dev
FACT_THRESHOLD = 0.45
FACT_MARGIN = 0.12
# stricter bars for a question asked in the middle of a design answer, where a fact answered
# on a loose match reads as the interviewer not listening (chosen on the dev scripts)
STRICT_THRESHOLD = 0.5
STRICT_MARGIN = 0.15
# words of an opening statement that say nothing about which product it is: a question that
# shares only these with the opening ("what does the system predict?") is not settled by it
_GENERIC = frozenset(
    re.findall(
        r"\w+",
        "design system feature that which what whether will would take long each many "
        "their they them from with into before after posted shown sent user users member "
        "members platform app page predicts predict recommends recommend detects detect "
        "decides decide suggests suggest ranking rank results result",
    )
)
_WORD = re.compile(r"[a-z][a-z']+")


# "is this ...", "are we talking about ...", "when you say ...": asking which product it is
# (not "is this role/team ...?", "is this the team ...?" nor "is this for the team ...?",
# which ask about the job)
_IDENTITY = (
    r"(?:is (?:this|it)"
    r"(?! (?:(?:for|about|with|in|on) )?(?:(?:the|a|an|your|our|my) )?"
    r"(?:role|team|job|position|interview|company|opening)\b)"
    r"|are we|when you say|do you mean|(?:kind|type|sort) of)"
)


def _identity_question(stems: set[str]) -> re.Pattern[str]:
    """An identity question naming one of the stems within its next four words."""
    if not stems:
        return re.compile(r"(?!x)x")
    named = "|".join(re.escape(s) for s in sorted(stems))
    return re.compile(rf"\b{_IDENTITY}\W+(?:[\w'-]+\W+){{0,3}}?(?:{named})")


# topic names too common in any design talk to stand for the fact by themselves: "randomised
# position data?" does not ask what data we have (the fact's own cues, "what data", still do)
_BARE_TOPICS = frozenset({"data"})


def _topic_words(topic: str) -> tuple[str, ...]:
    return () if topic in _BARE_TOPICS else (topic.replace("_", " "),)


def _stems(text: str) -> set[str]:
    """Content words cut to their first four letters ("rides" and "ride-hailing" share
    "ride"), generic design words left out."""
    return {w[:4] for w in _WORD.findall(text.lower()) if len(w) >= 3 and w not in _GENERIC}


class CardFacts:
    """Compiled cues and fact vectors of one card."""

    def __init__(self, card: ProblemCard, shared: SharedCues | None = None) -> None:
        self.card = card
        self.topics = [f.topic for f in card.facts]
        extra = shared.for_card(card) if shared is not None else {}
        self._cue_phrases = [
            tuple([*f.cues, *extra.get(f.topic, ()), *_topic_words(f.topic)]) for f in card.facts
        ]
        self._anchors = [cue_anchors(c) for c in self._cue_phrases]
        self.descriptions, self.answers = fact_descriptions(card), [f.answer for f in card.facts]
        self.cues = fact_cues(card)
        self._opening = _identity_question(_stems(card.opening))
        self._vectors: np.ndarray | None = None
        self._cue_vectors: list[np.ndarray] | None = None
        self._lock = threading.Lock()

    def vectors(self, embedder: Embedder) -> np.ndarray:
        """(facts, dim): for each fact the description vector and answer vector, averaged."""
        with self._lock:
            if self._vectors is None:
                n = len(self.topics)
                both = embed_texts(embedder, self.descriptions + self.answers)
                mixed = both[:n] + both[n:]
                norms = np.linalg.norm(mixed, axis=1, keepdims=True)
                self._vectors = mixed / np.clip(norms, 1e-9, None)
            return self._vectors

    def cue_vectors(self, embedder: Embedder) -> list[np.ndarray]:
        """Per fact, (cues, dim): the vectors of its cue phrases."""
        with self._lock:
            if self._cue_vectors is None:
                flat = embed_texts(embedder, [c for cs in self.cues for c in cs])
                bounds = np.cumsum([0, *(len(cs) for cs in self.cues)])
                self._cue_vectors = [flat[a:b] for a, b in itertools.pairwise(bounds)]
            return self._cue_vectors

    def side(self, embedder: Embedder) -> CardSide:
        """The card as the learned fact matcher sees it (agent/understanding/fact_match.py)."""
        return CardSide(self.topics, self.vectors(embedder), self.cue_vectors(embedder))

    def cued(self, text: str) -> list[str]:
        """The facts one of whose cue phrases is in a text (a question part on its own)."""
        return self.by_cue(text, Span(0, len(text), text))

    def meaning(self, vector: np.ndarray, embedder: Embedder) -> np.ndarray:
        """Per fact, how near a question is to it: its cosine with the whole fact, raised
        halfway toward its cosine with the fact's closest cue phrase when that is higher."""
        whole = self.vectors(embedder) @ vector
        cues = np.array(
            [float(np.max(c @ vector)) if len(c) else 0.0 for c in self.cue_vectors(embedder)]
        )
        return np.maximum(whole, (whole + cues) / 2)

    def by_cue(self, text: str, sentence: Span) -> list[str]:
        norm = normalise(text)
        part = norm[sentence.start : sentence.end]
        return [
            topic
            for topic, cues, anchors in zip(
                self.topics, self._cue_phrases, self._anchors, strict=True
            )
            if may_match(anchors, part)
            and compile_cues(cues).search(norm, sentence.start, sentence.end)
        ]

    def by_opening(self, text: str) -> str | None:
        """The opening statement, when a question no fact answers asks what kind of product
        this is in the opening's own words ("is it for rides or food?" of "...a ride-hailing
        app", "are we talking about card payments?" of "...payment transactions")."""
        return OPENING_TOPIC if self._opening.search(normalise(text)) else None

    def by_meaning(
        self, vector: np.ndarray, embedder: Embedder, *, strict: bool = False
    ) -> tuple[str | None, float]:
        """The one fact the question means, if it is clearly the best; plus the top score."""
        if not self.topics or not vector.any():
            return None, 0.0
        sims = self.meaning(vector, embedder)
        order = np.argsort(-sims)
        best = float(sims[order[0]])
        runner = float(sims[order[1]]) if len(order) > 1 else -1.0
        threshold = STRICT_THRESHOLD if strict else FACT_THRESHOLD
        margin = STRICT_MARGIN if strict else FACT_MARGIN
        if best >= threshold and best - runner >= margin:
            return self.topics[int(order[0])], best
        return None, best


def card_fingerprint(card: ProblemCard) -> int:
    """A cheap content key for a card, so equal cards share caches whoever built them."""
    facts = tuple((f.topic, tuple(f.cues), f.answer) for f in card.facts)
    notes = tuple((str(k), tuple(v)) for k, v in card.strong_answer.items())
    return hash((card.id, card.opening, card.ml_task, tuple(card.tags), facts, notes))


_CACHE: dict[int, CardFacts] = {}
_CACHE_LOCK = threading.Lock()


def card_facts(card: ProblemCard) -> CardFacts:
    """Compiled facts of a card with the phrases shared by all cards
    (knowledge/fact_cues.yaml), cached by content."""
    shared = default_shared_cues()
    groups = tuple((tuple(g.topics), tuple(g.cues)) for g in shared.groups)
    key = hash((card_fingerprint(card), groups))
    with _CACHE_LOCK:
        entry = _CACHE.get(key)
        if entry is None:
            if len(_CACHE) > 64:
                _CACHE.clear()
            entry = CardFacts(card, shared)
            _CACHE[key] = entry
        return entry
