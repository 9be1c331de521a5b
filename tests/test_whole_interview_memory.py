"""What the candidate gave and what the interviewer asked are kept for the whole interview
(issue 10: "never ask for what was given"; "the clock drives the pace"): an angle put on a
claim is not put on it again, however it is quoted later; a technique's weak spot dealt with
in any earlier turn is not asked about; a question the candidate answered is not asked
again, whatever words the answer used; a bank question put once is not put again by the
gap after an "okay, go on"; a hint before the wrap-up never invites the candidate to close.

Sentences written for these tests, on four problems; expectations by hand. The adversarial
cases: the same claim pushed from a second angle later (still asked), a ramble ten turns
earlier that dealt with the weak spot, a terse list of features answering the question, a
candidate who covered everything by minute 15 asking for a hint, and one who asks to wrap
up at minute 10.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide import coverage
from agent.decide.moves import Move, MoveKind
from agent.decide.progress import apply_move, apply_reading
from agent.ground.grounding import Grounding, RetrievedChunk
from agent.read.reading import MessageKind, Reading
from agent.record.transcript import Turn
from agent.speak import hint_points
from agent.speak.asked_before import angles_put_on
from agent.speak.covered import angles_in
from agent.speak.offline import OfflineVoice
from tests.support.policy_fixtures import fresh, reading, state_in, turn
from tests.support.voice_fixtures import bank, context

SEEDS = range(6)
ANSWER = Reading(kind=MessageKind.ANSWER)


def _later(first: list[Turn], then: int = 20, phase: Phase = Phase.MODELING) -> list[Turn]:
    """`first`, then `then` turns of other talk: ten turns or more on."""
    turns = list(first)
    for i in range(then):
        role = "candidate" if i % 2 == 0 else "interviewer"
        turns.append(Turn(role=role, text=f"Point {i} about something else.", phase=phase))
    return turns


# (problem, the claim asked "why?" at first, the same claim quoted later, another claim)
SAME_CLAIM = [
    (
        "street-view-blurring",
        "Use coverage recall",
        "Coverage recall per slice, geo split",
        "Pixelate each dilated box",
    ),
    (
        "ad-click-prediction",
        "one model across surfaces, with placement as a feature",
        "a single model for every surface",
        "hash rare advertiser ids into buckets",
    ),
    (
        "event-recommendation",
        "learn the search radius per user",
        "the per-user radius learned from purchases",
        "rank with LightGBM on purchase labels",
    ),
    (
        "fraud-detection",
        "a streaming velocity counter per card",
        "velocity counters per card kept in the stream",
        "review queue for the scores in the middle",
    ),
]


def _asked_why(problem: str, first: str) -> list[Turn]:
    line = f'Why "{first}" here? What tipped the choice for you?'
    return _later([Turn(role="interviewer", text=line, phase=Phase.MODELING)])


@pytest.mark.parametrize(("problem", "first", "later", "other"), SAME_CLAIM)
def test_an_angle_put_on_a_claim_is_kept_for_the_whole_interview(problem, first, later, other):
    move = Move(kind=MoveKind.PROBE, phase=Phase.MODELING, reason="r", anchor=later)
    ctx = context(move, reading=ANSWER, card_id=problem, history=_asked_why(problem, first))
    angles = bank().angles
    assert "reason" in angles_put_on(ctx, angles, later)
    # adversarial: the same claim from a second angle is still open, and another claim
    # of the same interview may still be asked why
    assert "cost" not in angles_put_on(ctx, angles, later)
    assert angles_put_on(ctx, angles, other) == set()


@pytest.mark.parametrize(("problem", "first", "later", "other"), SAME_CLAIM[:2])
def test_the_closing_summary_does_not_hear_why_again(problem, first, later, other):
    text = f"Summary: {later}."
    move = Move(kind=MoveKind.PROBE, phase=Phase.MODELING, reason="r", anchor=later)
    fresh_lines, again_lines = [], []
    for seed in SEEDS:
        for history, lines in (([], fresh_lines), (_asked_why(problem, first), again_lines)):
            ctx = context(move, reading=ANSWER, card_id=problem, history=history, seed=seed)
            lines.append(OfflineVoice().render(ctx.model_copy(update={"candidate_text": text})))
    angles = {**bank().angles, **OfflineVoice().questions.composed.angles}
    # without the earlier question, "why?" (in any wording) is among the pushes on these
    # words ...
    assert any("reason" in angles_in(line, angles) for line in fresh_lines), fresh_lines
    # ... after it, never again, and something else is asked or said
    assert not any("reason" in angles_in(line, angles) for line in again_lines), again_lines
    assert all(line.strip() for line in again_lines)


TILE_EDGE = "cut in half at a tile edge"
TILED = "Then each frame is cut into 1024 tiles and the detector runs on every tile."
RAMBLE = (
    "So the images, well, they are huge, and honestly I went back and forth on this for a"
    " while on my last team, but anyway I would cut them into overlapping pieces so nothing"
    " on a border gets lost, which also keeps the memory down on the GPU."
)


def _tile_push(history: list[Turn]) -> list[str]:
    move = Move(kind=MoveKind.PROBE, phase=Phase.MODELING, reason="r", anchor=TILED)
    out = []
    for seed in SEEDS:
        ctx = context(
            move, reading=ANSWER, card_id="street-view-blurring", history=history, seed=seed
        )
        out.append(OfflineVoice().render(ctx.model_copy(update={"candidate_text": TILED})))
    return out


def test_a_weak_spot_dealt_with_in_a_ramble_ten_turns_earlier_is_not_asked_about():
    ramble = [Turn(role="candidate", text=RAMBLE, phase=Phase.DATA)]
    assert not any(TILE_EDGE in line for line in _tile_push(_later(ramble))), TILE_EDGE
    # adversarial: with no earlier word on overlap, the tile edge is what is asked
    unrelated = [Turn(role="candidate", text="Labels come from annotators.", phase=Phase.DATA)]
    assert any(TILE_EDGE in line for line in _tile_push(_later(unrelated)))


def test_a_terse_list_answering_the_question_counts_as_said():
    # "What would you compute from the logs?" then "ctr 7d, dist, price, cat": the reader
    # may credit no signal from the list, yet the question was answered
    asked = Move(kind=MoveKind.PROBE, phase=Phase.FEATURES, reason="r", target="feature_groups")
    state = apply_move(state_in(Phase.FEATURES), asked)
    terse = reading(MessageKind.ANSWER, word_count=6)
    after = apply_reading(state, terse, 14.0)
    assert "feature_groups" in coverage.said(after)
    assert "feature_groups" not in after.signals_seen  # said, not credited as shown
    # adversarial: a request for help after the question answers nothing
    stuck = apply_reading(state, reading(MessageKind.HINT_REQUEST), 14.0)
    assert "feature_groups" not in coverage.said(stuck)
    # adversarial: small talk after the question answers nothing either
    chat = apply_reading(state, reading(MessageKind.OFF_TOPIC, on_topic_score=0.0), 14.0)
    assert "feature_groups" not in coverage.said(chat)


def test_a_bank_question_put_once_is_not_put_again_after_an_okay_go_on():
    # "Can you precompute any of this?" was asked of a batch design at minute 8; every angle
    # on the later words is covered: the gap after "go on" is not that question again, nor
    # its sibling on the same part ("batch or at request time?")
    voice = OfflineVoice()
    questions = bank().signal_questions["batch_vs_online"]
    asked = [Turn(role="interviewer", text=questions[-1], phase=Phase.DEPLOYMENT)]
    move = Move(kind=MoveKind.PROBE, phase=Phase.DEPLOYMENT, reason="r")
    for seed in SEEDS:
        ctx = context(
            move,
            reading=ANSWER,
            card_id="street-view-blurring",
            history=_later(asked, phase=Phase.DEPLOYMENT),
            seed=seed,
        )
        gap = voice.questions.gap_after_done(ctx)
        assert gap is None or gap not in questions, gap
        assert "batch_vs_online" in voice.questions.gaps.asked_in_interview(ctx)
    # adversarial: with nothing asked yet, the part may still be asked for
    ctx = context(move, reading=ANSWER, card_id="street-view-blurring", history=[])
    assert "batch_vs_online" not in voice.questions.gaps.asked_in_interview(ctx)


CLOSING = RetrievedChunk(
    id="guidance/wrap_up#close",
    source="guidance/wrap_up.md",
    phase=Phase.WRAP_UP,
    title="Closing",
    text="Close with a prioritised list of improvements, each tied to a reason you gave.",
    score=0.9,
)
EVALUATING = RetrievedChunk(
    id="guidance/evaluation#slices",
    source="guidance/evaluation.md",
    phase=Phase.EVALUATION,
    title="Slices",
    text="Report the metric on slices such as country, device and lighting, not only overall.",
    score=0.5,
)
COVERED_ALL = (
    "Can you give me a hint on what else you'd like to hear about? I feel like I covered the"
    " main parts, so maybe we can close with a list of improvements."
)


def _hint_at(phase: Phase, minute: float) -> str:
    move = Move(kind=MoveKind.HINT, phase=phase, reason="r")
    ctx = context(move, reading=reading(MessageKind.HINT_REQUEST), card_id="street-view-blurring")
    ctx = ctx.model_copy(
        update={
            "candidate_text": COVERED_ALL,
            "grounding": Grounding(chunks=[CLOSING, EVALUATING]),
            "state": ctx.state.model_copy(update={"phase": phase, "elapsed_minutes": minute}),
        }
    )
    point = hint_points.choose(ctx, load_content().rubric)
    return point.text if point is not None else ""


def test_a_hint_at_minute_16_does_not_invite_the_candidate_to_close():
    # everything covered by minute 15, asking what else: a part of the design, not "close
    # with a list of improvements" (the clock has not made the wrap-up)
    assert "Close with" not in _hint_at(Phase.EVALUATION, 16.5)
    # adversarial: in the wrap-up itself the closing line is what fits the request
    assert "Close with" in _hint_at(Phase.WRAP_UP, 40.0)


def test_a_request_to_wrap_up_at_minute_10_is_heard():
    # the clock does not hold a candidate who asks to stop: once deferred with a push on
    # their words at most, then the wrap-up
    state = fresh(elapsed_minutes=9.5)
    stop = reading(MessageKind.END_REQUEST, asks_to_stop=True)
    move, _ = turn(state, stop, 10.0)
    assert move.kind == MoveKind.WRAP_UP
    # adversarial: "Done." about the design at minute 10 is not a request to end the
    # interview: the time left goes to their design first
    done = reading(MessageKind.END_REQUEST, asks_to_stop=False)
    first, after = turn(state_in(Phase.MODELING, elapsed_minutes=9.5), done, 10.0)
    if first.kind != MoveKind.WRAP_UP:
        again, _ = turn(after, done, 11.0)
        assert again.kind == MoveKind.WRAP_UP


MONITORING = ("monitor", "getting worse")


def _usual_questions(said: list[str]) -> list[str]:
    """The question a probe for the latency budget of a batch design falls back to (its own
    questions are for an online path), on a street-view card with `said` talked about."""
    batch = "It runs as a nightly batch job on GPUs before anything is published."
    history = [Turn(role="candidate", text=batch, phase=Phase.DEPLOYMENT)]
    move = Move(kind=MoveKind.PROBE, phase=Phase.DEPLOYMENT, reason="r", target="latency_budget")
    voice = OfflineVoice()
    out = []
    for seed in SEEDS:
        ctx = context(
            move, reading=ANSWER, card_id="street-view-blurring", history=history, seed=seed
        )
        ctx = ctx.model_copy(
            update={
                "candidate_text": batch,
                "state": ctx.state.model_copy(update={"signals_seen": said}),
            }
        )
        out.append(voice.questions.signal_question(ctx) or "")
    return out


def test_a_usual_question_never_asks_for_a_part_already_talked_about():
    # "Can we move on?" after a list of monitors: not "what would you monitor once it's live?"
    asked = _usual_questions(["monitoring_drift", "batch_vs_online"])
    assert not any(any(w in q for w in MONITORING) for q in asked), asked
    assert all(q for q in asked)  # another part is asked for
    # adversarial: with only the batch job said, monitoring is still open and asked for
    assert any(any(w in q for w in MONITORING) for q in _usual_questions(["batch_vs_online"]))


def test_answers_that_credit_nothing_do_not_close_the_interview_early():
    """Every question answered, but in words the reader credits nothing from, and the last
    design part has run many turns at minute 20: the interviewer comes back to one of those
    parts (a question the answer did not carry) instead of closing with 25 minutes left."""
    from tests.support.policy_fixtures import RUBRIC

    design = [
        s.id
        for d in RUBRIC.dimensions
        if d.phase not in (Phase.CLARIFY, Phase.WRAP_UP)
        for s in d.signals
    ]
    state = state_in(Phase.DEPLOYMENT, asks_answered=design, turns_in_phase=30)
    move, _ = turn(state, ANSWER, 20.0)
    assert move.phase != Phase.WRAP_UP, move
    assert move.kind == MoveKind.PROBE and move.target in design, move
