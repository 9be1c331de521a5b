"""The offline recap, assembled: per dimension a score from the evidence (scoring.py,
communication.py), then the narrative around the scores (why, strengths, what was missed,
next steps, what a strong answer would have added) and the design digest.
"""

from __future__ import annotations

from agent.content.phases import Phase
from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.grading import advice, narrative
from agent.grading.communication import communication_coverage
from agent.grading.digest import design_digest, summary_text
from agent.grading.evidence import candidate_sentences, evidence_rules, mentioned_in
from agent.grading.quotable import overlaps, unquotable, whole_quote
from agent.grading.recap import DimensionScore, Recap
from agent.grading.relevance import Relevance
from agent.grading.scoring import (
    COMMUNICATION_ID,
    DimensionResult,
    Evidence,
    Misstep,
    overall_score,
    score_dimension,
)
from agent.grading.whole_sentences import widen

OFF_PROBLEM_CAP = {COMMUNICATION_ID: 2}  # every other dimension: 1


def assemble_recap(
    rubric: Rubric,
    evidence: list[Evidence],
    missteps: list[Misstep],
    *,
    card: ProblemCard | None,
    relevance: Relevance | None = None,
    hints: dict[str, list[int]],
    challenged_quotes: list[str] | None = None,
    hints_used: int,
    manipulation: int,
    minutes: dict[str, float],
    turn_phase: dict[int, str] | None = None,
    sources: dict[int, str],
    said: set[str] | None = None,
    mentioned: set[str] | None = None,
    on_clock: bool = False,
    not_reached: list[Phase] | None = None,
    asked_turns: dict[int, Phase] | None = None,
    grader: str,
    model: str | None,
    rubric_hash: str,
) -> Recap:
    """The recap of one graded input: each dimension scored from the evidence, then the
    narrative (strengths, missed points, next steps, a strong answer) around the scores.

    `challenged_quotes`: the candidate's statements the interviewer challenged as wrong
    claims; the sentences holding them are never quoted, like the grader's own missteps.
    `mentioned`: the signals any of the candidate's statements talks about (shown or not;
    evidence.named_anywhere): those not shown are named last among what is missing."""
    skip = frozenset(card.not_applicable) if card is not None else frozenset()
    credited = list({e.sentence.order: e.sentence for e in evidence}.values())
    quoted_back = [q for q in (challenged_quotes or []) if q.strip()]
    challenged = list(
        dict.fromkeys(
            [m.sentence.text for m in missteps]
            + [s.text for s in credited if quoted_back and overlaps(s.text, quoted_back)]
        )
    )
    never_quoted = unquotable(credited, sources, challenged)
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
    gone = list(not_reached or [])
    from agent.content.bundle import load_content

    # a claim corrected after a challenge is never summarised as the design
    corrected = [m.sentence.text for m in missteps if m.corrected]
    design = design_digest(
        evidence,
        rubric,
        load_content().plan,
        sources,
        turn_phase=turn_phase,
        not_reached=gone,
        asked_turns=asked_turns,
        retracted=lambda text: overlaps(text, corrected),
    )
    # a signal the candidate showed anywhere (the grader's evidence or the reader's turns)
    # is never listed as missed, whichever dimension's score it did or did not lift; nor
    # is one that a sentence the recap quotes (as evidence or in the design summary) talks
    # about: what the recap shows as said is never listed as missing
    quoted = [q for r in results for q in r.quotes] + [t for d in design for t in d.sentences]
    named = mentioned_in([e.sentence for e in evidence], quoted)
    shown = evidence_rules().with_implied({e.signal_id for e in evidence} | (said or set()) | named)
    # a point a statement named without showing it (`mentioned`: "Time split." read as a
    # mention of splitting by time) is still missing, but named after every point never
    # talked about: the recap does not lead what was missed with what the candidate said
    talked = (mentioned or set()) - shown
    for r in results:
        kept = [s for s in r.missed if s not in shown]
        r.missed = [s for s in kept if s not in talked] + [s for s in kept if s in talked]
    missed, steps, still = narrative.missing_advice(results, rubric, gone, talked)
    if relevance is not None and relevance.off_problem:
        # designing another problem shows nothing about this one (clear communication aside)
        for r in results:
            r.score = min(r.score, OFF_PROBLEM_CAP.get(r.dimension.id, 1))
            r.off_problem = True
        closest = relevance.closest.replace("-", " ")
        steps = [narrative.wording().off_problem_step.format(closest=closest), *steps]
    overall = overall_score(results)
    w = narrative.wording()
    return Recap(
        rubric_version=rubric.version,
        rubric_hash=rubric_hash,
        grader=grader,
        model=model,
        dimensions=[
            _dimension_score(
                r,
                rubric,
                gone,
                sources,
                advice.reason(r, rubric, evidence, gone),
                still[r.dimension.id],
            )
            for r in results
        ],
        overall=overall,
        recommendation=narrative.recommendation_for(overall),
        summary=summary_text(design, w),
        design=design,
        strengths=narrative.strengths(results, rubric, lambda q: widen(q, sources)),
        missed=missed,
        next_steps=steps,
        strong_answer=advice.strong_answer(
            results, card, rubric, gone, shown, claims=candidate_sentences(sources)
        ),
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
    still: list[str],
) -> DimensionScore:
    """`still`: the missed signals the recap names nowhere else (the next-level line's)."""
    reached = r.dimension.phase not in not_reached or bool(r.shown)
    missed = [rubric.signal(s).description for s in r.missed] if reached else []
    unnamed = [rubric.signal(s).description for s in still] if reached else []
    return DimensionScore(
        id=r.dimension.id,
        title=r.dimension.title,
        score=r.score,
        evidence=list(dict.fromkeys(whole_quote(q, sources.values()) for q in r.quotes)),
        signals=r.shown,
        missed=missed,
        feedback=why,
        why=why,
        next_level=advice.next_level(r.dimension, r.score, unnamed) if reached else "",
    )
