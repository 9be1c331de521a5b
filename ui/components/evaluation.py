"""Grading uploaded files on the Evaluate page, through the batch evaluation code path.

Before grading, each upload is screened: a file that is not text, or text that does not
read as a design answer, gets a plain reason; a written answer with no `problem:` front
matter gets its problem asked for (never a silent default).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import altair as alt
import pandas as pd
from pydantic import BaseModel

from agent.content.bundle import load_content
from agent.grading.batch import ItemResult, run_batch
from agent.grading.factory import GraderUnavailable, make_grader
from agent.grading.inputs import InputError, load_item, split_front_matter
from agent.grading.report import EvaluationReport, build_report
from agent.grading.report import render as render_report
from agent.settings import Settings
from ui.components.labels import problem_title

BAR_STEP = 12  # px per bar of the scores chart

ANSWER_SUFFIXES = (".md", ".markdown", ".txt")
MIN_WORDS = 10  # shorter than a sentence or two: nothing a rubric could grade
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


class Upload(BaseModel):
    """One uploaded file as the page sees it before grading."""

    name: str
    data: bytes
    written: bool  # a written answer (Markdown/text), not a transcript
    problem: str | None = None  # from its front matter
    unusable: str | None = None  # why it cannot be graded, in one line


def screen(name: str, data: bytes) -> Upload:
    """What a file is, which problem it names, and whether it is gradable at all."""
    written = Path(name).suffix.lower() in ANSWER_SUFFIXES
    upload = Upload(name=name, data=data, written=written)
    if not written:
        return upload  # transcripts are checked by the transcript parser when graded
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return upload.model_copy(update={"unusable": "this is not a text file (not UTF-8)"})
    try:
        meta, body = split_front_matter(text, name)
    except InputError as e:
        return upload.model_copy(update={"unusable": str(e).removeprefix(f"{name}: ")})
    words = _WORD.findall(body)
    letters = sum(c.isalpha() for c in body)
    if len(words) < MIN_WORDS or letters < 0.5 * len(body.strip()):
        return upload.model_copy(
            update={
                "unusable": f"this does not read as a design answer ({len(words)} words); "
                f"upload a written answer of at least {MIN_WORDS} words or a saved interview"
            }
        )
    problem = meta.get("problem")
    return upload.model_copy(update={"problem": str(problem) if problem else None})


def grade_uploads(
    uploads: list[Upload], chosen: dict[str, str], grader_name: str, settings: Settings
) -> EvaluationReport:
    """Grade the usable uploads; `chosen` maps a written answer's name to its problem.
    Unusable files become failed items with their reason, never errors."""
    rubric = load_content().rubric
    library = load_content().problems
    failed: list[ItemResult] = []
    items = []
    with tempfile.TemporaryDirectory(prefix="mlsd-upload-") as tmp:
        for index, upload in enumerate(uploads):
            safe = Path(upload.name).name or f"upload-{index}"
            if upload.unusable:
                failed.append(_failed(safe, upload.unusable))
                continue
            path = Path(tmp) / f"{index:03d}-{safe}"
            path.write_bytes(upload.data)
            try:
                item = load_item(path, upload.problem or chosen.get(upload.name))
            except InputError as e:
                failed.append(_failed(safe, _plain(str(e), path, safe)))
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


def _failed(name: str, reason: str) -> ItemResult:
    return ItemResult(item=name, kind="unknown", error=reason, error_kind="input")


def _plain(message: str, path: Path, name: str) -> str:
    """An error about the temporary copy, told about the uploaded file (no leading name)."""
    return message.replace(str(path), name).removeprefix(f"{name}: ")


def failures(report: EvaluationReport) -> list[tuple[str, str]]:
    return [(i.item, i.error) for i in report.items if i.error]


def score_table(report: EvaluationReport) -> pd.DataFrame:
    titles = {d.id: d.title for d in load_content().rubric.dimensions}
    rows = []
    for it in report.items:
        if it.recap is None:
            continue
        row: dict[str, object] = {
            "item": it.item,
            "problem": problem_title(it.problem) if it.problem else "—",
            "overall": round(it.recap.overall, 2),
        }
        row.update({titles.get(d.id, d.id): d.score for d in it.recap.dimensions})
        rows.append(row)
    return pd.DataFrame(rows)


def dimension_table(table: pd.DataFrame) -> pd.DataFrame:
    """The score table turned on its side, for a page: one row per dimension named in full,
    one column per graded item (its file name), the overall and the problem on top."""
    by_item = table.set_index("item")
    by_item["overall"] = by_item["overall"].map(lambda v: f"{v:.2f}")
    side = by_item.astype(str).T
    side.index = ["Problem", "Overall", *side.index[2:]]
    side.index.name = "Dimension"
    side.columns.name = None
    return side


def scores_chart(table: pd.DataFrame) -> alt.Chart:
    """Bars per dimension (down the side, each named in full: never cut or dropped for
    overlap), one per graded item, told apart by colour with file names in full below."""
    long = table.melt(
        id_vars=["item", "problem", "overall"], var_name="dimension", value_name="score"
    )
    order = list(table.columns[3:])
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y(
                "dimension:N",
                title=None,
                sort=order,
                axis=alt.Axis(labelLimit=0, labelOverlap=False),
            ),
            x=alt.X(
                "score:Q",
                scale=alt.Scale(domain=[0, 4]),
                axis=alt.Axis(values=[1, 2, 3, 4], format="d"),
                title="score (1 weak, 4 strong)",
            ),
            color=alt.Color(
                "item:N", legend=alt.Legend(title=None, orient="bottom", labelLimit=0, columns=1)
            ),
            yOffset="item:N",
            tooltip=["item", "dimension", "score"],
        )
        .properties(height=alt.Step(BAR_STEP))  # px per bar (per item within a dimension)
    )


def render(report: EvaluationReport, fmt: str) -> str:
    return render_report(report, fmt)
