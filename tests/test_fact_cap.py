"""One message's answer says at most MAX_PIECES_PER_ANSWER pieces of the card's facts, however
many topics it sweeps: facts are revealed as they are asked for, never the whole card at
once, and the cap counts what is said (pieces), not facts of any length."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.content.problems import piece_topic
from agent.decide.moves import MoveKind, PartState
from agent.decide.part_answers import MAX_PIECES_PER_ANSWER
from agent.interview import Interview
from agent.read.reading import AskedPart, MessageKind
from tests.support.policy_fixtures import CARD, decide_after, reading, state_in


def test_policy_says_at_most_the_cap_in_pieces() -> None:
    topics = [f.topic for f in CARD.facts]
    pieces = [p for f in CARD.facts for p in f.piece_ids()]
    assert len(pieces) > MAX_PIECES_PER_ANSWER
    move = decide_after(
        state_in(Phase.CLARIFY),
        reading(MessageKind.CLARIFYING_QUESTION, fact_topics=topics, fact_pieces=pieces),
    )
    assert move.kind == MoveKind.ANSWER_CLARIFICATION
    assert 0 < len(move.fact_pieces) <= MAX_PIECES_PER_ANSWER
    # whole facts in the order asked: the first facts, none cut but the first
    told = list(dict.fromkeys(piece_topic(p) for p in move.fact_pieces))
    assert told == topics[: len(told)]
    assert move.rule == "clarifying.capped"


def test_parts_past_the_cap_are_held_whole_and_named() -> None:
    fact = CARD.facts
    parts = [AskedPart(text=f"What about {f.topic}?", pieces=f.piece_ids()) for f in fact]
    move = decide_after(
        state_in(Phase.CLARIFY),
        reading(
            MessageKind.CLARIFYING_QUESTION,
            fact_topics=[f.topic for f in fact],
            fact_pieces=[p for f in fact for p in f.piece_ids()],
            asked_parts=parts,
        ),
    )
    assert len(move.fact_pieces) <= MAX_PIECES_PER_ANSWER
    states = [p.state for p in move.parts]
    assert states[0] == PartState.ANSWERED
    assert PartState.HELD in states
    # a held part says none of its pieces
    held = [p for p in move.parts if p.state == PartState.HELD]
    assert not any(p.pieces for p in held)
    assert move.rule == "clarifying.capped"


def test_a_sweeping_question_says_no_more_than_the_cap_and_only_what_the_move_lists() -> None:
    interview = Interview("fraud-detection", seed=7)
    interview.start()
    reply = interview.respond(
        "How many transactions per second at peak, what is the latency budget, how do we get "
        "labels, what is the fraud rate, what share of declines may hit good customers, and "
        "what privacy rules apply?"
    )
    turn = interview.transcript.turns[-1]
    assert turn.move is not None and turn.move.kind == MoveKind.ANSWER_CLARIFICATION
    assert len(turn.move.fact_pieces) <= MAX_PIECES_PER_ANSWER
    card = interview.card
    said = set(turn.move.fact_pieces)
    # no piece beyond those the move lists is read out
    for f in card.facts:
        for pid, text in zip(f.piece_ids(), f.pieces, strict=True):
            if pid not in said:
                assert text not in reply
    # a part past the cap is named to be asked again, never read out
    for part in turn.move.parts:
        if part.state == PartState.HELD:
            assert not part.pieces
