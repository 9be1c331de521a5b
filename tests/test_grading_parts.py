"""The offline grader reads an answer in parts: evidence weighed by where it was said."""

from __future__ import annotations

from agent.grading.evidence import (
    Sentence,
    evidence_sentences,
    region_starts,
)
from agent.grading.parts import ASIDE_WEIGHT, weigh_by_part
from agent.grading.scoring import (
    DEPTH_FOR,
    Evidence,
    score_dimension,
)
from tests.support import grading_fixtures
from tests.support.grading_fixtures import (
    deep_part,
    evidence_at,
    evidence_in_part,
)

# the shared fixtures these tests use
card = grading_fixtures.card
rubric = grading_fixtures.rubric


def test_an_answer_is_read_in_parts_by_its_headings_or_else_its_paragraphs():
    headed = "# ETA\nintro\n\n## Data\nlabels from trips\n\nmore data\n## Model\nGBDT"
    assert region_starts(headed) == [0, headed.index("## Data"), headed.index("## Model")]
    notes = "**Data**\n- labels from trips\n\n**Model**\n- GBDT"
    assert region_starts(notes) == [0, notes.index("**Model**")]
    sentences, _ = evidence_sentences([(0, headed)])
    parts = {s.text: s.region for s in sentences}
    assert parts["labels from trips"] == parts["more data"] != parts["GBDT"]


def test_a_dimension_said_only_in_passing_elsewhere_does_not_stay_strong(rubric):
    """Deployment remarks inside the clarifying and training parts are asides: with the
    deployment part itself, deployment is strong; without it, the asides alone are not."""
    framing = deep_part(rubric, ["asks_business_goal", "asks_scale", "frames_ml_task"], 0, 0)
    training = deep_part(
        rubric, ["loss_function", "regularization", "hyperparameter_tuning"], 10, 1
    )
    asides = [
        evidence_in_part(rubric, "latency_budget", 3, 0),
        evidence_in_part(rubric, "retraining", 13, 1),
    ]
    data = deep_part(rubric, ["label_source", "data_quality"], 30, 3)
    serving = deep_part(rubric, ["batch_vs_online", "caching", "monitoring_drift"], 20, 2)
    dim = rubric.dimension("deployment")
    whole = weigh_by_part(framing + training + asides + serving + data)
    assert {e.weight for e in whole if e.sentence.order in (3, 13)} == {ASIDE_WEIGHT}
    assert score_dimension(dim, rubric, whole, []).score == 4
    cut = weigh_by_part(framing + training + asides + data)
    assert score_dimension(dim, rubric, cut, []).score < 4
    # without parts to tell apart (one paragraph), every sentence counts in full
    flat = [evidence_at(rubric, e.signal_id, e.sentence.order) for e in framing + asides]
    assert all(e.weight == 1.0 for e in weigh_by_part(flat))


def test_level_four_rests_on_depth_said_where_the_dimension_is_the_subject(rubric):
    """Many deep deployment remarks scattered as asides through parts about other things
    (enough by weight for level 4) show deployment was touched, not designed: it stays below
    4 until a part about deployment carries the depth."""
    framing = deep_part(rubric, ["asks_business_goal", "asks_scale", "frames_ml_task"], 0, 0)
    training = deep_part(
        rubric, ["loss_function", "regularization", "hyperparameter_tuning"], 10, 1
    )
    data = deep_part(rubric, ["label_source", "data_quality", "sampling_bias"], 30, 3)
    evaluation = deep_part(rubric, ["time_based_split", "ab_test", "error_analysis"], 40, 4)
    asides = [
        evidence_in_part(rubric, "latency_budget", 4, 0),
        evidence_in_part(rubric, "retraining", 14, 1),
        evidence_in_part(rubric, "monitoring_drift", 34, 3),
        evidence_in_part(rubric, "caching", 44, 4),
    ]
    dim = rubric.dimension("deployment")
    scattered = weigh_by_part(framing + training + data + evaluation + asides)
    assert sum(e.weight for e in scattered if e.dimension_id == "deployment") >= DEPTH_FOR[4]
    assert not any(e.on_subject for e in scattered if e.dimension_id == "deployment")
    assert score_dimension(dim, rubric, scattered, []).score == 3
    serving = deep_part(rubric, ["batch_vs_online", "fallback_strategy"], 20, 2)
    designed = weigh_by_part(framing + training + data + evaluation + asides + serving)
    assert score_dimension(dim, rubric, designed, []).score == 4


def test_a_heading_names_what_its_part_is_about(rubric):
    from agent.grading.headings import heading_subjects

    named = heading_subjects(
        [
            "Clarifying questions",
            "Deployment (serving and monitoring)",
            "Metrics and evaluation",
            "Fraud detection for card payments",
        ],
        rubric,
    )
    assert named["Clarifying questions"] == {"problem_framing"}
    assert named["Deployment (serving and monitoring)"] == {"deployment"}
    assert {"metrics", "evaluation"} <= named["Metrics and evaluation"]
    assert "Fraud detection for card payments" not in named  # a title names no dimension


def test_figures_stated_under_the_clarifying_heading_frame_the_problem(rubric):
    """The data volume and the label stated among the clarifying assumptions outnumber the
    framing signals there, but the heading says the part frames the problem: without the
    data section they are asides, and data is not carried to level 4 by them."""

    def headed(sid: str, order: int, part: int, heading: str) -> Evidence:
        s = Sentence(text=f"s{order}", turn=0, order=order, region=part, heading=heading)
        return Evidence(sid, rubric.dimension_of_signal(sid).id, s, s.text, 0.9, True)

    clarifying = [
        headed(sid, n, 0, "Clarifying questions")
        for n, sid in enumerate(["frames_ml_task", "data_volume", "label_source", "privacy"])
    ]
    others = [
        headed(sid, 10 + n, 1 + n // 3, ["Training", "Evaluation"][n // 3])
        for n, sid in enumerate(
            [
                *("loss_function", "regularization", "hyperparameter_tuning"),
                *("time_based_split", "ab_test", "error_analysis"),
            ]
        )
    ]
    named = {"Clarifying questions": {"problem_framing"}}
    dim = rubric.dimension("data")
    by_evidence = weigh_by_part(clarifying + others)
    assert score_dimension(dim, rubric, by_evidence, []).score == 4
    by_heading = weigh_by_part(clarifying + others, named)
    assert all(e.weight == ASIDE_WEIGHT for e in by_heading if e.dimension_id == "data")
    assert score_dimension(dim, rubric, by_heading, []).score < 4


def test_guardrails_named_before_the_test_sentence_mean_none_are_missing(rubric, card):
    from agent.grading.misconception_check import SharedMisconceptions
    from agent.understanding.findings import SentenceFindings

    def said(text: str, order: int, claims: dict[str, float]) -> Sentence:
        found = SentenceFindings(text=text, start=0, end=len(text), wrong_claims=claims)
        return Sentence(text=text, turn=0, order=order, findings=found)

    guardrails = said("Guardrails: approval rate and latency.", 0, {})
    test = said("Then a cost backtest on the test month.", 1, {"ab_test_without_guardrails": 0.8})
    shown = [Evidence("experiment_guardrails", "evaluation", guardrails, guardrails.text)]
    finder = SharedMisconceptions()
    found = finder.find([guardrails, test], shown, rubric, {}, card)
    assert [(m.misconception_id, m.corrected) for m in found] == [
        ("ab_test_without_guardrails", True)
    ]
    alone = finder.find([test], [], rubric, {}, card)
    assert [(m.misconception_id, m.corrected) for m in alone] == [
        ("ab_test_without_guardrails", False)
    ]
    # a mistake made (not an omission) is still only corrected by what comes after it
    split = said("We split the transactions randomly.", 1, {"random_split_time_ordered": 0.9})
    by_time = said("We split by time.", 0, {})
    earlier = [Evidence("time_based_split", "evaluation", by_time, by_time.text)]
    made = finder.find([by_time, split], earlier, rubric, {}, card)
    assert [(m.misconception_id, m.corrected) for m in made] == [
        ("random_split_time_ordered", False)
    ]
