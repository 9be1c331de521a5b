"""Per-dimension reasons and the way up: why a score, what the next level asks, what a
strong answer would have added (from the problem card's strong-answer notes).

Wording comes from knowledge/grading/recap.yaml, level text from the rubric and notes from
the card; no internal figures (coverage shares, thresholds) reach the reader.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.content.phases import PHASE_ORDER, Phase
from agent.content.problems import ProblemCard
from agent.content.rubric import Dimension, Rubric
from agent.grading.communication import (
    MIN_ORDER,
    MIN_ORDERED_PHASES,
    PhaseProfile,
    phase_profile,
)
from agent.grading.narrative import phase_titles, wording
from agent.grading.note_cover import covered
from agent.grading.scoring import COMMUNICATION_ID, DimensionResult, Evidence

MISSING_NAMED = 2  # signals named after the next level's descriptor
NOTES_PER_PHASE = 2
MAX_NOTES = 6
_WORD = re.compile(r"[a-z]{4,}")


def why(r: DimensionResult, not_reached: list[Phase] | None = None) -> str:
    """One plain line: what the score rests on (the points shown, the statements with a
    reason) and what held it back. No share of all the dimension's points: a level rests on
    depth as much as on breadth, so "2 of 6 points" beside a 4/4 told two stories; the points
    still missing are named by the next level's line."""
    w = wording()
    if not r.shown and r.dimension.phase in (not_reached or []):
        return w.why_not_reached
    if not r.shown:
        line = w.why_none
    else:
        n = len(r.shown)
        points = w.why_points_one if n == 1 else w.why_points.format(n=n)
        line = w.why.format(points=points)
        if r.deep:
            line += w.why_deep.format(deep=r.deep)
        line += "."
        if r.score == 1 and not r.missteps and not r.off_problem:
            line += w.why_thin
    if r.hinted:
        line += w.why_hinted
    if r.missteps:
        line += w.why_misstep.format(quote=r.missteps[0].sentence.text)
    if r.off_problem:
        line += w.why_off_problem
    return line


def why_communication(r: DimensionResult, profile: PhaseProfile, phases: list[Phase]) -> str:
    """Communication's line: how many design phases the answers covered and in what order,
    and which habits they showed. Only the candidate's words count, never the interviewer's
    moves (a steer back on track costs nothing here)."""
    w = wording()
    covered = len(phases) - len(profile.uncovered)
    line = w.why_communication.format(covered=covered, total=len(phases))
    if profile.uncovered and covered:  # with none covered, listing them all says nothing
        gaps = [p for p in PHASE_ORDER if p in profile.uncovered]
        line += w.why_communication_gaps.format(phases=", ".join(phase_titles(gaps)))
    habits = r.dimension.signals  # counted and named from one list, so the two agree
    names = [w.habits.get(s.id, s.description.rstrip(".").lower()) for s in habits]
    shown = len(habits) - len(set(r.missed))  # shown in the grader's evidence or the turns
    line += w.why_communication_habits.format(
        shown=shown, habits=len(habits), names=", ".join(names)
    )
    if covered >= MIN_ORDERED_PHASES and profile.order < MIN_ORDER and r.score <= 2:
        line += w.why_communication_order_cap.format(cap=r.score)
    elif profile.uncovered and r.score < 4:
        line += w.why_communication_gap_cap.format(cap=max(1, 4 - len(profile.uncovered)))
    if r.hinted:
        line += w.why_hinted
    return line


def reason(
    r: DimensionResult, rubric: Rubric, evidence: list[Evidence], not_reached: list[Phase]
) -> str:
    """The one line of why for any dimension (communication has its own)."""
    if r.dimension.id != COMMUNICATION_ID or r.off_problem:
        return why(r, not_reached)
    content = {d.phase for d in rubric.dimensions if d.id != COMMUNICATION_ID}
    phases = [p for p in PHASE_ORDER if p in content]  # the design phases phase_profile judges
    return why_communication(r, phase_profile(evidence, rubric), phases)


def next_level(dim: Dimension, score: int, missing: list[str]) -> str:
    """What the level above asks for (the rubric's words) and the first points still missing."""
    if score >= 4:
        return ""
    w = wording()
    line = w.next_level.format(level=score + 1, descriptor=dim.levels[score + 1].strip())
    named = [m.strip().rstrip(".") for m in missing[:MISSING_NAMED]]
    if named:
        named = [n[:1].lower() + n[1:] for n in named]
        line += w.next_level_missing.format(missing="; ".join(named))
    return line


@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def strong_answer(
    results: list[DimensionResult],
    card: ProblemCard | None,
    rubric: Rubric,
    not_reached: list[Phase] | None = None,
    said: set[str] | None = None,
    claims: list[str] | None = None,
) -> list[str]:
    """The card's strong-answer notes for the phases where something was missing.

    Weakest phases first (then interview order) choose NOTES_PER_PHASE notes each, those
    that share the most words with the phase's missing signals; shown in interview order.
    A phase where every dimension reached 4 gets none. `said`: the signals the candidate
    showed anywhere (the same set that keeps a signal off the missed lists); `claims`: the
    candidate's sentences. A note the candidate covered, by its signals or by what one of
    their sentences says (note_cover.py), is not offered.
    """
    if card is None or not card.strong_answer:
        return []
    shown = said or set()
    said_texts = claims or []
    gone = set(not_reached or [])
    weakest: dict[Phase, int] = {}
    missing_words: dict[Phase, set[str]] = {}
    for r in results:
        phase = r.dimension.phase
        if phase not in card.strong_answer or (r.score >= 4 and phase not in gone):
            continue
        if not r.missed and phase not in gone:
            continue
        weakest[phase] = min(weakest.get(phase, 4), r.score)
        words = missing_words.setdefault(phase, set())
        for sid in r.missed:
            words |= _words(rubric.signal(sid).description)
    order = {p: i for i, p in enumerate(PHASE_ORDER)}
    chosen: dict[Phase, list[str]] = {}
    budget = MAX_NOTES
    for phase in sorted(weakest, key=lambda p: (weakest[p], order[p])):
        if budget <= 0:
            break
        notes = [
            n for n in card.strong_answer[phase] if not covered(n, shown, said_texts, phase.value)
        ]
        if not notes:
            continue
        ranked = sorted(
            range(len(notes)), key=lambda i: (-len(_words(notes[i]) & missing_words[phase]), i)
        )
        take = sorted(ranked[: min(NOTES_PER_PHASE, budget)])
        chosen[phase] = [notes[i] for i in take]
        budget -= len(take)
    w = wording()
    out = []
    for phase in sorted(chosen, key=order.__getitem__):
        title = phase_titles([phase])[0]
        out += [w.strong_answer.format(phase=title, note=n.strip()) for n in chosen[phase]]
    return out
