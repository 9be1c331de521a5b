"""Human labels for values the app stores as ids (problems, recommendations, statuses)."""

from __future__ import annotations

from agent.content.bundle import load_content

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
