"""Follow-ups that engage rather than say "go on" (issue 10).

When every angle on the words a follow-up quotes is covered, the interviewer takes another
decision of the same message (read by the reader and the speak step's decision readers, not
a phrase list) and asks the angle it left open; a message that decides nothing (a list of
keywords, a filler sentence) gets no invented question, and an option only set aside is not
asked about as a choice (stock questions that fit the design: test_stock_questions_fit.py).
Four problems; every sentence was written for these tests, the expectations by hand.
"""

from __future__ import annotations

import pytest

from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind
from agent.speak.decisions import note_decision
from agent.speak.offline import OfflineVoice
from tests.support.card_reading import read_on_card
from tests.support.voice_fixtures import bank, context

ALL_ANGLES = ["reason", "cost", "alternative", "risk", "measure"]
SEEDS = range(6)


def _follow_up(problem: str, phase: Phase, message: str, anchor: str, seed: int = 0) -> str:
    """The voice's follow-up on `anchor` of `message`, when the candidate's words already
    cover every angle on the anchor's own claim."""
    reading = read_on_card(message, problem, phase)
    covered = dict(reading.thread_angles)
    for statement in covered:
        if anchor in statement:
            covered[statement] = ALL_ANGLES
    reading = reading.model_copy(update={"thread_angles": covered})
    move = Move(kind=MoveKind.PROBE, phase=phase, reason="r", anchor=anchor, rule="focus")
    ctx = context(move, reading=reading, seed=seed, card_id=problem)
    ctx = ctx.model_copy(update={"candidate_text": message})
    return OfflineVoice().render(ctx)


def _bare(line: str) -> bool:
    return line in set(bank().deepen_done)


@pytest.mark.parametrize(
    ("problem", "phase", "message", "anchor", "decision"),
    [
        (  # terse notes, a heading before the choice
            "street-view-blurring",
            Phase.MODELING,
            "Detector: single-stage with FPN at full resolution. Faces in these panoramas "
            "are tiny, so downscaling would erase them.",
            "Faces in these panoramas are tiny",
            "single-stage with FPN at full resolution",
        ),
        (  # a decision said with its verb, beside a fact
            "ad-click-prediction",
            Phase.DATA,
            "I'd keep every positive and one in ten negatives. Clicks are about one percent "
            "of impressions.",
            "Clicks are about one percent of impressions",
            "keep every positive and one in ten negatives",
        ),
        (
            "event-recommendation",
            Phase.MODELING,
            "Ranker: gradient boosted trees over the retrieved events. Events expire within "
            "days, so there is little history per event.",
            "Events expire within days",
            "gradient boosted trees over the retrieved events",
        ),
        (
            "fraud-detection",
            Phase.EVALUATION,
            "Time-based split, ten weeks to train and two to test. Fraud shifts monthly.",
            "Fraud shifts monthly",
            "Time-based split",
        ),
    ],
)
def test_a_covered_anchor_gets_a_push_on_another_decision_of_the_message(
    problem: str, phase: Phase, message: str, anchor: str, decision: str
) -> None:
    for seed in SEEDS:
        line = _follow_up(problem, phase, message, anchor, seed)
        assert not _bare(line), line
        assert decision in line, line


@pytest.mark.parametrize(
    ("problem", "message", "anchor", "never_quoted"),
    [
        (  # a list of keywords decides nothing
            "news-feed-ranking",
            "Calibration, drift monitoring, feature store, A/B test. All of these matter.",
            "All of these matter",
            ("Calibration", "drift monitoring", "feature store", "A/B test"),
        ),
        (  # a filler sentence
            "fraud-detection",
            "Anyway, yeah, that's basically how I'd think about it. Happy to keep going.",
            "Happy to keep going",
            ("Anyway", "that's basically"),
        ),
        (  # spoken sentences: a fragment or an anecdote is no decision to ask about
            "event-recommendation",
            "It worked really well for movies at my last company, honestly. In the short "
            "term that is the approach I know best from experience.",
            "In the short term",
            ("It worked", "In the short term", "at my last company"),
        ),
    ],
)
def test_a_message_that_decides_nothing_gets_no_invented_question(
    problem: str, message: str, anchor: str, never_quoted: tuple[str, ...]
) -> None:
    for seed in SEEDS:
        line = _follow_up(problem, Phase.MODELING, message, anchor, seed)
        for words in never_quoted:
            assert f'"{words}' not in line, line


def test_an_option_only_set_aside_is_not_asked_about_as_a_choice() -> None:
    """ "Not GBDT." sets an option aside: never "why GBDT?", at most what would make it the
    better choice."""
    message = "Not GBDT. The sparse id features would not suit trees."
    for seed in SEEDS:
        line = _follow_up("ad-click-prediction", Phase.MODELING, message, "The sparse id", seed)
        assert 'Why "Not GBDT' not in line and 'Why "GBDT' not in line, line
        if "GBDT" in line:
            assert "set aside" in line or "still do better" in line, line


@pytest.mark.parametrize(
    ("note", "decision"),
    [
        ("Single-stage det + FPN.", "Single-stage det + FPN"),
        (
            "Model: reproject to overlapping perspective views.",
            "reproject to overlapping perspective views",
        ),
        ("Why native res: faces are mostly tiny.", "native res"),
        (
            "Retrieval: two-tower model over user and event embeddings.",
            "two-tower model over user and event embeddings",
        ),
        ("Not random.", None),  # an option set aside
        ("No blur manifest, no publish.", None),  # a negation
        ("Calibration, drift, A/B test.", None),  # keywords: the first item names one concept
        ("Thoughts?", None),  # a question
        (
            "Stage 2: propagate confident boxes to neighbouring panoramas via camera poses "
            "and depth.",
            "propagate confident boxes to neighbouring panoramas via camera poses",
        ),  # cut at its tail
    ],
)
def test_what_a_terse_note_decides(note: str, decision: str | None) -> None:
    assert note_decision(note) == decision
