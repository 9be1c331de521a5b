"""What a strong answer would have added, read as the candidate reads it: a note the candidate
said (tersely, in a question where asking is the note, or after first waving it away) is not
listed; a note only dismissed, only asked about where asking is not the note, or said about
something else still is.

Three problems (fraud detection, ETA prediction, similar listings). Every candidate sentence
was written for these tests, in the engineer's own words; each expectation was decided by
reading the note and the sentences, before running the check. A case the shared reading
misses is a strict xfail that says what the model reads."""

from __future__ import annotations

import pytest

from agent.grading.note_cover import covered
from agent.understanding import shared_understanding
from tests.support.card_reading import strong_answer_note
from tests.support.refits import LOST_IN_REFIT_383F906

_note = strong_answer_note


def _said(problem: str, start: str, sentences: list[str]) -> bool:
    """Whether the recap keeps the note off its list, given the signals the shared reading
    finds in the sentences (as the grader passes what the candidate showed) and the
    sentences themselves."""
    phase, note = _note(problem, start)
    u = shared_understanding()
    shown = {s for text in sentences for f in u.sentences(text) for s in f.signals}
    return covered(note, shown, sentences, phase)


# -- a dismissal, then the real note ---------------------------------------------------------

BASELINE_DISMISSED = "Honestly we can skip baselines, boosted trees will beat anything simple."
BASELINE_MADE = (
    "On second thought, I'll keep the current rules engine and a logistic regression as the "
    "two baselines the boosted model has to beat."
)


def test_fraud_baselines_said_after_being_waved_away_are_not_listed():
    # the later sentence is the note: the earlier dismissal must not hide it
    said = [BASELINE_DISMISSED, BASELINE_MADE]
    assert _said("fraud-detection", "Existing rules and logistic regression", said)


def test_fraud_baselines_only_waved_away_stay_listed():
    assert not _said(
        "fraud-detection", "Existing rules and logistic regression", [BASELINE_DISMISSED]
    )


LOG_TARGET_MADE = (
    "Actually I'll fit the model on the logarithm of the trip duration, so the rare "
    "two-hour trips don't swamp the loss."
)


@LOST_IN_REFIT_383F906
def test_eta_log_target_said_after_being_waved_away_is_not_listed():
    said = ["I won't transform the target, durations are fine as they are.", LOG_TARGET_MADE]
    assert _said("eta-prediction", "Log-transformed target", said)


def test_eta_log_target_only_waved_away_stays_listed():
    said = ["I won't transform the target, durations are fine as they are."]
    assert not _said("eta-prediction", "Log-transformed target", said)
    # nor when the next statement is about something else (read together as one run)
    said.append("Features are the routed distance, the hour of the week and live segment speeds.")
    assert not _said("eta-prediction", "Log-transformed target", said)


# -- a note said in a question ---------------------------------------------------------------


def test_a_clarify_note_said_as_questions_is_not_listed():
    # similar-listings, clarify: asking is what the note describes
    said = [
        "How many listings are on the site, how many listing pages get viewed per second, "
        "and how quickly does the carousel have to render?"
    ]
    assert _said("similar-listings", "Asks number of listings", said)


def test_a_features_note_only_asked_about_stays_listed():
    # asking whether to do it outside clarify is not doing it
    said = ["Should availability and the nightly price be checked when we serve the carousel?"]
    assert not _said("similar-listings", "Availability and price at serving time", said)


@pytest.mark.xfail(
    strict=True,
    reason="said in other words: dropping listings booked for the guest's dates is the "
    "availability filter and tonight's price a re-ranking feature, but MiniLM puts the "
    "sentence at 0.56 and its clauses at 0.54 from the note (bars 0.62 / 0.68), and the note "
    "reads no rubric signal to fall back on",
)
def test_a_features_note_stated_is_not_listed():
    said = [
        "At request time I drop listings that are booked for the guest's dates and re-rank "
        "the rest with tonight's price as a feature."
    ]
    assert _said("similar-listings", "Availability and price at serving time", said)


# -- a note said tersely ---------------------------------------------------------------------


def test_a_fallback_said_as_a_terse_note_is_not_listed():
    assert _said(
        "fraud-detection", "Falls back to the rules", ["Model svc down -> rules engine only."]
    )


def test_an_eta_fallback_said_tersely_is_not_listed():
    said = ["No live traffic -> historical segment speeds."]
    assert _said("eta-prediction", "Fallback to historical speeds", said)


def test_a_terse_note_on_another_part_does_not_cover_it():
    # adversarial: terse, on the same problem, about something else
    said = ["Model svc behind LB, autoscale on QPS."]
    assert not _said("fraud-detection", "Falls back to the rules", said)


# -- the recap a candidate gave --------------------------------------------------------------


def test_a_terse_recap_across_lines_covers_the_wrap_up_note():
    said = [
        "Recap: router ETA + boosted residual.",
        "Live segment speeds.",
        "MAE by city on a time split.",
    ]
    assert _said("eta-prediction", "Recaps residual model", said)


@LOST_IN_REFIT_383F906
def test_a_recap_of_another_design_does_not_cover_the_wrap_up_note():
    # adversarial: a recap, but of parts the note does not name
    said = ["To sum up: a REST service in Docker, autoscaled, with uptime alerts."]
    assert not _said("eta-prediction", "Recaps residual model", said)
