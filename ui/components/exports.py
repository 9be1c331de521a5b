"""Recap downloads (Markdown, HTML) rendered by the same code as batch evaluation reports.

The interview is named as the candidate knows it (the problem's title and when it
started), not by its problem id and file id: the download is read by a person, often weeks
later, next to other recaps.
"""

from __future__ import annotations

from datetime import UTC

from agent.content.bundle import load_content
from agent.grading.batch import ItemResult
from agent.grading.report import EvaluationReport, build_report, render
from agent.record.transcript import Transcript
from ui.components.history_view import when
from ui.components.labels import problem_title


def interview_name(transcript: Transcript) -> str:
    """'Payment fraud detection · 29 Nov 2026, 13:10 UTC'."""
    return f"{problem_title(transcript.problem_id)} · {when(transcript.started_at, UTC)} UTC"


def _report(transcript: Transcript) -> EvaluationReport:
    recap = transcript.recap
    if recap is None:
        raise ValueError("this interview has no recap yet")
    item = ItemResult(
        item=interview_name(transcript),
        kind="transcript",
        problem=problem_title(transcript.problem_id),  # shown to the reader, not looked up
        recap=recap,
    )
    return build_report([item], load_content().rubric, recap.grader, recap.model)


def recap_markdown(transcript: Transcript) -> str:
    return render(_report(transcript), "md", single=True)


def recap_html(transcript: Transcript) -> str:
    return render(_report(transcript), "html", single=True)
