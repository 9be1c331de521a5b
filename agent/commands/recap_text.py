"""A recap as plain text for the terminal (`mlsd chat`, `mlsd replay`)."""

from __future__ import annotations

import contextlib
import sys
import textwrap

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
        _wrap(recap.summary),
        "",
        "Scores:",
    ]
    for dim in recap.dimensions:
        lines.append(f"  {dim.title or dim.id:<40} {dim.score}/4")
        for quote in dim.evidence[:2]:
            lines.append(_wrap(f'"{quote}"', indent="      "))
        if dim.missed:
            lines.append(_wrap("missed: " + "; ".join(dim.missed[:3]), indent="      "))
    for title, items in (
        ("Strengths", recap.strengths),
        ("Missed", recap.missed),
        ("Next steps", recap.next_steps),
    ):
        if items:
            lines += ["", f"{title}:"] + [_wrap(f"- {item}") for item in items]
    lines += ["", f"Hints used: {recap.hints_used}"]
    if recap.manipulation_attempts:
        lines.append(f"Attempts to get hidden information: {recap.manipulation_attempts}")
    if recap.minutes_per_phase:
        spent = ", ".join(f"{p.value} {m:.1f}" for p, m in recap.minutes_per_phase.items())
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
