"""Loading the bundled content once: rubric, phase plan, problem cards."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from agent.phases import PhasePlan, load_phase_plan
from agent.problems import ProblemLibrary, load_problems
from agent.rubric import Rubric, load_rubric
from agent.settings import get_settings


def rubric_path() -> Path:
    return get_settings().knowledge_dir / "rubric.yaml"


@lru_cache(maxsize=4)
def _rubric(path: Path) -> Rubric:
    return load_rubric(path)


def rubric() -> Rubric:
    return _rubric(rubric_path())


def phase_plan() -> PhasePlan:
    return load_phase_plan(get_settings().knowledge_dir / "phases.yaml")


def problems() -> ProblemLibrary:
    s = get_settings()
    return load_problems(s.knowledge_dir / "problems", s.user_problems_dir)
