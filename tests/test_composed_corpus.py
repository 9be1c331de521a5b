"""Generated multi-signal sentences (agent/understanding/composed.py): two labelled statements
of one problem joined into one sentence, labelled with both statements' signals."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from agent.understanding.composed import FILE, compose, items, write
from agent.understanding.corpus import SentenceItem

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "knowledge" / "corpus"


def _statement(text: str, signals: list[str], **kw: object) -> dict[str, object]:
    return {"text": text, "signals": signals, "problem": "eta-prediction", **kw}


def test_two_statements_become_one_sentence_with_both_signals(tmp_path: Path) -> None:
    lines = [
        _statement("Arrival times from finished trips are the labels.", ["label_source"]),
        _statement("I would keep the last month of trips as the test set.", ["time_based_split"]),
        _statement("Which city are we launching in?", ["asks_scale"]),  # a question: not used
        _statement("A map of roads.", []),  # shows nothing: not used
    ]
    (tmp_path / "writer_x.jsonl").write_text(
        "\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8"
    )
    made = items(tmp_path, seed=3, count=2, taken=set())
    assert made, "two statements with different signals make a sentence"
    for item in made:
        text = str(item["text"])
        assert item["signals"] == ["label_source", "time_based_split"]
        assert item["wrong_claims"] is None and item["style"] == "composed"
        assert "arrival times from finished trips" in text.lower()
        assert "I would keep the last month" in text  # 'I' keeps its capital
        assert text.count(".") <= 1  # one sentence: the first statement's stop is gone
        assert "?" not in text


def test_a_statement_is_never_joined_to_one_showing_only_the_same_signals(tmp_path: Path) -> None:
    lines = [
        _statement("We retrain every week.", ["retraining"]),
        _statement("A fresh model goes out each Monday.", ["retraining"]),
    ]
    (tmp_path / "writer_x.jsonl").write_text(
        "\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8"
    )
    assert items(tmp_path, seed=3, count=5, taken=set()) == []


def test_terse_notes_are_joined_tersely() -> None:
    first = SentenceItem(text="GBDT baseline.", signals=["baseline_first"], style="terse")
    second = SentenceItem(text="PR-AUC offline.", signals=["imbalance_aware_metric"])
    text = compose(first, second, random.Random(1))
    assert text.startswith("GBDT baseline") and "PR-AUC offline" in text  # acronym kept
    assert "GBDT baseline." not in text and len(text.split()) <= 5


def test_composed_corpus_items_are_current(tmp_path: Path) -> None:
    """generated_composed.jsonl is what `python -m agent.understanding.composed` writes from
    the writers' and engineers' statements of each split (deterministic)."""
    for split in ("train", "dev"):
        (tmp_path / split).mkdir()
        for pattern in ("writer_*.jsonl", "engineer_*.jsonl"):
            for path in (CORPUS / split).glob(pattern):
                shutil.copy(path, tmp_path / split / path.name)
    write(tmp_path)
    for split in ("train", "dev"):
        assert (tmp_path / split / FILE).read_text(encoding="utf-8") == (
            CORPUS / split / FILE
        ).read_text(encoding="utf-8"), (
            "the composed items are stale: run `python -m agent.understanding.composed`"
        )
