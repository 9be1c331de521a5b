from pathlib import Path

import pytest
import yaml

from agent.content.files import ContentError
from agent.content.phases import PHASE_ORDER, Phase, load_phase_plan
from agent.content.rubric import DIMENSION_IDS

PHASES = Path(__file__).resolve().parent.parent / "knowledge" / "phases.yaml"


def test_plan_has_every_phase_in_order_and_sums_to_45_minutes() -> None:
    plan = load_phase_plan(PHASES)
    assert [p.id for p in plan.phases] == list(PHASE_ORDER)
    assert plan.total_minutes == 45
    for spec in plan.phases:
        assert 1 <= spec.min_turns <= spec.max_turns <= 6, spec.id
        assert spec.goal.endswith(".") and len(spec.goal.split()) <= 30
        assert spec.dimensions and set(spec.dimensions) <= set(DIMENSION_IDS)
    covered = {d for spec in plan.phases for d in spec.dimensions}
    assert covered == set(DIMENSION_IDS)
    assert plan.spec(Phase.MODELING).minutes == max(p.minutes for p in plan.phases)


def test_missing_phase_is_a_clear_error(tmp_path: Path) -> None:
    data = yaml.safe_load(PHASES.read_text(encoding="utf-8"))
    data["phases"] = [p for p in data["phases"] if p["id"] != "training"]
    path = tmp_path / "phases.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ContentError, match=r"phases\.yaml: phases missing: \['training'\]"):
        load_phase_plan(path)


def test_bad_budget_is_a_clear_error(tmp_path: Path) -> None:
    data = yaml.safe_load(PHASES.read_text(encoding="utf-8"))
    data["phases"][0]["minutes"] = 0
    path = tmp_path / "phases.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ContentError, match=r"phases\.yaml: phases\.0\.minutes"):
        load_phase_plan(path)
