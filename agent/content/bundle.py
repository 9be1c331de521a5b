"""The content one interview runs on: rubric, phase plan and problem library.

Loaded once per content location and shared by every interview in the process (the files
are read-only while the product runs; a changed file is picked up by a new process).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from agent.content.phases import PhasePlan, load_phase_plan
from agent.content.problems import ProblemLibrary, load_problems
from agent.content.rubric import Rubric, load_rubric
from agent.settings import Settings


@dataclass(frozen=True)
class InterviewContent:
    rubric: Rubric
    plan: PhasePlan
    problems: ProblemLibrary


_cache: dict[tuple[Path, Path | None], InterviewContent] = {}
_lock = threading.Lock()


def load_content(settings: Settings) -> InterviewContent:
    """Rubric, phases and problem cards for these settings (ContentError if malformed)."""
    key = (settings.knowledge_dir.resolve(), settings.user_problems_dir)
    with _lock:
        content = _cache.get(key)
        if content is None:
            knowledge = settings.knowledge_dir
            content = InterviewContent(
                rubric=load_rubric(knowledge / "rubric.yaml"),
                plan=load_phase_plan(knowledge / "phases.yaml"),
                problems=load_problems(knowledge / "problems", settings.user_problems_dir),
            )
            _cache[key] = content
        return content
