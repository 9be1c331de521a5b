"""A follow-up fits the problem (issue 10): a push that presumes a shared stock is asked only
of physical goods, a shard push only of a split by a meaningful key, and a check that needs no
labels is not told that its labels arrive late. Sentences written for these tests;
expectations by hand."""

from __future__ import annotations

import re

import pytest

from agent.content.phases import Phase
from tests.support.voice_fixtures import follow_up_lines

# --------------------------------------------------------------- pushes that fit the problem

INTERFERENCE = re.compile(r"interference|share the same supply|affect the control arm", re.I)
AB_TEST = "Then an A/B test on half the users for two weeks, measuring {kpi}."


def test_no_shared_stock_is_presumed_for_digital_goods_and_it_is_for_physical_goods() -> None:
    def asked(card_id: str, kpi: str) -> bool:
        message = AB_TEST.format(kpi=kpi)
        return any(
            INTERFERENCE.search(line)
            for line in follow_up_lines(card_id, message, Phase.EVALUATION, target="ab_test")
        )

    assert not asked("game-recommendation", "kept purchases")  # copies are unlimited
    # positive controls: a shared stock or a shared feed is there to interfere through
    assert asked("search-ranking", "purchases per search")
    assert asked("rider-driver-matching", "completed trips")
    assert asked("ad-click-prediction", "revenue per impression")


BOUNDARY = re.compile(r"shard boundary|hottest shard", re.I)


@pytest.mark.parametrize(
    ("card_id", "message", "keyed"),
    [
        (
            "visual-search",
            "The index is sharded by hash and every query fans out to all shards.",
            False,
        ),
        ("similar-listings", "I'd shard the ANN index by listing id hash, full fan-out.", False),
        (
            "video-search",
            "We shard the inverted index by document hash and query every shard.",
            False,
        ),
        ("eta-prediction", "I'd shard the segment store by region, one shard per city.", True),
        ("rider-driver-matching", "Supply is sharded by city, each shard its own matcher.", True),
    ],
)
def test_shard_pushes_are_asked_only_of_a_split_by_a_meaningful_key(
    card_id: str, message: str, keyed: bool
) -> None:
    lines = follow_up_lines(card_id, message, Phase.DEPLOYMENT)
    assert any(BOUNDARY.search(line) for line in lines) is keyed, lines


# ------------------------------------------- a check that needs no labels is not late for them

LABELS_LAG = re.compile(r"labels arrive late", re.IGNORECASE)


@pytest.mark.parametrize(
    ("card_id", "message", "needs_labels"),
    [
        (
            "street-view-blurring",
            "Every day I'd chart detections per panorama and the score distribution by country.",
            False,
        ),
        (
            "event-recommendation",
            "The new model runs in shadow first, and we compare its score distributions and "
            "latency with production's.",
            False,
        ),
        (
            "fraud-detection",
            "Hourly, the prediction distribution of approved and declined payments goes on a "
            "dashboard.",
            False,
        ),
        (
            "ad-click-prediction",
            "In shadow mode I'd look at the prediction distribution against the live model's.",
            False,
        ),
        # controls: a check against outcomes does wait for the labels
        (
            "fraud-detection",
            "I'd monitor predicted versus actual fraud rates per merchant segment.",
            True,
        ),
        (
            "ad-click-prediction",
            "Each hour we'd monitor the AUC of the click model on the hour's impressions.",
            True,
        ),
    ],
)
def test_a_check_on_the_scores_alone_is_not_told_its_labels_lag(
    card_id: str, message: str, needs_labels: bool
) -> None:
    lines = follow_up_lines(card_id, message, Phase.DEPLOYMENT)
    lagging = [line for line in lines if LABELS_LAG.search(line)]
    if needs_labels:
        assert lagging, lines
    else:
        assert not lagging, lagging
