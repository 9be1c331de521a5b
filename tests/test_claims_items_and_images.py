"""Three wrong claims judges found let pass (issue 14): a mild blur taken as enough to
anonymise published imagery, collaborative filtering on item ids where every item is new, and
whole frames shrunk to a detector's input size where the objects are tiny. Each is found in
fresh wording on the problem where it is wrong, the same words on a problem where they are
sound are not challenged, the right practice of the topic is not read as the claim, and sound
statements the judges saw challenged (a feature list known at prediction time, a label-free
shadow comparison, a self-correction) make no claim. Sentences written for this test, not in
knowledge/corpus/; expectations by hand."""

from __future__ import annotations

import pytest

from agent.content.misconceptions import card_context, conditions_hold, default_misconceptions
from agent.decide.moves import SteerKind
from tests.support.card_reading import challenged_in_conversation, claims_on_card
from tests.support.policy_fixtures import interview_on, reply_to, shipped_card

BLUR, CF, SHRINK = (
    "weak_blur_for_privacy",
    "id_collaborative_filtering_for_new_items",
    "downscale_erases_small_objects",
)

# where each claim is wrong, and problems where the same words are no mistake
WHERE = {
    BLUR: ("street-view-blurring", ("visual-search", "harmful-content-detection")),
    CF: ("event-recommendation", ("game-recommendation", "video-recommendation")),
    SHRINK: ("street-view-blurring", ("visual-search", "harmful-content-detection")),
}


# Three fresh wordings the heads refit after the fourteenth session's merges (b923b4c) do not
# read as their claim: the new columns learned from 30-36 training sentences each
NEW_CLAIM_MISS = pytest.mark.xfail(
    strict=True,
    reason="the heads refit after the fourteenth session's merges (b923b4c) read no claim in "
    "it (a coarse mosaic called plenty; factorising the member-by-event matrix; a vector per "
    "event id learned from buyers, whose words the claim's subject pattern does not name): "
    "model and subject misses for the new claims",
)


_claims = claims_on_card


@pytest.mark.parametrize("claim", list(WHERE))
def test_each_claim_says_where_it_is_wrong(claim: str) -> None:
    m = default_misconceptions().get(claim)
    assert m.challenge.endswith("?") and m.correction
    wrong_on, fine_on = WHERE[claim]
    card = shipped_card(wrong_on)
    assert conditions_hold(m.applies_when, card_context(card).lower(), card)
    for problem in fine_on:
        other = shipped_card(problem)
        assert not conditions_hold(m.applies_when, card_context(other).lower(), other), problem


WRONG = [
    (
        BLUR,
        "Privacy-wise a quick soft blur over every box will do; these aren't state secrets.",
    ),
    (BLUR, "blur: small gaussian on each detection, same strength for all"),
    pytest.param(
        BLUR,
        "I reckon coarse mosaic squares over the plates are plenty, reversing that isn't a thing.",
        marks=NEW_CLAIM_MISS,
    ),
    pytest.param(
        CF,
        "The heart of it is factorising the member-by-event matrix of past ticket buys.",
        marks=NEW_CLAIM_MISS,
    ),
    (
        CF,
        "I'd learn a vector for each event id from who purchased it and match users to it.",
    ),
    (
        CF,
        "Honestly user-based collaborative filtering did fine for films, I'd reuse it for gigs.",
    ),
    (SHRINK, "Each 4K frame gets scaled down to 512 by 512 and the detector runs once on that."),
    (SHRINK, "preproc: squash panorama to model input res (640), single pass"),
    (SHRINK, "To save GPU time I'd run detection on a quarter-resolution copy of every frame."),
]


@pytest.mark.parametrize(("claim", "text"), WRONG)
def test_the_claim_in_fresh_words_is_found_where_it_is_wrong(claim: str, text: str) -> None:
    problem, fine_on = WHERE[claim]
    assert claim in _claims(text, problem)
    # the same words on a problem where they are sound: not this claim
    for other in fine_on:
        assert claim not in _claims(text, other), other


SOUND = [
    # the right practice of each topic
    (
        "street-view-blurring",
        "A gentle blur can be reversed, so plates get a solid fill and faces a strong blur that "
        "grows with the box, checked afterwards by a plate reader.",
    ),
    (
        "street-view-blurring",
        "Tiny faces would vanish if we shrank the frame, so the detector sees overlapping tiles "
        "at the original resolution.",
    ),
    (
        "event-recommendation",
        "Events come and go within weeks, so the event side of the model is built from category, "
        "venue, artist and price rather than from an id vector.",
    ),
    # the same words where they are sound
    ("game-recommendation", "The core model factorises the player-by-game purchase matrix."),
    (
        "visual-search",
        "For the product matcher every photo is scaled to the backbone's 336-pixel input.",
    ),
    # sound statements the judges saw challenged
    (
        "event-recommendation",
        "Inputs: how far the venue is, days left until the show, how quickly it has sold over the "
        "last day and the share sold up to now.",
    ),
    (
        "event-recommendation",
        "In shadow the candidate scores real requests without serving them, and we line up its "
        "score histogram and latency against production's.",
    ),
    (
        "street-view-blurring",
        "I got the split wrong before: the same pedestrian appears in consecutive panoramas, so "
        "the split has to be by drive.",
    ),
    (
        "fraud-detection",
        "Hourly I'd watch the decline rate and the score histogram; recall waits for each "
        "cohort's chargebacks to mature.",
    ),
]


@pytest.mark.parametrize(("problem", "text"), SOUND)
def test_a_sound_statement_of_the_topic_makes_no_claim(problem: str, text: str) -> None:
    assert _claims(text, problem) == []


SETUP = {
    "street-view-blurring": "What recall do we need, and how many images a month?",
    "event-recommendation": "What's the business goal, and how many users and events?",
}


@pytest.mark.parametrize(
    ("claim", "text"),
    [
        (BLUR, "Once a box is found, a light Gaussian smear over it is enough privacy for a map."),
        (CF, "My main model is item-to-item collaborative filtering on past ticket purchases."),
        (SHRINK, "I'd shrink the frames to 640 pixels first so the detector is quick."),
    ],
)
def test_the_interviewer_challenges_it_in_conversation(claim: str, text: str) -> None:
    problem = WHERE[claim][0]
    challenged_in_conversation(problem, SETUP[problem], text, claim)


def test_a_correction_of_an_earlier_claim_is_not_challenged_again() -> None:
    # the head still reads the correction as the claim restated; what the sentence says of
    # shrinking (it loses the small faces) and the tiles it plans are the claim's right
    # practice (repairs.yaml, sound_practice), so the reading does not stand
    iv = interview_on("street-view-blurring", SETUP["street-view-blurring"])
    _, first = reply_to(iv, "I'd shrink the frames to 640 pixels first so the detector is quick.")
    assert first.target == SHRINK
    _, then = reply_to(
        iv,
        "You're right, shrinking loses the small faces. I'd cut each frame into overlapping "
        "full-resolution tiles and merge the boxes.",
    )
    assert then.steer != SteerKind.WRONG_CLAIM and not then.claim, then.reason
