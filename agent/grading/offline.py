"""The offline grader: deterministic rubric grading from the candidate's own words.

Evidence is only ever what the candidate said (never interviewer text, never a message that
tried to manipulate the interviewer or the grader). Same input -> byte-identical Recap.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from agent.grading import narrative
from agent.grading.evidence import Sentence, evidence_rules, evidence_sentences, is_verbatim
from agent.grading.inputs import strip_front_matter
from agent.grading.interviewer_moves import interviewer_moves
from agent.grading.misconception_check import MisconceptionFinder, SharedMisconceptions
from agent.grading.scoring import (
    COMMUNICATION_ID,
    DimensionResult,
    Evidence,
    Misstep,
    communication_coverage,
    overall_score,
    score_dimension,
)
from agent.phases import PHASE_ORDER
from agent.problems import ProblemCard
from agent.reading import MessageKind
from agent.recap import DimensionScore, Recap
from agent.rubric import Rubric
from agent.transcript import Transcript

MAX_QUOTE_CHARS = 300
DETECT_BATCH = 32  # sentences per detector call (the detector embeds at most 64 at once)


class SignalDetecting(Protocol):
    def detect(self, text: str) -> list[Any]: ...  # hits: signal_id, score, quote


def cue_detector(rubric: Rubric) -> SignalDetecting:
    """Rubric cue phrases only: exact, transparent, identical on every machine."""
    from agent.signals import SignalDetector

    return SignalDetector(rubric, use_embeddings=False)


def cue_and_embedding_detector(rubric: Rubric) -> SignalDetecting:
    """Cues plus MiniLM similarity to the signals' example sentences (paraphrases)."""
    from agent.signals import SignalDetector

    return SignalDetector(rubric)


class OfflineGrader:
    """Grader protocol, offline: rubric signal detection plus fixed scoring rules.

    By default evidence is found by the rubric's cue phrases only. Embedding similarity
    (`embeddings=True`) also catches paraphrases, but on the calibration set it agrees a
    little less with the reference grades (Spearman 0.81 vs 0.83; `python
    bench/calibration.py --embeddings` prints both), it is ~25x slower, and float kernels
    could differ across CPUs, which would break bit-for-bit reproducible recaps.
    """

    name = "offline"
    model: str | None = None

    def __init__(
        self,
        detector_factory: Callable[[Rubric], SignalDetecting] | None = None,
        misconceptions: MisconceptionFinder | None = None,
        *,
        embeddings: bool = False,
    ) -> None:
        default = cue_and_embedding_detector if embeddings else cue_detector
        self._factory = detector_factory or default
        self._detectors: dict[str, SignalDetecting] = {}
        self._hashes: dict[int, tuple[Rubric, str]] = {}
        self._lock = threading.Lock()
        self._misconceptions = misconceptions

    # -- protocol ---------------------------------------------------------------------

    def grade_answer(self, text: str, card: ProblemCard, rubric: Rubric) -> Recap:
        body = strip_front_matter(text)
        sentences, injections = evidence_sentences([(0, body)])
        evidence = self._evidence(sentences, rubric)
        missteps = self._missteps(sentences, evidence, rubric, {}, card)
        return self._recap(
            rubric,
            evidence,
            missteps,
            hints={},
            steers=0,
            hints_used=0,
            manipulation=1 if injections else 0,
            minutes={},
        )

    def grade_transcript(self, transcript: Transcript, card: ProblemCard, rubric: Rubric) -> Recap:
        texts: list[tuple[int, str]] = []
        recorded: dict[int, list[str]] = {}
        questions: set[int] = set()
        manipulative_turns = 0
        for i, turn in enumerate(transcript.turns):
            if turn.role != "candidate":
                continue
            if turn.kind == MessageKind.MANIPULATION:
                manipulative_turns += 1  # the manipulator's text is not evidence
                continue
            texts.append((i, turn.text))
            if turn.kind == MessageKind.CLARIFYING_QUESTION:
                questions.add(i)
            if turn.misconceptions:
                recorded[i] = list(turn.misconceptions)
        sentences, injections = evidence_sentences(texts)
        evidence = self._evidence(sentences, rubric, frozenset(questions))
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
            hints=moves.hints,
            steers=moves.steers,
            hints_used=max(state.hints_given, moves.hint_count),
            manipulation=max(state.manipulation_attempts, manipulative_turns + injections),
            minutes=minutes,
            turn_phase={i: t.phase.value for i, t in enumerate(transcript.turns)},
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

    def detector(self, rubric: Rubric) -> SignalDetecting:
        key = self.rubric_hash(rubric)
        with self._lock:
            if key not in self._detectors:
                self._detectors[key] = self._factory(rubric)
            return self._detectors[key]

    def _hits(self, detector: SignalDetecting, sentences: list[Sentence]) -> list[list[Any]]:
        """Detector hits per sentence; batched (one embedding call per chunk) when supported."""
        texts = [s.text for s in sentences]
        many = getattr(detector, "detect_many", None)
        if many is None:
            return [detector.detect(t) for t in texts]
        out: list[list[Any]] = []
        for i in range(0, len(texts), DETECT_BATCH):
            out.extend(many(texts[i : i + DETECT_BATCH]))
        return out

    def _evidence(
        self,
        sentences: list[Sentence],
        rubric: Rubric,
        question_turns: frozenset[int] = frozenset(),
    ) -> list[Evidence]:
        detector = self.detector(rubric)
        known = {s.id for d in rubric.dimensions for s in d.signals}
        rules = evidence_rules()
        asks = set(rules.question_signals)
        ends = set(rules.end_signals)
        out: list[Evidence] = []
        for sentence, hits in zip(sentences, self._hits(detector, sentences), strict=True):
            question = sentence.turn in question_turns or rules.is_question(sentence.text)
            # a request for facts designs nothing; a "?" may still propose ("how about X?")
            asked = (question and any(h.signal_id in asks for h in hits)) or rules.is_request(
                sentence.text
            )
            best: dict[str, Evidence] = {}
            for hit in hits:
                sid = hit.signal_id
                if sid not in known or (sid in asks and not question):
                    continue  # "we watch p99 latency" is design talk, not a question
                if sid in ends and not rules.near_end(sentence, sentences):
                    continue  # a recap is a recap when it closes the design
                dim_id = rubric.dimension_of_signal(sid).id
                if asked and dim_id not in rules.question_dimensions:
                    continue  # "what is the latency budget?" asks; it designs nothing
                quote = sentence.text
                hq = getattr(hit, "quote", "") or ""
                if len(quote) > MAX_QUOTE_CHARS and is_verbatim(hq, sentence.text):
                    quote = hq
                strength = float(getattr(hit, "score", 1.0) or 0.0)
                ev = Evidence(
                    signal_id=sid,
                    dimension_id=dim_id,
                    sentence=sentence,
                    quote=quote,
                    strength=max(0.0, min(1.0, strength)),
                )
                if sid not in best or ev.strength > best[sid].strength:
                    best[sid] = ev
            out.extend(best[k] for k in sorted(best))
        return out

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
        hints: dict[str, list[int]],
        steers: int,
        hints_used: int,
        manipulation: int,
        minutes: dict[str, float],
        turn_phase: dict[int, str] | None = None,
    ) -> Recap:
        results: list[DimensionResult] = []
        for dim in rubric.dimensions:
            extra, cap = None, 4
            if dim.id == COMMUNICATION_ID:
                extra, cap = communication_coverage(dim, rubric, evidence, steers)
            results.append(
                score_dimension(
                    dim,
                    rubric,
                    evidence,
                    missteps,
                    hints.get(dim.id),
                    extra_coverage=extra,
                    cap=cap,
                )
            )
        overall = overall_score(results)
        return Recap(
            rubric_version=rubric.version,
            rubric_hash=self.rubric_hash(rubric),
            grader=self.name,
            model=self.model,
            dimensions=[_dimension_score(r, rubric) for r in results],
            overall=overall,
            recommendation=narrative.recommendation_for(overall),
            summary=narrative.design_summary(evidence, rubric, turn_phase),
            strengths=narrative.strengths(results, rubric),
            missed=narrative.missed(results, rubric),
            next_steps=narrative.next_steps(results, rubric),
            hints_used=hints_used,
            manipulation_attempts=manipulation,
            minutes_per_phase=minutes,
        )


def _dimension_score(r: DimensionResult, rubric: Rubric) -> DimensionScore:
    parts = [f"coverage {r.coverage:.2f} of the dimension's signals"]
    if r.hinted:
        parts.append("hinted")
    if r.missteps:
        parts.append("uncorrected: " + ", ".join(sorted({m.misconception_id for m in r.missteps})))
    return DimensionScore(
        id=r.dimension.id,
        title=r.dimension.title,
        score=r.score,
        evidence=r.quotes,
        signals=r.shown,
        missed=[rubric.signal(s).description for s in r.missed],
        feedback=r.dimension.levels[r.score].strip() + " (" + "; ".join(parts) + ")",
    )
