"""What the interviewer asked is not asked again at once, and an offer to go deeper is taken
on the candidate's own words: a phase's opening question records the points it asks for
("Describe how you would train it, including the loss, ...") so the next turn does not ask
"What loss would you train with?"; an answer that offers to go deeper anywhere ("happy to go
deeper on any part") gets a place among what was said, never "that's covered, go on"; a
push with an angle of its own is not asked when the candidate's words gave that angle.
Messages here are written for these tests."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide import policy
from agent.decide.moves import Move, MoveKind
from agent.decide.progress import apply_move, apply_reading
from agent.decide.state import InterviewState
from agent.read.offline import OfflineReader
from agent.read.reading import MessageKind, ReadContext, Reading
from agent.speak.offline import OfflineVoice
from tests.support.policy_content import CARD, PLAN, RUBRIC
from tests.support.voice_fixtures import bank, context

SEEDS = range(8)


def _read(text: str, problem: str = "fraud-detection") -> Reading:
    content = load_content()
    ctx = ReadContext(
        phase=Phase.MODELING, card=content.problems.get(problem), rubric=content.rubric
    )
    return OfflineReader().read(text, ctx)


def _turn(state: InterviewState, minutes: float) -> tuple[Move, InterviewState]:
    """A short reply that shows nothing of the design, through the shipped plan and rubric."""
    reading = Reading(kind=MessageKind.ANSWER, word_count=4)
    state = apply_reading(state, reading, minutes)
    move = policy.decide(state, reading, PLAN, RUBRIC, CARD)
    return move, apply_move(state, move)


def _in_modeling(seen: list[str], probed: list[str]) -> InterviewState:
    before = [Phase.CLARIFY, Phase.DATA, Phase.FEATURES, Phase.MODELING]
    return InterviewState(
        phase=Phase.MODELING,
        phases_visited=before,
        turns_in_phase=3,
        probes_in_phase=1,
        signals_seen=seen,
        probed_targets=probed,
        elapsed_minutes=20,
        phase_started_minute=12,
        fact_topics_asked=["scale"],
    )


def _said(move: Move, text: str, reading: Reading, seed: int = 0) -> str:
    ctx = context(move, reading=reading, seed=seed)
    return OfflineVoice().render(ctx.model_copy(update={"candidate_text": text}))


def test_a_phase_opening_records_what_it_asks_for_and_the_next_turn_does_not_ask_it_again():
    # the model part is covered and followed up on; the candidate goes on with nothing new
    shown = ["baseline_first", "model_family_choice", "offline_metric_choice"]
    opening, state = _turn(_in_modeling(shown, shown), 21)
    assert opening.kind == MoveKind.ADVANCE and opening.phase == Phase.TRAINING
    assert opening.gap is None and "loss_function" in opening.asks
    assert "loss_function" in state.asked_for
    assert state.last_asked == opening.asks[0]  # a request for help is about that question
    # a short reply that names no training point: not "What loss would you train with?"
    reply, _ = _turn(state, 22)
    assert reply.target not in opening.asks, reply


def test_a_phase_opening_does_not_record_points_already_talked_about():
    shown = ["baseline_first", "model_family_choice", "loss_function"]
    opening, _ = _turn(_in_modeling(shown, shown[:2]), 21)
    assert opening.kind == MoveKind.ADVANCE and opening.phase == Phase.TRAINING
    assert "loss_function" not in opening.asks


_OFFER = (
    "For serving I'd keep the tree model behind a feature cache, scoring in under 20 ms at "
    "p99. Happy to go deeper on any of the parts I went through quickly."
)


def test_an_offer_to_go_deeper_is_read_and_is_never_the_words_a_follow_up_quotes():
    reading = _read(_OFFER)
    assert reading.offers_depth
    quoted = [reading.focus or "", *reading.quotes.values()]
    assert not any("go deeper" in q.lower() for q in quoted), quoted
    plain = _read("For serving I'd keep the tree model behind a feature cache.")
    assert not plain.offers_depth


def test_other_offers_are_read_as_offers_and_a_plain_plan_is_not():
    offers = [
        "If you'd like me to dig into the labelling pipeline, I can.",
        "I'm glad to go into more detail on the retrieval stage.",
        "Let me know if you want me to drill into any of these.",
    ]
    for text in offers:
        assert _read(f"We log every order with its outcome. {text}").offers_depth, text
    # "I'll go deeper on X next" is the candidate's own plan, not an offer
    assert not _read("Next I'll go deeper on the features for new merchants.").offers_depth


def test_an_offer_gets_a_place_among_what_was_said_not_covered_go_on():
    anchor = "keep the tree model behind a feature cache"
    move = Move(kind=MoveKind.PROBE, phase=Phase.DEPLOYMENT, reason="r", anchor=anchor)
    every = ["reason", "cost", "alternative", "risk", "measure"]
    reading = Reading(
        kind=MessageKind.ANSWER,
        offers_depth=True,
        thread_angles={_OFFER: every},
        angles_given=every,
    )
    b = bank()
    for seed in SEEDS:
        said = _said(move, _OFFER, reading, seed)
        assert anchor in said
        assert not any(said.startswith(t.split('"')[0]) for t in b.deepen_done), said
        assert any(said.startswith(t.split('"')[0]) for t in b.deepen_offer_open), said


def test_an_offer_with_an_angle_left_takes_the_offer_and_asks_it():
    anchor = "keep the tree model behind a feature cache"
    move = Move(kind=MoveKind.PROBE, phase=Phase.DEPLOYMENT, reason="r", anchor=anchor)
    reading = Reading(kind=MessageKind.ANSWER, offers_depth=True, thread_angles={_OFFER: []})
    b = bank()
    for seed in SEEDS:
        said = _said(move, _OFFER, reading, seed)
        assert anchor in said and said.rstrip().endswith("?"), said
        assert any(said.startswith(t.split('"')[0]) for t in b.deepen_offer), said


def test_the_weights_question_is_not_asked_when_the_candidate_said_how_they_are_tuned():
    text = (
        "The ranker predicts click and purchase separately. "
        "Product sets the mix, and we tune the weights with online experiments."
    )
    anchor = "The ranker predicts click and purchase separately"
    move = Move(
        kind=MoveKind.PROBE,
        phase=Phase.MODELING,
        reason="r",
        target="output_and_objectives",
        anchor=anchor,
    )
    reading = Reading(
        kind=MessageKind.ANSWER,
        signal_confidence={"output_and_objectives": 0.97},
        thread_angles={s: ["measure"] for s in text.split(". ")},
    )
    for seed in SEEDS:
        said = _said(move, text, reading, seed)
        assert "set the weights between those objectives" not in said, said


def test_a_move_on_after_an_answer_is_said_plainly_without_a_stock_line_quoting_them():
    """Judges read "Noted on <their words>." in front of a change of subject as a template:
    a move to the next part of the design says what comes next, and quotes nothing it does
    not ask about."""
    text = "We join each click to its order within a day. That gives us the purchase label."
    focus = "We join each click to its order within a day"
    move = Move(kind=MoveKind.ADVANCE, phase=Phase.TRAINING, reason="r", rule="covered")
    reading = Reading(kind=MessageKind.ANSWER, focus=focus)
    openers = bank().advance[Phase.TRAINING]
    for seed in SEEDS:
        said = _said(move, text, reading, seed)
        assert focus not in said and '"' not in said, said
        assert any(said.startswith(t.split("{")[0]) for t in openers), said
