"""A rejected or only weighed option is not the candidate's plan (issue 10).

The stance of a claim is read from its clause (agent/understanding/stance.py): a sentence
that names an option in the condition of a conditional, under a negation, or as a concession
it then turns down, does not propose it, and the follow-up that quotes or names it must not
treat it as the plan. Sentences written for these tests, on four problems; expectations by
hand. Ground covered in earlier turns: tests/test_coverage_memory.py.
"""

from __future__ import annotations

import pytest

from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind
from agent.read.reading import MessageKind, Reading
from agent.speak.decisions import decision_phrase
from agent.speak.offline import OfflineVoice
from agent.understanding.stance import Stance, stance_of
from tests.support.voice_fixtures import context

SEEDS = range(6)
ANSWER = Reading(kind=MessageKind.ANSWER)

# (problem, sentence, claim, stance): read by hand
STANCES = [
    # a conditional whose consequence is the problem with the option: weighed, not chosen
    (
        "fraud-detection",
        "If we only learn from approved payments, the model never sees what it blocked.",
        "learn from approved payments",
        Stance.WEIGHS,
    ),
    (
        "people-you-may-know",
        "When we label right after the send, most invites still look declined.",
        "label right after the send",
        Stance.WEIGHS,
    ),
    # the rejection, then the real plan, in one sentence
    (
        "video-search",
        "Not a random split, I'd cut by upload date so the test set is the future.",
        "a random split",
        Stance.REJECTS,
    ),
    (
        "video-search",
        "Not a random split, I'd cut by upload date so the test set is the future.",
        "cut by upload date",
        Stance.PROPOSES,
    ),
    # "we could X, but no"
    (
        "eta-prediction",
        "We could call the routing engine for every candidate driver, but no, far too slow.",
        "call the routing engine for every candidate driver",
        Stance.REJECTS,
    ),
    (
        "eta-prediction",
        "We could recompute road speeds hourly, but honestly that is too stale.",
        "recompute road speeds hourly",
        Stance.REJECTS,
    ),
    # terse notes
    ("fraud-detection", "SMOTE - no. Class weights.", "SMOTE", Stance.REJECTS),
    ("fraud-detection", "SMOTE - no. Class weights.", "Class weights", Stance.PROPOSES),
    ("people-you-may-know", "Random negs? No. Shown-not-clicked.", "Random negs", Stance.REJECTS),
    # a negation inside the quoted words
    (
        "fraud-detection",
        "I would not report accuracy at all, nearly every payment is legitimate.",
        "I would not report accuracy at all",
        Stance.REJECTS,
    ),
    # plain plans, and a bound that is no rejection
    (
        "eta-prediction",
        "I'd retrain the travel-time model every night on the last four weeks.",
        "retrain the travel-time model every night",
        Stance.PROPOSES,
    ),
    (
        "video-search",
        "Ranking has to answer in no more than 80 ms at p99.",
        "answer in no more than 80 ms",
        Stance.PROPOSES,
    ),
    (
        "people-you-may-know",
        "Friends-of-friends rather than random members, because they convert.",
        "Friends-of-friends",
        Stance.PROPOSES,
    ),
    # a question proposes nothing
    (
        "video-search",
        "Should we embed the transcript as well?",
        "embed the transcript",
        Stance.ASKS,
    ),
]


@pytest.mark.parametrize(("problem", "sentence", "claim", "expected"), STANCES)
def test_the_stance_of_a_claim_is_read_from_its_clause(problem, sentence, claim, expected):
    assert stance_of(claim, sentence) == expected, (problem, sentence, claim)


@pytest.mark.parametrize(
    ("sentence", "decision"),
    [
        # the decision a push names is the plan, never the option weighed before it
        (
            "If I only train on approved payments, the model forgets what it blocked, so I'd"
            " keep a small exploration slice of declined payments.",
            "keep a small exploration slice of declined payments",
        ),
        (
            "We could score every viewer online, but no, that's too slow, so we precompute"
            " the candidate lists nightly.",
            "precompute the candidate lists nightly",
        ),
        ("If we use yesterday's invites, most of them look declined.", None),
        ("I wouldn't rebuild the whole index every hour.", None),
    ],
)
def test_the_decision_a_push_names_is_one_the_sentence_proposes(sentence, decision):
    assert decision_phrase(sentence, sentence) == decision


def _said(anchor: str, text: str, *, card_id: str, seed: int, target=None, phase=Phase.DATA):
    move = Move(kind=MoveKind.PROBE, phase=phase, reason="r", target=target, anchor=anchor)
    ctx = context(move, reading=ANSWER, seed=seed, card_id=card_id)
    return OfflineVoice().render(ctx.model_copy(update={"candidate_text": text}))


@pytest.mark.parametrize(
    ("card_id", "text", "anchor", "rejected"),
    [
        (
            "fraud-detection",
            "If I only train on approved traffic, the model learns a filtered world. So I'd"
            " let a capped random slice of would-be declines through for labels.",
            "train on approved traffic",
            "train on approved traffic",
        ),
        (
            "video-search",
            "So if we build the training rows right after the search, long videos look"
            " unwatched. We need to wait a day before labelling.",
            "build the training rows right after the search",
            "build the training rows right after the search",
        ),
        (
            "people-you-may-know",
            "If I use yesterday's invites, most are not accepted yet. So I'd only use"
            " invites older than two weeks.",
            "use yesterday's invites",
            "use yesterday's invites",
        ),
    ],
)
def test_a_follow_up_never_treats_a_weighed_option_as_the_plan(card_id, text, anchor, rejected):
    for seed in SEEDS:
        line = _said(anchor, text, card_id=card_id, seed=seed)
        # the option may only come up as something set aside, never as their choice
        assert f'"{rejected}"' not in line and f"{rejected} is" not in line, line


def test_a_rejected_metric_is_not_asked_how_stable_it_is():
    text = (
        "I'd downsample the good payments and recalibrate afterwards. I would not use"
        " accuracy for anything, it's meaningless at one in a thousand."
    )
    anchor = "I would not use accuracy for anything, it's meaningless at one in"
    for seed in SEEDS:
        line = _said(
            anchor, text, card_id="fraud-detection", seed=seed, target="imbalance_aware_metric"
        )
        # not quoted as a claim to push on ("how stable is it ...?" of a metric set aside)
        assert '"I would not use accuracy' not in line, line


def test_a_ruled_out_option_in_terse_notes_is_asked_why_it_was_set_aside():
    # a rejection is a stance worth a "why?", asked as a rejection
    said = {
        _said(
            "Not GBDT", "Not GBDT. The ids carry the signal.", card_id="ad-click-prediction", seed=s
        )
        for s in SEEDS
    }
    assert any("GBDT" in line for line in said), said
