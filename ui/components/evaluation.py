"""Grading uploaded files on the Evaluate page, through the batch evaluation code path."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from agent.content.bundle import load_content
from agent.grading.batch import ItemResult, run_batch
from agent.grading.factory import GraderUnavailable, make_grader
from agent.grading.inputs import InputError, load_item
from agent.grading.report import EvaluationReport, build_report
from agent.grading.report import render as render_report
from agent.settings import Settings


def grade_uploads(
    files: list[tuple[str, bytes]], problem: str, grader_name: str, settings: Settings
) -> EvaluationReport:
    """Grade uploaded transcripts/answers; unusable files become failed items, never errors."""
    rubric = load_content().rubric
    library = load_content().problems
    failed: list[ItemResult] = []
    items = []
    with tempfile.TemporaryDirectory(prefix="mlsd-upload-") as tmp:
        for index, (name, data) in enumerate(files):
            safe = Path(name).name or f"upload-{index}"
            path = Path(tmp) / f"{index:03d}-{safe}"
            path.write_bytes(data)
            try:
                item = load_item(path, problem)
            except InputError as e:
                failed.append(
                    ItemResult(
                        item=safe,
                        kind="unknown",
                        error=_plain(str(e), path, safe),
                        error_kind="input",
                    )
                )
                continue
            item.name = safe
            items.append(item)
    try:
        grader = make_grader(grader_name, settings)
    except GraderUnavailable as e:
        failed.extend(
            ItemResult(
                item=i.name, kind=i.kind, problem=i.problem_id, error=str(e), error_kind="grading"
            )
            for i in items
        )
        return build_report(failed, rubric, grader_name, None)
    results = run_batch(items, grader, library, rubric, concurrency=4)
    return build_report(results + failed, rubric, grader.name, grader.model)


def _plain(message: str, path: Path, name: str) -> str:
    return message.replace(str(path), name)


def failures(report: EvaluationReport) -> list[str]:
    return [f"{i.item}: {i.error}" for i in report.items if i.error]


def score_table(report: EvaluationReport) -> pd.DataFrame:
    rows = []
    for it in report.items:
        if it.recap is None:
            continue
        row: dict[str, object] = {
            "item": it.item,
            "problem": it.problem,
            "overall": it.recap.overall,
        }
        row.update({d.id: d.score for d in it.recap.dimensions})
        rows.append(row)
    return pd.DataFrame(rows)


def render(report: EvaluationReport, fmt: str) -> str:
    return render_report(report, fmt)
