"""`mlsd evaluate` and the batch/report layer: inputs, bad files, formats, concurrency, API."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from pathlib import Path

import pytest

from agent.backends.function import FunctionGrader
from agent.cli import main
from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.grading import grade
from agent.grading.batch import run_batch
from agent.grading.evidence import is_verbatim
from agent.grading.inputs import InputError, answer_item, discover, load_item
from agent.grading.offline import OfflineGrader
from agent.read.reading import MessageKind
from agent.record.transcript import Transcript, Turn, save_transcript

ANSWER = (
    "---\nproblem: fraud-detection\n---\n"
    "What is the business goal, and how many transactions per second do we score?\n\n"
    "- Labels come from chargebacks; positives are rare, so the data is imbalanced.\n"
    "- Offline I would use PR-AUC; the business KPI is fraud losses.\n"
    "- I would split by time and then run an A/B test.\n"
)
PLAIN_ANSWER = "I would train gradient boosted trees and monitor drift after launch.\n"
TRANSCRIPT_LINE = "I would use a time-based split and an A/B test with guardrails."


def _transcript_file(path: Path) -> Path:
    rubric = load_content().rubric
    t = Transcript(
        problem_id="fraud-detection",
        rubric_version=rubric.version,
        rubric_hash=rubric.hash,
        turns=[
            Turn(role="interviewer", text="How would you evaluate it?", phase=Phase.EVALUATION),
            Turn(
                role="candidate",
                text=TRANSCRIPT_LINE,
                phase=Phase.EVALUATION,
                kind=MessageKind.ANSWER,
            ),
        ],
    )
    return save_transcript(t, path)


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    root = tmp_path / "inputs"
    (root / "nested").mkdir(parents=True)
    (root / "a_answer.md").write_text(ANSWER, encoding="utf-8")
    (root / "nested" / "b_plain.txt").write_text(PLAIN_ANSWER, encoding="utf-8")
    _transcript_file(root / "c_interview.json")
    (root / ".hidden.md").write_text(ANSWER, encoding="utf-8")
    (root / "notes.csv").write_text("ignored", encoding="utf-8")
    return root


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["evaluate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_folder_of_answers_and_transcripts_gives_a_json_report(capsys, inputs):
    code, out, err = _run(capsys, str(inputs), "--problem", "eta-prediction")
    assert code == 0, err
    report = json.loads(out)
    rubric = load_content().rubric
    assert report["rubric_version"] == rubric.version
    assert report["rubric_hash"] == rubric.hash
    assert report["grader"] == "offline" and report["model"] is None
    names = [Path(i["item"]).name for i in report["items"]]
    assert names == ["a_answer.md", "c_interview.json", "b_plain.txt"]  # sorted by path
    problems = {Path(i["item"]).name: i["problem"] for i in report["items"]}
    # front matter wins; --problem fills in for the answer without one
    assert problems == {
        "a_answer.md": "fraud-detection",
        "b_plain.txt": "eta-prediction",
        "c_interview.json": "fraud-detection",
    }
    sources = {
        "a_answer.md": ANSWER,
        "b_plain.txt": PLAIN_ANSWER,
        "c_interview.json": TRANSCRIPT_LINE,
    }
    for item in report["items"]:
        recap = item["recap"]
        assert len(recap["dimensions"]) == len(rubric.dimensions)
        for dim in recap["dimensions"]:
            assert 1 <= dim["score"] <= 4
            for quote in dim["evidence"]:
                assert is_verbatim(quote, sources[Path(item["item"]).name])
    assert "How would you evaluate it?" not in out  # interviewer text is never quoted
    assert "overall" in err  # the summary table goes to stderr when the report is on stdout


def test_bad_files_are_reported_and_the_rest_still_graded(capsys, tmp_path, inputs):
    (inputs / "broken.json").write_text('{"schema_version": 1, "turns": [', encoding="utf-8")
    (inputs / "newer.json").write_text('{"schema_version": 99}', encoding="utf-8")
    (inputs / "no_problem.md").write_text("Just an answer without a problem.", encoding="utf-8")
    (inputs / "unknown.md").write_text(
        "---\nproblem: no-such-problem\n---\nText.", encoding="utf-8"
    )
    (inputs / "empty.md").write_text("---\nproblem: fraud-detection\n---\n  \n", encoding="utf-8")
    missing = tmp_path / "missing.md"
    code, out, err = _run(capsys, str(inputs), str(missing))
    assert code == 1
    report = json.loads(out)
    by_name = {Path(i["item"]).name: i for i in report["items"]}
    assert by_name["a_answer.md"]["recap"] is not None
    assert by_name["c_interview.json"]["recap"] is not None
    for bad in ("broken.json", "newer.json", "no_problem.md", "unknown.md", "empty.md"):
        assert by_name[bad]["recap"] is None
        assert by_name[bad]["error_kind"] == "input"
        assert bad in by_name[bad]["error"]
        assert bad in err
    assert "not valid JSON" in by_name["broken.json"]["error"]
    assert "newer" in by_name["newer.json"]["error"]
    assert "--problem" in by_name["no_problem.md"]["error"]
    assert "no-such-problem" in by_name["unknown.md"]["error"]
    assert "missing.md: no such file" in err
    assert "Traceback" not in err


def test_report_is_byte_identical_across_runs_and_concurrency(capsys, inputs, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    common = (str(inputs), "--problem", "eta-prediction")
    assert _run(capsys, *common, "--out", str(a), "--concurrency", "1")[0] == 0
    assert _run(capsys, *common, "--out", str(b), "--concurrency", "3")[0] == 0
    assert a.read_bytes() == b.read_bytes()


def test_markdown_report(capsys, inputs, tmp_path):
    out_file = tmp_path / "r" / "report.md"
    code, out, _ = _run(
        capsys, str(inputs / "a_answer.md"), "--format", "md", "--out", str(out_file)
    )
    assert code == 0
    md = out_file.read_text(encoding="utf-8")
    rubric = load_content().rubric
    assert f"version {rubric.version}" in md and rubric.hash in md
    assert "Grader: offline" in md
    assert "| Dimension | Score | Why | Evidence (verbatim) | For the next level |" in md
    assert md.startswith("# Answer evaluation") and "Evaluation report" not in md
    quotes = re.findall(r"“([^”]+)”", md)
    assert len(quotes) >= 3
    answer = (inputs / "a_answer.md").read_text(encoding="utf-8")
    assert all(q in answer for q in quotes)  # every piece of evidence is verbatim
    assert "wrote" in out and "a_answer.md" in out  # the summary table goes to stdout


def test_html_report_is_self_contained_and_escaped(capsys, tmp_path):
    answer = tmp_path / "x.md"
    answer.write_text(
        "---\nproblem: fraud-detection\n---\n"
        "Labels come from chargebacks <script>alert('x')</script> which arrive weeks later.\n",
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, str(answer), "--format", "html")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert "<style>" in out
    assert "http://" not in out and "https://" not in out and "<link" not in out
    assert load_content().rubric.hash in out


def test_discover_sorts_recursively_and_skips_hidden(inputs):
    files, errors = discover([inputs])
    assert [f.name for f in files] == ["a_answer.md", "c_interview.json", "b_plain.txt"]
    assert errors == []
    files, errors = discover([inputs / "nope"])
    assert files == [] and "no such file" in errors[0][1]


def test_load_item_reads_front_matter_and_rejects_bad_yaml(tmp_path):
    ok = tmp_path / "ok.md"
    ok.write_text(ANSWER, encoding="utf-8")
    item = load_item(ok)
    assert item.problem_id == "fraud-detection" and item.kind == "answer"
    assert item.answer == ANSWER.split("---\n", 2)[2]
    bad = tmp_path / "bad.md"
    bad.write_text("---\nproblem: [unclosed\n---\nText", encoding="utf-8")
    with pytest.raises(InputError, match="front matter"):
        load_item(bad)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InputError, match="UTF-8"):
        load_item(binary)


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
    from_json = grade(_transcript_file(tmp_path / "t.json"))
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
    code, out, err = _run(capsys, str(good), str(bad), "--format", fmt)
    assert code == 1
    assert "Not graded" in out and "bad.json" in out and "not valid JSON" in out
    assert "good.md" in out
    assert "bad.json" in err


def test_unwritable_out_is_a_clear_error(capsys, tmp_path):
    good = tmp_path / "good.md"
    good.write_text(ANSWER, encoding="utf-8")
    code, _, err = _run(capsys, str(good), "--out", str(tmp_path))  # a folder
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
