"""A point the candidate named is not where the recap starts its list of what was missed.

"For evaluation I'd use recall at k offline" names an offline metric without saying why it
fits: the grader does not count it as shown (the score stays), but a recap whose "Missed"
list opened with "chooses an offline metric that fits the task" read to the candidate as
if they had never named one. A point some statement named is kept as still missing and
named after every point no statement touched, in what was missed, the next steps and the
next-level lines alike. The sentences were written for these tests."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.grading.evidence import Sentence, named_anywhere
from agent.grading.narrative import MAX_MISSED, missing_advice
from agent.grading.scoring import DimensionResult
from agent.understanding.findings import SentenceFindings
from tests.support.interview_fixtures import new_interview


def _results(missed: dict[str, list[str]]) -> list[DimensionResult]:
    rubric = load_content().rubric
    return [
        DimensionResult(d, 1, 0.0, [], [], list(missed.get(d.id, [s.id for s in d.signals])))
        for d in rubric.dimensions
    ]


def _heaviest() -> str:
    rubric = load_content().rubric
    rows = [(s.weight * d.weight, s.id) for d in rubric.dimensions for s in d.signals]
    return max(rows)[1]


def test_a_named_point_comes_after_every_point_never_talked_about() -> None:
    rubric = load_content().rubric
    top = _heaviest()
    missed, _, _ = missing_advice(_results({}), rubric)
    description = rubric.signal(top).description
    assert description in missed  # the heaviest point leads when nothing named it
    missed, steps, _ = missing_advice(_results({}), rubric, talked={top})
    assert len(missed) == MAX_MISSED and description not in missed
    text = " ".join(steps).lower()
    assert description.rstrip(".").lower() not in text


def test_named_points_are_read_from_statements_not_questions() -> None:
    def sentence(text: str, question: bool, mentions: list[str]) -> Sentence:
        found = SentenceFindings(
            text=text, start=0, end=len(text), question=question, mentions=mentions
        )
        return Sentence(text=text, turn=0, order=0, findings=found)

    said = [
        sentence("Time split.", False, ["time_based_split"]),
        sentence("Should we A/B test it?", True, ["ab_test"]),
    ]
    assert named_anywhere(said) == {"time_based_split"}


def test_an_offline_metric_named_in_passing_is_not_listed_as_missed() -> None:
    iv = new_interview("harmful-content-detection")
    iv.start()
    iv.respond("Before I design anything: what is the business goal, and what latency?")
    iv.respond(
        "For evaluation I'd use recall at k offline and an A/B test on engagement online. "
        "I'd monitor feature drift and retrain weekly."
    )
    recap = iv.finish()
    metric = load_content().rubric.signal("offline_metric_choice").description
    assert metric not in recap.missed
    # named is not shown: the score does not move
    metrics = next(d for d in recap.dimensions if d.id == "metrics")
    assert metrics.score == 1
