"""The offline reader: the trained understanding models, plus the card's own fact list.

For one message:
  the understanding layer (agent/understanding) says what kind of message it is, and per
  sentence which rubric signals it is evidence for, which wrong claims it makes and whether
  it asks something -> the reader adds what only the interview knows: which of the card's
  facts a question asks about, whether a wrong claim applies to this problem, which phases
  the message talks about, whether "I'm done" ends the interview or just the phase, and the
  phrase worth a follow-up (agent/read/quoting.py); what the message's kind adds (the facts
  a question asks, what a hint request is stuck on, where a meta remark wants to go) is in
  agent/read/kind_details.py.
The grader reads the same findings, so a turn and its recap agree about every sentence.
"""

from __future__ import annotations

from agent.content.misconceptions import MisconceptionCatalog, default_misconceptions
from agent.content.phases import Phase
from agent.read import freshness, numbers, targets, windows
from agent.read.agenda import (
    announced_order,
    part_gone_to,
    parts_done,
    parts_opened,
)
from agent.read.kind_details import KindDetails
from agent.read.lexicon import ReaderLexicon, default_lexicon
from agent.read.questions import QuestionReader
from agent.read.quoting import Aside, focus_and_quotes, statements_of_claims
from agent.read.reading import MessageKind, ReadContext, Reading, SteppedReading
from agent.read.stuck import StuckReader
from agent.understanding import Understanding
from agent.understanding.claims import applicable_claims, repaired_claims
from agent.understanding.findings import statements
from agent.understanding.sentences import normalise
from agent.understanding.vectors import Embedder

MAX_ANALYSED_CHARS = 4000  # longer messages are read from their first 4000 characters
NO_PHASE_DIMENSIONS = frozenset({"communication"})  # its signals belong to no single phase
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
        self.stuck = StuckReader(self.lexicon, understanding)
        self.details = KindDetails(self.lexicon, self.questions, self.stuck, understanding)

    # -- the read step ----------------------------------------------------------------------

    def read(self, text: str, context: ReadContext) -> Reading:
        return self.read_in_steps(text, context).whole()

    def read_in_steps(self, text: str, context: ReadContext) -> SteppedReading:
        """The reading in two steps: what every reading has (kind, signals, wrong claims,
        quotes, figures, ...) at once, and the details its kind adds (the facts a question
        asks, the interview questions of a remark, what a hint request is stuck on) when
        `whole()` is asked for. An LLM turn whose model has already answered asks for them
        only where the merged reading uses them."""
        analysed = text[:MAX_ANALYSED_CHARS]
        word_count = len(text.split()) if len(text) < 200_000 else len(analysed.split())
        base = {"word_count": word_count, "source": self.name}
        # blank or punctuation only: "empty"; wrong claims at the challenge bar, for
        # applicable_claims to confirm on the sentence and the problem
        found = self.understanding.message(analysed, challenge=True)
        kind = MessageKind(found.kind)
        norm = normalise(analysed)
        offers = bool(self.lexicon.offer_re.search(norm))
        if kind is MessageKind.END_REQUEST and (offers or not self.lexicon.names_an_end(norm)):
            # read as a request to stop with nothing in it that ends anything ("Sorry,
            # let's keep going."), or with an offer to go on ("happy to go deeper on any
            # part"): the next likely kind, so the interview is not cut short
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
        if kind is MessageKind.ANSWER and self.stuck.ends_stuck(found):
            kind = MessageKind.HINT_REQUEST
        if kind is MessageKind.EMPTY:
            return SteppedReading(Reading(kind=kind, on_topic_score=0.0, **base))
        if kind is MessageKind.MANIPULATION:
            # nothing of it is credited, but what it talks about is the part the candidate
            # is on: a refusal names that part, not the one a counter left the interview in
            phases = self._phases(found.signals, context)
            return SteppedReading(Reading(kind=kind, phases=phases, **base))
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
        claim_quotes = statements_of_claims(found, claims, self.catalog)
        claims = [c for c in claims if c in claim_quotes]
        assumed = bool(self.lexicon.assumption_re.search(norm))
        figures = numbers.conflicts(
            analysed,
            context.card,
            context.facts_given,
            assumed=assumed,
            pieces=context.pieces_given,
            derived_before=context.figures_derived,
            corrected=context.figures_corrected,
        ) + freshness.conflicts(
            analysed, context.card, context.facts_given, context.requirements_stated
        )
        aside = self._aside(norm)
        focus, quotes = focus_and_quotes(analysed, found, claims, self.understanding, aside)
        figures += windows.conflicts(analysed, context.card, context.facts_given, assumed=assumed)
        figures += targets.conflicts(analysed, context.card, context.facts_given)
        figures = numbers.heard(figures, context.card, context.pieces_given)
        said = [normalise(s.text) for s in found.sentences]
        reading = Reading(
            kind=kind,
            number_conflict=figures[0] if figures else None,
            number_conflicts=figures,
            requirements=freshness.stated_requirements(analysed),
            figures_derived=numbers.derived(analysed),
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
            asides=[s.text for s in statements(found.sentences) if aside(s, bool(s.signals))],
            signals_mentioned=found.mentioned,
            parts_named=parts_opened(said, context.plan),
            announced=announced_order(said, context.plan, self.lexicon),
            parts_done=parts_done(said, context.plan, self.lexicon, context.phase),
            goes_to=part_gone_to(said, context.plan, self.lexicon),
            asks=any(s.question for s in found.sentences),
            filler_rate=round(self.lexicon.filler_rate(norm, word_count), 3),
            offers_depth=offers,
            # "Done." says the design is done; "let's end the interview" asks to stop
            asks_to_stop=kind is not MessageKind.END_REQUEST
            or bool(self.lexicon.end_request_re.search(norm)),
            **base,
        )
        return SteppedReading(
            reading,
            lambda: self.details.add(reading, found, context, analysed, norm, topic, agenda),
        )

    # -- pieces -----------------------------------------------------------------------------

    def _aside(self, norm: str) -> Aside:
        """What a follow-up leaves alone: in a message the candidate calls a tangent, any
        statement that shows no part of the design; anywhere, a sentence the model reads
        alone as talk outside the design (a personal admission, a story, a filler, a remark
        set aside: SentenceFindings.aside), a personal story, and an offer to go deeper
        ("Happy to go deeper on any of the parts I went through quickly")."""
        tangent = bool(self.lexicon.tangent_re.search(norm))
        anecdote, offer = self.lexicon.anecdote_re, self.lexicon.offer_re
        return lambda s, signals: (
            (tangent and not signals)
            or s.aside
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
