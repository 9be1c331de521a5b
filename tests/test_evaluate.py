"""`mlsd evaluate` and the batch/report layer: inputs, bad files, formats (a batch's failures,
concurrency and the Python API: tests/test_evaluate_batch.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from agent.content.bundle import load_content
from agent.grading.evidence import is_verbatim
from agent.grading.inputs import InputError, discover, load_item
from tests.support.evaluate_inputs import ANSWER, TRANSCRIPT_LINE, run_evaluate, transcript_file

PLAIN_ANSWER = "I would train gradient boosted trees and monitor drift after launch.\n"


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    root = tmp_path / "inputs"
    (root / "nested").mkdir(parents=True)
    (root / "a_answer.md").write_text(ANSWER, encoding="utf-8")
    (root / "nested" / "b_plain.txt").write_text(PLAIN_ANSWER, encoding="utf-8")
    transcript_file(root / "c_interview.json")
    (root / ".hidden.md").write_text(ANSWER, encoding="utf-8")
    (root / "notes.csv").write_text("ignored", encoding="utf-8")
    return root


def test_folder_of_answers_and_transcripts_gives_a_json_report(capsys, inputs):
    code, out, err = run_evaluate(capsys, str(inputs), "--problem", "eta-prediction")
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
    code, out, err = run_evaluate(capsys, str(inputs), str(missing))
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
    assert run_evaluate(capsys, *common, "--out", str(a), "--concurrency", "1")[0] == 0
    assert run_evaluate(capsys, *common, "--out", str(b), "--concurrency", "3")[0] == 0
    assert a.read_bytes() == b.read_bytes()


def test_markdown_report(capsys, inputs, tmp_path):
    out_file = tmp_path / "r" / "report.md"
    code, out, _ = run_evaluate(
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
    code, out, _ = run_evaluate(capsys, str(answer), "--format", "html")
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
