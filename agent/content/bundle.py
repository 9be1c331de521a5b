"""The content an interview and its grading run on, loaded through one stamp-keyed cache.

    content = load_content(settings)      # rubric, phase plan, problem cards, wrong claims

Each piece is re-read only when its files change, so a card dropped into
MLSD_USER_PROBLEMS_DIR while `mlsd ui` runs is listed, started and resumed without a restart.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent.content.files import load_cached
from agent.content.misconceptions import MisconceptionCatalog, load_misconceptions
from agent.content.phases import PhasePlan, load_phase_plan
from agent.content.problems import ProblemLibrary, load_problems
from agent.content.rubric import Rubric, load_rubric
from agent.settings import Settings, get_settings


@dataclass(frozen=True)
class InterviewContent:
    rubric: Rubric
    plan: PhasePlan
    problems: ProblemLibrary
    misconceptions: MisconceptionCatalog


def load_content(settings: Settings | None = None) -> InterviewContent:
    """Rubric, phases, problem cards and wrong claims for these settings (ContentError if a
    file is malformed); the current settings when none are given."""
    s = settings or get_settings()
    knowledge = s.knowledge_dir
    return InterviewContent(
        rubric=load_cached(load_rubric, knowledge / "rubric.yaml"),
        plan=load_cached(load_phase_plan, knowledge / "phases.yaml"),
        problems=load_cached(load_problems, knowledge / "problems", s.user_problems_dir),
        misconceptions=load_cached(load_misconceptions, knowledge / "misconceptions.yaml"),
    )
