"""Grading a batch: a failing item is reported and the rest graded, async graders with
bounded concurrency, the Python API, failed items in every format, a clear error for an
unwritable output, and the same report across processes (`mlsd evaluate` inputs, formats
and reports: tests/test_evaluate.py)."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

import pytest

from agent.backends.function import FunctionGrader
from agent.content.bundle import load_content
from agent.grading import grade
from agent.grading.batch import run_batch
from agent.grading.inputs import InputError, answer_item
from agent.grading.offline import OfflineGrader
from tests.support.evaluate_inputs import ANSWER, TRANSCRIPT_LINE, run_evaluate, transcript_file

# -- concurrency and failures --------------------------------------------------------------


def _flaky_answer(text, card, rubric):
    """The real offline grader, failing on purpose for answers that mention 'explode'."""
    if "explode" in text:
        raise RuntimeError("model server returned 503")
    return OfflineGrader().grade_answer(text, card, rubric)


class AsyncGrader(OfflineGrader):
    """An async grader (like the LLM one): records how many items are in flight at once."""

    def __init__(self) -> None:
        super().__init__()
        self.in_flight = 0
        self.peak = 0
        self.lock = threading.Lock()

    async def agrade_answer(self, text, card, rubric):
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        await asyncio.sleep(0.02)
        self.in_flight -= 1
        return self.grade_answer(text, card, rubric)

    async def agrade_transcript(self, transcript, card, rubric):
        return self.grade_transcript(transcript, card, rubric)


def _items(n: int):
    return [
        answer_item(f"Item {i}: I would split by time.", f"item{i:02d}", "fraud-detection")
        for i in range(n)
    ]


def test_a_failing_item_is_reported_not_fatal():
    items = _items(3)
    items[1] = answer_item("This will explode.", "item01", "fraud-detection")
    content = load_content()
    flaky = FunctionGrader(_flaky_answer)
    results = run_batch(items, flaky, content.problems, content.rubric, concurrency=2)
    assert [r.item for r in results] == ["item00", "item01", "item02"]
    assert results[1].recap is None and results[1].error_kind == "grading"
    assert "503" in results[1].error
    assert results[0].recap is not None and results[2].recap is not None


def test_async_graders_run_with_bounded_concurrency():
    grader = AsyncGrader()
    done: list[int] = []
    results = run_batch(
        _items(9),
        grader,
        load_content().problems,
        load_content().rubric,
        concurrency=3,
        progress=lambda d, total: done.append(d),
    )
    assert [r.item for r in results] == [f"item{i:02d}" for i in range(9)]
    assert all(r.recap is not None for r in results)
    assert 1 < grader.peak <= 3
    assert sorted(done) == list(range(1, 10))


# -- Python API ------------------------------------------------------------------------------


def test_grade_api_accepts_text_paths_and_transcripts(tmp_path):
    from_text = grade("I would split by time and run an A/B test.", problem="fraud-detection")
    assert from_text.grader == "offline"
    f = tmp_path / "a.md"
    f.write_text(ANSWER, encoding="utf-8")
    from_path = grade(str(f))
    assert from_path.model_dump_json() == grade(f).model_dump_json()
    from_json = grade(transcript_file(tmp_path / "t.json"))
    evaluation = next(d for d in from_json.dimensions if d.id == "evaluation")
    assert evaluation.signals and TRANSCRIPT_LINE in evaluation.evidence  # the turn was read
    with pytest.raises(InputError, match="--problem"):
        grade("An answer with no problem named.")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_failed_items_appear_in_every_format(capsys, tmp_path, fmt):
    good = tmp_path / "good.md"
    good.write_text(ANSWER, encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out, err = run_evaluate(capsys, str(good), str(bad), "--format", fmt)
    assert code == 1
    assert "Not graded" in out and "bad.json" in out and "not valid JSON" in out
    assert "good.md" in out
    assert "bad.json" in err


def test_unwritable_out_is_a_clear_error(capsys, tmp_path):
    good = tmp_path / "good.md"
    good.write_text(ANSWER, encoding="utf-8")
    code, _, err = run_evaluate(capsys, str(good), "--out", str(tmp_path))  # a folder
    assert code == 2
    assert "cannot write" in err and "Traceback" not in err


def test_report_is_identical_across_processes_and_hash_seeds(tmp_path):
    import os
    import subprocess
    import sys

    target = Path(__file__).parent / "calibration" / "fraud-detection"
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "agent.cli", "evaluate", str(target)],
            capture_output=True,
            env=env,
            check=True,
            timeout=120,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["graded"] == len(list(target.glob("*.md")))
