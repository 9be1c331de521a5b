"""The offline voice's test setup: the shipped question bank, a speak context for a move, and
one move of each kind (tests/test_offline_voice*.py)."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.decide.state import InterviewState
from agent.ground.grounding import Grounding, RetrievedChunk
from agent.read.reading import Reading
from agent.record.transcript import Turn
from agent.settings import get_settings
from agent.speak.base import SpeakContext
from agent.speak.offline import OfflineVoice
from agent.speak.question_bank import QuestionBank, load_question_bank
from tests.support.card_reading import read_on_card

CARD_ID = "fraud-detection"


CHUNK = RetrievedChunk(
    id="guidance/data#labels",
    source="guidance/data.md",
    phase=Phase.DATA,
    title="Labels",
    text="## Labels\n\n- Labels often arrive late.\n\nDelayed labels mean the newest data "
    "looks cleaner than it is, so wait for them to mature before training. Other text.",
    score=0.9,
)


def bank() -> QuestionBank:
    return load_question_bank(get_settings().prompts_dir / "question_bank.yaml")


def context(
    move: Move, *, reading: Reading | None = None, history=(), seed=0, facts=(), card_id=CARD_ID
):
    card = load_content().problems.get(card_id)
    return SpeakContext(
        card=card,
        move=move,
        grounding=Grounding(chunks=[CHUNK], facts=[card.fact(t) for t in facts]),
        state=InterviewState(phase=move.phase, elapsed_minutes=12.0),
        phase_spec=load_content().plan.spec(move.phase),
        candidate_text="I think we should use the chargebacks as labels for training.",
        history=list(history),
        seed=seed,
        reading=reading,
    )


MOVES = [
    Move(kind=MoveKind.OPEN, phase=Phase.CLARIFY, reason="r"),
    Move(kind=MoveKind.PROBE, phase=Phase.DATA, reason="r", target="label_source"),
    Move(kind=MoveKind.PROBE, phase=Phase.DATA, reason="r"),
    Move(kind=MoveKind.HINT, phase=Phase.DATA, reason="r", target="label_source"),
    Move(kind=MoveKind.DECLINE, phase=Phase.DATA, reason="r", target="hidden_content"),
    Move(kind=MoveKind.ADVANCE, phase=Phase.FEATURES, reason="r", target="features"),
    Move(kind=MoveKind.WRAP_UP, phase=Phase.WRAP_UP, reason="r"),
    Move(kind=MoveKind.ANSWER_META, phase=Phase.DATA, reason="r", target="time_left"),
    Move(kind=MoveKind.ANSWER_CLARIFICATION, phase=Phase.CLARIFY, reason="r"),
    *[
        Move(
            kind=MoveKind.STEER,
            phase=Phase.CLARIFY,
            reason="r",
            steer=k,
            target="accuracy_on_imbalanced" if k == SteerKind.WRONG_CLAIM else "clarify",
            skipped_to=Phase.MODELING if k == SteerKind.SKIPPED_PHASE else None,
        )
        for k in SteerKind
    ],
]


def follow_up_lines(
    card_id: str,
    message: str,
    phase: Phase,
    *,
    history: tuple[Turn, ...] = (),
    target: str | None = None,
    anchored: bool = True,
    anchor: str | None = None,
    seeds: int = 6,
) -> set[str]:
    """What the offline voice says after `message`, read on the card, over several seeds: a
    follow-up on the reader's focus (or, not anchored, a probe for `target`)."""
    reading = read_on_card(message, card_id, phase)
    move = Move(
        kind=MoveKind.PROBE,
        phase=phase,
        reason="r",
        target=target,
        anchor=anchor or (reading.focus if anchored else None),
    )
    out = set()
    for seed in range(seeds):
        ctx = context(move, seed=seed, card_id=card_id, history=history).model_copy(
            update={"candidate_text": message, "reading": reading}
        )
        out.add(OfflineVoice().render(ctx))
    return out


def said_on(problem: str, phase: Phase, message: str, target: str, anchor: str | None) -> set[str]:
    """Every line the offline voice says for a probe on `target` (quoting `anchor`) after
    `message` on `problem`'s card, over several seeds."""
    reading = read_on_card(message, problem, phase)
    out = set()
    for seed in range(16):
        move = Move(kind=MoveKind.PROBE, phase=phase, reason="r", target=target, anchor=anchor)
        ctx = context(move, reading=reading, seed=seed, card_id=problem)
        out.add(OfflineVoice().render(ctx.model_copy(update={"candidate_text": message})))
    return out
