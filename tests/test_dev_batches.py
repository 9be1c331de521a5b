"""The scored a-batches the signal bars are chosen on (agent/understanding/dev_batches.py)."""

from __future__ import annotations

import json

import yaml

from agent.understanding.dev_batches import CHECK, CHOICE, blind_dir, signal_rows


def test_choice_and_check_batches_are_frozen_scored_and_apart() -> None:
    manifest = yaml.safe_load((blind_dir() / "manifest.yaml").read_text(encoding="utf-8"))
    scored = {b["file"] for b in manifest["batches"] if b.get("scored")}
    assert set(CHOICE) <= scored and set(CHECK) <= scored
    assert not set(CHOICE) & set(CHECK)  # a check batch takes no part in the choice


def test_a_batch_text_is_labelled_with_what_it_shows_and_not_what_it_only_names() -> None:
    name = CHOICE[-1]
    items = [
        json.loads(line)
        for line in (blind_dir() / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    labelled = [it for it in items if it.get("signals") is not None]
    signals = sorted({s for it in labelled for s in it["signals"] + (it.get("names") or [])})
    texts, y = signal_rows((name,), signals)
    assert texts == [it["text"] for it in labelled]
    for it, row in zip(labelled, y, strict=True):
        shown = {signals[j] for j, v in enumerate(row) if v == 1}
        assert shown == set(it["signals"])
        # a keyword, a dismissal or a negation is a negative for the bars, never a positive
        assert not (set(it.get("names") or []) - set(it["signals"])) & shown


def test_a_batch_that_is_not_there_adds_nothing() -> None:
    texts, y = signal_rows(("sentences-not-written-yet.jsonl",), ["holdout_split"])
    assert texts == [] and y.shape == (0, 1)
