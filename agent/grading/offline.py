"""The offline grader: deterministic rubric grading from the candidate's own words.

Evidence is only ever what the candidate said (never interviewer text, never a message that
tried to manipulate the interviewer or the grader). Same input -> byte-identical Recap.
"""

from __future__ import annotations

import threading

from agent.content.files import one_pass
from agent.content.phases import PHASE_ORDER, Phase
from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.grading import advice, narrative
from agent.grading.digest import design_digest, summary_text, widen
from agent.grading.evidence import Sentence, evidence_rules, evidence_sentences
from agent.grading.headings import heading_subjects
from agent.grading.inputs import strip_front_matter
from agent.grading.interview_end import ended_on_clock, phases_not_reached, signals_said
from agent.grading.interviewer_moves import interviewer_moves
from agent.grading.misconception_check import MisconceptionFinder, SharedMisconceptions
from agent.grading.parts import weigh_by_part
from agent.grading.quotable import unquotable, whole_quote
from agent.grading.recap import DimensionScore, Recap
from agent.grading.relevance import Relevance, problem_relevance
from agent.grading.scoring import (
    COMMUNICATION_ID,
    DimensionResult,
    Evidence,
    Misstep,
    communication_coverage,
    overall_score,
    score_dimension,
)
from agent.read.reading import MessageKind
from agent.record.transcript import Transcript

MAX_QUOTE_CHARS = 300
OFF_PROBLEM_CAP = {COMMUNICATION_ID: 2}  # every other dimension: 1


def _relevance(sentences: list[Sentence], card: ProblemCard) -> Relevance | None:
    from agent.content.bundle import load_content

    return problem_relevance(sentences, card, load_content().problems)


class OfflineGrader:
    """Grader protocol, offline: the understanding layer's findings plus fixed scoring rules.

    Evidence is what the trained models (agent/understanding) find in each candidate
    sentence, the same findings the reader acted on during the interview; the scoring rule
    (agent/grading/scoring.py) turns it into levels. Same input -> byte-identical Recap.
    """

    name = "offline"
    model: str | None = None

    def __init__(self, misconceptions: MisconceptionFinder | None = None) -> None:
        self._hashes: dict[int, tuple[Rubric, str]] = {}
        self._lock = threading.Lock()
        self._misconceptions = misconceptions

    # -- protocol ---------------------------------------------------------------------

    def grade_answer(self, text: str, card: ProblemCard, rubric: Rubric) -> Recap:
        with one_pass():  # content files are stat-ed once per grade, not on every read
            return self._grade_answer(text, card, rubric)

    def grade_transcript(self, transcript: Transcript, card: ProblemCard, rubric: Rubric) -> Recap:
        with one_pass():
            return self._grade_transcript(transcript, card, rubric)

    def _grade_answer(self, text: str, card: ProblemCard, rubric: Rubric) -> Recap:
        body = strip_front_matter(text)
        sentences, injections = evidence_sentences([(0, body)])
        evidence = self._evidence(sentences, rubric)
        missteps = self._missteps(sentences, evidence, rubric, {}, card)
        return self._recap(
            rubric,
            evidence,
            missteps,
            card=card,
            relevance=_relevance(sentences, card),
            hints={},
            hints_used=0,
            manipulation=1 if injections else 0,
            minutes={},
            sources={0: body},
        )

    def _grade_transcript(self, transcript: Transcript, card: ProblemCard, rubric: Rubric) -> Recap:
        texts: list[tuple[int, str]] = []
        recorded: dict[int, list[str]] = {}
        manipulative_turns = 0
        for i, turn in enumerate(transcript.turns):
            if turn.role != "candidate":
                continue
            if turn.kind == MessageKind.MANIPULATION:
                manipulative_turns += 1  # the manipulator's text is not evidence
                continue
            texts.append((i, turn.text))
            if turn.misconceptions:
                recorded[i] = list(turn.misconceptions)
        sentences, injections = evidence_sentences(texts)
        evidence = self._evidence(sentences, rubric)
        missteps = self._missteps(sentences, evidence, rubric, recorded, card)
        moves = interviewer_moves(transcript, rubric)
        state = transcript.state
        minutes = {
            p.value: round(state.minutes_per_phase[p], 1)
            for p in PHASE_ORDER
            if p in state.minutes_per_phase
        }
        return self._recap(
            rubric,
            evidence,
            missteps,
            card=card,
            relevance=_relevance(sentences, card),
            hints=moves.hints,
            hints_used=max(state.hints_given, moves.hint_count),
            manipulation=max(state.manipulation_attempts, manipulative_turns + injections),
            minutes=minutes,
            turn_phase={i: t.phase.value for i, t in enumerate(transcript.turns)},
            sources=dict(texts),
            said=signals_said(transcript),
            on_clock=ended_on_clock(transcript),
            not_reached=phases_not_reached(transcript, evidence, rubric),
        )

    # -- evidence ---------------------------------------------------------------------

    def rubric_hash(self, rubric: Rubric) -> str:
        """Rubric.hash re-serialises the whole rubric; remember it per rubric object."""
        with self._lock:
            known = self._hashes.get(id(rubric))
            if known is None or known[0] is not rubric:
                known = (rubric, rubric.hash)
                self._hashes[id(rubric)] = known
            return known[1]

    def _evidence(self, sentences: list[Sentence], rubric: Rubric) -> list[Evidence]:
        """One Evidence per (sentence, signal) the model found; a repeated sentence counts once."""
        known = {s.id for d in rubric.dimensions for s in d.signals}
        rules = evidence_rules()
        ends = set(rules.end_signals)
        seen: set[str] = set()
        out: list[Evidence] = []
        for sentence in sentences:
            found = sentence.findings
            key = " ".join(sentence.text.lower().split())
            if found is None or not found.signals or key in seen:
                continue
            seen.add(key)
            for sid in sorted(found.signals):
                if sid not in known:
                    continue
                if sid in ends and not rules.near_end(sentence, sentences):
                    continue  # a recap is a recap when it closes the design
                quote = sentence.text
                if len(quote) > MAX_QUOTE_CHARS:
                    quote = quote[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0]
                out.append(
                    Evidence(
                        signal_id=sid,
                        dimension_id=rubric.dimension_of_signal(sid).id,
                        sentence=sentence,
                        quote=quote,
                        strength=max(0.0, min(1.0, found.signals[sid])),
                        deep=found.deep,
                    )
                )
        return weigh_by_part(out, heading_subjects([s.heading for s in sentences], rubric))

    def _missteps(
        self,
        sentences: list[Sentence],
        evidence: list[Evidence],
        rubric: Rubric,
        recorded: dict[int, list[str]],
        card: ProblemCard | None,
    ) -> list[Misstep]:
        with self._lock:
            if self._misconceptions is None:
                self._misconceptions = SharedMisconceptions()
            finder = self._misconceptions
        return finder.find(sentences, evidence, rubric, recorded, card)

    # -- recap ------------------------------------------------------------------------

    def _recap(
        self,
        rubric: Rubric,
        evidence: list[Evidence],
        missteps: list[Misstep],
        *,
        card: ProblemCard | None,
        relevance: Relevance | None = None,
        hints: dict[str, list[int]],
        hints_used: int,
        manipulation: int,
        minutes: dict[str, float],
        turn_phase: dict[int, str] | None = None,
        sources: dict[int, str],
        said: set[str] | None = None,
        on_clock: bool = False,
        not_reached: list[Phase] | None = None,
    ) -> Recap:
        skip = frozenset(card.not_applicable) if card is not None else frozenset()
        challenged = list(dict.fromkeys(m.sentence.text for m in missteps))
        never_quoted = unquotable(
            list({e.sentence.order: e.sentence for e in evidence}.values()), sources, challenged
        )
        results: list[DimensionResult] = []
        for dim in rubric.dimensions:
            extra, cap = None, 4
            if dim.id == COMMUNICATION_ID:
                extra, cap = communication_coverage(dim, rubric, evidence)
            results.append(
                score_dimension(
                    dim,
                    rubric,
                    evidence,
                    missteps,
                    hints.get(dim.id),
                    extra_coverage=extra,
                    cap=cap,
                    skip=skip,
                    unquotable=never_quoted,
                )
            )
        # a signal the candidate showed anywhere (the grader's evidence or the reader's turns)
        # is never listed as missed, whichever dimension's score it did or did not lift
        shown = evidence_rules().with_implied({e.signal_id for e in evidence} | (said or set()))
        for r in results:
            r.missed = [s for s in r.missed if s not in shown]
        gone = list(not_reached or [])
        steps = narrative.next_steps(results, rubric, gone)
        if relevance is not None and relevance.off_problem:
            # designing another problem shows nothing about this one (clear communication aside)
            for r in results:
                r.score = min(r.score, OFF_PROBLEM_CAP.get(r.dimension.id, 1))
                r.off_problem = True
            closest = relevance.closest.replace("-", " ")
            steps = [narrative.wording().off_problem_step.format(closest=closest), *steps]
        overall = overall_score(results)
        from agent.content.bundle import load_content

        design = design_digest(
            evidence,
            rubric,
            load_content().plan,
            sources,
            turn_phase=turn_phase,
            not_reached=gone,
        )
        w = narrative.wording()
        return Recap(
            rubric_version=rubric.version,
            rubric_hash=self.rubric_hash(rubric),
            grader=self.name,
            model=self.model,
            dimensions=[
                _dimension_score(r, rubric, gone, sources, advice.reason(r, rubric, evidence, gone))
                for r in results
            ],
            overall=overall,
            recommendation=narrative.recommendation_for(overall),
            summary=summary_text(design, w),
            design=design,
            strengths=narrative.strengths(results, rubric, lambda q: widen(q, sources)),
            missed=narrative.missed(results, rubric, gone),
            next_steps=steps,
            strong_answer=advice.strong_answer(results, card, rubric, gone),
            ended_on_clock=on_clock,
            not_reached=gone,
            hints_used=hints_used,
            manipulation_attempts=manipulation,
            minutes_per_phase=minutes,
            challenged=challenged,
        )


def _dimension_score(
    r: DimensionResult,
    rubric: Rubric,
    not_reached: list[Phase],
    sources: dict[int, str],
    why: str,
) -> DimensionScore:
    reached = r.dimension.phase not in not_reached or bool(r.shown)
    missed = [rubric.signal(s).description for s in r.missed] if reached else []
    return DimensionScore(
        id=r.dimension.id,
        title=r.dimension.title,
        score=r.score,
        evidence=list(dict.fromkeys(whole_quote(q, sources.values()) for q in r.quotes)),
        signals=r.shown,
        missed=missed,
        feedback=why,
        why=why,
        next_level=advice.next_level(r.dimension, r.score, missed) if reached else "",
    )
