"""The recap of an offline interview shows the candidate's own design, as a reader checks it
against the transcript (issue 12): no sentence the interviewer said is summarised or quoted as
the candidate's, a serving design said in one long spoken sentence is under Deployment, and the
statement the interviewer challenged as a wrong claim is never quoted as evidence, while the
sentence beside it still is. Scripts and expectations written by hand."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.read.reading import MessageKind
from agent.record.transcript import Turn
from tests.support import grading_fixtures
from tests.support.grading_fixtures import fraud_transcript, turn_of
from tests.support.interview_fixtures import new_interview

card = grading_fixtures.card
grader = grading_fixtures.grader
rubric = grading_fixtures.rubric


def _summary(recap) -> list[str]:
    return [s for d in recap.design for s in d.sentences]


def _quotes(recap) -> list[str]:
    return [q for d in recap.dimensions for q in d.evidence]


def test_the_interviewers_answer_said_back_is_not_the_candidates_design():
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("What share of transactions is fraud, and where do labels come from?")
    answer = iv.transcript.turns[-1].text
    assert "chargebacks" in answer.lower()  # the card's labels fact was given
    iv.respond(f"Okay, noted: {answer}")  # pasted back whole
    iv.respond("For serving, we score in the payment path within 50 ms from an in-memory model.")
    recap = iv.finish()
    interviewer = [t.text for t in iv.transcript.turns if t.role == "interviewer"]
    shown = _summary(recap) + _quotes(recap)
    assert shown, "the candidate's own serving sentence is still summarised and quoted"
    for line in shown:
        assert not any(line in said for said in interviewer), line
    assert any("in the payment path within 50 ms" in s for s in _summary(recap))
    # the card's label fact, said back, earns no data credit
    assert recap.score("data") == 1


def test_a_serving_design_in_one_long_spoken_sentence_is_under_deployment():
    serving = (
        "So for serving the way I see it is that the payment service calls a stateless "
        "scoring service synchronously, the scoring service pulls the card's velocity "
        "counters from Redis which a Flink job keeps updated from the transaction stream, it "
        "runs the tree model that it holds in memory, and it returns a score within about 30 "
        "milliseconds, and if it does not answer in time the payment goes through on the "
        "rules engine alone, and the model is swapped in with a shadow period first"
    )
    assert len(serving) > 400  # no stop anywhere: longer than a summary line may be
    iv = new_interview("fraud-detection")
    iv.start()
    for text in (
        "What share of transactions is fraud, and how fast must we decide?",
        "Labels come from chargebacks and analyst reviews, and since chargebacks arrive weeks "
        "late I'd train on transactions at least 90 days old.",
        "I'd train gradient boosted trees with class weights, because the features are "
        "tabular and the trees are fast to score.",
        serving,
    ):
        iv.respond(text)
    recap = iv.finish()
    deployment = next(d for d in recap.design if d.phase.value == "deployment")
    assert recap.score("deployment") >= 2
    assert deployment.sentences, "Deployment reads 'not discussed' beside its quoted score"
    assert any("30 milliseconds" in s or "rules engine" in s for s in deployment.sentences)
    for s in deployment.sentences:
        assert s in serving  # the candidate's words, verbatim


ETA_ANSWERS = [
    "How many trips a day do we need ETAs for, and what latency budget do we have?",
    "Labels come from completed trips: the actual arrival time minus the request time, "
    "available as soon as the trip ends.",
    "For the model I'd start with gradient boosted trees on these tabular features. We would "
    "judge it by its accuracy on the arrival times.",
]


def test_the_challenged_statement_is_never_quoted_and_its_neighbour_still_is():
    iv = new_interview("eta-prediction")
    iv.start()
    for text in ETA_ANSWERS:
        iv.respond(text)
    challenge = iv.transcript.turns[-1]
    assert challenge.move is not None and challenge.move.steer == SteerKind.WRONG_CLAIM
    recap = iv.finish()
    wrong = "We would judge it by its accuracy on the arrival times."
    assert recap.challenged == [wrong]
    assert not any("accuracy on the arrival times" in q for q in _quotes(recap))
    assert not any("accuracy on the arrival times" in s for s in recap.strengths)
    # the first sentence of the same message was not challenged: it may be quoted
    modeling = next(d for d in recap.dimensions if d.id == "modeling")
    assert "For the model I'd start with gradient boosted trees on these tabular features." in (
        modeling.evidence
    )
    assert recap.score("metrics") <= 2


def test_a_written_answer_with_accuracy_for_a_numeric_target_is_capped(grader, rubric):
    """The grader reads "accuracy" for a number as the reader does: a classification metric
    for a numeric target, so it caps metrics in a written answer too."""
    eta = load_content().problems.get("eta-prediction")
    text = (
        "# ETA\n\n## Metrics\n\nWe would judge the model by its accuracy on the arrival times. "
        "Online we watch the share of trips that arrive later than promised.\n"
    )
    recap = grader.grade_answer(text, eta, rubric)
    assert "We would judge the model by its accuracy on the arrival times." in recap.challenged
    assert recap.score("metrics") <= 2


def test_the_sentence_a_challenge_quoted_is_never_quoted_though_the_turn_recorded_it_only(
    grader, card, rubric
):
    """The reader recorded the claim on the turn; wherever the grader's own reading anchors
    it, the statement the interviewer quoted back is what is never cited."""
    stated = "We compare depths on the test set and keep the one that scores best there."
    t = fraud_transcript(
        rubric,
        [
            turn_of(
                "candidate",
                "Labels come from chargebacks, which arrive about three weeks after the "
                f"transaction, so I train on data older than 90 days. {stated}",
                kind=MessageKind.ANSWER,
                misconceptions=["tune_on_test_set"],
            ),
            Turn(
                role="interviewer",
                text=f'You said "{stated}" Is that a fair test of the final model?',
                phase=Phase.TRAINING,
                move=Move(
                    kind=MoveKind.STEER,
                    phase=Phase.TRAINING,
                    reason="challenge",
                    steer=SteerKind.WRONG_CLAIM,
                    target="tune_on_test_set",
                    anchor=stated,
                ),
            ),
        ],
    )
    recap = grader.grade_transcript(t, card, rubric)
    assert stated in recap.challenged
    assert not any("keep the one that scores best" in q for q in _quotes(recap))
    assert not any("keep the one that scores best" in s for s in recap.strengths)
    # the labels sentence before it was never challenged
    assert not any("three weeks" in c for c in recap.challenged)


def test_a_wrong_claim_is_anchored_on_the_statement_the_challenge_quoted(rubric):
    """Where the grader only knows the turn a claim was recorded on (its first sentence),
    the interviewer's quote moves it to the sentence that made it."""
    from agent.grading.evidence import Sentence
    from agent.grading.interviewer_moves import InterviewerMoves
    from agent.grading.offline import at_challenged_statements
    from agent.grading.scoring import Misstep

    first = Sentence("Labels come from chargebacks.", turn=0, order=0)
    claim = Sentence("We keep the depth that scores best on the test set.", turn=0, order=1)
    recorded_on_turn = Misstep("tune_on_test_set", "training", first)
    moves = InterviewerMoves(challenged=[("tune_on_test_set", claim.text)])
    (moved,) = at_challenged_statements([recorded_on_turn], [first, claim], moves)
    assert moved.sentence == claim
    # a claim no challenge quoted stays where the grader found it
    other = Misstep("accuracy_on_imbalanced", "metrics", first)
    assert at_challenged_statements([other], [first, claim], moves) == [other]
