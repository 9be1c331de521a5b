"""The Evaluate page's screening of uploads: junk is named plainly, a written answer with
no problem is asked about instead of graded against a default, and graded items carry
their evidence. The browser flow is in tests/test_ui_evaluate_browser.py."""

from __future__ import annotations

from pathlib import Path

from agent.settings import get_settings
from ui.components import evaluation

ANSWER = (
    "I would frame fraud detection as binary classification on each card transaction, with "
    "chargebacks as delayed labels. Because fraud is rare I would report precision and recall "
    "at a fixed review budget rather than accuracy, and split the data by time to avoid leakage."
)


def test_junk_gets_a_reason_not_a_grade() -> None:
    for name, data in [
        ("noise.txt", b"asdf qwer zxcv"),
        ("symbols.md", b"#### ---- !!!! ???? 1234 5678 #### ---- !!!! ???? 1234 5678 ####"),
        ("binary.txt", bytes(range(256))),
    ]:
        upload = evaluation.screen(name, data)
        assert upload.unusable, name
    assert "not a text file" in (evaluation.screen("b.txt", bytes(range(256))).unusable or "")


def test_an_answer_without_a_problem_is_asked_about(_isolated_data_dir: Path) -> None:
    upload = evaluation.screen("answer.md", ANSWER.encode())
    assert upload.written and upload.problem is None and upload.unusable is None
    report = evaluation.grade_uploads([upload], {}, "offline", get_settings())
    assert report.graded == 0  # never graded against a default problem
    [(name, reason)] = evaluation.failures(report)
    assert name == "answer.md" and "which problem" in reason
    chosen = {"answer.md": "fraud-detection"}
    report = evaluation.grade_uploads([upload], chosen, "offline", get_settings())
    assert report.graded == 1 and report.items[0].problem == "fraud-detection"


def test_front_matter_names_the_problem() -> None:
    upload = evaluation.screen("a.md", f"---\nproblem: eta-prediction\n---\n{ANSWER}".encode())
    assert upload.problem == "eta-prediction" and upload.unusable is None


def test_the_scores_chart_names_every_dimension_and_file_in_full(_isolated_data_dir: Path) -> None:
    long_name = "candidate-answer-fraud-detection-second-attempt-after-feedback.md"
    uploads = [evaluation.screen(n, ANSWER.encode()) for n in ("answer.md", long_name)]
    chosen = {u.name: "fraud-detection" for u in uploads}
    report = evaluation.grade_uploads(uploads, chosen, "offline", get_settings())
    table = evaluation.score_table(report)
    side = evaluation.dimension_table(table)  # the page's table: a row per dimension
    assert list(side.columns) == ["answer.md", long_name]
    assert "Deployment, serving and monitoring" in side.index
    assert side.loc["Overall"].str.fullmatch(r"\d\.\d\d").all()
    spec = evaluation.scores_chart(table).to_dict()
    enc = spec["encoding"]
    assert enc["y"]["field"] == "dimension" and enc["y"]["axis"]["labelLimit"] == 0
    assert enc["color"]["legend"]["labelLimit"] == 0  # file names are not cut either
    rows = next(iter(spec["datasets"].values()))
    assert {r["item"] for r in rows} == {"answer.md", long_name}
    assert "Deployment, serving and monitoring" in {r["dimension"] for r in rows}
