"""The offline voice following up on the candidate: quoting their words and pushing on them,
the gap and angle the policy chose, never pointing back at what was not said, no question
asked again, and the steers back to the problem (the bank and the rest of the voice:
tests/test_offline_voice.py)."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, Reading
from agent.record.transcript import Turn
from agent.speak.offline import OfflineVoice
from tests.support.voice_fixtures import MOVES, bank, context


def test_a_follow_up_quotes_the_candidates_words_and_pushes_on_them():
    voice = OfflineVoice()
    move = MOVES[1].model_copy(update={"anchor": "use the chargebacks as labels"})
    said = {voice.render(context(move, seed=s)) for s in range(12)}
    pushes = set(bank().deepen_questions["label_source"])
    assert all('"use the chargebacks as labels"' in line for line in said)
    assert all(any(q in line for q in pushes) for line in said)
    plain = {voice.render(context(MOVES[1], seed=s)) for s in range(12)}  # no anchor
    assert not any("chargebacks" in line for line in plain)


def test_a_push_on_a_signal_the_reader_is_unsure_of_does_not_presume_it():
    """Read as a label source only at p=0.7, the sentence may name no label at all: the
    follow-up still quotes it, with an angle that fits any claim."""
    voice = OfflineVoice()
    move = MOVES[1].model_copy(update={"anchor": "use the chargebacks as labels"})
    unsure = Reading(kind=MessageKind.ANSWER, signal_confidence={"label_source": 0.7})
    sure = Reading(kind=MessageKind.ANSWER, signal_confidence={"label_source": 0.97})
    presuming = set(bank().deepen_questions["label_source"])
    for s in range(8):
        said = voice.render(context(move, seed=s, reading=unsure))
        assert '"use the chargebacks as labels"' in said
        assert not any(q in said for q in presuming)
        # a push that fits any decision: named in the question (decision_pushes)
        fits_any = [t.partition("{decision}") for t in bank().decision_pushes]
        assert any(h in said and t in said for h, _, t in fits_any), said
        assert any(q in voice.render(context(move, seed=s, reading=sure)) for q in presuming)


def test_an_anchor_not_in_the_candidates_message_is_never_quoted():
    voice = OfflineVoice()
    move = MOVES[1].model_copy(update={"anchor": "words the candidate never said"})
    assert not any("never said" in voice.render(context(move, seed=s)) for s in range(12))


def test_advance_into_a_phase_already_begun_asks_for_the_gap_the_policy_chose():
    move = Move(
        kind=MoveKind.ADVANCE,
        phase=Phase.EVALUATION,
        reason="r",
        target="evaluation",
        gap="time_based_split",
    )
    begun = Reading(kind=MessageKind.ANSWER, phases=[Phase.EVALUATION], signals=["holdout_split"])
    text = OfflineVoice().render(context(move, reading=begun))
    assert any(q in text for q in bank().signal_questions["time_based_split"])
    no_gap = move.model_copy(update={"gap": None})  # a phase not started: its usual opening
    text = OfflineVoice().render(context(no_gap, reading=Reading(kind=MessageKind.ANSWER)))
    assert any(text == t.format(phase_goal=ctx_goal()) for t in bank().advance[Phase.EVALUATION])


def test_a_push_never_asks_for_an_angle_the_message_already_gave():
    """The candidate gave the reason and the cost: the follow-up takes another angle (what
    could go wrong, how it is measured, the alternative), never "why?" or "what does it
    cost?" again."""
    voice = OfflineVoice()
    b = bank()
    move = MOVES[1].model_copy(update={"anchor": "use the chargebacks as labels"})
    gave = Reading(
        kind=MessageKind.ANSWER,
        signal_confidence={"label_source": 0.97},
        angles_given=["reason", "cost"],
    )
    pushes = b.deepen_questions["label_source"] + b.deepen_any
    for s in range(10):
        said = voice.render(context(move, seed=s, reading=gave))
        asked = [q for q in pushes if q in said]
        assert asked, said
        assert all(b.angles.get(q) not in ("reason", "cost") for q in asked), said


def ctx_goal() -> str:
    return load_content().plan.spec(Phase.EVALUATION).goal


def test_repeated_off_topic_gets_a_firmer_steer():
    move = next(m for m in MOVES if m.steer == SteerKind.OFF_TOPIC)
    firm = bank().firm_off_topic
    first = context(move)
    again = first.model_copy(  # the policy's firm branch (off topic again)
        update={"move": move.model_copy(update={"rule": "off_topic.firm"})}
    )
    voice = OfflineVoice()
    assert not any(voice.render(first).startswith(t.split("{")[0]) for t in firm)
    said = voice.render(again)
    assert any(said.startswith(t.split("{")[0]) for t in firm)
    # the card title reads naturally mid-sentence
    renders = [voice.render(first.model_copy(update={"seed": s})) for s in range(10)]
    assert any("on payment fraud detection" in r for r in renders)


# A question asked about something the candidate has not said yet must not point back at it
# ("Why is that loss the right fit?" when no loss was named).
_POINTS_BACK = (
    "that loss",
    "those features",
    "these features",
    "that metric",
    "that model",
    "that choice",
    "that decision",
    "these entities",
    "that feature set",
    "that data",
)


def test_questions_asked_for_a_gap_never_point_back_at_what_was_not_said():
    b = bank()
    for tag in [None, *b.for_tags]:
        worded = b if tag is None else b.with_tags([tag])
        gap_questions = [q for qs in worded.signal_questions.values() for q in qs]
        gap_questions += [q for qs in worded.phase_questions.values() for q in qs]
        for question in gap_questions:
            assert not any(p in question.lower() for p in _POINTS_BACK), (tag, question)


def test_an_image_problem_hears_about_inputs_and_preprocessing_not_users_and_items():
    """street-view-blurring is tagged computer-vision: the features phase is worded for
    images; a recommendation problem keeps the shared wording."""
    voice = OfflineVoice()
    lines = set()
    for seed in range(8):
        move = Move(kind=MoveKind.ADVANCE, phase=Phase.FEATURES, reason="time", target="features")
        lines.add(voice.render(context(move, seed=seed, card_id="street-view-blurring")))
    said = " ".join(lines).lower()
    assert "image" in said or "pixels" in said or "resolution" in said
    assert "user" not in said and "item" not in said
    shared = {
        voice.render(
            context(
                Move(kind=MoveKind.ADVANCE, phase=Phase.FEATURES, reason="time", target="features"),
                seed=seed,
            )
        )
        for seed in range(8)
    }
    assert not any("pixels" in line or "image" in line.lower() for line in shared)


def test_the_wrap_up_never_asks_for_a_summary_the_candidate_just_gave():
    """Into the wrap-up after the candidate recapped the design: the closing question asks
    something else (what they are least sure of, what would go wrong), at any time left."""
    voice = OfflineVoice()
    move = Move(kind=MoveKind.ADVANCE, phase=Phase.WRAP_UP, reason="r", target="wrap_up")
    recapped = InterviewState(
        phase=Phase.DEPLOYMENT, elapsed_minutes=40.0, signals_mentioned=["recaps_design"]
    )
    for minutes in (30.0, 40.0):
        for s in range(6):
            ctx = context(move, seed=s).model_copy(
                update={"state": recapped.model_copy(update={"elapsed_minutes": minutes})}
            )
            said = voice.render(ctx)
            assert said in bank().advance_wrap_up_summarised, said
    # without a recap, the usual closing lines (which ask for one)
    ctx = context(move).model_copy(update={"state": InterviewState(elapsed_minutes=40.0)})
    assert voice.render(ctx) in bank().advance_wrap_up_time


def test_the_note_on_long_answers_comes_with_a_follow_up_on_their_words():
    voice = OfflineVoice()
    move = MOVES[1].model_copy(
        update={"anchor": "use the chargebacks as labels", "rule": "probe.touched.concise"}
    )
    sure = Reading(kind=MessageKind.ANSWER, signal_confidence={"label_source": 0.97})
    b = bank()
    for s in range(6):
        said = voice.render(context(move, seed=s, reading=sure))
        assert '"use the chargebacks as labels"' in said, said
        assert any(said.startswith(t.split("{")[0].split(' "')[0]) for t in b.deepen_concise)
        assert any(q in said for q in b.deepen_questions["label_source"] + b.deepen_any)


def test_a_follow_up_question_of_the_last_few_turns_is_not_asked_again():
    """Pushes on different words never repeat the question itself within a few turns: once
    the messages cover every other angle and the one left was just asked (and answered),
    the interviewer lets the candidate go on (a short line that quotes nothing), rather than
    ask a covered angle or the same canned line twice in a row."""
    voice = OfflineVoice()
    b = bank()
    # the messages give a reason, a cost, a risk and an alternative: only "measure" is new
    covered = ["reason", "cost", "risk", "alternative"]
    unsure = Reading(
        kind=MessageKind.ANSWER, signal_confidence={"label_source": 0.5}, angles_given=covered
    )
    for seed in range(3):
        history: list[Turn] = []
        said_lines: list[str] = []
        for words in ("score every payment before it is authorised", "retrain the trees nightly"):
            move = MOVES[1].model_copy(update={"anchor": words, "rule": "probe.touched"})
            ctx = context(move, reading=unsure, history=history, seed=seed)
            said = voice.render(ctx.model_copy(update={"candidate_text": f"I would {words}."}))
            said_lines.append(said)
            history.append(Turn(role="interviewer", text=said, phase=move.phase, move=move))
        # the one angle left, put to the decision the words make ("every payment before it
        # is authorised") rather than as a line that fits any claim
        pushes = [q.partition("{decision}") for q in b.decision_pushes]
        first = next(q for q in pushes if q[0] in said_lines[0] and q[2] in said_lines[0])
        assert b.angles["".join(first)] == "measure"
        assert "every payment" in said_lines[0]
        assert not any(q in said_lines[1] for q in b.deepen_any), said_lines[1]
        assert said_lines[1] in b.deepen_done, said_lines[1]


def test_back_to_the_problem_names_the_part_the_candidate_was_on():
    voice = OfflineVoice()
    b = bank()
    move = Move(
        kind=MoveKind.STEER,
        phase=Phase.FEATURES,
        reason="r",
        steer=SteerKind.OFF_TOPIC,
        target=Phase.EVALUATION.value,
        rule="off_topic",
    )
    evaluation = b.phase_names[Phase.EVALUATION]
    goal = load_content().plan.spec(Phase.EVALUATION).goal.strip()
    for seed in range(6):
        said = voice.render(context(move, seed=seed))
        assert b.phase_names[Phase.FEATURES] not in said
        assert evaluation in said or goal in said, said
