"""A note that states the right practice of a wrong claim's subject is not graded as the
wrong claim: the grader asks the catalogue's sound-practice data (knowledge/grading/
repairs.yaml) as the interview's reader does (recap17). Answers written by hand."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.misconceptions import load_repairs
from tests.support import grading_fixtures

grader = grading_fixtures.grader
rubric = grading_fixtures.rubric

NOTES = """# Blurring faces and plates: notes

## Model
- Detector: one-stage, two classes (face, plate), tiles of 1024 px over the panorama.
- Threshold chosen for recall >= 99% on the audited set, precision second.
- Faces: mosaic + noise, since a soft Gaussian blur is reversible.

## Deployment
- Batch pipeline over the day's capture, done within 24 h on GPU workers.
- Shadow run against the current detector, then a per-region launch.
"""


def test_a_terse_note_without_a_verb_states_the_sound_blur() -> None:
    repairs = load_repairs()
    assert repairs.states_sound_practice(
        "weak_blur_for_privacy", "Pixelation plus noise (a gentle Gaussian, invertible)."
    )
    assert not repairs.states_sound_practice(
        "weak_blur_for_privacy", "Gentle Gaussian blur on each box (non-invertible)."
    )


def test_a_note_on_the_right_blur_is_no_wrong_claim(grader, rubric) -> None:
    card = load_content().problems.get("street-view-blurring")
    recap = grader.grade_answer(NOTES, card, rubric)
    assert recap.challenged == []


def test_a_light_blur_kept_as_the_plan_is_still_the_wrong_claim(grader, rubric) -> None:
    card = load_content().problems.get("street-view-blurring")
    weak = NOTES.replace(
        "Faces: mosaic + noise, since a soft Gaussian blur is reversible.",
        "Faces: a light Gaussian blur on each box, enough for privacy.",
    )
    recap = grader.grade_answer(weak, card, rubric)
    assert recap.challenged == ["Faces: a light Gaussian blur on each box, enough for privacy."]
