"""Grade many items with one grader: bounded concurrency, failures reported per item.

A grader with `async def agrade_answer/agrade_transcript` (the LLM grader) runs on an asyncio
loop with at most N items in flight; any other grader runs on a pool of N threads. Results
come back in input order whatever order they finish in.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Literal

from pydantic import BaseModel, ConfigDict

from agent.content.files import ContentError
from agent.content.problems import ProblemCard, ProblemLibrary
from agent.content.rubric import Rubric
from agent.grading.base import Grader
from agent.grading.inputs import EvalItem
from agent.grading.recap import Recap

Progress = Callable[[int, int], None]  # (done, total)


class ItemResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    item: str
    kind: Literal["transcript", "answer", "unknown"]
    problem: str | None = None
    recap: Recap | None = None
    error: str | None = None
    # "input": the file is unusable (exit code says so); "grading": the grader failed on it
    error_kind: Literal["input", "grading"] | None = None


def _card(item: EvalItem, library: ProblemLibrary) -> ProblemCard:
    try:
        return library.get(item.problem_id)
    except ContentError as e:
        raise ContentError(f"{item.name}: {e}") from None


def _prepare(item: EvalItem, library: ProblemLibrary) -> ProblemCard | ItemResult:
    """The item's card, or the result that says why the item cannot be graded."""
    try:
        return _card(item, library)
    except ContentError as e:
        return _result(item, error=str(e), error_kind="input")


def _result(item: EvalItem, **fields: object) -> ItemResult:
    return ItemResult(item=item.name, kind=item.kind, problem=item.problem_id, **fields)


def _grading_failed(item: EvalItem, e: Exception) -> ItemResult:
    """A failed item is reported, never fatal to the batch."""
    return _result(item, error=f"grading failed: {type(e).__name__}: {e}", error_kind="grading")


def grade_item(
    item: EvalItem, grader: Grader, library: ProblemLibrary, rubric: Rubric
) -> ItemResult:
    card = _prepare(item, library)
    if isinstance(card, ItemResult):
        return card
    try:
        if item.transcript is not None:
            recap = grader.grade_transcript(item.transcript, card, rubric)
        else:
            recap = grader.grade_answer(item.answer, card, rubric)
    except Exception as e:
        return _grading_failed(item, e)
    return _result(item, recap=recap)


async def _agrade_item(
    item: EvalItem, grader: Grader, library: ProblemLibrary, rubric: Rubric
) -> ItemResult:
    card = _prepare(item, library)
    if isinstance(card, ItemResult):
        return card
    try:
        if item.transcript is not None:
            recap = await grader.agrade_transcript(item.transcript, card, rubric)  # type: ignore[attr-defined]
        else:
            recap = await grader.agrade_answer(item.answer, card, rubric)  # type: ignore[attr-defined]
    except Exception as e:
        return _grading_failed(item, e)
    return _result(item, recap=recap)


def is_async(grader: Grader) -> bool:
    return all(
        asyncio.iscoroutinefunction(getattr(grader, name, None))
        for name in ("agrade_answer", "agrade_transcript")
    )


async def _run_async(
    items: list[EvalItem],
    grader: Grader,
    library: ProblemLibrary,
    rubric: Rubric,
    concurrency: int,
    progress: Progress | None,
) -> list[ItemResult]:
    gate = asyncio.Semaphore(concurrency)
    done = 0

    async def one(item: EvalItem) -> ItemResult:
        nonlocal done
        async with gate:
            result = await _agrade_item(item, grader, library, rubric)
        done += 1
        if progress:
            progress(done, len(items))
        return result

    return list(await asyncio.gather(*(one(i) for i in items)))


def run_batch(
    items: list[EvalItem],
    grader: Grader,
    library: ProblemLibrary,
    rubric: Rubric,
    *,
    concurrency: int = 4,
    progress: Progress | None = None,
) -> list[ItemResult]:
    """Grade every item; results in input order."""
    concurrency = max(1, concurrency)
    if not items:
        return []
    if is_async(grader):
        return asyncio.run(_run_async(items, grader, library, rubric, concurrency, progress))
    prepare = getattr(grader, "prepare", None)
    if callable(prepare):
        # the offline grader embeds every item's sentences in one pass first
        prepare([it.answer for it in items if it.transcript is None and it.answer])
    results: list[ItemResult | None] = [None] * len(items)
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = {
            pool.submit(grade_item, it, grader, library, rubric): i for i, it in enumerate(items)
        }
        for done, fut in enumerate(as_completed(futures), start=1):
            results[futures[fut]] = fut.result()
            if progress:
                progress(done, len(items))
    return [r for r in results if r is not None]
