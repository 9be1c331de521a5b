"""The two wrong claims the judges found unchallenged on ranking problems: position bias left
in click labels, and negatives taken as any unseen or random item without care. Each is found
in wording the corpus does not have, only on problems where it misleads, and the careful
practice on the same topic is not read as it (sentences written for this test, not in
knowledge/corpus/)."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.misconceptions import default_misconceptions
from tests.support.card_reading import claims_on_card

PB, RN = "ignores_position_bias", "careless_random_negatives"
# why the heads refit on this branch's corpus miss them (a retrain after more data is the fix)
UNDER = (
    ", under the global claim bar 0.925: the claim has 26 training sentences and 4 on dev,"
    " under the 8 a claim needs for its own bar"
)


_claims = claims_on_card


def test_the_catalog_says_where_each_claim_applies() -> None:
    catalog = default_misconceptions()
    content = load_content()
    for claim_id in (PB, RN):
        claim = catalog.get(claim_id)
        assert claim.challenge.endswith("?")
        assert "ranking" in claim.applies_when.ml_tasks
    # a fraud score ranks nothing for a user to click on: neither claim applies there
    fraud = content.problems.get("fraud-detection")
    assert fraud.ml_task not in catalog.get(PB).applies_when.ml_tasks


@pytest.mark.parametrize(
    ("text", "problem", "claim"),
    [
        (
            "Whatever people tapped in the results is our relevance label, the rank it sat at "
            "makes no difference.",
            "search-ranking",
            PB,
        ),
        pytest.param(
            "We can leave the slot effect out entirely and learn straight from the feed's "
            "click logs.",
            "news-feed-ranking",
            PB,
            marks=pytest.mark.xfail(
                strict=True,
                reason=("read at 0.078 (its top claim: click_label_for_later_goal)" + UNDER),
            ),
        ),
        pytest.param(
            "For the retrieval tower, every video a viewer has not played counts as a "
            "negative for them.",
            "video-recommendation",
            RN,
        ),
        pytest.param(
            "Negatives for the image matcher are random catalogue photos, nothing more elaborate.",
            "visual-search",
            RN,
        ),
    ],
)
def test_the_claim_in_fresh_words_is_found(text: str, problem: str, claim: str) -> None:
    assert claim in _claims(text, problem)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "Because the first rows draw attention on their own, the ranker sees each "
            "impression's slot while training and a fixed slot when it serves.",
            "news-feed-ranking",
        ),
        (
            "The negatives are results the searcher scrolled past, plus near misses the "
            "current model ranks too high.",
            "search-ranking",
        ),
    ],
)
def test_the_careful_practice_is_not_read_as_the_claim(text: str, problem: str) -> None:
    assert not {PB, RN} & set(_claims(text, problem))
