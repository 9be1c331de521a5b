"""Questions asked in the middle of a design answer are answered (issue 10: answer what was
asked): from the card when it has the fact, "go with your assumption" when the candidate
stated one, pointed back to an earlier answer instead of read out again, and a request to
confirm a proposal is acknowledged. The answer's design content stays credited."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide.moves import MoveKind
from agent.interview import Interview
from tests.support.interview_fixtures import new_interview

FRAUD = "fraud-detection"

DESIGN = (
    "For the model I'd start with gradient boosted trees on tabular features, because they "
    "are fast to train and easy to explain to the risk team."
)


def _fact(topic: str) -> str:
    return " ".join(load_content().problems.get(FRAUD).fact(topic).answer.split())


@pytest.fixture
def designing() -> Interview:
    """An interview past the requirements: the candidate has asked and been answered."""
    iv = new_interview(FRAUD)
    iv.start()
    iv.respond("What's the business goal, and how many transactions per second at peak?")
    iv.respond(
        "So the task is a binary classifier per transaction: fraud or not, scored before "
        "authorisation, labelled by chargebacks."
    )
    return iv


def test_a_card_fact_asked_mid_answer_is_given(designing: Interview) -> None:
    reply = designing.respond(f"{DESIGN} What is the latency budget for scoring, by the way?")
    move = designing.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and "latency" in move.fact_topics
    assert _fact("latency") in reply
    assert designing.transcript.turns[-2].signals  # the design half is credited


def test_a_question_off_the_card_with_the_candidates_own_assumption_goes_with_it(
    designing: Interview,
) -> None:
    reply = designing.respond(
        f"{DESIGN} Do we have GPUs for serving, or is it CPU only? I'd assume CPU only."
    )
    move = designing.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and not move.fact_topics
    assert "assum" in reply.lower()
    card = load_content().problems.get(FRAUD)
    assert not any(" ".join(f.answer.split()) in reply for f in card.facts)


def test_a_fact_asked_again_mid_design_is_pointed_back_to_not_read_out(
    designing: Interview,
) -> None:
    first = designing.respond(f"{DESIGN} What is the latency budget for scoring?")
    assert _fact("latency") in first
    designing.respond(
        "Features: transaction amount relative to the user's average, merchant category, "
        "device and IP velocity counts over the last hour, computed in a streaming job."
    )
    again = designing.respond(
        "Serving would be a stateless scoring service next to authorisation. What was the "
        "latency budget again for that call?"
    )
    move = designing.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION
    assert _fact("latency") not in again
    assert "earlier" in again.lower() or "before" in again.lower()
    assert "latency" in again.lower()  # says what it points back to


def test_a_request_to_confirm_a_proposal_is_acknowledged_not_answered_with_a_fact(
    designing: Interview,
) -> None:
    reply = designing.respond(
        "I'll go data, features, model, evaluation, then serving and monitoring. "
        "Does that order work for you?"
    )
    card = load_content().problems.get(FRAUD)
    assert not any(" ".join(f.answer.split()) in reply for f in card.facts)
    assert "assum" not in reply.lower()


def test_a_time_question_inside_an_answer_gets_the_time(designing: Interview) -> None:
    reply = designing.respond(f"{DESIGN} Quick check on time: how much do we have left?")
    move = designing.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_META
    assert str(round(designing.state.minutes_left)) in reply


def test_asking_whether_to_go_deeper_is_not_answered_with_assume(designing: Interview) -> None:
    reply = designing.respond(f"{DESIGN} Should I go deeper on the features, or move on?")
    assert "assum" not in reply.lower()
    move = designing.transcript.turns[-1].move
    assert move.kind != MoveKind.ANSWER_CLARIFICATION


def test_a_rhetorical_question_answered_in_the_same_message_is_not_met_with_assume(
    designing: Interview,
) -> None:
    reply = designing.respond(
        "Why not just use an off-the-shelf model for this? Because fraud patterns here are "
        "specific to our merchants, so I'd train gradient boosted trees on our own "
        "chargeback-labelled history and compare them with the rules engine."
    )
    assert "assum" not in reply.lower()
    assert designing.transcript.turns[-1].move.kind != MoveKind.ANSWER_CLARIFICATION


def test_a_request_to_move_on_that_names_a_phase_goes_there(designing: Interview) -> None:
    """ "Can we move on to the serving part?" goes to serving, not to the next phase in the
    template; "can we go back to the features?" goes back."""
    designing.respond(
        "Sure, no opinion then. Can we move on to the serving part? I find it more "
        "interesting than evaluation anyway."
    )
    move = designing.transcript.turns[-1].move
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.DEPLOYMENT
    designing.respond("can we go back to the features for a sec?")
    move = designing.transcript.turns[-1].move
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.FEATURES
    designing.respond("Can we move on?")  # names nothing: the next phase as before
    assert designing.transcript.turns[-1].move.phase != Phase.FEATURES


def test_a_real_question_in_the_middle_of_an_answer_is_answered(designing: Interview) -> None:
    """A question asked mid-message and followed by what the candidate would do with the
    answer is a question to the interviewer, not a rhetorical one: it gets the card's answer
    (here what is logged per transaction) or "not specified, state an assumption", not
    silence."""
    reply = designing.respond(
        "Training data next. Do we keep the raw logs of declined transactions too? If we do, "
        "I'd add them as extra negatives with a lower weight."
    )
    move = designing.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION
    assert move.fact_topics in ([], ["data"])
    assert move.fact_topics or "assum" in reply.lower() or "specified" in reply.lower()


def test_a_plan_that_names_the_phases_in_order_is_not_a_request_to_jump_to_the_last(
    designing: Interview,
) -> None:
    """'Is it okay if I go data, features, model, evaluation, serving?' lays out an order:
    the interview goes on with the next phase, not to serving because it is named last."""
    designing.respond(
        "Is it okay that I go in this order: data, features, model, evaluation, serving, "
        "monitoring?"
    )
    move = designing.transcript.turns[-1].move
    assert move.phase not in (Phase.DEPLOYMENT, Phase.EVALUATION)
    plan = load_content().plan
    assert plan.named_in("can we move on to the serving part?") == Phase.DEPLOYMENT
    assert plan.named_in("from the data to the model") == Phase.MODELING
    assert plan.named_in("data, then features, then the model, then serving") is None


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (FRAUD, "Goal: fewer losses? fewer false declines?"),
        # read as about the interview at p=0.62 by the kind model (a dev script's line)
        pytest.param(
            "video-recommendation",
            "Goal: watch time? retention?",
            marks=pytest.mark.xfail(
                strict=True,
                reason="answered part by part, 'retention?' matches no fact on its own and is "
                "named as open beside the goal piece that already says people coming back: "
                "alternatives of one terse question are read as parts (seen 2026-11-30)",
            ),
        ),
    ],
)
def test_a_terse_question_about_the_problem_is_answered_not_met_with_a_meta_line(
    problem: str, message: str
) -> None:
    """A note-style question ("Goal: X? Y?") is about the problem, even where the kind
    model leans towards reading it as about the interview: it gets the card's answer."""
    iv = new_interview(problem)
    iv.start()
    reply = iv.respond(message)
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and "business_goal" in move.fact_topics
    card = load_content().problems.get(problem)
    assert " ".join(card.fact("business_goal").answer.split()) in reply


def test_a_question_put_to_the_interviewer_mid_answer_is_answered(designing: Interview) -> None:
    # not the last sentence, and no assumption beside it: still asked of the interviewer
    reply = designing.respond(
        f"{DESIGN} Do we already keep a list of known compromised merchants? "
        "If so, I'd use it as a feature and a filter. Then calibration on a recent month."
    )
    move = designing.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION
    assert "assum" in reply.lower()


def test_a_question_the_candidate_answers_themself_is_not_met_with_an_assumption(
    designing: Interview,
) -> None:
    reply = designing.respond(
        "Why not a deep sequence model over the card's history? Because the trees are "
        "cheaper to serve and explain, so I'd keep the sequence model for later."
    )
    assert designing.transcript.turns[-1].move.kind != MoveKind.ANSWER_CLARIFICATION
    assert "assumption" not in reply.lower()


def test_a_figure_the_candidate_would_pick_counts_as_their_assumption(designing: Interview) -> None:
    reply = designing.respond(
        f"{DESIGN} How long do shadow runs usually last here? I'd say at least ten days."
    )
    move = designing.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and not move.fact_topics
    said = reply.lower()  # goes along with theirs rather than asking for one
    assert any(w in said for w in ("your assumption", "you stated", "you assumed"))


def test_a_request_to_move_on_is_honoured_where_it_names_the_part_after_the_question(
    designing: Interview,
) -> None:
    """The part the candidate wants is named after the request ("Can we move on? Serving is
    what I'd like to get to."): it goes there, not to the next part in the template's
    order."""
    designing.respond("Can we move on? Honestly the serving side is what I'd like to get to.")
    move = designing.transcript.turns[-1].move
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.DEPLOYMENT
    designing.respond("That's all I have there. Could we move on? Training is next on my list.")
    move = designing.transcript.turns[-1].move
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.TRAINING


def test_a_question_about_how_things_are_now_mid_answer_is_answered(designing: Interview) -> None:
    # not the last sentence and no assumption beside it, but it asks about the setting today
    reply = designing.respond(
        f"{DESIGN} What share of disputes get reversed currently? "
        "Those reversals would be noisy labels, so I'd down-weight them."
    )
    assert designing.transcript.turns[-1].move.kind == MoveKind.ANSWER_CLARIFICATION
    assert "assum" in reply.lower()


def test_a_question_about_the_interviewers_own_figure_mid_answer_is_answered(
    designing: Interview,
) -> None:
    reply = designing.respond(
        f"{DESIGN} How many feature lookups fit into the budget you gave me? "
        "Each lookup costs a few milliseconds, so I'd batch them."
    )
    assert designing.transcript.turns[-1].move.kind == MoveKind.ANSWER_CLARIFICATION
    assert _fact("latency") in reply or "assum" in reply.lower()
