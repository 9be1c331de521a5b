"""What a strong answer would have added, on two more problems (people you may know, video
search): a note said after a dismissal, in a question where asking is the note, tersely, or in
the middle of a long ramble is not listed; the same note only dismissed, asked about where
asking is not the note, or a ramble on another part of the design still is.

Every candidate sentence was written for these tests in the engineer's own words (none taken
from a judged script); each expectation was decided by reading the note and the sentences
before running the check. A case the shared reading misses is a strict xfail saying what it
reads (figures from the heads at 1c7bad8)."""

from __future__ import annotations

import pytest

from agent.grading.note_cover import covered
from agent.understanding import shared_understanding
from tests.support.card_reading import strong_answer_note


def _said(problem: str, start: str, sentences: list[str]) -> bool:
    """Whether the recap keeps the note off its list, given the signals the shared reading
    finds in the sentences and the sentences themselves (as the grader passes them)."""
    phase, note = strong_answer_note(problem, start)
    u = shared_understanding()
    shown = {s for text in sentences for f in u.sentences(text) for s in f.signals}
    return covered(note, shown, sentences, phase)


# -- a dismissal, then the real note ---------------------------------------------------------

BASELINE_WAVED = "A plain baseline isn't worth the time here, a learned ranker wins anyway."
BASELINE_MADE = (
    "Though to be fair I'd first ship the simple version: suggest friends of friends, "
    "ordered by how many mutual connections they share, and make the model beat that."
)


def test_pymk_baseline_said_after_being_waved_away_is_not_listed():
    said = [BASELINE_WAVED, BASELINE_MADE]
    assert _said("people-you-may-know", "Baseline of ranking friends-of-friends", said)


def test_pymk_baseline_only_waved_away_stays_listed():
    assert not _said(
        "people-you-may-know", "Baseline of ranking friends-of-friends", [BASELINE_WAVED]
    )


# -- a note said in a question ----------------------------------------------------------------


def test_a_video_search_clarify_note_asked_is_not_listed():
    # clarify: asking catalogue size, query rate, latency and languages is the note
    said = [
        "How big is the catalogue, how many searches a second at peak, how long can a "
        "results page take, and which languages do people search in?"
    ]
    assert _said("video-search", "Asks catalogue size", said)


def test_a_deployment_note_only_asked_about_stays_listed():
    # adversarial: asking whether to filter is not filtering
    said = ["Do we have to drop blocked members from the list when the page is served?"]
    assert not _said("people-you-may-know", "Filters blocks and recently dismissed", said)


# -- a note said tersely ----------------------------------------------------------------------


def test_a_pymk_batch_serving_note_said_tersely_is_not_listed():
    said = ["Nightly batch -> top-50/member -> KV store, page reads it."]
    assert _said("people-you-may-know", "Daily batch pipeline computes", said)


def test_a_terse_line_on_another_part_does_not_cover_the_batch_note():
    # adversarial: terse, same problem, about training
    said = ["Retrain weekly on fresh graph snapshot."]
    assert not _said("people-you-may-know", "Daily batch pipeline computes", said)


# -- a note in a long ramble ------------------------------------------------------------------

RAMBLE = (
    "So, thinking about this a bit more, and I know I keep circling back, but the thing I "
    "really care about for the offline side is that we don't fool ourselves, because it's so "
    "easy with graphs, so what I'd do is freeze the graph as it was on some date, and then "
    "only count as positives the connections that got made after that date, and then measure "
    "precision at k and recall at k on those new edges, which is honestly the only number I'd "
    "trust before an A/B test, and I've seen teams skip this and regret it."
)


@pytest.mark.xfail(
    strict=True,
    reason="the ramble says it (a frozen graph, positives made after it, precision and recall "
    "at k on those edges), but read as one long sentence it shows no rubric signal at all "
    "(the note's four: time split, holdout, offline metric, leakage), its clauses read alone "
    "show only leakage_awareness (1 of 4), the whole note is at 0.60 from its nearest clause "
    "(cover bar 0.62) and its pieces at 0.63 and 0.71 (piece bar 0.68): the heads read no "
    "evaluation in a long spoken run-on",
)
def test_an_offline_evaluation_note_said_mid_ramble_is_not_listed():
    assert _said("people-you-may-know", "Offline precision@k and recall@k", [RAMBLE])


def test_a_ramble_about_serving_does_not_cover_the_offline_note():
    # adversarial: as long and loose, on another part of the design
    ramble = (
        "And then, sort of separately, and this is where it gets fiddly, the page itself has "
        "to be fast, so I'd keep whatever we computed in some store close to the web tier, "
        "maybe with a cache in front, and honestly I'd rather it be a bit stale than slow, "
        "because nobody waits for suggestions, they just scroll past."
    )
    assert not _said("people-you-may-know", "Offline precision@k and recall@k", [ramble])
