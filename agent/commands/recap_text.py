"""A recap as plain text for the terminal (`mlsd chat`, `mlsd replay`)."""

from __future__ import annotations

import contextlib
import sys
import textwrap

from agent.content.phases import PHASE_ORDER
from agent.grading.digest import design_lines
from agent.grading.recap import Recap

WIDTH = 88


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(
        " ".join(text.split()), width=WIDTH, initial_indent=indent, subsequent_indent=indent
    )


def format_recap(recap: Recap) -> str:
    rec = recap.recommendation.value.replace("_", " ")
    lines = [
        "=" * WIDTH,
        f"Recap  overall {recap.overall:.2f}/4  recommendation: {rec}",
        f"rubric {recap.rubric_version} ({recap.rubric_hash}), graded by {recap.grader}"
        + (f" / {recap.model}" if recap.model else ""),
        "=" * WIDTH,
        "",
        "Your design, summarised:",
        *(_wrap(line) for line in design_lines(recap)),
        "",
        "Scores:",
    ]
    for dim in recap.dimensions:
        lines.append(f"  {dim.title or dim.id:<40} {dim.score}/4")
        if dim.why or dim.feedback:
            lines.append(_wrap(dim.why or dim.feedback, indent="      "))
        for quote in dim.evidence[:2]:
            lines.append(_wrap(f'"{quote}"', indent="      "))
        if dim.next_level:
            lines.append(_wrap(dim.next_level, indent="      "))
    for title, items in (
        ("Strengths, in your words", recap.strengths),
        ("Missed", recap.missed),
        ("What a strong answer would have added", recap.strong_answer),
        ("Next steps", recap.next_steps),
    ):
        if items:
            lines += ["", f"{title}:"] + [_wrap(f"- {item}") for item in items]
    lines += ["", f"Hints used: {recap.hints_used}"]
    if recap.manipulation_attempts:
        lines.append(f"Attempts to get hidden information: {recap.manipulation_attempts}")
    if recap.minutes_per_phase:
        spent = ", ".join(
            f"{p.value} {recap.minutes_per_phase[p]:.1f}"
            for p in PHASE_ORDER
            if p in recap.minutes_per_phase
        )
        lines.append(f"Minutes per phase: {spent}")
    return "\n".join(lines)


def tolerate_unprintable() -> None:
    """A terminal that cannot show a character (emoji on a legacy code page) gets a
    replacement mark instead of a crash in the middle of an interview."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")
