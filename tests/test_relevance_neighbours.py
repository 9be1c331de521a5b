"""Off the problem only on evidence: a design for the problem asked is not capped because a
neighbouring card shares its words, nor because it is too terse to tell; a design for
another problem still is; and a rejected option is not what the recap says was said
(strict xfail: not yet).

Every text here was written by hand for these tests (not taken from any batch); the
expectations are set by hand from what each text designs."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.content.bundle import load_content
from agent.grading.evidence import evidence_sentences
from agent.grading.note_cover import covered
from agent.grading.offline import OfflineGrader
from agent.grading.relevance import problem_relevance
from agent.record.transcript import Transcript
from tests.support.grading_fixtures import turn_of

CONTENT = load_content()
DATA = Path(__file__).resolve().parent / "data" / "wrong_problem"


@pytest.fixture(scope="module")
def grader() -> OfflineGrader:
    return OfflineGrader()


def _relevance(text: str, problem: str):
    sentences, _ = evidence_sentences([(0, text)])
    return problem_relevance(sentences, CONTENT.problems.get(problem), CONTENT.problems)


# A video-search design in spoken paragraphs (wrapped, so read as whole sentences since
# recap17; the last paragraph keeps eight design sentences): it talks about videos, watch time and
# ranking as much as any video-recommendation design does, and about queries, titles and
# transcripts, which only the search card names.
VIDEO_SEARCH = """Let me clarify first: users type a query into the search box and we return
a ranked list of videos within about 200 ms; the goal is that the searcher finds and watches a
video, so I'd use long watches after a search click as the success signal.

Retrieval has two legs: a keyword index over titles, descriptions, tags and the speech
transcript, and an embedding index where a query tower and a video tower are trained on
query and watched-video pairs. I would merge a few hundred candidates from both legs.

The ranker is a gradient boosted model over query-video features: text match scores of the
query against the title and transcript, the embedding similarity, the video's freshness,
its watch time per impression for similar queries, the channel's quality and the user's
language. Labels come from search logs: a click followed by a watch of over thirty seconds
is positive, a skipped result shown above a clicked one is negative, and I'd correct for
position bias with randomised top results on a small slice of traffic.

Offline I would measure NDCG at ten on held-out days of search logs, split by time, and
slice by query frequency because tail queries behave differently. Online, an interleaving
test first, then an A/B test on successful searches per user, with latency as a guardrail.

For serving, both indexes are sharded and refreshed as uploads arrive, the transcript of a
new video is indexed once speech recognition finishes, and I'd monitor the share of queries
with no good result and the drift of the query mix.

For training I'd retrain the ranker weekly on the last month of search logs, because new
uploads and trending queries shift what a good result is."""


def test_a_search_design_that_shares_a_neighbours_words_is_not_capped(grader):
    rel = _relevance(VIDEO_SEARCH, "video-search")
    assert rel is not None  # enough design text to be judged
    assert not rel.off_problem, rel
    recap = grader.grade_answer(VIDEO_SEARCH, CONTENT.problems.get("video-search"), CONTENT.rubric)
    assert not any("different problem" in step for step in recap.next_steps)


# terse notes: many design lines, few words (adversarial: sentence count alone would judge it)
TERSE_PEOPLE = """Goal: accepted invites.
Two stages. Candidate gen, then ranking.
Candidates: friends of friends, same company, same school.
Friends of friends precomputed daily in a batch job.
Hubs capped, neighbours sampled.
Features: mutual count, overlap of employers.
Ranker: GBDT on p(accept).
Labels: accepted within 14 days.
Time split. Offline AUC.
A/B on accepts per member.
Serve from cache under 50 ms.
Monitor accept rate, drift."""


def test_terse_notes_are_too_little_text_to_cap():
    assert _relevance(TERSE_PEOPLE, "people-you-may-know") is None


def test_a_design_for_another_problem_is_still_capped_and_named():
    text = (DATA / "eta-prediction.md").read_text(encoding="utf-8")
    rel = _relevance(text, "search-ranking")
    assert rel is not None and rel.off_problem, rel
    text = (DATA / "video-recommendation.md").read_text(encoding="utf-8")
    rel = _relevance(text, "fraud-detection")
    assert rel is not None and rel.off_problem, rel
    assert rel.closest == "video-recommendation"


def test_a_very_short_transcript_is_graded_not_capped(grader):
    turns = [
        turn_of("interviewer", "Design the suggestions of people a member may want to know."),
        turn_of("candidate", "Friends of friends as candidates, ranked by a model of accepts."),
        turn_of("interviewer", "What would you measure?"),
        turn_of("candidate", "Accepted invitations per member in an A/B test."),
    ]
    rubric = CONTENT.rubric
    transcript = Transcript(
        problem_id="people-you-may-know",
        rubric_version=rubric.version,
        rubric_hash=rubric.hash,
        turns=turns,
    )
    recap = grader.grade_transcript(transcript, CONTENT.problems.get("people-you-may-know"), rubric)
    assert not any("different problem" in step for step in recap.next_steps)


NEGATIVES_NOTE = (
    "In-batch or sampled negatives for the two-tower model, correcting for popularity in sampling."
)


@pytest.mark.xfail(
    strict=True,
    reason="the recap's note check does not read stance: a statement that rejects an option "
    "still covers the note naming it. Reading it with agent/understanding/stance.py (tried "
    "in recap15) dropped a terse fallback ('no live traffic -> historical speeds') as a "
    "rejection, so it was not shipped",
)
def test_a_rejected_option_does_not_cover_the_note_it_names():
    rejected = [
        "No in-batch negatives and no popularity correction for the two-tower model in the "
        "first version."
    ]
    proposed = [
        "For the two-tower model I would use in-batch negatives with a correction for "
        "popularity in the sampling."
    ]
    assert not covered(NEGATIVES_NOTE, set(), rejected, "training")
    assert covered(NEGATIVES_NOTE, set(), proposed, "training")
