"""The offline reader: the trained understanding models, plus the card's own fact list.

For one message:
  the understanding layer (agent/understanding) says what kind of message it is, and per
  sentence which rubric signals it is evidence for, which wrong claims it makes and whether
  it asks something -> the reader adds what only the interview knows: which of the card's
  facts a question asks about, whether a wrong claim applies to this problem, which phases
  the message talks about, whether "I'm done" ends the interview or just the phase, and the
  phrase worth a follow-up.
The grader reads the same findings, so a turn and its recap agree about every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from agent.content.misconceptions import MisconceptionCatalog, default_misconceptions
from agent.content.phases import Phase
from agent.read import freshness, numbers, targets, topics, windows
from agent.read.focus import FOCUS_CHARS, clause_around
from agent.read.lexicon import ReaderLexicon, default_lexicon
from agent.read.questions import QuestionReader, asks, named
from agent.read.reading import MessageKind, MetaTopic, ReadContext, Reading
from agent.understanding import MessageFindings, SentenceFindings, Understanding
from agent.understanding.claims import applicable_claims, repaired_claims
from agent.understanding.findings import statements
from agent.understanding.sentences import Span, normalise
from agent.understanding.vectors import Embedder

MAX_ANALYSED_CHARS = 4000  # longer messages are read from their first 4000 characters
LAST_PHASES = frozenset({Phase.DEPLOYMENT, Phase.WRAP_UP})  # "I'm done" ends the interview here
NO_PHASE_DIMENSIONS = frozenset({"communication"})  # its signals belong to no single phase
_CLAUSE = re.compile(r"[^,;:]+")  # a long sentence's clauses, for the focus phrase
# A message read as about the interview at this probability or more is taken as such even
# when no meta phrase says what it asks: on dev, messages that really are about the interview
# score 0.99 ("Should I draw the architecture first?"), misreads 0.62-0.74 ("Goal: watch
# time? retention?", "How long to run it? I think one week is enough.").
SURE_META = 0.9
_DESIGN_KINDS = (MessageKind.CLARIFYING_QUESTION, MessageKind.ANSWER)
_NOT_ENDING = tuple(k for k in MessageKind if k not in (MessageKind.END_REQUEST, MessageKind.EMPTY))


class OfflineReader:
    name = "offline"

    def __init__(
        self,
        *,
        lexicon: ReaderLexicon | None = None,
        misconceptions: MisconceptionCatalog | None = None,
        embedder: Embedder | None = None,
        use_embeddings: bool = True,
        understanding: Understanding | None = None,
    ) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.catalog = misconceptions or default_misconceptions()
        if understanding is None:
            from agent.understanding import shared_understanding

            understanding = (
                shared_understanding()
                if embedder is None and use_embeddings
                else Understanding(embedder=embedder, use_embeddings=use_embeddings)
            )
        self.understanding = understanding
        self.questions = QuestionReader(self.lexicon, understanding)

    # -- the read step ----------------------------------------------------------------------

    def read(self, text: str, context: ReadContext) -> Reading:
        analysed = text[:MAX_ANALYSED_CHARS]
        word_count = len(text.split()) if len(text) < 200_000 else len(analysed.split())
        base = {"word_count": word_count, "source": self.name}
        found = self.understanding.message(analysed)  # blank or punctuation only: "empty"
        kind = MessageKind(found.kind)
        norm = normalise(analysed)
        if kind is MessageKind.END_REQUEST and not self.lexicon.names_an_end(norm):
            # read as a request to stop with nothing in it that ends anything ("Sorry,
            # let's keep going."): the next likely kind, so the interview is not cut short
            kind = max(_NOT_ENDING, key=lambda k: found.kind_scores.get(k.value, 0.0))
        # a meta remark is answered even inside an answer ("..., how much time is left?")
        topic = self.lexicon.meta_topic(norm)
        agenda = (  # "is it okay if I go data, features, model, ...?"
            kind is MessageKind.META and context.plan is not None and context.plan.is_agenda(norm)
        )
        sure = found.kind_scores.get(MessageKind.META.value, 1.0) >= SURE_META
        if kind is MessageKind.META and not (sure or topic is not None or agenda):
            # "Goal: watch time? retention?" read as about the interview at p=0.62, with no
            # meta phrase or agenda in it: a question or an answer about the problem,
            # whichever the model rates higher
            kind = max(_DESIGN_KINDS, key=lambda k: found.kind_scores.get(k.value, 0.0))
        if kind is MessageKind.EMPTY:
            return Reading(kind=kind, on_topic_score=0.0, **base)
        if kind is MessageKind.MANIPULATION:
            return Reading(kind=kind, **base)
        signals = found.signals
        claims = applicable_claims(
            found,
            self.catalog,
            card=context.card,
            context=context.last_interviewer_text,
            shown_before=context.signals_seen,
        )
        # a claim is challenged only where a statement of the candidate makes it: a question
        # ("is a random sample of labels possible?") states nothing, and has nothing to quote
        claim_quotes = _claim_quotes(found, claims, self.catalog)
        claims = [c for c in claims if c in claim_quotes]
        figures = numbers.conflicts(
            analysed,
            context.card,
            context.facts_given,
            assumed=bool(self.lexicon.assumption_re.search(norm)),
        ) + freshness.conflicts(
            analysed, context.card, context.facts_given, context.requirements_stated
        )
        focus, quotes = _focus_and_quotes(
            analysed, found, claims, self.understanding, self._aside(norm)
        )
        figures += windows.conflicts(analysed, context.card, context.facts_given)
        figures += targets.conflicts(analysed, context.card, context.facts_given)
        reading = Reading(
            kind=kind,
            number_conflict=figures[0] if figures else None,
            number_conflicts=figures,
            requirements=freshness.stated_requirements(analysed),
            signals=signals,
            phases=self._phases(signals, context),
            misconceptions=claims,
            claim_quotes=claim_quotes,
            repairs=repaired_claims(signals),
            on_topic_score=round(1.0 - found.kind_scores.get("off_topic", 0.0), 4),
            focus=focus,
            quotes=quotes,
            signal_confidence=found.signal_confidence,
            angles_given=found.angles,
            thread_angles={s.text: s.thread_angles for s in statements(found.sentences)},
            signals_mentioned=found.mentioned,
            asks=any(s.question for s in found.sentences),
            filler_rate=round(self.lexicon.filler_rate(norm, word_count), 3),
            offers_depth=bool(self.lexicon.offer_re.search(norm)),
            **base,
        )
        finished_phase = (
            kind is MessageKind.END_REQUEST
            and context.phase not in LAST_PHASES
            and self.lexicon.done_re.search(norm)
            and not self.lexicon.end_request_re.search(norm)
        )
        if finished_phase:  # "I'm done" while designing ends the phase, not the interview
            return reading.model_copy(update={"kind": MessageKind.META, "meta": MetaTopic.NEXT})
        if kind in (MessageKind.META, MessageKind.OFF_TOPIC):
            # "what's the team like?" or "any questions for me?": about the interview or the
            # job, whichever way the model read it, is answered as such
            # (an off-topic message's other questions are off topic too)
            asked, _ = self.questions.about_interview(reading, found, context)
            if asked is not None:
                return asked.model_copy(update={"kind": MessageKind.META})
        if kind is MessageKind.META:
            if topic is None and agenda:
                topic = MetaTopic.NEXT
            return reading.model_copy(
                update={"meta": topic or MetaTopic.OTHER, "wants_phase": named(norm, context)}
            )
        if topic is not None:
            reading = reading.model_copy(update={"meta": topic})
        if kind is MessageKind.HINT_REQUEST:
            sentences = [s.text for s in found.sentences] or [analysed]
            about = topics.asked_about(sentences, context.rubric, self.understanding)
            return reading.model_copy(update={"asked_about": about})
        if kind is MessageKind.CLARIFYING_QUESTION:
            return self.questions.question(reading, analysed, found, context)
        invites = bool(self.lexicon.correct_me_re.search(norm))  # "tell me if that's off"
        if kind is MessageKind.ANSWER and (invites or any(asks(s) for s in found.sentences)):
            return self.questions.in_answer(reading, analysed, found, context)
        return reading

    # -- pieces -----------------------------------------------------------------------------

    def _aside(self, norm: str) -> Aside:
        """What a follow-up leaves alone: in a message the candidate calls a tangent, any
        statement that shows no part of the design; anywhere, a personal story, and an offer
        to go deeper ("Happy to go deeper on any of the parts I went through quickly")."""
        tangent = bool(self.lexicon.tangent_re.search(norm))
        anecdote, offer = self.lexicon.anecdote_re, self.lexicon.offer_re
        return lambda s, signals: (
            (tangent and not signals)
            or bool(anecdote.search(normalise(s.text)))
            or bool(offer.search(normalise(s.text)))
        )

    def _phases(self, signals: list[str], context: ReadContext) -> list[Phase]:
        out: list[Phase] = []
        for sid in signals:
            try:
                dim = context.rubric.dimension_of_signal(sid)
            except KeyError:
                continue
            if dim.id not in NO_PHASE_DIMENSIONS and dim.phase not in out:
                out.append(dim.phase)
        return out


# a sentence a follow-up leaves alone (given whether it shows a signal): see _aside
Aside = Callable[[SentenceFindings, bool], bool]


Choice = tuple[SentenceFindings, str, str]  # a sentence, the head and label to cut it by


def _focus_and_quotes(
    text: str, found: MessageFindings, claims: list[str], u: Understanding, aside: Aside
) -> tuple[str | None, dict[str, str]]:
    """The reading's focus phrase and its quote per signal. The clauses of every long
    sentence they cut are embedded in one call first (vectors are cached by text, so each
    cut then finds its clauses' vectors at hand): one model run instead of one a sentence."""
    focus = _focus(found, claims, aside)
    quotes = _quotes(found, aside)
    chosen = [c[0] for c in [focus, *quotes.values()] if c is not None]
    u.embed(list(dict.fromkeys(clause for s in chosen for _, clause in _clauses(s))))
    return (
        _clause(text, *focus, u) if focus is not None else None,
        {sig: _clause(text, *choice, u) for sig, choice in quotes.items()},
    )


def _focus(found: MessageFindings, claims: list[str], aside: Aside) -> Choice | None:
    """The sentence worth a follow-up: a wrong claim first, else the strongest signal.

    A long sentence is cut to the clause the model finds the claim or signal in.
    """
    ranked: list[tuple[float, SentenceFindings, str, str]] = []
    for s in found.sentences:
        if s.manipulative or aside(s, bool(s.signals)):
            continue
        claim = next((c for c in claims if c in s.wrong_claims), None)
        if claim is not None:
            return s, "wrong_claims", claim
        if s.signals:
            best = max(s.signals, key=lambda k: s.signals[k])
            score = s.signals[best] + (0.5 if s.deep else 0.0) + _substance(s)
            ranked.append((score, s, "signals", best))
        elif s.deep and not asks(s):
            # a statement with depth (a reason, a number, a trade-off) in which no signal
            # was read still outranks a passing remark that showed one ("Millions, okay.")
            ranked.append((s.depth + 0.5 + _substance(s), s, "depth", "depth"))
    if not ranked:
        return None
    _, s, head, label = max(ranked, key=lambda r: r[0])
    return s, head, label


# words from which a sentence counts as a full statement rather than a passing remark
FULL_STATEMENT_WORDS = 15


def _substance(s: SentenceFindings) -> float:
    """Up to 0.5 for a sentence's length: a follow-up pushes on the design the candidate
    laid out, not on "Millions, okay." said on the way to it."""
    return 0.5 * min(1.0, len(s.text.split()) / FULL_STATEMENT_WORDS)


def _quotes(found: MessageFindings, aside: Aside) -> dict[str, Choice]:
    """Per signal, the sentence that shows it most clearly (cut to its clause)."""
    best: dict[str, tuple[float, SentenceFindings]] = {}
    for s in found.sentences:
        if s.manipulative or asks(s) or aside(s, bool(s.signals)):
            continue  # a question is not a claim to push on, nor a story
        for signal, p in s.signals.items():
            if signal not in best or p > best[signal][0]:
                best[signal] = (p, s)
    return {sig: (s, "signals", sig) for sig, (_, s) in best.items()}


def _claim_quotes(
    found: MessageFindings, claims: list[str], catalog: MisconceptionCatalog
) -> dict[str, str]:
    """Per wrong claim, the first statement of the message that makes it (verbatim). A
    sentence the model reads as a question to the interviewer states no claim; a hedged
    claim written with a question mark ("random split is fine?") still does."""
    out: dict[str, str] = {}
    for s in found.sentences:
        if s.manipulative or s.question:
            continue
        for claim in claims:
            # the model's claim, or one this problem reads it as ("accuracy" for a duration)
            read = {claim, *catalog.get(claim).read_from}
            if read & set(s.wrong_claims) and claim not in out:
                out[claim] = s.text.strip()
    return out


def _clauses(s: SentenceFindings) -> list[tuple[int, str]]:
    """A long sentence's clauses (offset, text) to cut it to (none: keep it whole)."""
    if len(s.text) <= FOCUS_CHARS:
        return []
    clauses = [(m.start(), m.group(0)) for m in _CLAUSE.finditer(s.text)]
    clauses = [(at, c) for at, c in clauses if len(c.split()) >= 3]
    return clauses if len(clauses) > 1 else []


def _clause(text: str, s: SentenceFindings, head: str, label: str, u: Understanding) -> str:
    if len(s.text) <= FOCUS_CHARS:
        return s.text
    clauses = _clauses(s)
    if clauses:
        h = u.model.head(head)
        probs = h.predict(u.features([c for _, c in clauses]))[:, h.labels.index(label)]
        offset, clause = clauses[int(np.argmax(probs))]
        start = s.start + offset
        return clause_around(text, Span(start, start + len(clause), clause), [])
    return clause_around(text, Span(s.start, s.end, s.text), [])
