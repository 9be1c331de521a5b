"""Build a grader by name: `offline` (default, deterministic) or `llm`.

The LLM grader lives in agent/grading/llm.py; it and its client are imported lazily here so
the offline path never loads langchain (and grading/llm.py needs nothing from this module).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from agent.grading.base import Grader
from agent.settings import Settings, get_settings

if TYPE_CHECKING:
    from agent.backends.llm.client import LLMClient
    from agent.grading.llm import LLMGrader

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
        return make_llm_grader(settings, samples=samples)
    raise GraderUnavailable(f"unknown grader {name!r}; choose one of {', '.join(GRADER_NAMES)}")


def make_llm_grader(
    settings: Settings,
    *,
    samples: int = 1,
    client_factory: Callable[[Settings], LLMClient] | None = None,
) -> LLMGrader:
    """The grader the factory hands out for `--grader llm` (offline grader as the fallback)."""
    try:
        from agent.backends.openai import LLMNotConfigured, make_client
        from agent.grading.llm import LLMGrader
    except ImportError as e:
        raise GraderUnavailable(f"the llm grader is not available: {e}") from e
    from agent.grading.offline import OfflineGrader

    try:
        client = (client_factory or make_client)(settings)
    except LLMNotConfigured as e:
        raise GraderUnavailable(f"the llm grader: {e}") from None
    return LLMGrader(client, OfflineGrader(), samples=samples)
