"""The words of a recap: strengths, missed signals, next steps (both graders share them).

All wording comes from knowledge/grading/recap.yaml and the rubric's level descriptors;
all design content comes verbatim from the candidate. Output is sorted deterministically.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from agent.content.files import load_cached, load_model
from agent.content.phases import PHASE_ORDER, Phase
from agent.content.rubric import Rubric
from agent.grading.recap import Recommendation
from agent.grading.scoring import DimensionResult
from agent.settings import get_settings

RECOMMENDATION_THRESHOLDS: tuple[tuple[float, Recommendation], ...] = (
    (3.5, Recommendation.STRONG_HIRE),
    (3.0, Recommendation.HIRE),
    (2.5, Recommendation.LEAN_HIRE),
    (2.0, Recommendation.LEAN_NO_HIRE),
)
MAX_STRENGTHS = 3
MAX_MISSED = 5
MAX_NEXT_STEPS = 4


class RecapWording(BaseModel):
    version: str
    strength: str
    next_step: str
    misconception_step: str
    off_problem_step: str
    not_discussed: str
    not_reached: str
    asked_only: str
    one_question: str
    questions: str
    why_none: str
    why: str
    why_points_one: str
    why_points: str
    why_deep: str
    why_hinted: str
    why_misstep: str
    why_off_problem: str
    why_not_reached: str
    why_thin: str
    why_communication: str
    why_communication_gaps: str
    why_communication_habits: str
    # short names of communication's signals, for the habits line (the signal's own
    # description where a habit has no short name)
    habits: dict[str, str] = Field(default_factory=dict)
    why_communication_gap_cap: str
    why_communication_order_cap: str
    next_level: str
    next_level_missing: str
    missed_not_reached: str
    strong_answer: str
    corrected: str


def _wording(path: Path) -> RecapWording:
    return load_model(path, RecapWording)


def wording() -> RecapWording:
    return load_cached(_wording, get_settings().knowledge_dir / "grading" / "recap.yaml")


def recommendation_for(overall: float) -> Recommendation:
    for threshold, rec in RECOMMENDATION_THRESHOLDS:
        if overall >= threshold:
            return rec
    return Recommendation.NO_HIRE


def _rubric_rank(rubric: Rubric) -> dict[str, int]:
    return {d.id: i for i, d in enumerate(rubric.dimensions)}


def strengths(
    results: list[DimensionResult], rubric: Rubric, whole: Callable[[str], str] | None = None
) -> list[str]:
    """What the candidate did well, in their own words: the best claim of each strong dimension.

    `whole` widens a quote to the full sentence it was cut from, when the source is known.
    """
    w = wording()
    whole = whole or (lambda quote: quote)
    rank = _rubric_rank(rubric)
    good = [r for r in results if r.score >= 3 and r.quotes]
    good.sort(key=lambda r: (-r.score, -r.coverage, rank[r.dimension.id]))
    return [
        w.strength.format(title=r.dimension.title, quote=whole(r.quotes[0]))
        for r in good[:MAX_STRENGTHS]
    ]


def missed_signals(
    results: list[DimensionResult],
    rubric: Rubric,
    not_reached: list[Phase] | None = None,
    talked: set[str] | None = None,
) -> list[str]:
    """The ids of the heaviest signals not shown (signal weight x dimension weight), those
    no statement named first (`talked`: named without being shown).

    Each result's `missed` already leaves out signals shown anywhere and the card's
    not-applicable ones; dimensions of phases the interview never reached are left out.
    """
    talked = talked or set()
    rank = _rubric_rank(rubric)
    gone = set(not_reached or [])
    rows = []
    for r in results:
        if r.dimension.phase in gone:
            continue
        for pos, sid in enumerate(r.missed):
            sig = rubric.signal(sid)
            weight = -(sig.weight * r.dimension.weight)
            rows.append((sid in talked, weight, rank[r.dimension.id], pos, sid))
    rows.sort(key=lambda row: row[:4])
    return [row[4] for row in rows[:MAX_MISSED]]


def missed(
    results: list[DimensionResult],
    rubric: Rubric,
    not_reached: list[Phase] | None = None,
    talked: set[str] | None = None,
) -> list[str]:
    """The heaviest signals not shown, in words; phases the interview never reached are
    named once, as phases, instead of signal by signal."""
    w = wording()
    gone = set(not_reached or [])
    found = missed_signals(results, rubric, not_reached, talked)
    out = [rubric.signal(s).description for s in found]
    if gone:
        names = "; ".join(phase_titles([p for p in PHASE_ORDER if p in gone]))
        out.insert(0, w.missed_not_reached.format(phases=names))
    return out


def phase_titles(phases: list[Phase]) -> list[str]:
    from agent.content.bundle import load_content

    plan = load_content().plan
    return [plan.spec(p).title for p in phases]


def next_steps(
    results: list[DimensionResult],
    rubric: Rubric,
    not_reached: list[Phase] | None = None,
    named: set[str] | None = None,
) -> list[str]:
    """Concrete advice for the weakest dimensions: a wrong claim to revisit, or the first
    point to add. What the next level asks is the dimension's own line, not repeated here.

    `named` holds the signals the recap already names elsewhere (its list of what was
    missed): a step starts with another point, and a dimension with none left gets no
    step. The point a step names is added to `named`. A dimension of a phase the clock cut
    off, with nothing said about it, gets no advice: the recap names those phases once.
    """
    w = wording()
    named = set() if named is None else named
    rank = _rubric_rank(rubric)
    gone = set(not_reached or [])
    results = [r for r in results if r.shown or r.missteps or r.dimension.phase not in gone]
    weak = [r for r in results if r.score <= 2 or r.missteps]
    if not weak:  # a strong candidate still hears how to reach the top level
        weak = [r for r in results if r.score == 3]
    # a wrong claim left standing is the most concrete advice, so it comes first
    weak.sort(key=lambda r: (not r.missteps, r.score, -r.dimension.weight, rank[r.dimension.id]))
    out: list[str] = []
    for r in weak:
        if len(out) == MAX_NEXT_STEPS:
            break
        title = r.dimension.title
        if r.missteps:
            out.append(w.misconception_step.format(title=title, quote=r.missteps[0].sentence.text))
            continue
        free = [s for s in r.missed if s not in named]
        if free:
            named.add(free[0])
            first = rubric.signal(free[0]).description.strip().rstrip(".")
            out.append(w.next_step.format(title=title, missing=first[:1].lower() + first[1:]))
    return out


def still_missing(results: list[DimensionResult], named: set[str]) -> dict[str, list[str]]:
    """Per dimension, its missed signals the recap does not name elsewhere (for the
    dimension's own next-level line), so no point is listed twice."""
    return {r.dimension.id: [s for s in r.missed if s not in named] for r in results}


def missing_advice(
    results: list[DimensionResult],
    rubric: Rubric,
    not_reached: list[Phase] | None = None,
    talked: set[str] | None = None,
) -> tuple[list[str], list[str], dict[str, list[str]]]:
    """What was missed, the next steps and each dimension's still-missing signal ids, with
    every point named once: the list of what was missed takes the heaviest, each next step
    the first of its dimension's others, each dimension's own line what is left. Points a
    statement named without showing (`talked`) come after all the others in each (the
    results' `missed` lists already put them last)."""
    named = set(missed_signals(results, rubric, not_reached, talked))
    steps = next_steps(results, rubric, not_reached, named)
    return missed(results, rubric, not_reached, talked), steps, still_missing(results, named)
