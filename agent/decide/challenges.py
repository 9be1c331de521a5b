"""The rules that challenge what the candidate said: a wrong claim (a misconception), and a
figure that contradicts one the interviewer gave. One function each, a Situation in, a Move
(or None: not my case) out; their order lives in agent/decide/policy.py."""

from __future__ import annotations

from agent.decide.moves import Move, MoveKind, SteerKind
from agent.decide.situation import Situation
from agent.read.numbers import NumberConflict
from agent.read.reading import MessageKind


def wrong_claim(s: Situation) -> Move | None:
    fresh = [m for m in s.reading.misconceptions if m not in s.state.challenged]
    if fresh:
        return s.steer(
            SteerKind.WRONG_CLAIM,
            f"candidate claimed something wrong ({fresh[0]}); challenge it before moving on",
            target=fresh[0],
        )
    # a claim stated while a question took the turn is an open thread: raised now, once
    still = [m for m in s.state.claims_open if m not in s.state.challenged]
    if not still or s.reading.kind != MessageKind.ANSWER:
        return None
    return s.steer(
        SteerKind.WRONG_CLAIM,
        f"earlier wrong claim ({still[0]}) left open when a question was answered; raise it",
        target=still[0],
        rule="earlier",
    )


def open_figure(s: Situation) -> NumberConflict | None:
    """A figure contradicting one the interviewer gave, not yet queried: this message's,
    else the first left open earlier."""
    raised = s.state.numbers_raised
    found = s.reading.number_conflict
    if found is not None and found.told and found.key not in raised:
        return found
    return next((c for c in s.state.numbers_open if c.key not in raised), None)


def numbers(s: Situation) -> Move | None:
    if s.reading.kind not in (MessageKind.ANSWER, MessageKind.CLARIFYING_QUESTION):
        return None
    found = s.reading.number_conflict
    if found is not None and not found.told and s.card.fact(found.topic):
        return s.move(
            MoveKind.ANSWER_CLARIFICATION,
            f"candidate assumes {found.said} where the card's {found.topic} says {found.given}; "
            "correct the assumption with the card's answer",
            target=found.topic,
            fact_topics=[found.topic],
            rule="assumption",
        )
    figure = open_figure(s)
    if figure is None:
        return None
    # a figure of this message, or one left open while another move took its turn
    earlier = figure is not found
    return s.move(
        MoveKind.PROBE,
        f"{'earlier ' if earlier else ''}the candidate works with {figure.said} where the "
        f"card's {figure.topic} says {figure.given}; point out the difference once",
        target=figure.topic,
        anchor=figure.said,
        number=figure,
        rule="earlier" if earlier else None,
    )
