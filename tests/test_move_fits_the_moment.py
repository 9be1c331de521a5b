"""The move fits the moment (issue 10): a request is honoured before the pacing rules, a
question outside the design gets a short redirect, a hint rests on what the candidate is
stuck on, and the interview does not pull a candidate off the part they are on. Four
problems; every expectation written by hand from the situation, not from the code."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide import policy
from agent.decide.moves import MoveKind
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, MetaTopic, Reading
from tests.support.interview_fixtures import last_turn_after
from tests.support.policy_content import CARD, PLAN, RUBRIC

# -- a question outside the design: the recruiter, not an assumption (fraud detection) --------


def test_a_team_question_with_a_remark_after_it_is_sent_to_the_recruiter() -> None:
    """The remark after the marked question reads as asking to the model; it asks nothing
    of the problem, so no card fact is read out beside the redirect."""
    turn = last_turn_after(
        "fraud-detection",
        ["How many transactions a day, and what share of them is fraud?"],
        "How big is the team I'd join? The job post was vague and I'd like to know how many "
        "people work on fraud models today.",
    )
    assert turn.move is not None and turn.move.kind == MoveKind.ANSWER_META, turn.move
    assert turn.move.target == MetaTopic.JOB.value
    assert not turn.move.fact_topics, turn.move
    assert "assum" not in turn.text.lower(), turn.text  # nothing to assume about the team


def test_a_card_question_with_a_remark_after_it_is_still_answered_from_the_card() -> None:
    """Adversarial: the same shape, a marked question then a remark, about the problem."""
    turn = last_turn_after(
        "fraud-detection",
        [],
        "How many transactions do we see per day? I'd want that before sizing anything.",
    )
    assert turn.move is not None and turn.move.kind == MoveKind.ANSWER_CLARIFICATION, turn.move
    assert turn.move.fact_topics, turn.move


# -- an offer that names its options: one of them is taken (video recommendation) ------------


def _after_design(heard: list[str]) -> InterviewState:
    return InterviewState(
        phase=Phase.DEPLOYMENT,
        elapsed_minutes=24.0,
        phase_started_minute=20.0,
        phases_visited=[Phase.CLARIFY, Phase.DATA, Phase.MODELING, Phase.DEPLOYMENT],
        signals_seen=["asks_business_goal", "asks_scale", *heard],
        fact_topics_asked=["scale"],
        probes_in_phase=1,
        candidate_turns=14,
        turns_in_phase=3,
    )


def test_an_offer_naming_two_parts_is_taken_on_the_one_heard_least() -> None:
    training = [s.id for s in RUBRIC.signals_for_phase(Phase.TRAINING)]
    evaluation = [s.id for s in RUBRIC.signals_for_phase(Phase.EVALUATION)]
    offer = Reading(
        kind=MessageKind.META,
        meta=MetaTopic.INVITATION,
        parts_offered=[Phase.TRAINING, Phase.EVALUATION],
        word_count=25,
    )
    # evaluation was talked through, training hardly: training is where to go deeper
    move = policy.decide(_after_design(evaluation[:4]), offer, PLAN, RUBRIC, CARD)
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.TRAINING, move
    # and the other way round
    move = policy.decide(_after_design(training[:4]), offer, PLAN, RUBRIC, CARD)
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.EVALUATION, move


def test_the_reader_records_the_parts_an_offer_names() -> None:
    turn = last_turn_after(
        "game-recommendation",
        [
            "How many players and games, and what's the goal of the page?",
            "I'd retrieve a few hundred games per player with two towers, then rank them "
            "with a GBDT on purchase probability, served from a nightly batch job.",
        ],
        "That's the whole path at a high level. Which part should I go deeper on? I could "
        "walk through the training setup, or the evaluation.",
    )
    assert turn.move is not None and turn.move.kind == MoveKind.ADVANCE, turn.move
    assert turn.move.phase in (Phase.TRAINING, Phase.EVALUATION), turn.move


def test_an_invitation_that_names_no_part_still_gets_a_question() -> None:
    """Adversarial: no options named, nothing to choose among: a question on what is open."""
    invitation = Reading(kind=MessageKind.META, meta=MetaTopic.INVITATION, word_count=8)
    move = policy.decide(_after_design([]), invitation, PLAN, RUBRIC, CARD)
    assert move.kind == MoveKind.PROBE, move


# -- a hint on what the candidate is stuck on (ETA prediction) ------------------------------


def test_a_long_request_for_help_about_its_own_idea_is_hinted_on_that_idea() -> None:
    turn = last_turn_after(
        "eta-prediction",
        [
            "What's the latency budget, and how many requests per second at peak?",
            "I'd train gradient boosted trees on past trips, with the route distance, the "
            "hour of the day and live traffic speeds as features.",
        ],
        "Sometimes the driver has to circle the block to find the pickup entrance of a big "
        "building. Maybe we add a fixed buffer for those addresses? I'm not sure how I'd pick "
        "which addresses get it.",
    )
    assert turn.move is not None and turn.move.kind == MoveKind.HINT, turn.move
    # on the request's own words or subject, not the question before it nor the last answer
    assert turn.move.rule not in ("hint.pending", "hint.thread"), turn.move


def test_a_bare_request_for_help_follows_the_question_before_it() -> None:
    """Adversarial: "a hint?" alone says nothing of its own: the question before it."""
    turn = last_turn_after(
        "eta-prediction",
        [
            "What's the latency budget, and how many requests per second at peak?",
            "I'd train gradient boosted trees on past trips, with the route distance, the "
            "hour of the day and live traffic speeds as features.",
        ],
        "Hmm, I'm blanking on this one. A hint?",
    )
    assert turn.move is not None and turn.move.kind == MoveKind.HINT, turn.move
    assert turn.move.rule != "hint.words", turn.move


# -- no stock opening of another part while the candidate designs elsewhere (video rec) ------


def _training_ran_long(last_moves: list[MoveKind]) -> InterviewState:
    training = [s.id for s in RUBRIC.signals_for_phase(Phase.TRAINING)]
    spec = PLAN.spec(Phase.TRAINING)
    return InterviewState(
        phase=Phase.TRAINING,
        elapsed_minutes=20.0,
        phase_started_minute=19.0,  # the clock is fine: only the turns ran over
        phases_visited=[Phase.CLARIFY, Phase.DATA, Phase.MODELING, Phase.TRAINING],
        signals_seen=["asks_business_goal", "asks_scale", *training],
        fact_topics_asked=["scale"],
        probes_in_phase=2,
        candidate_turns=14,
        turns_in_phase=spec.max_turns + 1,
        last_moves=last_moves,
    )


def test_a_candidate_designing_elsewhere_is_followed_up_there_not_sent_to_evaluation() -> None:
    """Training ran its turns while the candidate describes how the index is split across
    machines (no signal read, a substantive statement): a follow-up on those words, not
    "let's spend some time on evaluation now" with a stock question."""
    focus = "we split the nearest neighbour index across machines by item id and merge the lists"
    answer = Reading(kind=MessageKind.ANSWER, focus=focus, word_count=40)
    # the interviewer's last move asked for nothing of theirs (it opened the phase)
    move = policy.decide(_training_ran_long([MoveKind.ADVANCE]), answer, PLAN, RUBRIC, CARD)
    assert move.kind == MoveKind.PROBE and move.anchor == focus, move
    # after three follow-ups in a row the interview moves on all the same
    move = policy.decide(_training_ran_long([MoveKind.PROBE] * 3), answer, PLAN, RUBRIC, CARD)
    assert move.kind == MoveKind.ADVANCE, move


def test_a_summary_ending_with_an_offer_offers_none_of_the_parts_it_went_through() -> None:
    """Adversarial: a recap names every part, then offers to go deeper "on anything": the
    parts it went through are not options to choose among."""
    turn = last_turn_after(
        "game-recommendation",
        ["How many players and games, and what's the goal of the page?"],
        "So overall: the data is purchase logs, the model is a two-tower retriever with a GBDT "
        "ranker, training is daily, evaluation is a time split plus an A/B test, and serving is "
        "a nightly batch job. Happy to go deeper on anything.",
    )
    assert turn.move is not None
    assert not (turn.move.rule or "").endswith("offer_choice"), turn.move
