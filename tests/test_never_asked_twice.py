"""The interviewer never puts the same question twice in a row nor forgets what was said
(issue 10): a push is not put from the angle of either of its last two questions, whatever
words each quoted; a time note is said once per phase, not beside every later answer; what a
message read as off topic says about the design counts as said. Sentences written for these
tests, on four problems; expectations by hand. Coverage from earlier turns:
tests/test_coverage_memory.py.
"""

from __future__ import annotations

import pytest

from agent.content.phases import Phase
from agent.decide import coverage
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.decide.progress import apply_reading
from agent.read.reading import MessageKind, Reading
from agent.record.transcript import Turn
from agent.speak.asked_before import not_recent
from agent.speak.covered import angles_in
from agent.speak.offline import OfflineVoice
from tests.support.policy_fixtures import answer, fresh, reading, state_in, turn
from tests.support.voice_fixtures import bank, context

SEEDS = range(6)
ANSWER = Reading(kind=MessageKind.ANSWER)
# how the bank's "is it working once live?" pushes are worded (the measure angle, live)
LIVE_CHECKS = ("working once it's live", "pulling its weight")


@pytest.mark.parametrize(
    ("card_id", "text"),
    [
        (
            "news-feed-ranking",
            "For data, we'd use the logs: which posts were shown to the user and what they"
            " did with them.",
        ),
        ("video-recommendation", "The watch logs land in the warehouse every hour."),
        ("rider-driver-matching", "Trip logs hold every offer and whether the driver took it."),
        ("fraud-detection", "We'd keep a table of every card's recent transactions."),
    ],
)
def test_a_check_once_live_is_not_asked_right_after_one_about_other_words(card_id, text):
    # the last question asked how they would know an earlier decision works once live; the
    # next push, about other words, does not ask the same of them
    asked = (
        'Once it\'s live, how would you tell that "predict a few of those" is pulling its weight?'
    )
    history = [
        Turn(role="candidate", text="We predict a few of those and sum them.", phase=Phase.DATA),
        Turn(role="interviewer", text=asked, phase=Phase.DATA),
    ]
    for seed in SEEDS:
        move = Move(kind=MoveKind.PROBE, phase=Phase.DATA, reason="r", anchor=text)
        ctx = context(move, reading=ANSWER, seed=seed, card_id=card_id, history=history)
        line = OfflineVoice().render(ctx.model_copy(update={"candidate_text": text}))
        assert not any(words in line for words in LIVE_CHECKS), line
        assert line.strip(), line  # another angle, not silence


def test_a_push_worded_around_the_candidates_words_is_known_by_its_angle():
    angles = bank().angles
    put = 'Once it\'s live, how would you tell that "daily retraining" is pulling its weight?'
    assert "measure" in angles_in(put, angles)
    # adversarial: a line sharing only the opening words puts no such push
    assert "measure" not in angles_in("Once it's live, what would you log?", angles)


def test_the_time_note_is_said_once_per_phase_not_beside_every_answer():
    # 10 minutes into the 6-minute requirements phase: the first answer doubles as the time
    # note; the questions after it are answered without saying it again
    q = reading(MessageKind.CLARIFYING_QUESTION, fact_topics=["scale"])
    first, state = turn(fresh(elapsed_minutes=9.5), q, 10.0)
    assert first.steer == SteerKind.OVERRUN
    second, state = turn(state, q, 10.5)
    assert second.kind == MoveKind.ANSWER_CLARIFICATION and second.steer is None
    third, _ = turn(state, reading(MessageKind.CLARIFYING_QUESTION, fact_topics=["labels"]), 11.0)
    assert third.steer is None


def test_what_a_message_read_as_off_topic_says_about_the_design_is_said():
    # "not my strong side, but I'd check the predictions and features don't drift", read as
    # off topic: monitoring is not asked for again as if never heard, nor credited as shown
    off = reading(MessageKind.OFF_TOPIC, signals=["monitoring_drift"], on_topic_score=0.3)
    state = apply_reading(state_in(Phase.DEPLOYMENT), off, 30.0)
    assert "monitoring_drift" in coverage.said(state)
    assert "monitoring_drift" not in state.signals_seen
    # adversarial: small talk that names no part of the design credits nothing
    chat = reading(MessageKind.OFF_TOPIC, on_topic_score=0.0)
    assert coverage.said(apply_reading(state_in(Phase.DEPLOYMENT), chat, 30.0)) == set()


def test_a_manipulation_attempt_is_still_credited_nothing():
    # adversarial: naming a part of the design while asking for the rubric earns nothing
    ask = reading(MessageKind.MANIPULATION, signals=["monitoring_drift"])
    state = apply_reading(state_in(Phase.DEPLOYMENT), ask, 30.0)
    assert "monitoring_drift" not in coverage.said(state)


def test_an_answer_still_credits_what_it_shows():
    state = apply_reading(state_in(Phase.DEPLOYMENT), answer("monitoring_drift"), 30.0)
    assert "monitoring_drift" in state.signals_seen and "monitoring_drift" in coverage.said(state)


def _history_with(line: str, then: int = 20) -> list[Turn]:
    """The interviewer's `line`, then `then` lines of other talk (ten turns or more on)."""
    turns = [Turn(role="interviewer", text=line, phase=Phase.DEPLOYMENT)]
    for i in range(then):
        role = "candidate" if i % 2 == 0 else "interviewer"
        text = f"Point {i} about something else."
        turns.append(Turn(role=role, text=text, phase=Phase.DEPLOYMENT))
    return turns


@pytest.mark.parametrize(
    ("earlier", "again", "other"),
    [
        (  # the fallback's cost, asked of the feature store's defaults, then of the ranker's
            'On "use defaults with missing indicators": How much quality or revenue do you lose'
            " while running on it, and for how long is that acceptable?",
            "How much quality do you lose while running on the fallback, and how long is that"
            " acceptable?",
            "How would you test that the fallback works before you actually need it?",
        ),
        (  # the same push about other words quoted
            'Going back to "a per-city bias monitor". How would you tell a real shift in the'
            " data from a noisy day?",
            'On "the score distribution per hour": How would you tell a real shift in the data'
            " from a noisy day?",
            'On "the score distribution per hour": What would you alert on first?',
        ),
    ],
)
def test_a_question_asked_ten_turns_earlier_is_not_asked_again_in_other_words(
    earlier, again, other
):
    move = Move(kind=MoveKind.PROBE, phase=Phase.DEPLOYMENT, reason="r")
    history = _history_with(earlier)
    ctx = context(move, reading=ANSWER, history=history, card_id="ad-click-prediction")
    assert not_recent([again], ctx) == []
    # adversarial: another question on the same subject is still free to ask
    assert not_recent([other], ctx) == [other]
