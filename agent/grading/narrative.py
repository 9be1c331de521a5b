"""The words of an offline recap: strengths, missed signals, next steps, design summary.

All wording comes from knowledge/grading/recap.yaml and the rubric's level descriptors;
all design content comes verbatim from the candidate. Output is sorted deterministically.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from agent.content.files import load_cached, load_model
from agent.content.rubric import Rubric
from agent.grading.evidence import Sentence
from agent.grading.recap import Recommendation
from agent.grading.scoring import DimensionResult, Evidence
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
MAX_SUMMARY_SENTENCE_CHARS = 240


class SummarySection(BaseModel):
    title: str
    dimensions: list[str] = Field(min_length=1)


class RecapWording(BaseModel):
    version: str
    strength: str
    strength_with_quote: str
    next_step: str
    next_step_no_missing: str
    misconception_step: str
    off_problem_step: str
    not_discussed: str
    summary_sections: list[SummarySection] = Field(min_length=1)
    summary_sentences_per_section: int = Field(default=2, ge=1)


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


def strengths(results: list[DimensionResult], rubric: Rubric) -> list[str]:
    w = wording()
    rank = _rubric_rank(rubric)
    good = [r for r in results if r.score >= 3]
    good.sort(key=lambda r: (-r.score, -r.coverage, rank[r.dimension.id]))
    out = []
    for r in good[:MAX_STRENGTHS]:
        descriptor = r.dimension.levels[r.score].strip()
        if r.quotes:
            out.append(
                w.strength_with_quote.format(
                    title=r.dimension.title, descriptor=descriptor, quote=r.quotes[0]
                )
            )
        else:
            out.append(w.strength.format(title=r.dimension.title, descriptor=descriptor))
    return out


def missed(results: list[DimensionResult], rubric: Rubric) -> list[str]:
    """The heaviest signals not shown anywhere (signal weight x dimension weight)."""
    rank = _rubric_rank(rubric)
    rows = []
    for r in results:
        for pos, sid in enumerate(r.missed):
            sig = rubric.signal(sid)
            rows.append((-(sig.weight * r.dimension.weight), rank[r.dimension.id], pos, sig))
    rows.sort(key=lambda row: row[:3])
    return [row[3].description for row in rows[:MAX_MISSED]]


def next_steps(results: list[DimensionResult], rubric: Rubric) -> list[str]:
    """Concrete advice for each weak dimension: the next level's descriptor and a first step."""
    w = wording()
    rank = _rubric_rank(rubric)
    weak = [r for r in results if r.score <= 2 or r.missteps]
    if not weak:  # a strong candidate still hears how to reach the top level
        weak = [r for r in results if r.score == 3]
    # a wrong claim left standing is the most concrete advice, so it comes first
    weak.sort(key=lambda r: (not r.missteps, r.score, -r.dimension.weight, rank[r.dimension.id]))
    out = []
    for r in weak[:MAX_NEXT_STEPS]:
        title = r.dimension.title
        if r.missteps:
            out.append(w.misconception_step.format(title=title, quote=r.missteps[0].sentence.text))
            continue
        # level 2 descriptors name what is still missing; 3 is the first level worth aiming at
        target = r.dimension.levels[min(4, max(3, r.score + 1))].strip()
        if r.missed:
            first = rubric.signal(r.missed[0]).description.strip().rstrip(".")
            first = first[:1].lower() + first[1:]
            out.append(w.next_step.format(title=title, target=target, missing=first))
        else:
            out.append(w.next_step_no_missing.format(title=title, target=target))
    return out


def _clip(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= MAX_SUMMARY_SENTENCE_CHARS:
        return flat
    return flat[: MAX_SUMMARY_SENTENCE_CHARS - 3].rstrip() + "..."


PHASE_BONUS = 1.5  # a sentence said during a section's interview phase weighs this much more


def design_summary(
    evidence: list[Evidence], rubric: Rubric, turn_phase: dict[int, str] | None = None
) -> str:
    """Extractive: per section, the candidate sentences that show the most signal weight.

    Each sentence is given to the one section it says most about (ties: the earlier
    section), so a sentence about features never stands in for the data section. In an
    interview, a sentence said during the phase a section belongs to counts PHASE_BONUS more.
    """
    w = wording()
    turn_phase = turn_phase or {}
    section_of = {d: i for i, sec in enumerate(w.summary_sections) for d in sec.dimensions}
    section_phases = {
        i: {rubric.dimension(d).phase.value for d in sec.dimensions}
        for i, sec in enumerate(w.summary_sections)
    }
    weight: dict[int, dict[int, float]] = {}  # sentence order -> section -> weight
    sentences: dict[int, Sentence] = {}
    for e in evidence:
        sec = section_of.get(e.dimension_id)
        if sec is None:
            continue
        per = weight.setdefault(e.sentence.order, {})
        gain = rubric.signal(e.signal_id).weight * max(e.strength, 0.0)
        if turn_phase.get(e.sentence.turn) in section_phases[sec]:
            gain *= PHASE_BONUS
        per[sec] = per.get(sec, 0.0) + gain
        sentences[e.sentence.order] = e.sentence
    owner = {o: min(per, key=lambda s: (-round(per[s], 6), s)) for o, per in weight.items()}
    lines = []
    for i, section in enumerate(w.summary_sections):
        mine = [o for o in weight if owner[o] == i]
        best = sorted(mine, key=lambda o: (-round(weight[o][i], 6), o))
        best = sorted(best[: w.summary_sentences_per_section])
        body = " ".join(_clip(sentences[o].text) for o in best) if best else w.not_discussed
        lines.append(f"{section.title}: {body}")
    return "\n".join(lines)
