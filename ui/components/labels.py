"""Human labels for values the app stores as ids (problems, recommendations, statuses,
phases, interviewer moves and rubric signals)."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.phases import Phase

RECOMMENDATIONS = {
    "strong_hire": "Strong hire",
    "hire": "Hire",
    "lean_hire": "Lean hire",
    "lean_no_hire": "Lean no hire",
    "no_hire": "No hire",
}
STATUSES = {"finished": "Finished", "in_progress": "In progress"}
NONE = "—"


def problem_title(problem_id: str) -> str:
    """The problem's title; its id for a problem this install does not have."""
    problems = load_content().problems
    try:
        return problems.get(problem_id).title
    except Exception:
        return problem_id


def phase_title(phase: str) -> str:
    """'Clarify the problem' for 'clarify'; the id, spaced, for a phase this install lacks."""
    try:
        return load_content().plan.spec(Phase(phase)).title
    except (KeyError, ValueError):
        return words(phase)


def signal_label(signal_id: str) -> str:
    """What a signal looks for, in the rubric's words ('notices class imbalance ...')."""
    try:
        text = load_content().rubric.signal(signal_id).description.rstrip(".")
    except KeyError:
        return words(signal_id)
    return text[:1].lower() + text[1:]


def words(value: str) -> str:
    """An id as words: 'answer_clarification' -> 'answer clarification'."""
    return value.replace("_", " ")
