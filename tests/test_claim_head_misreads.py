"""Sound sentences the wrong-claim head reads as a claim at the challenge bar: a record for
the next corpus and refit (issue 10, never challenge what is sound; issue 14, the heads).

Each sentence is a candidate's sentence of a judged dev batch (tests/fidelity/judged, dev
material since it was scored) that the judges marked as challenged although correct. The
structure of a challenge now answers some of them (Misconception.made_in, the claims' sound
practices in knowledge/grading/repairs.yaml: tests/test_challenges_need_the_mistake.py);
the head still reads the claim in every one. Each is a strict xfail on the head alone: a
refit that reads them right turns it into a pass, and the xfail is removed then. Corpus
items for them are to be written in new words beside these, never these sentences.
"""

from __future__ import annotations

import pytest

from agent.understanding import shared_understanding

_HEAD = "the wrong-claim head (weights e650fb5) reads the claim in this sound sentence"


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        # a light blur turned down: the claim's own refutation (test21-1, three scripts)
        ("weak_blur_for_privacy", "A light Gaussian blur is not enough."),
        (
            "weak_blur_for_privacy",
            "A light Gaussian is reversible enough that I wouldn't rely on it, especially for "
            "plates, where the character set is small.",
        ),
        # shrinking turned down with its reason (test21-1)
        (
            "downscale_erases_small_objects",
            "And I wouldn't resize the frames down, because then the small faces vanish.",
        ),
        # an aggregate over an organiser's past events, known before the event (test21-1)
        (
            "future_feature_leakage",
            "I'd add the organizer's average tickets sold per event as a feature.",
        ),
        # creative embeddings computed offline from the ad itself (test21-1)
        (
            "future_feature_leakage",
            "If it exists, I just use it as input feature, precomputed offline.",
        ),
        # position bias explained as what a naive model learns (test20-1)
        (
            "click_label_for_later_goal",
            "Items shown at the top get clicked more regardless of relevance, so if we train "
            'naively, the model learns "things we already ranked high are good".',
        ),
        # a weekly retrain read as "train once and done" (test21-1)
        (
            "no_monitoring_after_deploy",
            "Deployment: I'd train the model offline every week, save it, and put it behind a "
            "REST API.",
        ),
    ],
)
@pytest.mark.xfail(strict=True, reason=_HEAD)
def test_a_sound_sentence_is_not_read_as_the_claim(claim: str, sentence: str) -> None:
    found = shared_understanding().message(sentence, challenge=True)
    assert all(claim not in s.wrong_claims for s in found.sentences)


# read right since the heads refit on heads19's corpus (sound near-misses of the blur claim:
# the task restated, a strong blur described); strict xfails before
@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        # the task restated: a blur named with nothing said of its strength (test21-1)
        (
            "weak_blur_for_privacy",
            "We need to detect faces and licence plates in the images and then blur them.",
        ),
        (
            "weak_blur_for_privacy",
            "The blur: dilate each region by about 25 percent, then pixelate strongly and add "
            "noise.",
        ),
    ],
)
def test_a_sound_blur_sentence_is_not_read_as_the_claim(claim: str, sentence: str) -> None:
    found = shared_understanding().message(sentence, challenge=True)
    assert all(claim not in s.wrong_claims for s in found.sentences)
