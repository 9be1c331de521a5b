"""Human labels for values the app stores as ids (problems, recommendations, statuses,
phases, interviewer moves and rubric signals)."""

from __future__ import annotations

import re

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
# an id inside the policy's reason: lower-case words joined by underscores
_ID = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


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


def _lowered(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:]


def reason_words(reason: str) -> str:
    """An interviewer move's reason with the ids the policy wrote in it as words: a rubric
    signal in the rubric's words ('follow up on evaluates on data the model did not train
    on ...'), a wrong claim in the catalogue's, any other id (a fact topic) spaced.
    Transcripts keep the ids; this is only how Replay shows them, so saved interviews read
    the same way."""
    content = load_content()

    def say(m: re.Match[str]) -> str:
        found = m.group(0)
        try:
            return _lowered(content.rubric.signal(found).description)
        except KeyError:
            pass
        try:
            return _lowered(content.misconceptions.get(found).description)
        except KeyError:
            return words(found)

    return _ID.sub(say, reason)
