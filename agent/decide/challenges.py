"""The rules that challenge what the candidate said: a wrong claim (a misconception), and a
figure that contradicts one the interviewer gave. One function each, a Situation in, a Move
(or None: not my case) out; their order lives in agent/decide/policy.py."""

from __future__ import annotations

from agent.decide.moves import Move, MoveKind, SteerKind
from agent.decide.situation import Situation
from agent.read.numbers import NumberConflict
from agent.read.reading import MessageKind

# One message corrects at most this many assumed figures (as MAX_FACTS_PER_ANSWER caps
# the facts a question opens).
MAX_CORRECTED_FACTS = 2


def wrong_claim(s: Situation) -> Move | None:
    fresh = [m for m in s.reading.misconceptions if m not in s.state.challenged]
    if fresh:
        return s.steer(
            SteerKind.WRONG_CLAIM,
            f"candidate claimed something wrong ({fresh[0]}); challenge it before moving on",
            target=fresh[0],
            anchor=s.reading.claim_quotes.get(fresh[0]),  # the statement it quotes
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
        anchor=s.state.claim_quotes.get(still[0]),
    )


def open_figure(s: Situation) -> NumberConflict | None:
    """A figure contradicting one the interviewer gave, not yet queried: this message's,
    else the first left open earlier."""
    raised = s.state.numbers_raised
    fresh = [c for c in s.reading.number_conflicts if c.told and c.key not in raised]
    return next((c for c in [*fresh, *s.state.numbers_open] if c.key not in raised), None)


def untold_figures(s: Situation) -> list[str]:
    """The card facts not given yet that a figure of this message contradicts ("I'll
    assume 15 million trips a day and a 50 ms p99"): answered together, at most
    MAX_CORRECTED_FACTS of them."""
    given = set(s.state.fact_topics_given)
    topics = [
        c.topic
        for c in s.reading.number_conflicts
        if not c.told and c.topic not in given and s.card.fact(c.topic)
    ]
    return list(dict.fromkeys(topics))[:MAX_CORRECTED_FACTS]


def numbers(s: Situation) -> Move | None:
    if s.reading.kind not in (MessageKind.ANSWER, MessageKind.CLARIFYING_QUESTION):
        return None
    topics = untold_figures(s)
    if topics:
        wrong = [c for c in s.reading.number_conflicts if c.topic in topics]
        said = "; ".join(f"{c.said} where the card's {c.topic} says {c.given}" for c in wrong)
        return s.move(
            MoveKind.ANSWER_CLARIFICATION,
            f"candidate assumes {said}; correct the assumption with the card's answer",
            target=topics[0],
            fact_topics=topics,
            rule="assumption",
        )
    figure = open_figure(s)
    if figure is None:
        return None
    # a figure of this message, or one left open while another move took its turn
    earlier = figure not in s.reading.number_conflicts
    return s.move(
        MoveKind.PROBE,
        f"{'earlier ' if earlier else ''}the candidate works with {figure.said} where the "
        f"card's {figure.topic} says {figure.given}; point out the difference once",
        target=figure.topic,
        anchor=figure.said,
        number=figure,
        rule="earlier" if earlier else None,
    )
