"""Grading interviews and written answers against the fixed rubric.

from agent.grading import grade
recap = grade("answers/fraud.md")                       # a file (problem in front matter)
recap = grade("We first clarify...", problem="fraud-detection")   # text
recap = grade(Path("interview.json"), grader="llm")     # a saved interview
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent.grading.base import Grader
    from agent.grading.recap import Recap

__all__ = ["grade"]


def grade(
    path_or_text: str | Path, problem: str | None = None, grader: str | Grader = "offline"
) -> Recap:
    """Grade a transcript file, an answer file or answer text; raise InputError if unusable.

    A str is a path when it names an existing file, otherwise it is the answer itself.
    """
    from agent.content.bundle import load_content
    from agent.grading.factory import make_grader
    from agent.grading.inputs import InputError, answer_item, load_item

    if isinstance(path_or_text, Path) or (
        "\n" not in path_or_text and len(path_or_text) < 4096 and Path(path_or_text).is_file()
    ):
        path = Path(path_or_text)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        item = load_item(path, problem)
    else:
        item = answer_item(path_or_text, "<text>", problem)
    g = make_grader(grader) if isinstance(grader, str) else grader
    card = load_content().problems.get(item.problem_id)
    rubric = load_content().rubric
    if item.transcript is not None:
        return g.grade_transcript(item.transcript, card, rubric)
    return g.grade_answer(item.answer, card, rubric)
