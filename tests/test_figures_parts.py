"""Which figure a number belongs to and which part it counts, in notes and long sentences.

A clipped noun counts what the spelled-out one does ("panos"); a "per request" after a small
spelled-out count is that count's part, not the total's after it; a card latency said back
for another stage the card budgets is that stage's figure; a count of what lies within a
distance, or of "each" shard named just before it, is a part of the whole. Sentences written
for these tests.
"""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.decide.moves import MoveKind
from agent.read.numbers import conflict, conflicts
from tests.support.interview_fixtures import new_interview


def _card(problem: str):
    return load_content().problems.get(problem)


def test_a_clipped_noun_counts_what_the_full_noun_counts() -> None:
    card = _card("street-view-blurring")  # 20 million panoramas a month
    found = conflict("Batch job, roughly 2M panos per day.", card, ["scale"])
    assert found is not None and "20 million panoramas" in found.given
    assert conflict("Batch job, ~650k panos/day.", card, ["scale"]) is None


def test_a_small_spelled_out_count_keeps_its_own_part() -> None:
    card = _card("ad-click-prediction")  # 300,000 requests a second, 5 billion a day
    text = (
        "At 80k requests a second with two ads rendered per request, that comes to about "
        "14 billion impressions a day."
    )
    kinds = {c.kind for c in conflicts(text, card, ["scale"])}
    assert kinds == {"per_second", "impression/day"}


def test_a_card_latency_said_for_another_stage_is_queried() -> None:
    card = _card("ad-click-prediction")  # the auction 50 ms, the click model 10 ms
    found = conflict("I'd give the click model roughly 50 ms per request.", card, ["latency"])
    assert found is not None and found.given == "10 ms"
    assert conflict("The auction as a whole must finish within 50 ms.", card, ["latency"]) is None
    assert conflict("We have 50 ms overall, and the model 10 ms of it.", card, ["latency"]) is None
    feed = _card("news-feed-ranking")  # the page 150 ms, ranking 50 ms
    whole = "a light ranker, a heavy ranker and a re-ranker, all within about 150 ms end to end"
    assert conflict(whole, feed, ["latency"]) is None


def test_an_assumed_budget_for_a_stage_is_corrected_with_the_card() -> None:
    iv = new_interview("ad-click-prediction")
    iv.start()
    reply = iv.respond(
        "I'll assume the click model itself gets about 40 to 50 milliseconds per request. "
        "Correct me if that's off."
    )
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and "latency" in move.fact_topics
    assert "10 ms" in reply


def test_a_local_or_per_shard_count_is_a_part_of_the_whole() -> None:
    card = _card("event-recommendation")  # 1 million upcoming events
    downtown = "Downtown, a user might have 40,000 events within 5 km."
    assert conflict(downtown, card, ["scale"]) is None
    assert (
        conflict("Sharding by metro keeps each shard small, maybe 150,000 events.", card, ["scale"])
        is None
    )
    found = conflict("So we index about 150,000 events in total.", card, ["scale"])
    assert found is not None and "1 million" in found.given


def test_a_refresh_verb_does_not_tie_a_design_to_a_requirement_about_something_else() -> None:
    from agent.read.freshness import conflicts as stale

    card = _card("event-recommendation")
    required = ["A newly listed concert has to be recommendable within an hour."]
    # "recomputed" and "recommendable" share a four-letter stem, not a subject
    assert (
        stale("User embeddings are recomputed nightly for returning users.", card, [], required)
        == []
    )
    late = stale(
        "Newly listed concerts join the candidate index in a nightly batch.", card, [], required
    )
    assert late and late[0].topic == "requirement"


def test_a_label_window_other_than_the_cards_is_queried_once() -> None:
    iv = new_interview("ad-click-prediction")  # a click within 15 minutes is a positive
    iv.start()
    iv.respond("What counts as a positive label here?")
    reply = iv.respond(
        "Labels: an impression becomes a positive if the click lands within 45 minutes; "
        "later clicks are negatives."
    )
    move = iv.transcript.turns[-1].move
    assert move.number is not None and move.number.topic == "labels"
    assert "45 minutes" in reply and "15 minutes" in reply
    # a feature's window is not a label's
    iv.respond("Per-user features: clicks within the past 30 minutes and over the last day.")
    assert iv.transcript.turns[-1].move.number is None


def test_a_metric_target_below_the_cards_floor_is_queried() -> None:
    iv = new_interview("street-view-blurring")  # at least 99.5% recall in an audit sample
    iv.start()
    iv.respond("What are the legal constraints on what we may miss?")
    reply = iv.respond("Then I'd aim for roughly 98% recall on plates and faces, precision 80%.")
    move = iv.transcript.turns[-1].move
    assert move.number is not None and move.number.topic == "constraints"
    assert "98% recall" in reply and "99.5%" in reply
    from agent.read.targets import conflicts as below

    card = _card("street-view-blurring")
    assert below("We'd hold recall at 99.8% on the audit sample.", card, ["constraints"]) == []
    assert below("Precision of 80% is acceptable.", card, ["constraints"]) == []


def test_a_volume_over_a_period_with_no_noun_is_held_to_all_the_cards_volumes() -> None:
    card = _card("street-view-blurring")  # 20M panoramas and 160M frames a month
    found = conflict("GPU math: 2 s/pano. 4M/day -> ~90 GPUs.", card, ["scale"])
    assert found is not None and found.said == "4M/day"
    # agrees with one of the card's volumes (the frames): no conflict
    assert conflict("So roughly 5M/day through the detector.", card, ["scale"]) is None
    assert conflict("Spend maybe $4k/day on spot GPUs.", card, ["scale"]) is None


def test_sizes_in_one_unit_are_compared_only_for_the_same_object() -> None:
    card = _card("street-view-blurring")  # many faces are tiny, under 20 pixels high
    frame = "I'll assume each stitched panorama is around 8k by 4k pixels."
    assert conflicts(frame, card, [], assumed=True) == []
    found = conflict("Faces are at least 80 pixels high, I'd guess.", card, ["imbalance"])
    assert found is not None and found.given == "20 pixels"


def test_growth_after_a_named_count_is_not_read_as_another_volume() -> None:
    card = _card("visual-search")  # 2 billion images, 5 million visual searches a day
    text = "I'll work with about 2 billion images, growing by about 3 million a day."
    assert conflict(text, card, ["scale"]) is None
