"""A clarifying question's parts as the answer takes them (issue 10): each part, in the order
asked, answered with its pieces still to say, pointed back to when all it asks was said in an
earlier turn, named as open when the card does not cover it (or when what matched it was
said for another part of the same message), held when past the message's cap. Part of the
answering rules (agent/decide/answers.py).
"""

from __future__ import annotations

from agent.content.problems import piece_topic
from agent.decide.moves import PartAnswer, PartState
from agent.decide.situation import Situation

# Facts are revealed as they are asked for: one message's answer says at most this many
# pieces of the card's facts (a piece says one thing), so a question that sweeps every topic
# (or a reader taken in by one) cannot empty the card; a part whose pieces would go past it
# is held for later, whole (the first part is cut to the cap)
MAX_PIECES_PER_ANSWER = 5


def capped(pieces: list[str]) -> tuple[list[str], int]:
    """Pieces in the order asked, a fact at a time up to MAX_PIECES_PER_ANSWER (the first
    fact cut to it); and how many facts were held back."""
    out: list[str] = []
    held: list[str] = []
    for topic in dict.fromkeys(piece_topic(p) for p in pieces):
        mine = [p for p in pieces if piece_topic(p) == topic]
        if held or (out and len(out) + len(mine) > MAX_PIECES_PER_ANSWER):
            held.append(topic)
        else:
            out += mine[: MAX_PIECES_PER_ANSWER - len(out)]
    return out, len(held)


def answer_parts(s: Situation, pieces: list[str], told: set[str]) -> list[PartAnswer]:
    """The question's parts as the answer takes them, in the order asked: each answered with
    its pieces still to say (`pieces`: those the answer may say), pointed back to when all
    it asks was said before, named as open when the card does not cover it, held when past
    the cap. None when the reader gave no parts."""
    if not s.reading.asked_parts:
        return []
    allowed = set(pieces)
    out: list[PartAnswer] = []
    count = 0
    said: set[str] = set()
    for part in s.reading.asked_parts:
        mine = [p for p in part.pieces if s.card.fact(piece_topic(p)) is not None]
        if not mine:
            out.append(PartAnswer(text=part.text, state=PartState.OPEN))
            continue
        new = [p for p in mine if p in allowed and p not in said]
        if not new:
            # all it asks was said in an earlier turn: pointed back; said only for another
            # part of this message, it did not answer this one: named as open
            if any(p in told for p in mine):
                out.append(PartAnswer(text=part.text, state=PartState.TOLD, pieces=mine))
            else:
                out.append(PartAnswer(text=part.text, state=PartState.OPEN))
            continue
        if count and count + len(new) > MAX_PIECES_PER_ANSWER:
            out.append(PartAnswer(text=part.text, state=PartState.HELD))
            continue
        new = new[: MAX_PIECES_PER_ANSWER - count]
        count += len(new)
        said |= set(new)
        out.append(PartAnswer(text=part.text, state=PartState.ANSWERED, pieces=new))
    return out
