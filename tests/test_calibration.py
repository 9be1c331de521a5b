"""Do offline grades mean something? The graded reference answers in tests/calibration/."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.content.bundle import load_content
from agent.content.rubric import DIMENSION_IDS
from tests.support.calibration import kendall_tau_b, load_manifest, run_reference_set, spearman

ROOT = Path(__file__).parent / "calibration"
PROBLEMS = {
    "fraud-detection",
    "video-recommendation",
    "eta-prediction",
    "harmful-content-detection",
    "search-ranking",
}


@pytest.fixture(scope="module")
def calibration():
    return run_reference_set(ROOT)


def test_manifest_is_complete_and_files_are_realistic():
    manifest = load_manifest(ROOT / "manifest.yaml")
    library = load_content().problems
    by_problem: dict[str, list] = {}
    for item in manifest.items:
        library.get(item.problem)  # every problem exists
        assert sorted(item.grades) == sorted(DIMENSION_IDS), item.file
        assert all(1 <= g <= 4 for g in item.grades.values())
        assert (ROOT / item.file).is_file(), item.file
        by_problem.setdefault(item.problem, []).append(item)
    assert set(by_problem) >= PROBLEMS
    for problem, items in by_problem.items():
        full = [i for i in items if i.variant == "full"]
        ablated = [i for i in items if i.ablated]
        assert len(full) == 1 and len(ablated) >= 5, problem
        words = len((ROOT / full[0].file).read_text(encoding="utf-8").split())
        assert 500 <= words <= 900, (problem, words)
        for item in ablated:
            # the reference judge marked the ablated dimension down
            assert item.grades[item.ablated] < full[0].grades[item.ablated], item.file


def test_full_answers_rank_above_their_ablations(calibration):
    _, _, result = calibration
    assert result.pairs >= 25
    assert result.pairwise_accuracy >= 0.9, result.failures


def test_the_ablated_dimension_drops(calibration):
    _, _, result = calibration
    assert result.drop_rate >= 0.9, result.failures


def test_shallow_answers_rank_below_every_full_and_ablated_answer(calibration):
    _, _, result = calibration
    assert result.weak_below_ablated is not None
    assert result.weak_below_ablated >= 0.9, result.failures


def test_grades_correlate_with_the_reference(calibration):
    _, _, result = calibration
    assert result.spearman_dimensions > 0.5
    assert result.kendall_dimensions > 0.4
    assert result.within_one >= 0.9


def test_rank_statistics_match_known_values():
    x = [1, 2, 3, 4, 5]
    assert spearman(x, [5, 6, 7, 8, 7]) == pytest.approx(0.8207826816681233)
    assert kendall_tau_b(x, [5, 6, 7, 8, 7]) == pytest.approx(0.7378647873726218)
    assert spearman(x, x[::-1]) == pytest.approx(-1.0)
    assert kendall_tau_b([1, 1, 2], [1, 2, 3]) == pytest.approx(0.8164965809277261)
