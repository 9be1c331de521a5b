"""A follow-up never asks for what the candidate just gave about the claim it quotes: the
reason in the next sentence or the one before, the angle of the question the message
answers, how a check is checked; and when every angle on the claim is covered it says so
instead of asking one anyway. Messages here are written for these tests."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind
from agent.read.reading import MessageKind, Reading
from agent.record.transcript import Turn
from agent.speak.offline import OfflineVoice
from agent.understanding import shared_understanding
from agent.understanding.threads import gives_reason, thread_of
from tests.support.voice_fixtures import bank, context

SEEDS = range(10)


def _pushes(angle: str) -> list[str]:
    b = bank()
    every = [
        *b.deepen_any,
        *b.deepen_observation,
        *(q for qs in b.deepen_questions.values() for q in qs),
    ]
    return [q for q in every if b.angles.get(q) == angle]


def _said(move: Move, text: str, reading: Reading, history=(), seed=0) -> str:
    ctx = context(move, reading=reading, history=history, seed=seed)
    return OfflineVoice().render(ctx.model_copy(update={"candidate_text": text}))


def test_a_claims_thread_takes_the_sentence_it_follows_from_and_the_one_that_goes_on():
    said = [
        "Orders placed on the weekend spike around noon.",
        "The payment logs only arrive after three days.",
        "So I would hold each example back until its payment is known.",
        "That keeps unpaid orders from looking like clean negatives.",
        "For features I'd take the basket size and the device.",
    ]
    assert thread_of(said, 2) == [1, 2, 3]
    assert thread_of(said, 4) == [4]  # a new claim: not read with the one before
    assert gives_reason(said, 2)  # its reason is the sentence before
    short = said[:3]
    assert thread_of(short, 0) == [0, 1, 2]  # a short message is one thread


def test_a_sentence_whose_next_one_says_what_it_gains_has_its_reason_given():
    said = [
        "We start with a linear model on hashed crosses.",
        "I'd reserve one slot per page for a newly listed seller.",
        "That gives new sellers some traffic to learn from.",
        "Latency target is 80 ms at p99.",
    ]
    assert gives_reason(said, 1)
    assert not gives_reason(said, 0)


def test_in_a_long_message_a_claim_is_read_with_its_neighbours_not_the_whole_message():
    text = (
        "For retrieval I'd use a two-tower model over the listing text. "
        "For the ranker I'd use boosted trees, because the features are mostly counts and "
        "prices. They take about two milliseconds for 300 candidates on a CPU. "
        "If we later need sequence features, a transformer ranker would be the next step. "
        "We would confirm every change with a two-week A/B test on bookings."
    )
    found = shared_understanding().message(text)
    first = found.sentences[0]
    assert set(first.thread_angles) < set(found.angles), (first.thread_angles, found.angles)


def test_the_answer_to_a_why_question_is_not_asked_why_again():
    """The interviewer asked for the reason; the terse answer gives it in fragments the
    angle reader cannot see as a reason ("Tabular, fast to train."): a push on those words
    takes another angle."""
    move = Move(
        kind=MoveKind.PROBE,
        phase=Phase.MODELING,
        reason="r",
        anchor="Tabular inputs, quick to retrain",
    )
    why = "Let me push on \"boosted trees\". What's the main reason you'd go that way?"
    history = [Turn(role="interviewer", text=why, phase=Phase.MODELING)]
    text = "Tabular inputs, quick to retrain. Easy to inspect."
    reading = Reading(kind=MessageKind.ANSWER, thread_angles={text: []})
    reasons = _pushes("reason")
    for seed in SEEDS:
        said = _said(move, text, reading, history, seed)
        assert '"Tabular inputs, quick to retrain"' in said
        assert not any(q in said for q in reasons), said


def test_a_decision_drawn_from_the_sentence_before_is_not_asked_why():
    move = Move(
        kind=MoveKind.PROBE,
        phase=Phase.DATA,
        reason="r",
        anchor="So I'd wait two days before labelling an order as unpaid",
    )
    text = (
        "Refunds trickle in for up to two days after the order. "
        "So I'd wait two days before labelling an order as unpaid."
    )
    reading = Reading(kind=MessageKind.ANSWER, thread_angles={s: [] for s in text.split(". ")})
    reasons = _pushes("reason")
    for seed in SEEDS:
        said = _said(move, text, reading, seed=seed)
        assert "So I'd wait two days" in said
        assert not any(q in said for q in reasons), said


def test_a_monitoring_plan_is_not_asked_how_you_would_know_it_works():
    move = Move(
        kind=MoveKind.PROBE,
        phase=Phase.DEPLOYMENT,
        reason="r",
        target="monitoring_drift",
        anchor="I'd alert on the share of empty result pages and on input drift",
    )
    text = "I'd alert on the share of empty result pages and on input drift, per region."
    reading = Reading(
        kind=MessageKind.ANSWER,
        signal_confidence={"monitoring_drift": 0.5},  # unsure: the general pushes
        thread_angles={text: []},
    )
    generic_measure = [q for q in bank().deepen_any if bank().angles.get(q) == "measure"]
    for seed in SEEDS:
        said = _said(move, text, reading, seed=seed)
        assert not any(q in said for q in generic_measure), said


def test_every_angle_covered_lets_the_candidate_go_on_without_a_stock_quote():
    move = Move(
        kind=MoveKind.PROBE,
        phase=Phase.MODELING,
        reason="r",
        anchor="I'd start with boosted trees on the order features",
    )
    text = (
        "I'd start with boosted trees on the order features, because they handle raw counts. "
        "They cost a few milliseconds on CPU, a deep model would be the alternative, they can "
        "overfit rare merchants, and offline AUC tells us if they work."
    )
    every = ["reason", "cost", "alternative", "risk", "measure"]
    reading = Reading(kind=MessageKind.ANSWER, thread_angles={text: every}, angles_given=every)
    b = bank()
    questions = [*b.deepen_any, *b.deepen_observation]
    for seed in SEEDS:
        said = _said(move, text, reading, seed=seed)
        assert not any(q in said for q in questions), said
        assert said in b.deepen_done, said  # short, and no quote in front of nothing


def test_a_second_covered_answer_in_a_row_hears_the_phases_next_gap_not_another_go_on():
    """After one bare "okay, go on", an answer that again covers every angle is not met
    with a second one: the interviewer asks about a part of the phase not heard yet."""
    move = Move(
        kind=MoveKind.PROBE,
        phase=Phase.MODELING,
        reason="r",
        anchor="Logistic regression first on the account features",
    )
    text = (
        "Logistic regression first on the account features, since it is cheap and easy to "
        "explain. The alternative is trees, which cost more to serve; the risk is missing "
        "interactions, and the lift over the rules on last month tells us if it works."
    )
    every = ["reason", "cost", "alternative", "risk", "measure"]
    reading = Reading(
        kind=MessageKind.ANSWER,
        thread_angles={text: every},
        angles_given=every,
        signals=["model_family_choice"],
        phases=[Phase.MODELING],
    )
    b = bank()
    for seed in SEEDS:
        history = [Turn(role="interviewer", text=b.deepen_done[seed % 3], phase=Phase.MODELING)]
        said = _said(move, text, reading, history=history, seed=seed)
        assert said not in b.deepen_done, said
        asks = [q for qs in b.signal_questions.values() for q in qs if q in said]
        assert asks, said
        # never a part of the phase this answer already showed
        assert not any(q in said for q in b.signal_questions["model_family_choice"]), said
        # without the go-on just before, the short line stays
        assert _said(move, text, reading, seed=seed) in b.deepen_done
