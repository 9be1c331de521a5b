"""Interview recaps and answer evaluations: JSON (canonical), Markdown, a self-contained HTML
page, a terminal table.

Templates are data in prompts/reports/ (string.Template, `$name` placeholders; page.html is
the HTML head and style around a recap's or a batch's body). Every report names the rubric
(version and hash), the grader and its model, and per item the score per dimension, verbatim
evidence quotes and missed signals. HTML escapes every piece of text; Markdown escapes every
piece of text it did not write (candidate quotes, file names, the `problem:` field, model
names) so it renders as text, never as markup.
"""

from __future__ import annotations

import html
from pathlib import Path
from string import Template

from pydantic import BaseModel, computed_field

from agent.content.files import load_cached
from agent.content.phases import PHASE_ORDER
from agent.content.rubric import Rubric
from agent.grading.batch import ItemResult
from agent.grading.digest import design_lines
from agent.grading.markdown_text import inline
from agent.grading.narrative import phase_titles
from agent.settings import get_settings

FORMATS: tuple[str, ...] = ("json", "md", "html")


class EvaluationReport(BaseModel):
    rubric_version: str
    rubric_hash: str
    grader: str
    model: str | None = None
    dimensions: list[str]  # rubric dimension ids, rubric order
    items: list[ItemResult]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def graded(self) -> int:
        return sum(1 for i in self.items if i.recap is not None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def failed(self) -> int:
        return len(self.items) - self.graded

    @computed_field  # type: ignore[prop-decorator]
    @property
    def mean_overall(self) -> float | None:
        scores = [i.recap.overall for i in self.items if i.recap is not None]
        return round(sum(scores) / len(scores), 2) if scores else None

    @property
    def title(self) -> str:
        """What the reader opens: an interview's recap, or the evaluation of written answers."""
        if self.items and all(i.kind == "transcript" for i in self.items):
            return "Interview recap"
        return "Answer evaluation"

    @property
    def input_errors(self) -> list[ItemResult]:
        return [i for i in self.items if i.error_kind == "input"]


def build_report(
    items: list[ItemResult], rubric: Rubric, grader: str, model: str | None
) -> EvaluationReport:
    return EvaluationReport(
        rubric_version=rubric.version,
        rubric_hash=rubric.hash,
        grader=grader,
        model=model,
        dimensions=[d.id for d in rubric.dimensions],
        items=items,
    )


def _template(path: Path) -> Template:
    return Template(path.read_text(encoding="utf-8"))


def template(name: str) -> Template:
    return load_cached(_template, get_settings().prompts_dir / "reports" / name)


def short_label(dim_id: str) -> str:
    return dim_id.removeprefix("problem_").replace("_", " ")


def _rows(report: EvaluationReport) -> list[list[str]]:
    rows = []
    for it in report.items:
        row = [it.item, it.problem or "-"]
        if it.recap is None:
            row += ["failed"] + ["-"] * len(report.dimensions)
        else:
            row += [f"{it.recap.overall:.2f}"]
            scores = {d.id: d.score for d in it.recap.dimensions}
            row += [str(scores.get(d, "-")) for d in report.dimensions]
        rows.append(row)
    return rows


def _header(report: EvaluationReport) -> list[str]:
    return ["item", "problem", "overall", *(short_label(d) for d in report.dimensions)]


def summary_table(report: EvaluationReport) -> str:
    """A fixed-width table for the terminal."""
    header = _header(report)
    rows = _rows(report)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    return "\n".join(lines)


def render_json(report: EvaluationReport) -> str:
    return report.model_dump_json(indent=2) + "\n"


def _md_cell(text: object) -> str:
    return inline(text)


def _common(report: EvaluationReport) -> dict[str, object]:
    return {
        "title": report.title,
        "rubric_version": report.rubric_version,
        "rubric_hash": report.rubric_hash,
        "grader": report.grader,
        "model": report.model or "none",
        "count": len(report.items),
        "graded": report.graded,
        "failed": report.failed,
        "mean_overall": "-" if report.mean_overall is None else f"{report.mean_overall:.2f}",
    }


def render_markdown(report: EvaluationReport, single: bool = False) -> str:
    """`single`: one interview's recap, without a batch's counts, summary table and items
    heading (a candidate's download says "Items: 1" of nothing)."""
    common = _common(report)
    common.update(grader=inline(report.grader), model=inline(common["model"]))
    header = _header(report)
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    # item and problem are text from the inputs; "-" and the scores are ours
    for r in _rows(report):
        cells = [c if c == "-" else _md_cell(c) for c in r[:2]] + r[2:]
        table.append("| " + " | ".join(cells) + " |")
    blocks = []
    for it in report.items:
        base = {
            "item": _md_cell(it.item),
            "problem": _md_cell(it.problem) if it.problem else "-",
            # a batch says which kind each item is; one interview's recap is a transcript
            "kind": "" if single else f" ({it.kind})",
            "heading": "##" if single else "###",
        }
        if it.recap is None:
            blocks.append(
                template("item_failed.md").substitute(base, error=_md_cell(it.error or ""))
            )
            continue
        rows = []
        for d in it.recap.dimensions:
            evidence = "<br>".join(f"“{_md_cell(q)}”" for q in d.evidence[:2]) or "-"
            spread = f" (±{d.spread:.2f})" if d.spread is not None else ""
            why = _md_cell(d.why or d.feedback) or "-"
            up = _md_cell(d.next_level) or "-"
            rows.append(
                f"| {_md_cell(d.title or d.id)} | {d.score}{spread} | {why} | {evidence} | {up} |"
            )
        extra = _md_extra(it)
        blocks.append(
            template("item.md").substitute(
                base,
                overall=f"{it.recap.overall:.2f}",
                recommendation=it.recap.recommendation.label,
                extra=extra,
                rows="\n".join(rows),
                design=_md_list(design_lines(it.recap)),
                strengths=_md_list(it.recap.strengths),
                missed=_md_list(it.recap.missed),
                strong_answer=_md_list(it.recap.strong_answer),
                next_steps=_md_list(it.recap.next_steps),
            )
        )
    items = "\n".join(blocks).rstrip() + "\n"
    if single:
        return template("recap.md").substitute(common, item=items)
    return template("report.md").substitute(common, summary_table="\n".join(table), items=items)


def _md_list(lines: list[str]) -> str:
    return "\n".join(f"- {_md_cell(line)}" for line in lines) or "- none"


def _html_list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_h(line)}</li>" for line in lines) + "</ul>" if lines else "-"


def _md_extra(it: ItemResult) -> str:
    recap = it.recap
    assert recap is not None
    lines = []
    if recap.hints_used:
        lines.append(f"- Hints used: {recap.hints_used}")
    if recap.manipulation_attempts:
        lines.append(f"- Manipulation attempts set aside: {recap.manipulation_attempts}")
    if recap.not_reached:
        titles = "; ".join(t for t in phase_titles(recap.not_reached))
        lines.append(f"- Time ran out before these phases: {inline(titles)}")
    if recap.minutes_per_phase:  # an interview's, in interview order; answers have none
        spent = [
            (p, recap.minutes_per_phase[p]) for p in PHASE_ORDER if p in recap.minutes_per_phase
        ]
        names = phase_titles([p for p, _ in spent])
        per_phase = "; ".join(f"{t} {m:.1f}" for t, (_, m) in zip(names, spent, strict=True))
        lines.append(f"- Time per phase (minutes): {inline(per_phase)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(report: EvaluationReport, single: bool = False) -> str:
    header = "".join(f"<th>{_h(c)}</th>" for c in _header(report))
    body = []
    for r in _rows(report):
        cells = [f"<td>{_h(c)}</td>" for c in r[:3]]
        cells += [f'<td class="score s{_h(c)}">{_h(c)}</td>' for c in r[3:]]
        body.append("<tr>" + "".join(cells) + "</tr>")
    table = f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    blocks = []
    for it in report.items:
        kind = "" if single else f" ({it.kind})"
        base = {"item": _h(it.item), "problem": _h(it.problem or "-"), "kind": _h(kind)}
        if it.recap is None:
            blocks.append(template("item_failed.html").substitute(base, error=_h(it.error or "")))
            continue
        rows = []
        for d in it.recap.dimensions:
            evidence = "".join(f"<blockquote>{_h(q)}</blockquote>" for q in d.evidence[:2])
            spread = f" ±{d.spread:.2f}" if d.spread is not None else ""
            rows.append(
                f'<tr><td>{_h(d.title or d.id)}</td><td class="score s{d.score}">'
                f"{d.score}{_h(spread)}</td><td>{_h(d.why or d.feedback) or '-'}</td>"
                f"<td>{evidence or '-'}</td><td>{_h(d.next_level) or '-'}</td></tr>"
            )
        extra = "<br>".join(_h(line.removeprefix("- ")) for line in _md_extra(it).splitlines())
        blocks.append(
            template("item.html").substitute(
                base,
                overall=f"{it.recap.overall:.2f}",
                recommendation=_h(it.recap.recommendation.label),
                extra=f'<p class="meta">{extra}</p>' if extra else "",
                rows="\n".join(rows),
                design=_html_list(design_lines(it.recap)),
                strengths=_html_list(it.recap.strengths),
                missed=_html_list(it.recap.missed),
                strong_answer=_html_list(it.recap.strong_answer),
                next_steps=_html_list(it.recap.next_steps),
            )
        )
    common = {k: _h(v) for k, v in _common(report).items()}
    if single:
        content = template("recap.html").substitute(common, item="\n".join(blocks))
    else:
        content = template("report.html").substitute(
            common, summary_table=table, items="\n".join(blocks)
        )
    # one head and style for both: page.html wraps a recap's or a batch's body
    return template("page.html").substitute(common, body=content)


def render(report: EvaluationReport, fmt: str, single: bool = False) -> str:
    """The report in `fmt`; `single`: as one interview's recap, not a batch of one."""
    if fmt == "json":
        return render_json(report)
    if fmt == "md":
        return render_markdown(report, single)
    if fmt == "html":
        return render_html(report, single)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
