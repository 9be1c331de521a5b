"""A clarifying question's parts as the answer takes them (issue 10): one assignment of the
message's parts to the card's pieces, from which the whole reply is composed, so that no
part is named as open while the same reply (or the interview so far) gives its answer.

Each part, in the order asked, is answered with its pieces still to say; one whose pieces
this reply says for another part is covered by that line (no line of its own, never named
as open); one all of whose pieces were said in an earlier turn hears them again ("as I
said, ..."), so a pointer back is never made to something not said, when it asks what
they say (it is near one of them, or names their fact by a cue phrase); else it asks past
them and is pointed back to the fact by its subject, the rest left to an assumption (a card
sentence is read out once per interview as an answer, never again as the answer to another
question); one past the message's cap is held. A part the fact matcher tied to no piece is
named as open, unless its nearest piece by meaning (agent/read/pieces.py) is one this reply
says (covered) or one said before (said again, only when the matcher finds its fact
plausible: NEAR_MATCH_BAR), at least CONSISTENT_BAR near; a part the matcher nearly ties to
a fact this reply says (SURE_NEAR_MATCH), or a terse one whose nearest piece this reply says
and whose fact the matcher finds plausible, is covered by it: the matcher alone decides which
facts are given for the first time, the nearness only keeps the reply from contradicting
what is said.
Part of the answering rules (agent/decide/answers.py).
"""

from __future__ import annotations

from agent.content.problems import piece_topic
from agent.decide.moves import PartAnswer, PartState
from agent.decide.situation import Situation
from agent.read.reading import AskedPart

# Facts are revealed as they are asked for: one message's answer says at most this many
# pieces of the card's facts (a piece says one thing), so a question that sweeps every topic
# (or a reader taken in by one) cannot empty the card; a part whose pieces would go past it
# is held for later, whole (the first part is cut to the cap)
MAX_PIECES_PER_ANSWER = 5
# how near (MiniLM cosine) a part no fact matched must be to a piece said in this reply or
# before for that piece to count as its answer, rather than naming the part as open. Chosen
# on the hand-labelled clarification turns of test15-1 and test16-1 (bench/part_labels,
# dev): see bench/part_answers.py's contradictions count
CONSISTENT_BAR = 0.6
# nearness shares words as readily as meaning ("how fast do users click after they see the
# ad?" is 0.65 from the request volume): a piece said in an earlier reply is said again for
# the nearest part only when the fact matcher also gives its fact at least this probability
# of being what the part asks (below the bars that give a fact for the first time). A piece
# this reply says covers its nearest part on nearness alone: the reply shows the piece, and
# "how often do they open the feed?" (0.62 from the daily users "each opening the feed ten
# times a day", matcher 0.23) is not called open beside it. Checked on the dev turns of
# test15-1 and test16-1 (bench/part_answers.py)
NEAR_MATCH_BAR = 0.5
# a part too short to be near anything ("Users?" beside "QPS? Latency?") whose fact the matcher
# nearly gives (below its own bar) is covered by that fact's piece when this reply says it,
# whatever its nearness: never named as open beside it. Only this reply: on the dev turns, a
# pointer back to an earlier reply on this ground gave the wrong fact (the driver app's offer
# for "is the ETA shown to the rider in scope?")
SURE_NEAR_MATCH = 0.8
# a part of at most this many words ("Users?") is too short for its nearness to say what it
# asks: where the matcher finds the fact of its nearest piece plausible (NEAR_MATCH_BAR) and
# this reply says that piece, it is covered by it. A longer part far from the piece ("and what
# infrastructure exists?" beside the existing model) asks something the piece does not say
TERSE_WORDS = 2


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
    """The question's parts as the answer takes them, in the order asked (see the module's
    docstring; `pieces`: those the answer may say for the first time, `told`: the pieces
    said in earlier turns). None when the reader gave no parts."""
    asked = s.reading.asked_parts
    if not asked:
        return []
    allowed = set(pieces)
    out: list[PartAnswer | None] = [None] * len(asked)
    count = 0
    said: set[str] = set()
    # first the parts the matcher tied to pieces, so that what the reply says is known
    # before a part without one is named as open
    for i, part in enumerate(asked):
        mine = [p for p in part.pieces if s.card.fact(piece_topic(p)) is not None]
        if not mine:
            continue
        # a piece said in an earlier turn is never read out again as if new: the part that
        # asks for it again is pointed back to it (an answer once given is the answer)
        new = [p for p in mine if p in allowed and p not in said and p not in told]
        if not new:
            out[i] = _settled(part, mine, said, told)
            continue
        if count and count + len(new) > MAX_PIECES_PER_ANSWER:
            out[i] = PartAnswer(text=part.text, state=PartState.HELD)
            continue
        new = new[: MAX_PIECES_PER_ANSWER - count]
        count += len(new)
        said |= set(new)
        out[i] = PartAnswer(text=part.text, state=PartState.ANSWERED, pieces=new)
    for i, part in enumerate(asked):
        if out[i] is None:
            near = nearest(part)
            # a piece said before is pointed back to ("as I said") only when the matcher
            # finds its fact plausible; one the matcher only nearly gives, never
            again = told if near and plausible(part) else set()
            out[i] = _settled(part, near or nearly(part), said, again)
    return [a for a in out if a is not None]


def nearly(part: AskedPart) -> list[str]:
    """The nearest of the part's near pieces whose fact the matcher nearly gives
    (SURE_NEAR_MATCH), else, for a terse part (TERSE_WORDS), its nearest piece when the
    matcher finds that piece's fact plausible (NEAR_MATCH_BAR), else none. Only a piece this
    reply says covers a part this way: the two views agree on it, and calling the part open
    beside the line that says it would contradict the reply ("QPS? Users?" answered with the
    daily users for the first)."""
    sure = [q for q, m in zip(part.near, part.near_match, strict=False) if m >= SURE_NEAR_MATCH]
    if sure:
        return sure[:1]
    terse = len(part.text.split()) <= TERSE_WORDS
    if terse and part.near and part.near_match and part.near_match[0] >= NEAR_MATCH_BAR:
        return part.near[:1]
    return []


def nearest(part: AskedPart) -> list[str]:
    """The part's nearest piece when it is at least CONSISTENT_BAR near (else none)."""
    if part.near and part.nearness and part.nearness[0] >= CONSISTENT_BAR:
        return part.near[:1]
    return []


def plausible(part: AskedPart) -> bool:
    """The fact matcher finds the nearest piece's fact plausible, NEAR_MATCH_BAR (a reading
    recorded before the matcher's scores were kept is taken on nearness alone)."""
    return not part.near_match or part.near_match[0] >= NEAR_MATCH_BAR


def _settled(part: AskedPart, mine: list[str], said: set[str], told: set[str]) -> PartAnswer:
    """A part with nothing new to say: covered by this reply's line for another part, said
    again from an earlier turn when it asks what that piece says (at least CONSISTENT_BAR
    near it, or naming its fact: `AskedPart.names_fact`), pointed back to past it when it
    asks something the piece does not say (BEYOND: the fact was given, so it is never called
    "not specified", nor is the same card sentence read out again as its answer), or else
    named as open."""
    text = part.text
    if any(p in said for p in mine):
        return PartAnswer(text=text, state=PartState.COVERED, pieces=[p for p in mine if p in said])
    before = [p for p in mine if p in told]
    if not before:
        return PartAnswer(text=text, state=PartState.OPEN)
    if part.names_fact or any(near_to(part, p) >= CONSISTENT_BAR for p in before):
        return PartAnswer(text=text, state=PartState.TOLD, pieces=before)
    return PartAnswer(text=text, state=PartState.BEYOND, pieces=before)


def near_to(part: AskedPart, piece: str) -> float:
    """The part's cosine with one piece, where it is among the part's nearest (else 0: not
    near). A reading recorded before the nearest pieces were kept is taken as near."""
    if not part.near:
        return 1.0
    return next((c for q, c in zip(part.near, part.nearness, strict=False) if q == piece), 0.0)
