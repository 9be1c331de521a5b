"""Replay shows an interviewer move's reason in words: the rubric's for a signal, the
catalogue's for a wrong claim, never a raw id (issue 12)."""

from __future__ import annotations

from ui.components.labels import reason_words


def test_a_signal_id_in_a_reason_reads_as_the_rubric_says_it() -> None:
    line = reason_words("follow up on time_based_split: most important missing signal")
    assert "time_based_split" not in line
    assert line.startswith("follow up on splits by time when data is time ordered")


def test_a_wrong_claim_id_reads_as_the_catalogue_describes_it() -> None:
    line = reason_words(
        "answer from the card: labels; then challenge the wrong claim (accuracy_on_imbalanced)"
    )
    assert "accuracy_on_imbalanced" not in line
    assert "accuracy" in line and "_" not in line


def test_other_ids_are_spaced_and_plain_words_left_alone() -> None:
    assert reason_words("answer from the card: business_goal, scale") == (
        "answer from the card: business goal, scale"
    )
    assert reason_words("open with the bare problem statement") == (
        "open with the bare problem statement"
    )
