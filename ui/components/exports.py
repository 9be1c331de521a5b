"""Recap downloads (Markdown, HTML) rendered by the same code as batch evaluation reports."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.grading.batch import ItemResult
from agent.grading.report import build_report, render
from agent.record.transcript import Transcript


def _report(transcript: Transcript):
    recap = transcript.recap
    if recap is None:
        raise ValueError("this interview has no recap yet")
    item = ItemResult(
        item=f"{transcript.problem_id} · interview {transcript.id}",
        kind="transcript",
        problem=transcript.problem_id,
        recap=recap,
    )
    return build_report([item], load_content().rubric, recap.grader, recap.model)


def recap_markdown(transcript: Transcript) -> str:
    return render(_report(transcript), "md")


def recap_html(transcript: Transcript) -> str:
    return render(_report(transcript), "html")
