"""The policy against the real content, following the candidate: a missing point asked for
once, the candidate's own order followed, nothing they said asked for as if unsaid, one note
on long wandering answers, passing remarks, and their own recap leading into the wrap-up
once the clock allows a close
(walking whole interviews: tests/test_policy_content.py)."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide import policy
from agent.decide.moves import MoveKind
from agent.decide.progress import apply_move, apply_reading
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, Reading
from tests.support.policy_content import CARD, PLAN, RUBRIC


def test_a_missing_signal_asked_for_once_is_not_asked_for_again():
    """Entering a phase the candidate started, the question asks for its weightiest gap;
    that gap, once asked for, is not the next gap, and a revisit before the wrap-up takes
    a point never asked for first (a candidate who does not take a question up is not asked
    the same thing four times)."""
    from agent.decide import coverage

    spec = PLAN.spec(Phase.TRAINING)
    begun = Reading(kind=MessageKind.ANSWER, phases=[Phase.TRAINING], signals=["regularization"])
    state = apply_reading(InterviewState(phase=Phase.MODELING), begun, 10.0)
    first = coverage.next_gap(state, begun, RUBRIC, spec)
    assert first is not None and first != "regularization"
    move = policy._with_gap(
        policy.Situation(state=state, reading=begun, plan=PLAN, rubric=RUBRIC, card=CARD),
        policy.Situation.go_to(Phase.TRAINING, "r"),
    )
    assert move.gap == first
    state = apply_move(state, move)
    assert first in state.asked_for
    second = coverage.next_gap(state, begun, RUBRIC, spec)
    assert second not in (None, first, "regularization")
    assert coverage.revisit_target(state, RUBRIC) != first
    everything_else = [s.id for d in RUBRIC.dimensions for s in d.signals if s.id != first]
    only_first_left = state.model_copy(update={"signals_seen": everything_else})
    assert coverage.revisit_target(only_first_left, RUBRIC) == first  # asked once: once more
    fresh = Reading(kind=MessageKind.ANSWER)
    assert coverage.next_gap(InterviewState(), fresh, RUBRIC, spec) is None  # not started


def test_a_candidate_still_designing_in_their_own_order_is_followed_not_pulled_back():
    """Deployment covered early by a deployment-first candidate who goes on describing it
    in words no signal was read in: the interviewer pushes on those words, it does not pull
    them back to an earlier phase at minute 6."""
    deployment = {s.id for s in RUBRIC.signals_for_phase(Phase.DEPLOYMENT)}
    state = InterviewState(
        phase=Phase.DEPLOYMENT,
        elapsed_minutes=6.0,
        phase_started_minute=1.0,
        phases_visited=[Phase.CLARIFY, Phase.DEPLOYMENT],
        signals_seen=sorted(deployment),
        fact_topics_asked=["scale"],
        probes_in_phase=2,
        candidate_turns=5,
        turns_in_phase=4,
    )
    focus = "a streaming job map-matches the pings onto road segments every minute"
    reading = Reading(
        kind=MessageKind.ANSWER,
        word_count=60,
        focus=focus,
        phases=[Phase.DEPLOYMENT],
    )
    move = policy.decide(state, reading, PLAN, RUBRIC, CARD)
    assert move.kind == MoveKind.PROBE and move.anchor == focus, move
    assert not (move.rule or "").endswith("revisit")
    terse = reading.model_copy(update={"word_count": 8})  # too short to carry a design
    assert policy.decide(state, terse, PLAN, RUBRIC, CARD).anchor != focus


def test_a_point_the_candidate_talked_about_is_never_asked_for_as_if_unsaid():
    """A signal only mentioned (read below the bar that credits it) earns nothing, but a gap
    question, a revisit or a move-on check never asks for it: "what loss would you train
    with?" right after "trained with a ranking objective" asks for what was said."""
    from agent.decide import coverage

    spec = PLAN.spec(Phase.TRAINING)
    said = Reading(
        kind=MessageKind.ANSWER,
        phases=[Phase.TRAINING],
        signals=["regularization"],
        signals_mentioned=["loss_function"],
    )
    state = apply_reading(InterviewState(phase=Phase.MODELING), said, 10.0)
    assert "loss_function" not in state.signals_seen  # not credited
    assert "loss_function" in state.signals_mentioned
    assert coverage.next_gap(state, said, RUBRIC, spec) not in (None, "loss_function")
    training = state.model_copy(update={"phase": Phase.TRAINING})
    assert coverage.essential_target(training, RUBRIC) != "loss_function"
    everything_else = [
        s.id for d in RUBRIC.dimensions for s in d.signals if s.id != "loss_function"
    ]
    only_it_left = state.model_copy(update={"signals_seen": everything_else})
    assert coverage.revisit_target(only_it_left, RUBRIC) is None
    # the same point never talked about is asked for
    unsaid = only_it_left.model_copy(update={"signals_mentioned": []})
    assert coverage.revisit_target(unsaid, RUBRIC) == "loss_function"


def test_two_long_wandering_answers_in_a_row_get_one_note_to_lead_with_the_decision():
    """A candidate who talks at length twice in a row, wandering (fillers, hedges, asides),
    hears, once per interview, a follow-up on their words that asks for the
    decision and its reason first; short answers reset the count, and the note is never made
    twice."""
    from agent.decide import budget

    def answer(i: int, words: int, fillers: float = budget.WANDERING_FILLERS) -> Reading:
        sid = [s.id for s in RUBRIC.signals_for_phase(Phase.MODELING)][i % 4]
        quote = f"we pick {sid.replace('_', ' ')} because it fits the latency budget here"
        return Reading(
            kind=MessageKind.ANSWER,
            signals=[sid],
            phases=[Phase.MODELING],
            quotes={sid: quote},
            word_count=words,
            filler_rate=fillers,
        )

    state = InterviewState(phase=Phase.MODELING, elapsed_minutes=15.0)
    long = budget.LONG_ANSWER_WORDS
    lengths = [long, 20, long, long, long, long]
    notes = []
    for i, words in enumerate(lengths):
        state = apply_reading(state, answer(i, words), state.elapsed_minutes + 1.5)
        move = policy.decide(state, answer(i, words), PLAN, RUBRIC, CARD)
        state = apply_move(state, move)
        if (move.rule or "").endswith(budget.CONCISE):
            notes.append(i)
            assert move.kind == MoveKind.PROBE and move.anchor  # a follow-up on their words
    # once, and only after two long answers in a row (the short one at 1 reset the count)
    assert len(notes) == 1 and notes[0] >= 3
    assert state.concise_asked


def test_a_wandering_answer_then_a_long_tight_one_still_gets_the_note():
    from agent.decide import budget

    state = InterviewState(phase=Phase.MODELING, elapsed_minutes=15.0)
    rules_seen = []
    for fillers in (2.0, 0.0):
        said = _long_model_answer(budget.LONG_ANSWER_WORDS + 20, fillers)
        state = apply_reading(state, said, state.elapsed_minutes + 2.0)
        move = policy.decide(state, said, PLAN, RUBRIC, CARD)
        state = apply_move(state, move)
        rules_seen.append(move.rule or "")
    assert not rules_seen[0].endswith(budget.CONCISE) and rules_seen[1].endswith(budget.CONCISE)


def test_long_answers_dense_with_decisions_get_no_note_on_length():
    """Length alone is not rambling: a structured candidate's long answers, with no fillers
    or asides in them, are followed up on without being told to tighten up."""
    from agent.decide import budget

    state = InterviewState(phase=Phase.MODELING, elapsed_minutes=15.0)
    for _ in range(4):
        said = _long_model_answer(budget.LONG_ANSWER_WORDS + 40, 0.0)
        state = apply_reading(state, said, state.elapsed_minutes + 2.0)
        move = policy.decide(state, said, PLAN, RUBRIC, CARD)
        state = apply_move(state, move)
        assert not (move.rule or "").endswith(budget.CONCISE)
    assert not state.concise_asked


def _long_model_answer(words: int, fillers: float) -> Reading:
    """A long answer choosing a model family, with a given rate of fillers and asides."""
    sid = "model_family_choice"
    return Reading(
        kind=MessageKind.ANSWER,
        signals=[sid],
        phases=[Phase.MODELING],
        quotes={sid: "gradient boosted trees first, since the features are tabular"},
        word_count=words,
        filler_rate=fillers,
    )


def test_a_passing_remark_is_not_pushed_on_when_a_statement_follows_it():
    """'Millions, okay.' showed a signal, but the design statement after it is what a
    follow-up pushes on: quoting the remark back ignores what the candidate laid out."""
    statement = "we would find listings in the same city with a similar price, then rank them"
    r = Reading(
        kind=MessageKind.ANSWER,
        signals=["data_volume"],
        phases=[Phase.DATA],
        quotes={"data_volume": "Millions, okay."},
        focus=statement,
        word_count=30,
    )
    state = apply_reading(InterviewState(phase=Phase.DATA, elapsed_minutes=4.0), r, 5.0)
    move = policy.decide(state, r, PLAN, RUBRIC, CARD)
    assert move.kind == MoveKind.PROBE and move.anchor == statement, move
    # a short answer made of the remark alone is still followed up on its words
    short = r.model_copy(update={"word_count": 3, "focus": None})
    state = apply_reading(InterviewState(phase=Phase.DATA, elapsed_minutes=4.0), short, 5.0)
    move = policy.decide(state, short, PLAN, RUBRIC, CARD)
    assert move.kind == MoveKind.PROBE and move.target == "data_volume", move
    assert move.anchor == "Millions, okay."


def test_a_candidates_own_recap_leads_into_the_wrap_up_only_once_a_close_is_allowed():
    """A candidate who recaps the design at minute 36 of 45 is closing it: the interviewer
    goes to the wrap-up, not into a follow-up on the summary. The same recap at minute 33 or
    15 is the candidate taking stock, not asking to end: the interview goes on (a close at
    33 of 45 is too early, issue 10)."""
    quote = "To summarise: calibrated click model, daily retrains, user-level A/B test"
    recap = Reading(
        kind=MessageKind.ANSWER,
        signals=["recaps_design"],
        phases=[Phase.WRAP_UP],
        quotes={"recaps_design": quote},
        word_count=60,
    )
    for minute, wraps in ((36.0, True), (33.0, False), (15.0, False)):
        state = InterviewState(phase=Phase.DEPLOYMENT, elapsed_minutes=minute - 1.0)
        state = apply_reading(state, recap, minute)
        move = policy.decide(state, recap, PLAN, RUBRIC, CARD)
        assert (move.kind == MoveKind.ADVANCE and move.phase == Phase.WRAP_UP) == wraps, move
