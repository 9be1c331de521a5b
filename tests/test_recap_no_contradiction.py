"""A recap that never contradicts the transcript: a claim corrected after a challenge is
not summarised as the design, a paragraph pasted many times counts once, "after a hint"
only where something came after the hint, the habits line counts what it names, and what a
strong answer would have added never repeats what the candidate said."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent.commands.recap_text import format_recap
from agent.content.bundle import load_content
from agent.grading.note_cover import covered, note_signals
from agent.grading.offline import OfflineGrader
from tests.support.interview_fixtures import new_interview

ROOT = Path(__file__).resolve().parent / "calibration"
RUBRIC = load_content().rubric
CARD = load_content().problems.get("fraud-detection")

# written for these tests: a shuffled split, challenged, then corrected in the next message
SHUFFLED = (
    "Training: I'd pool two years of settled payments, shuffle them and cut a random "
    "70/15/15 train/validation/test split, then pick the tree depth on the validation part."
)
ANSWERS = [
    "What share of payments turn out to be fraud, and how late do chargebacks arrive?",
    "Labels come from chargebacks and analyst verdicts, and I only trust a payment as "
    "genuine once it is older than the chargeback window, about 60 days.",
    "Features: the payment amount against the card's usual amount, merchant category, and "
    "counts of payments per card over the last hour and day, kept in a streaming store.",
    SHUFFLED,
    "You're right, shuffling leaks later fraud patterns into training. I'd split by time "
    "instead: fit on the older months, validate and test on the most recent ones.",
]


@pytest.fixture(scope="module")
def grader() -> OfflineGrader:
    return OfflineGrader()


@pytest.fixture(scope="module")
def corrected_interview():
    iv = new_interview("fraud-detection")
    iv.start()
    replies = [iv.respond(a) for a in ANSWERS]
    return iv, replies


def test_a_claim_corrected_after_a_challenge_is_not_summarised_as_the_design(
    corrected_interview,
):
    iv, replies = corrected_interview
    challenge = [
        t for t in iv.transcript.turns if t.move is not None and t.move.steer == "wrong_claim"
    ]
    assert challenge, replies
    recap = iv.finish()
    assert SHUFFLED in recap.challenged
    design = {d.phase: d for d in recap.design}
    assert not any("random 70/15/15" in s for d in design.values() for s in d.sentences)
    # it is still shown, as corrected, under a phase, and the text recap says so
    assert any(any("random 70/15/15" in q for q in d.corrected) for d in design.values())
    text = format_recap(recap)
    said = text.split("Your design, summarised:", 1)[1].split("Scores:", 1)[0]
    flat = " ".join(said.split())
    assert "random 70/15/15" in flat and "corrected it after the interviewer challenged" in flat


PARAGRAPH = (
    "Monitoring: I'd chart the decline rate and the analyst queue every hour, because a "
    "jump in either means the score distribution moved, and I'd alert when the share of "
    "card-not-present payments shifts by more than five points in a day."
)
ONCE = f"""---
problem: fraud-detection
---
Serving runs online in the authorisation path within 100 ms, reading card counters from a
key-value store, and falls back to the rules engine when the scorer times out.

{PARAGRAPH}
"""


def _deployment(recap):
    return next(d for d in recap.dimensions if d.id == "deployment")


def test_a_paragraph_pasted_many_times_counts_once(grader):
    pasted = "\n".join(f"Point {i}: {PARAGRAPH}" for i in range(1, 25))
    padded = ONCE + "\n" + pasted + f"\nPoint 25: {PARAGRAPH[:90]}\n"
    once = grader.grade_answer(ONCE, CARD, RUBRIC)
    many = grader.grade_answer(padded, CARD, RUBRIC)
    assert _deployment(many).score == _deployment(once).score
    assert _deployment(many).why == _deployment(once).why
    summary = " ".join(" ".join(d.sentences) for d in many.design)
    assert "Point 2:" not in summary and "Point 25:" not in summary


def test_the_habits_line_counts_the_habits_it_names(grader, corrected_interview):
    iv, _ = corrected_interview
    for recap in (
        grader.grade_answer(ONCE, CARD, RUBRIC),
        grader.grade_transcript(iv.transcript, CARD, RUBRIC),
    ):
        line = next(d.why for d in recap.dimensions if d.id == "communication")
        m = re.search(r"showed (\d+) of the (\d+) habits looked for here \(([^)]*)\)", line)
        assert m, line
        names = [n for n in m.group(3).split(", ") if n]
        assert int(m.group(2)) == len(names) == len(RUBRIC.dimension("communication").signals)
        assert int(m.group(1)) <= int(m.group(2))


def test_after_a_hint_only_when_something_came_after_the_hint():
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond(
        "Features: per-card counts of payments over the last hour and day, computed as of "
        "each payment's time so nothing from the future leaks into training."
    )
    iv.respond("I'm stuck on this one, could I get a hint?")
    assert any(t.move is not None and t.move.kind == "hint" for t in iv.transcript.turns)
    iv.respond("Thanks. I think that's all I have for now.")
    recap = iv.finish()
    hinted = [d for d in recap.dimensions if "after a hint" in d.why]
    # nothing new was said after the hint, so no score says part of it came after one
    assert hinted == [], [(d.id, d.why) for d in hinted]


def test_a_strong_answer_note_never_repeats_what_was_said(grader):
    answer = (
        "---\nproblem: fraud-detection\n---\n"
        "With so few positives I'd weight the fraud class in the loss or downsample the "
        "genuine payments, then recalibrate the scores so the threshold keeps its meaning.\n\n"
        "I'd retrain every week on a rolling window because fraud patterns drift.\n"
    )
    recap = grader.grade_answer(answer, CARD, RUBRIC)
    said = {s for d in recap.dimensions for s in d.signals}
    notes = [line.split(": ", 1)[1] for line in recap.strong_answer]
    for note in notes:
        assert not covered(note, said, []), (note, sorted(note_signals(note)))
    # the card's notes on weighting/downsampling and weekly retraining are what it said
    assert not any("retraining (weekly)" in n for n in notes), notes


@pytest.mark.parametrize(
    "text, reason",
    [
        (
            "Shopping: bread, apples, washing-up liquid.\nPick up the parcel before six.",
            "no sentence",
        ),
        ("Hi Tom, can we move Friday's lunch to 1pm? Cheers, Ola", "no sentence"),
        ("\x00\x02\x7fELF binary blob", "binary data"),
    ],
)
def test_a_file_that_is_not_a_design_answer_is_named_not_graded(tmp_path, text, reason):
    from agent.grading.inputs import InputError, load_item

    path = tmp_path / "upload.md"
    path.write_text("---\nproblem: fraud-detection\n---\n" + text, encoding="utf-8")
    with pytest.raises(InputError, match=f"not a design answer: .*{reason}"):
        load_item(path)


def test_a_weak_answer_is_still_graded_not_refused(tmp_path):
    from agent.grading.inputs import load_item

    path = tmp_path / "weak.md"
    path.write_text(
        "---\nproblem: fraud-detection\n---\nI would look at past payments and train "
        "something that flags the odd ones, then check later whether they were fraud.",
        encoding="utf-8",
    )
    assert load_item(path).problem_id == "fraud-detection"


@pytest.mark.xfail(
    strict=True,
    reason="the signal head (weights at ac965df) reads 'Model: a gradient-boosted tree "
    "predicting the residual over the routing engine's ETA;' with model_family_choice "
    "outside its top three (fallback_strategy 0.11, recaps_design 0.07, baseline_first "
    "0.06; the same words without the 'Model:' label: baseline_first 0.06), and 'Loss: MAE "
    "or Huber because of heavy tails;' at loss_function 0.43, a mention under the evidence "
    "bar: the written notes are read, sentence by sentence, but the heads miss them "
    "(signals5 owns the corpus)",
)
def test_a_written_answers_model_and_loss_notes_are_credited(grader):
    answer = (
        "---\nproblem: eta-prediction\n---\n"
        "Model: a gradient-boosted tree predicting the residual over the routing engine's "
        "ETA; later a graph neural net over road segments.\n"
        "Loss: MAE or Huber because of heavy tails.\n"
    )
    recap = grader.grade_answer(answer, load_content().problems.get("eta-prediction"), RUBRIC)
    scores = {d.id: d for d in recap.dimensions}
    assert "model_family_choice" in scores["modeling"].signals
    assert "loss_function" in scores["training"].signals


def test_the_why_line_gives_no_share_of_points_that_a_high_score_contradicts(grader):
    # a strong written answer: most dimensions reach 3 or 4 while several of their points
    # go unsaid; "2 of the 6 points" beside 4/4 told two stories (issue 12)
    text = (ROOT / "fraud-detection" / "full.md").read_text(encoding="utf-8")
    recap = grader.grade_answer(text, CARD, RUBRIC)
    high = [d for d in recap.dimensions if d.score >= 3 and d.id != "communication"]
    assert len(high) >= 4, [(d.id, d.score) for d in recap.dimensions]
    for d in high:
        assert not re.search(r"\b\d+ of (?:the )?\d+\b", d.why), (d.id, d.score, d.why)
        assert re.search(r"\b(?:one|\d+) points?\b", d.why), d.why


# written for this test: the card's modeling note on an expected-cost threshold with a
# step-up band reads with no rubric signal, so only its meaning can tell it was said
THRESHOLD_BAND = (
    "I'd pick the decline threshold from the expected cost of a missed fraud against a "
    "wrongly declined customer, and put a middle band that asks for a one-time code "
    "instead of only approving or declining."
)


def _band_note() -> str:
    return next(n for n in CARD.strong_answer["modeling"] if "step-up band" in n)


@pytest.mark.xfail(
    strict=True,
    reason="the whole note's cosine to this paraphrase is 0.58 (its clauses: 0.57, 0.49), "
    "under the cover bar 0.62; compared piece by piece (recap12) 'Threshold set on expected "
    "cost' is at 0.51 and 'with a step-up band' at 0.28 from the clauses: MiniLM does not "
    "know that a middle band asking for a one-time code is a step-up band",
)
def test_a_note_with_no_signal_is_kept_off_when_a_sentence_says_it():
    note = _band_note()
    assert not note_signals(note)  # the case this guards: nothing but its text to check
    assert covered(note, set(), [THRESHOLD_BAND])


def test_a_sentence_on_another_part_does_not_cover_a_note():
    # adversarial: the candidate talked, just not about this
    assert not covered(_band_note(), set(), ["Features are the amount and the merchant category."])
