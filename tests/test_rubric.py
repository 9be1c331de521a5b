import re
import shutil
from pathlib import Path

import pytest
import yaml

from agent.content.files import ContentError
from agent.content.phases import Phase
from agent.content.rubric import DIMENSION_IDS, load_rubric

RUBRIC = Path(__file__).resolve().parent.parent / "knowledge" / "rubric.yaml"


def test_rubric_loads_with_all_dimensions_and_observable_signals() -> None:
    rubric = load_rubric(RUBRIC)
    assert rubric.version == "1.0.0"
    assert [d.id for d in rubric.dimensions] == list(DIMENSION_IDS)
    expected_phase = {
        "problem_framing": Phase.CLARIFY,
        "metrics": Phase.MODELING,
        "communication": Phase.WRAP_UP,
    }
    for dim in rubric.dimensions:
        assert dim.phase == expected_phase.get(dim.id) or dim.phase.value == dim.id
        assert 4 <= len(dim.signals) <= 8, dim.id
        assert len(set(dim.levels.values())) == 4, f"{dim.id}: level descriptors must differ"
        for sig in dim.signals:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", sig.id)
            assert 10 <= len(sig.cues) <= 25, sig.id
            assert 2 <= len(sig.examples) <= 4, sig.id
            assert all(c == c.lower() and c.strip() == c for c in sig.cues), sig.id
            assert len(set(sig.cues)) == len(sig.cues), f"{sig.id}: duplicate cues"


def test_issue_signals_exist() -> None:
    rubric = load_rubric(RUBRIC)
    for sid in [
        "asks_business_goal",
        "asks_scale",
        "asks_latency",
        "asks_data_location",
        "asks_output_consumer",
        "frames_ml_task",
        "states_assumptions",
        "label_source",
        "handles_imbalance",
        "sampling_bias",
        "privacy",
        "data_volume",
        "offline_metric_choice",
        "imbalance_aware_metric",
        "business_kpi",
        "system_metrics",
        "time_based_split",
        "ab_test",
        "staged_rollout",
        "batch_vs_online",
        "latency_budget",
        "caching",
        "monitoring_drift",
        "retraining",
        "explainability",
        "scaling_qps",
        "structured_approach",
        "checks_in_with_interviewer",
        "recaps_design",
        "discusses_tradeoffs",
    ]:
        rubric.signal(sid)  # raises KeyError if missing


def test_hash_is_stable_and_follows_content(tmp_path: Path) -> None:
    a, b = load_rubric(RUBRIC), load_rubric(RUBRIC)
    assert a.hash == b.hash and len(a.hash) == 16
    copy = tmp_path / "rubric.yaml"
    shutil.copy(RUBRIC, copy)
    assert load_rubric(copy).hash == a.hash  # the path is not part of the identity
    data = yaml.safe_load(RUBRIC.read_text(encoding="utf-8"))
    data["dimensions"][0]["signals"][0]["cues"].append("what is the mission")
    copy.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert load_rubric(copy).hash != a.hash


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "rubric.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text("version: '1'\ndimensions: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"rubric\.yaml.*not valid YAML"):
        load_rubric(path)


def test_missing_dimension_is_a_clear_error(tmp_path: Path) -> None:
    data = yaml.safe_load(RUBRIC.read_text(encoding="utf-8"))
    data["dimensions"] = [d for d in data["dimensions"] if d["id"] != "deployment"]
    with pytest.raises(ContentError, match=r"rubric\.yaml.*dimensions must be exactly"):
        load_rubric(_write(tmp_path, data))


def test_levels_must_be_one_to_four(tmp_path: Path) -> None:
    data = yaml.safe_load(RUBRIC.read_text(encoding="utf-8"))
    data["dimensions"][2]["levels"][5] = "beyond the scale"
    with pytest.raises(
        ContentError, match=r"rubric\.yaml.*levels must describe exactly 1, 2, 3 and 4"
    ):
        load_rubric(_write(tmp_path, data))


def test_duplicate_signal_ids_and_missing_file(tmp_path: Path) -> None:
    data = yaml.safe_load(RUBRIC.read_text(encoding="utf-8"))
    data["dimensions"][1]["signals"].append(data["dimensions"][0]["signals"][0])
    with pytest.raises(ContentError, match="duplicate signal ids"):
        load_rubric(_write(tmp_path, data))
    with pytest.raises(ContentError, match="not found"):
        load_rubric(tmp_path / "nowhere.yaml")
