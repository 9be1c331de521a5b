"""Build a grader by name: `offline` (default, deterministic) or `llm`.

The LLM grader lives in agent/grading/llm.py; its branch below imports it lazily so the
offline path never loads langchain.
"""

from __future__ import annotations

from agent.grading.base import Grader
from agent.settings import Settings, get_settings

GRADER_NAMES: tuple[str, ...] = ("offline", "llm")


class GraderUnavailable(ValueError):
    """The requested grader cannot be built (unknown name, missing configuration)."""


def make_grader(
    name: str = "offline", settings: Settings | None = None, *, samples: int = 1
) -> Grader:
    """A grader for `name`; samples > 1 asks the LLM grader for n samples per dimension."""
    settings = settings or get_settings()
    if samples < 1:
        raise GraderUnavailable(f"samples must be at least 1, got {samples}")
    if name == "offline":
        from agent.grading.offline import OfflineGrader

        return OfflineGrader()
    if name == "llm":
        try:
            from agent.grading import llm
        except ImportError as e:
            raise GraderUnavailable(f"the llm grader is not available: {e}") from e
        return llm.make_llm_grader(settings, samples=samples)
    raise GraderUnavailable(f"unknown grader {name!r}; choose one of {', '.join(GRADER_NAMES)}")
