"""A question counts as answered by a reply about it, not by whatever message follows it
(issue 10, "never ask again for what was given", narrowed: memory18's record of answered
questions took any answer after a question as its reply).

A reply is about the question when it shows or mentions the signal asked for, or when the
reader places it in no other part of the design (a terse note, a formula, "nightly,
offline"); one that says it is elsewhere ("Monitoring: ...") or whose every signal belongs
to another part answers nothing asked, and the question stays open. Readings written for
these tests on the small rubric of tests/support/policy_fixtures.py; expectations by hand.
"""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide import coverage
from agent.decide.moves import Move, MoveKind
from agent.decide.progress import apply_move, apply_reading
from agent.read.reading import MessageKind
from tests.support.policy_fixtures import answer, reading, state_in


def _asked_about_the_model():
    """In modeling, the interviewer has just asked which model family they would use."""
    asked = Move(kind=MoveKind.PROBE, phase=Phase.MODELING, reason="r", target="model_choice")
    return apply_move(state_in(Phase.MODELING), asked)


def test_a_reply_on_another_part_does_not_answer_the_question():
    # "I'd watch drift on the score distribution and alert on it" after "which model?"
    state = _asked_about_the_model()
    elsewhere = answer("drift", "monitoring", phases=(Phase.DEPLOYMENT,), word_count=14)
    after = apply_reading(state, elsewhere, 20.0)
    assert "model_choice" not in coverage.said(after)
    assert "model_choice" not in after.asks_answered


def test_a_reply_that_names_another_part_does_not_answer_the_question():
    # "Serving: nightly batch." credits nothing, but the candidate says where they are
    state = _asked_about_the_model()
    named = reading(MessageKind.ANSWER, word_count=4, parts_named=[Phase.DEPLOYMENT])
    assert "model_choice" not in apply_reading(state, named, 20.0).asks_answered


def test_a_terse_or_same_part_reply_still_answers_the_question():
    state = _asked_about_the_model()
    # "GBDT, then an MLP." credits nothing: a reply, the question is answered
    terse = reading(MessageKind.ANSWER, word_count=4)
    assert "model_choice" in apply_reading(state, terse, 20.0).asks_answered
    # a reply credited with another signal of the same part answers it too
    same_part = answer("baseline_model", phases=(Phase.MODELING,), word_count=9)
    assert "model_choice" in apply_reading(state, same_part, 20.0).asks_answered
    # one that names the part asked about, whatever else is credited in it
    named_here = answer(
        "drift", phases=(Phase.DEPLOYMENT,), parts_named=[Phase.MODELING], word_count=12
    )
    assert "model_choice" in apply_reading(state, named_here, 20.0).asks_answered
    # one that mentions the signal asked for, among signals of other parts
    mentioned = answer(
        "drift", phases=(Phase.DEPLOYMENT,), signals_mentioned=["model_choice"], word_count=15
    )
    assert "model_choice" in apply_reading(state, mentioned, 20.0).asks_answered


def test_a_push_on_another_part_is_answered_by_a_reply_on_that_part():
    # still in modeling, the interviewer pushes on what the candidate said of monitoring
    # (its part: deployment); the reply credited with drift, of the same part, answers it
    pushed = Move(
        kind=MoveKind.PROBE,
        phase=Phase.MODELING,
        reason="r",
        target="monitoring",
        target_phase=Phase.DEPLOYMENT,
        anchor="I'd watch the scores",
    )
    state = apply_move(state_in(Phase.MODELING), pushed)
    reply = answer("drift", phases=(Phase.DEPLOYMENT,), word_count=12)
    assert "monitoring" in apply_reading(state, reply, 20.0).asks_answered
    # adversarial: a reply on the model itself, in the phase the interview is in, does not
    model_talk = answer("baseline_model", phases=(Phase.MODELING,), word_count=12)
    assert "monitoring" not in apply_reading(state, model_talk, 20.0).asks_answered


def test_the_policy_names_the_part_of_a_signal_it_asks_about():
    # a gap question in modeling on a signal of that part, and a push on a deployment
    # signal the candidate talked about, each carry the part the signal belongs to
    from tests.support.policy_fixtures import decide

    state = state_in(Phase.MODELING, turns_in_phase=1, elapsed_minutes=18.0)
    move = decide(state, answer("monitoring", phases=(Phase.DEPLOYMENT,), word_count=30))
    assert move.target == "monitoring", move
    assert move.target_phase == Phase.DEPLOYMENT, move


def test_a_question_dodged_is_not_put_again_on_entering_the_next_part():
    # in features the interviewer asked which model; the reply talked about serving (not an
    # answer); later the candidate starts on the model: the gap question on entering that
    # part is not the model question again, though it is the part's one point still open
    from tests.support.policy_fixtures import CARD, PLAN, RUBRIC

    asked = Move(
        kind=MoveKind.PROBE,
        phase=Phase.FEATURES,
        reason="r",
        target="model_choice",
        target_phase=Phase.MODELING,
    )
    state = apply_move(state_in(Phase.FEATURES, signals_seen=["offline_metric"]), asked)
    state = apply_reading(state, answer("serving", phases=(Phase.DEPLOYMENT,)), 12.0)
    assert "model_choice" not in coverage.said(state)  # not answered
    on_model = answer("baseline_model", phases=(Phase.MODELING,), word_count=10)
    spec = PLAN.spec(Phase.MODELING).model_copy(update={"dimensions": ["modeling", "metrics"]})
    assert coverage.next_gap(state, on_model, RUBRIC, spec, CARD.not_applicable) is None
    # adversarial: never asked, the model question is the gap
    fresh_state = state_in(Phase.FEATURES, signals_seen=["offline_metric"])
    gap = coverage.next_gap(fresh_state, on_model, RUBRIC, spec, CARD.not_applicable)
    assert gap == "model_choice"
