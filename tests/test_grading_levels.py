"""The offline grader's scoring rule on hand-made evidence: levels, depth, caps, hints."""

from __future__ import annotations

from agent.grading.scoring import (
    DEPTH_FOR,
    LEVEL_THRESHOLDS,
    WRONG_CLAIM_CAP,
    Misstep,
    level_for,
    overall_score,
    score_dimension,
)
from tests.support import grading_fixtures
from tests.support.grading_fixtures import evidence_at

# the shared fixtures these tests use
rubric = grading_fixtures.rubric


def test_levels_follow_documented_thresholds():
    assert level_for(0.0, 0, has_evidence=False) == 1
    assert level_for(0.01, 0) == 2
    assert level_for(LEVEL_THRESHOLDS[3], DEPTH_FOR[3]) == 3
    assert level_for(LEVEL_THRESHOLDS[4], DEPTH_FOR[4]) == 4
    assert level_for(1.0, 99) == 4
    # breadth without depth (no reason, number or trade-off anywhere) stays at 2
    assert level_for(1.0, 0) == 2
    assert level_for(1.0, DEPTH_FOR[4] - 1) == 3


def test_depth_moves_a_dimension_from_2_to_3_to_4(rubric):
    dim = rubric.dimension("evaluation")
    ids = [s.id for s in dim.signals]
    shallow = [evidence_at(rubric, i, n, deep=False) for n, i in enumerate(ids)]
    assert score_dimension(dim, rubric, shallow, []).score == 2
    one_deep = [evidence_at(rubric, i, n, deep=n == 0) for n, i in enumerate(ids)]
    assert score_dimension(dim, rubric, one_deep, []).score == 3
    deep = [evidence_at(rubric, i, n) for n, i in enumerate(ids)]
    assert score_dimension(dim, rubric, deep, []).score == 4


def test_signals_that_do_not_apply_are_not_required_or_missed(rubric):
    dim = rubric.dimension("modeling")
    skip = frozenset({"two_stage_architecture"})
    rest = [evidence_at(rubric, s.id, n) for n, s in enumerate(dim.signals) if s.id not in skip]
    result = score_dimension(dim, rubric, rest, [], skip=skip)
    assert result.coverage == 1.0 and result.missed == [] and result.score == 4


def test_coverage_is_the_weighted_share_of_signals(rubric):
    dim = rubric.dimension("evaluation")
    ids = [s.id for s in dim.signals]
    none = score_dimension(dim, rubric, [], [])
    assert (none.score, none.coverage) == (1, 0.0)
    assert none.missed[0] in ids and len(none.missed) == len(ids)
    everything = score_dimension(
        dim, rubric, [evidence_at(rubric, i, n) for n, i in enumerate(ids)], []
    )
    assert (everything.score, everything.coverage, everything.missed) == (4, 1.0, [])


def test_uncorrected_wrong_claim_caps_its_dimension_and_a_correction_lifts_the_cap(rubric):
    dim = rubric.dimension("evaluation")
    evidence = [evidence_at(rubric, s.id, n) for n, s in enumerate(dim.signals)]
    base = score_dimension(dim, rubric, evidence, []).score
    wrong = Misstep("random_split_time_ordered", "evaluation", evidence[0].sentence, False)
    fixed = Misstep("random_split_time_ordered", "evaluation", evidence[0].sentence, True)
    assert base == 4
    assert score_dimension(dim, rubric, evidence, [wrong]).score == WRONG_CLAIM_CAP
    assert score_dimension(dim, rubric, evidence, [fixed]).score == base


def test_hints_lower_a_dimension_by_at_most_one_level(rubric):
    dim = rubric.dimension("deployment")
    total = sum(s.weight for s in dim.signals)
    # just enough signals for level 4, every one shown only after a hint given at turn 3
    picked, share = [], 0.0
    for s in sorted(dim.signals, key=lambda s: -s.weight):
        if share >= LEVEL_THRESHOLDS[4]:
            break
        picked.append(s.id)
        share += s.weight / total
    late = [evidence_at(rubric, sid, n, turn=5) for n, sid in enumerate(picked)]
    assert score_dimension(dim, rubric, late, []).score == 4
    assert score_dimension(dim, rubric, late, [], hint_turns=[3]).score == 3
    # however little the hinted credit is worth, never more than one level lower
    one = late[:1]
    unhinted = score_dimension(dim, rubric, one, []).score
    assert score_dimension(dim, rubric, one, [], hint_turns=[3]).score >= unhinted - 1
    # signals shown before the hint keep full credit
    early = [evidence_at(rubric, sid, n, turn=1) for n, sid in enumerate(picked)]
    assert score_dimension(dim, rubric, early, [], hint_turns=[3]).score == 4


def test_overall_is_the_weighted_mean(rubric):
    results = [score_dimension(d, rubric, [], []) for d in rubric.dimensions]
    assert overall_score(results) == 1.0


def test_one_shallow_mention_does_not_lift_a_dimension_off_1(rubric):
    dim = rubric.dimension("deployment")
    one = [evidence_at(rubric, "caching", 0, deep=False)]
    assert score_dimension(dim, rubric, one, []).score == 1
    two = [*one, evidence_at(rubric, "monitoring_drift", 1, deep=False)]
    assert score_dimension(dim, rubric, two, []).score == 2
    deep = [evidence_at(rubric, "caching", 0, deep=True)]
    assert score_dimension(dim, rubric, deep, []).score == 2


def test_one_sentence_however_deep_does_not_make_a_dimension_strong(rubric):
    dim = rubric.dimension("metrics")
    ids = [s.id for s in dim.signals]
    # one sentence naming every metric signal at once (a list), and called deep
    one = [evidence_at(rubric, i, 0, deep=True) for i in ids]
    assert score_dimension(dim, rubric, one, []).score == 2
    two = [*one, evidence_at(rubric, ids[0], 1, deep=True)]
    assert score_dimension(dim, rubric, two, []).score == 4
