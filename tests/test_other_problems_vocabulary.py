"""The vocabulary that tells another problem's words (agent/speak/other_problems.py) is
counted once per loaded content, and counted again when a card is added.

It was counted afresh on every call (keyed on the id of a bundle object that the loader
makes anew on each call), about 30 times per hint turn: 100-200 ms of CPU on the turn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from agent.content.bundle import load_content
from agent.settings import get_settings
from agent.speak import other_problems
from agent.speak.other_problems import without_other_problems

# an invented word that no bundled card uses
LINE = "Slice the metric by segment (for example zorblat accounts) before trusting an average."


def test_the_vocabulary_is_counted_once_while_the_content_is_unchanged() -> None:
    first = other_problems._vocabulary()
    assert other_problems._vocabulary() is first
    card = load_content().problems.get("fraud-detection")
    assert other_problems.card_words(card) is other_problems.card_words(card)


def test_a_card_dropped_in_changes_which_words_are_another_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "cards"
    user.mkdir()
    monkeypatch.setenv("MLSD_USER_PROBLEMS_DIR", str(user))
    get_settings.cache_clear()
    fraud = load_content().problems.get("fraud-detection")
    # no card uses the word yet: the example is kept
    assert without_other_problems(LINE, fraud) == LINE

    bundled = get_settings().knowledge_dir / "problems" / "eta-prediction.yaml"
    card = yaml.safe_load(bundled.read_text())
    card["id"], card["title"] = "zorblat-eta", "Arrival times for zorblat couriers"
    (user / "zorblat-eta.yaml").write_text(yaml.safe_dump(card))

    fraud = load_content().problems.get("fraud-detection")
    kept = without_other_problems(LINE, fraud)
    assert kept is not None
    assert "zorblat" not in kept
    assert kept.startswith("Slice the metric by segment")
    get_settings.cache_clear()
