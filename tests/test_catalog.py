"""Content is parsed once and reused, yet a changed or newly dropped-in file is picked up."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from agent.content import catalog
from agent.content.files import ContentError
from agent.settings import get_settings


def test_repeated_calls_reuse_the_parsed_content() -> None:
    assert catalog.problems() is catalog.problems()
    assert catalog.rubric() is catalog.rubric()
    assert catalog.phase_plan() is catalog.phase_plan()


def test_a_card_dropped_in_is_picked_up_and_a_broken_one_is_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "cards"
    user.mkdir()
    monkeypatch.setenv("MLSD_USER_PROBLEMS_DIR", str(user))
    get_settings.cache_clear()
    before = catalog.problems()
    assert "my-problem" not in before.cards

    bundled = get_settings().knowledge_dir / "problems" / "fraud-detection.yaml"
    card = yaml.safe_load(bundled.read_text())
    card["id"], card["title"] = "my-problem", "My own problem"
    path = user / "my-problem.yaml"
    path.write_text("id: my-problem\nfacts: [unclosed\n")
    with pytest.raises(ContentError, match=r"my-problem\.yaml"):
        catalog.problems()
    with pytest.raises(ContentError, match=r"my-problem\.yaml"):  # still broken, still said
        catalog.problems()

    path.write_text(yaml.safe_dump(card))
    after = catalog.problems()
    assert after.get("my-problem").title == "My own problem"
    assert catalog.problems() is after
