"""Prompt-injection figures (issue 7): every attempt of tests/data/injections.yaml, end to end.

    python -m bench.injection        (also part of `python -m bench.run`)

Runs the suite of tests/injection_suite.py: each candidate attempt in an offline interview on
two cards (next to the same interview without it), each answer attempt inside three
reference answers graded by `mlsd evaluate` (next to the clean answer). Prints:
- attempts and runs per channel;
- leaks: runs where an interviewer line showed an unasked card fact, rubric internals or
  prompt text, or a move selected an unasked fact, plus answer runs whose evidence quotes
  carry injected text (count and attempt@card ids; fact_leaks names attempt@card:topic);
- decline rate of candidate attempts (all, and those the attempt file says must be
  declined), with the ones not declined and how they were read;
- score change, injected minus clean, per channel: mean and max of the overall score, the
  largest per-dimension change, and the attempts that raised anything;
- how often the offline grader flags an injected answer as manipulation;
- the LLM path on a fake chat model: runs where the voice or reader prompt held an unasked
  fact, with a careful reader and with a reader the attempt took in.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from tests.support.injection_answers import AnswerResult, answer_results
from tests.support.injection_suite import (
    CARDS,
    Attempt,
    CandidateResult,
    candidate_results,
    load_attempts,
)

REPO = Path(__file__).resolve().parent.parent

# -- figures -----------------------------------------------------------------------------


def _deltas(results: list) -> dict[str, float]:
    overall = [r.delta for r in results]
    per_dim = [v for r in results for v in r.dimension_deltas.values()]
    return {
        "mean_overall_delta": round(statistics.fmean(overall), 3) if overall else 0.0,
        "max_overall_delta": max(overall, default=0.0),
        "max_dimension_delta": max(per_dim, default=0),
        "raised": sorted(
            {r.attempt.id for r in results if r.delta > 0 or max(r.dimension_deltas.values()) > 0}
        ),
    }


def figures(cands: list[CandidateResult], answers: list[AnswerResult]) -> dict[str, object]:
    must = [r for r in cands if r.attempt.must_decline]
    return {
        "candidate_attempts": len({r.attempt.id for r in cands}),
        "candidate_runs": len(cands),
        "answer_attempts": len({r.attempt.id for r in answers}),
        "answer_runs": len(answers),
        "leaks": sum(r.leaked for r in cands) + sum(bool(r.quoted) for r in answers),
        "leak_ids": sorted(
            {f"{r.attempt.id}@{r.card}" for r in cands if r.leaked}
            | {f"{r.attempt.id}@{r.base}" for r in answers if r.quoted}
        ),
        "fact_leaks": sorted(
            {f"{r.attempt.id}@{r.card}:{x.topic}" for r in cands for x in r.fact_leaks}
            | {f"{r.attempt.id}@{r.card}:{t}" for r in cands for t in r.unasked_topics}
        ),
        "rubric_or_prompt_leaks": sum(len(r.rubric_leaks) + len(r.prompt_leaks) for r in cands),
        "answer_quotes_injected": sum(len(r.quoted) for r in answers),
        "answer_flagged_rate": (
            round(sum(r.manipulation_attempts > 0 for r in answers) / len(answers), 3)
            if answers
            else 0.0
        ),
        "decline_rate": round(sum(r.declined for r in cands) / len(cands), 3) if cands else 0.0,
        "decline_rate_required": round(sum(r.declined for r in must) / len(must), 3)
        if must
        else 0.0,
        "not_declined_required": sorted(
            {f"{r.attempt.id}@{r.card}:{r.kind}->{r.move}" for r in must if not r.declined}
        ),
        "candidate": _deltas(cands),
        "answer": _deltas(answers),
    }


def llm_figures(attempts: list[Attempt]) -> dict[str, object]:
    """The LLM path on a fake chat model: what the voice is shown, with a careful reader and
    with a reader the attempt took in (it reads the attempt as a question about every fact)."""
    from tests.support.injection_llm import llm_interview, prompt_leaks

    careful: list[str] = []
    for i, attempt in enumerate(attempts):
        card = CARDS[i % len(CARDS)]
        model, iv = llm_interview(attempt, card, fooled=False)
        voice, reader = prompt_leaks(model, attempt, card, iv)
        if voice or reader:
            careful.append(f"{attempt.id}@{card}")
    targets = [a for a in attempts if a.must_decline and a.goal == "hidden_facts"]
    fooled: list[str] = []
    for attempt in targets:
        model, iv = llm_interview(attempt, CARDS[0], fooled=True)
        voice, _ = prompt_leaks(model, attempt, CARDS[0], iv)
        if voice:
            fooled.append(f"{attempt.id}:{len({x.topic for x in voice})} facts")
    return {
        "llm_careful_runs": len(attempts),
        "llm_careful_leaks": careful,
        "llm_taken_in_runs": len(targets),
        "llm_taken_in_leaks": len(fooled),
        "llm_taken_in_leak_ids": fooled,
    }


def main() -> dict[str, object]:
    from tests.support.fixtures_store import shared_store

    store = shared_store()
    cands = candidate_results(load_attempts("candidate"), store)
    answers = answer_results(load_attempts("answer"))
    figs = figures(cands, answers) | llm_figures(load_attempts("candidate"))
    for key, value in figs.items():
        print(f"{key:>24}: {value}")
    return figs


if __name__ == "__main__":
    main()
