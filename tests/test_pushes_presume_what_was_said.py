"""A push asks only about what the candidate's words are (issue 10: pushes that fit what was
said).

- A technique's push that points back at "those thresholds" is not asked where the words
  name no threshold (a retrain set off by an event): the check the bank's pushes pass
  (agent/speak/points_back.py) holds for a technique's pushes too.
- "How long would it take to give a clear answer?" is asked of a test run on traffic, not of
  a switch that acts on its own (`an_experiment`, knowledge/follow_ups.yaml).
- "Would more data help?" and "is that enough for the rare cases?" are asked of data to
  learn from, not of what a store holds (`volume_trained`).

Every message here was written for this file (none is a line of a judged batch); the lines
are every one the offline voice says over several seeds; expectations by hand.
"""

from __future__ import annotations

from agent.content.phases import Phase
from agent.speak.points_back import points_back_at_unsaid
from tests.support.voice_fixtures import follow_up_lines, said_on

VENDOR = (
    "When the road data vendor pushes new speed tables, the distribution shift in the target "
    "kicks off a retrain automatically."
)
SWITCH = (
    "I'd add a kill switch: if removals in one language jump past a limit, that language "
    "goes to review-only."
)
STORE = (
    "For the cache size, a few million listings times fifty neighbours each is a couple "
    "hundred million rows in Redis."
)
TRAINING = (
    "For training we have about eight months of impressions, roughly forty million labelled rows."
)


def test_a_technique_push_does_not_point_back_at_thresholds_never_said() -> None:
    for target in ("retraining", "monitoring_drift"):
        said = said_on("eta-prediction", Phase.DEPLOYMENT, VENDOR, target, VENDOR)
        assert said and not any("those thresholds" in line for line in said), said


def test_a_switch_that_acts_on_its_own_is_not_asked_how_long_it_takes_to_answer() -> None:
    said = follow_up_lines("harmful-content-detection", SWITCH, Phase.DEPLOYMENT)
    assert said and not any("clear answer" in line for line in said), said


def test_an_experiment_is_still_asked_how_long_it_takes_to_answer() -> None:
    test = "I'd shadow the new model for two weeks before it blocks anything."
    said = follow_up_lines("fraud-detection", test, Phase.EVALUATION, seeds=16)
    assert any("clear answer" in line for line in said), said


def test_the_size_of_a_store_is_not_asked_whether_more_data_would_help() -> None:
    said = said_on("similar-listings", Phase.DEPLOYMENT, STORE, "data_volume", STORE)
    assert said and not any("learning curve" in line or "rare cases" in line for line in said)


def test_data_to_learn_from_is_still_asked_whether_more_would_help() -> None:
    said = said_on("similar-listings", Phase.DATA, TRAINING, "data_volume", TRAINING)
    assert any("learning curve" in line or "rare cases" in line for line in said), said


def test_those_standing_for_something_itself_points_back_at_nothing_unsaid() -> None:
    said = "Heavy augmentation for rain, glare and night scenes."
    assert not points_back_at_unsaid("Which variation does each of those stand for?", said)
    assert points_back_at_unsaid("How would you set those thresholds?", said)


def test_a_holdback_group_is_still_asked_how_long_it_takes_to_answer() -> None:
    kept = "I'd keep a small long-term holdback group on the old ranker for a quarter."
    said = follow_up_lines("video-recommendation", kept, Phase.EVALUATION, seeds=16)
    assert any("clear answer" in line for line in said), said
