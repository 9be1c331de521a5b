"""The LLM grader: the same rubric as the offline grader, judged by a chat model.

- temperature 0; one call per dimension, each judged independently (feedback, evidence,
  then score); `samples` > 1 asks n times and records the stdev in DimensionScore.spread.
- evidence quotes survive only if they are verbatim substrings of the candidate's text and
  not text the offline grader sets aside (HTML comments, sentences addressed to the grader).
- a dimension whose call fails (after the client's retries and one repair) takes the
  offline grader's score for that dimension, and its feedback says so.
- the design summary is written by the model, one call beside the dimension calls, per
  phase the candidate discussed (agent/grading/llm_summary.py); a failed or junk summary
  leaves the offline digest of the candidate's own sentences, with a note saying why.
- the other parts of the recap that are not per-dimension judgements (signals shown,
  missed signals) come from the offline grader's reading of the same text; strengths
  and next steps are worded by the shared narrative from the LLM's scores.

`agrade_answer` / `agrade_transcript` use langchain's async API, so a batch can keep many
items in flight; the sync methods run the dimension calls on a small thread pool.
"""

from __future__ import annotations

import asyncio
import re
import statistics
from concurrent.futures import ThreadPoolExecutor

from agent.backends.llm.client import LLMClient
from agent.backends.llm.faults import ModelFailure
from agent.content.problems import ProblemCard
from agent.content.rubric import Dimension, Rubric
from agent.grading import advice, narrative
from agent.grading.base import Grader
from agent.grading.evidence import (
    candidate_sentences,
    is_injection,
    is_verbatim,
    split_sentences,
)
from agent.grading.inputs import strip_front_matter
from agent.grading.llm_judgement import DimensionJudgement, judgement_messages
from agent.grading.llm_summary import Written, asummarise, summarise, with_summary
from agent.grading.quotable import may_quote
from agent.grading.recap import DimensionScore, Recap
from agent.grading.scoring import DimensionResult
from agent.grading.whole_sentences import widen
from agent.read.reading import MessageKind
from agent.record.transcript import Transcript

Outcome = list[DimensionJudgement] | ModelFailure


class LLMGrader:
    name = "llm"

    def __init__(
        self,
        client: LLMClient,
        fallback: Grader,
        *,
        samples: int = 1,
        dimension_concurrency: int = 3,
        max_tokens: int = 400,
        summary_max_tokens: int = 700,
        sample_temperature: float = 0.7,
    ) -> None:
        self.client = client
        self.fallback = fallback
        self.model: str | None = client.model
        self.samples = max(1, samples)
        self.dimension_concurrency = max(1, dimension_concurrency)
        self.max_tokens = max_tokens
        self.summary_max_tokens = summary_max_tokens
        self.sample_temperature = sample_temperature

    def temperature(self, sample: int) -> float:
        """The first sample is at temperature 0; extra samples vary, or the spread says nothing."""
        return 0.0 if sample == 0 else self.sample_temperature

    # -- sync -------------------------------------------------------------------------------
    def grade_answer(self, text: str, card: ProblemCard, rubric: Rubric) -> Recap:
        body = strip_front_matter(text)
        base = self.fallback.grade_answer(text, card, rubric)
        return self._grade(body, [body], card, rubric, base)

    def grade_transcript(self, transcript: Transcript, card: ProblemCard, rubric: Rubric) -> Recap:
        base = self.fallback.grade_transcript(transcript, card, rubric)
        texts = candidate_evidence(transcript)
        return self._grade(answer_of(texts), texts, card, rubric, base)

    def _grade(
        self, answer: str, sources: list[str], card: ProblemCard, rubric: Rubric, base: Recap
    ) -> Recap:
        def judge(dim: Dimension) -> Outcome:
            try:
                return [self._judge(dim, card, answer, i) for i in range(self.samples)]
            except ModelFailure as failure:
                return failure

        with ThreadPoolExecutor(max_workers=self.dimension_concurrency) as pool:
            written = pool.submit(summarise, self.client, card, answer, self.summary_max_tokens)
            outcomes = list(pool.map(judge, rubric.dimensions))
            summary = written.result()
        return with_summary(self._recap(rubric, base, outcomes, sources, card), summary, answer)

    def _judge(
        self, dim: Dimension, card: ProblemCard, answer: str, sample: int
    ) -> DimensionJudgement:
        messages = judgement_messages(self.client.prompts, dim, card, answer)
        out, _ = self.client.structured(
            messages,
            DimensionJudgement,
            role="grader",
            temperature=self.temperature(sample),
            max_tokens=self.max_tokens,
        )
        return out

    # -- async ------------------------------------------------------------------------------
    async def agrade_answer(self, text: str, card: ProblemCard, rubric: Rubric) -> Recap:
        body = strip_front_matter(text)
        base = await asyncio.to_thread(self.fallback.grade_answer, text, card, rubric)
        return await self._agrade(body, [body], card, rubric, base)

    async def agrade_transcript(
        self, transcript: Transcript, card: ProblemCard, rubric: Rubric
    ) -> Recap:
        base = await asyncio.to_thread(self.fallback.grade_transcript, transcript, card, rubric)
        texts = candidate_evidence(transcript)
        return await self._agrade(answer_of(texts), texts, card, rubric, base)

    async def _agrade(
        self, answer: str, sources: list[str], card: ProblemCard, rubric: Rubric, base: Recap
    ) -> Recap:
        gate = asyncio.Semaphore(self.dimension_concurrency)

        async def judge(dim: Dimension) -> Outcome:
            messages = judgement_messages(self.client.prompts, dim, card, answer)
            samples: list[DimensionJudgement] = []
            try:
                for i in range(self.samples):
                    async with gate:
                        out, _ = await self.client.astructured(
                            messages,
                            DimensionJudgement,
                            role="grader",
                            temperature=self.temperature(i),
                            max_tokens=self.max_tokens,
                        )
                    samples.append(out)
            except ModelFailure as failure:
                return failure
            return samples

        async def summary() -> Written:
            async with gate:
                return await asummarise(self.client, card, answer, self.summary_max_tokens)

        written = asyncio.ensure_future(summary())
        outcomes = await asyncio.gather(*(judge(d) for d in rubric.dimensions))
        recap = self._recap(rubric, base, list(outcomes), sources, card)
        return with_summary(recap, await written, answer)

    # -- recap ------------------------------------------------------------------------------
    def _recap(
        self,
        rubric: Rubric,
        base: Recap,
        outcomes: list[Outcome],
        sources: list[str],
        card: ProblemCard | None = None,
    ) -> Recap:
        offline = {d.id: d for d in base.dimensions}
        scores = [
            dimension_score(dim, outcome, offline[dim.id], sources, base.challenged)
            for dim, outcome in zip(rubric.dimensions, outcomes, strict=True)
        ]
        total = sum(d.weight for d in rubric.dimensions)
        overall = round(
            sum(d.weight * s.score for d, s in zip(rubric.dimensions, scores, strict=True)) / total,
            2,
        )
        results = [_result(rubric.dimension(s.id), s) for s in scores]
        gone = list(base.not_reached)
        texts = dict(enumerate(sources))
        missed, steps, still = narrative.missing_advice(results, rubric, gone)
        for s, r in zip(scores, results, strict=True):
            reached = r.dimension.phase not in gone or bool(r.shown)
            unnamed = [rubric.signal(sid).description for sid in still[r.dimension.id]]
            s.next_level = advice.next_level(r.dimension, s.score, unnamed) if reached else ""
        return base.model_copy(
            update={
                "grader": self.name,
                "model": self.model,
                "dimensions": scores,
                "overall": overall,
                "recommendation": narrative.recommendation_for(overall),
                "strengths": narrative.strengths(results, rubric, lambda q: widen(q, texts)),
                "missed": missed,
                "next_steps": steps,
                "strong_answer": advice.strong_answer(
                    results, card, rubric, gone, claims=candidate_sentences(texts)
                ),
            }
        )


def candidate_evidence(transcript: Transcript) -> list[str]:
    """Candidate turns that count as evidence (manipulation attempts do not)."""
    return [
        t.text
        for t in transcript.turns
        if t.role == "candidate" and t.kind != MessageKind.MANIPULATION and t.text.strip()
    ]


def answer_of(texts: list[str]) -> str:
    return "\n".join(f"- {t.strip()}" for t in texts)


_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


def _set_aside(sources: list[str]) -> list[str]:
    """Text that is never evidence: HTML comments and sentences that talk to the grader."""
    out: list[str] = []
    for source in sources:
        out += [m.group(0) for m in _HTML_COMMENT.finditer(source)]
        out += [s.text for s in split_sentences(source) if is_injection(s.text)]
    return out


def dimension_score(
    dim: Dimension,
    outcome: Outcome,
    offline: DimensionScore,
    sources: list[str],
    challenged: list[str] | None = None,
) -> DimensionScore:
    if isinstance(outcome, ModelFailure):
        return offline.model_copy(
            update={
                "feedback": f"[offline score: {outcome.reason}] {offline.feedback}",
                "why": offline.why,
            }
        )
    scores = [j.score for j in outcome]
    quotes: list[str] = []
    set_aside = _set_aside(sources)
    for judgement in outcome:
        for quote in judgement.evidence:
            quote = quote.strip()
            if quote and quote not in quotes and is_verbatim(quote, sources):
                if is_injection(quote) or any(quote in t or t in quote for t in set_aside):
                    continue  # the offline grader never counts this text either
                if not may_quote(quote, sources, challenged or []):
                    continue  # a heading or a challenged claim is never cited
                quotes.append(quote)
    return DimensionScore(
        id=dim.id,
        title=dim.title,
        score=round(statistics.median(scores)),
        evidence=quotes[:3],
        signals=list(offline.signals),
        missed=list(offline.missed),
        feedback=outcome[0].feedback.strip(),
        why=outcome[0].feedback.strip(),
        spread=round(statistics.pstdev(scores), 3) if len(scores) > 1 else None,
    )


def _result(dim: Dimension, score: DimensionScore) -> DimensionResult:
    """The shape the shared narrative words strengths and next steps from.

    Missed signals are the offline grader's (which already leave out signals shown anywhere
    and the card's not-applicable ones), matched back to ids by their description.
    """
    shown = [s.id for s in dim.signals if s.id in score.signals]
    still_missing = set(score.missed)
    total = sum(s.weight for s in dim.signals)
    coverage = sum(s.weight for s in dim.signals if s.id in shown) / total if total else 0.0
    return DimensionResult(
        dimension=dim,
        score=score.score,
        coverage=coverage,
        shown=shown,
        quotes=list(score.evidence),
        missed=[s.id for s in dim.signals if s.id not in shown and s.description in still_missing],
    )
