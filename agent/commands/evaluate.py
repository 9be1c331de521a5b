"""`mlsd evaluate PATH...`: grade saved interviews and written answers against the rubric."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from agent.content.bundle import load_content
from agent.grading.batch import ItemResult, run_batch
from agent.grading.factory import GRADER_NAMES, GraderUnavailable, make_grader
from agent.grading.inputs import EvalItem, InputError, discover, load_item
from agent.grading.report import FORMATS, build_report, render, summary_table
from agent.settings import get_settings

EXIT_BAD_INPUT = 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="grade saved interviews and written answers with the fixed rubric",
        description=(
            "Grade transcript JSON files, Markdown/text answers (problem from --problem or "
            "front matter `problem: id`) or folders of them (recursively)."
        ),
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--problem", help="problem id for answers without `problem:` front matter")
    p.add_argument("--grader", choices=GRADER_NAMES, default="offline")
    p.add_argument("--format", choices=FORMATS, default="json", dest="fmt")
    p.add_argument("--out", type=Path, help="write the report here instead of stdout")
    p.add_argument("--concurrency", type=int, default=4, help="items graded at once (default 4)")
    p.add_argument("--samples", type=int, default=1, help="LLM grader samples per dimension")
    p.set_defaults(func=run)


class _ProgressBar:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.enabled = sys.stderr.isatty() and total > 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\rgrading [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _load(paths: list[Path], problem: str | None) -> tuple[list[EvalItem], list[ItemResult]]:
    files, missing = discover(paths)
    bad = [
        ItemResult(item=str(path), kind="unknown", error=msg, error_kind="input")
        for path, msg in missing
    ]
    items: list[EvalItem] = []
    for f in files:
        try:
            items.append(load_item(f, problem))
        except InputError as e:
            bad.append(ItemResult(item=str(f), kind="unknown", error=str(e), error_kind="input"))
    return items, bad


def run(args: argparse.Namespace) -> int:
    if args.concurrency < 1:
        print("mlsd evaluate: --concurrency must be at least 1", file=sys.stderr)
        return 2
    try:
        grader = make_grader(args.grader, get_settings(), samples=args.samples)
    except GraderUnavailable as e:
        print(f"mlsd evaluate: {e}", file=sys.stderr)
        return 2
    rubric = load_content().rubric
    library = load_content().problems
    items, bad = _load(args.paths, args.problem)
    bar = _ProgressBar(len(items))
    results = run_batch(items, grader, library, rubric, concurrency=args.concurrency, progress=bar)
    ordered = sorted(results + bad, key=lambda r: r.item)
    report = build_report(ordered, rubric, grader.name, grader.model)
    text = render(report, args.fmt)
    if args.out:
        try:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(text, encoding="utf-8")
        except OSError as e:
            print(f"mlsd evaluate: cannot write {args.out}: {e.strerror or e}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    for r in ordered:
        if r.error:
            print(f"mlsd evaluate: {r.error}", file=sys.stderr)
    # the table goes to stderr when the report itself is on stdout, so stdout stays parseable
    table_stream = sys.stdout if args.out else sys.stderr
    print(summary_table(report), file=table_stream)
    if args.out:
        print(f"wrote {args.out} ({report.graded} graded, {report.failed} failed)")
    return EXIT_BAD_INPUT if report.input_errors else 0
