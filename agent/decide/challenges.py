"""The rules that challenge what the candidate said: a wrong claim (a misconception), and a
figure that contradicts one the interviewer gave. One function each, a Situation in, a Move
(or None: not my case) out; their order lives in agent/decide/policy.py."""

from __future__ import annotations

import re

from agent.decide.moves import Move, MoveKind, SteerKind
from agent.decide.situation import RECAP_SIGNAL, Situation
from agent.read.freshness import STALENESS
from agent.read.numbers import REQUIREMENT_KINDS, NumberConflict
from agent.read.reading import MessageKind, MetaTopic
from agent.read.targets import TARGET

# One message corrects at most this many assumed figures (as MAX_PIECES_PER_ANSWER caps
# what a question opens).
MAX_CORRECTED_FACTS = 2
# One reply points out at most this many figures, of at most MAX_CORRECTED_FACTS facts: a
# sizing that gets the views a day, the request rate and the budget wrong hears all three at
# once, not the third on the next turn in place of the candidate's next point; any more stay
# open threads (InterviewState.numbers_open), raised on a later turn
MAX_POINTED_OUT = 3


def wrong_claim(s: Situation) -> Move | None:
    fresh = s.claims_to_raise(earlier=False)
    if fresh:
        return s.steer(
            SteerKind.WRONG_CLAIM,
            f"candidate claimed something wrong ({fresh[0]}); challenge it before moving on",
            target=fresh[0],
            anchor=s.reading.claim_quotes.get(fresh[0]),  # the statement it quotes
        )
    # a claim stated while a question took the turn is an open thread: raised now, once
    still = s.claims_to_raise()
    if not still or s.reading.kind != MessageKind.ANSWER:
        return None
    return s.steer(
        SteerKind.WRONG_CLAIM,
        f"earlier wrong claim ({still[0]}) left open when a question was answered; raise it",
        target=still[0],
        rule="earlier",
        anchor=s.state.claim_quotes.get(still[0]),
    )


def defended_claim(s: Situation) -> Move | None:
    """A challenged claim stated again ("about the random split... I think it's fine"): a
    defence that restates the mistake is not accepted; the right practice is said, once.
    Ranked after the order steer: a message that also jumps ahead is steered first."""
    defended = [
        m
        for m in s.reading.misconceptions
        if m in s.state.challenged
        and m not in s.state.claims_pressed
        and not _NEGATED.search(s.reading.claim_quotes.get(m, ""))
    ]
    if not defended or s.reading.kind != MessageKind.ANSWER:
        return None
    return s.steer(
        SteerKind.WRONG_CLAIM,
        f"candidate defends a claim already challenged ({defended[0]}) by restating it; "
        "do not accept it: say plainly what the right practice is, once",
        target=defended[0],
        anchor=s.reading.claim_quotes.get(defended[0]),
    )


# a statement negated in itself ("we shouldn't stop as soon as it looks significant") or
# weighing the mistake against something better ("yes, that is better than accuracy") does
# not defend the mistake whose words the model reads in it
_NEGATED = re.compile(
    r"\b(?:not|never|no|shouldn't|don't|doesn't|won't|can't|avoid|better than|instead of|"
    r"rather than|misleading|wrong)\b|n't\b",
    re.I,
)


def open_figure(s: Situation) -> NumberConflict | None:
    """The first of open_figures()."""
    found = open_figures(s)
    return found[0] if found else None


def open_figures(s: Situation) -> list[NumberConflict]:
    """Figures contradicting ones the interviewer gave, pointed out together (at most
    MAX_POINTED_OUT, of MAX_CORRECTED_FACTS facts): this message's not yet queried, else
    those left open earlier; and this message's figures of a card figure corrected before
    (held()): a correction holds for the rest of the interview, so a figure that still
    contradicts it is corrected once more (again=True), plainly, once per figure as said,
    and again in a closing summary (_closing()). Not when the message also says the card's
    figure (right_said), nor when it was said in the very message after the correction
    unless the design rests on it (NumberConflict.builds: a sizing built on it): the
    correction had not been heard yet.
    A latency comes back only where the design rests on it (a plan over the card's budget,
    a question asked in its terms, a summary): a wrong budget restated beside a plan that
    fits the card's is not corrected again. A metric bar under the card's floor comes back
    as a requirement does, once per figure as said."""
    raised = s.state.numbers_raised
    said = [c for c in s.reading.number_conflicts if c.told]
    fresh = [c for c in said if c.key not in raised]
    if not fresh:
        fresh = [c for c in s.state.numbers_open if c.key not in raised][:1]
    again = [
        c.model_copy(update={"again": True})
        for c in said
        if c.key in raised
        and _held_again(c, s)
        and (c.restatement not in s.state.numbers_restated or _closing(s))
        and not c.right_said
        and c.kind != STALENESS  # a staleness requirement is queried once
    ]
    found = list({c.kind_key: c for c in [*fresh, *again]}.values())
    if found and found[0].kind == STALENESS:  # asked on its own, not read out with figures
        return found[:1]
    found = [c for c in found if c.kind != STALENESS]
    facts = list(dict.fromkeys(c.topic for c in found))[:MAX_CORRECTED_FACTS]
    return [c for c in found if c.topic in facts][:MAX_POINTED_OUT]


def _held_again(c: NumberConflict, s: Situation) -> bool:
    """A figure of a corrected card figure, said again, is corrected once more: where the
    design rests on it, in a question asked in its terms ("given the 150 ms total, what
    does the model get?"), in a closing summary, and (a count or a rate) wherever it is
    used after the correction had its turn, or at once when it is a requirement the design
    is sized on (a request rate, a user count: "requirements: about 12k QPS at peak"). An
    order of magnitude ("billions of items") only where the design builds on it. A figure
    the candidate says back wrong in acknowledging the correction just given ("Right, so
    we have 200 ms to play with" after 300 ms) misheard it: corrected at once."""
    if c.builds:
        return True
    if c.misheard and c.key in s.state.numbers_just_raised:
        return True  # the figure just given, said back wrong: corrected once more at once
    if c.vague:  # an order of magnitude in passing ("with millions of daily players")
        return False
    if _closing(s) or s.reading.kind == MessageKind.CLARIFYING_QUESTION:
        return True
    if c.kind == "ms":
        return False
    # a metric bar below the card's floor is a requirement too: designed for again ("tuned
    # to hit 99 percent for plates" right after 99.5% was given), it was not taken in
    return c.kind in (*REQUIREMENT_KINDS, TARGET) or c.key not in s.state.numbers_just_raised


# a summary of the whole design names this many phases of the template or more
SUMMARY_PHASES = 4


def _closing(s: Situation) -> bool:
    """A summary of the whole design (or one that ends "any questions for me?"): the design
    it states is the one it ends on, so a corrected figure in it is named even if it was
    already corrected twice. A message that speaks of most of the template's phases is one,
    whatever words it opens with: the phases of what it credits, or of what it mentions (a
    recap names each part in a few words, below the bar that credits a signal: "To
    summarise. ... Serving at around 15k QPS peak ... Monitoring covers ...")."""
    return (
        RECAP_SIGNAL in s.reading.signals
        or s.reading.meta == MetaTopic.INVITATION
        or len(set(s.reading.phases)) >= SUMMARY_PHASES
        or len({p for p in map(s.design_phase, s.reading.signals_mentioned) if p}) >= SUMMARY_PHASES
    )


def untold_figures(s: Situation) -> list[str]:
    """The card facts not given yet that a figure of this message contradicts ("I'll
    assume 15 million trips a day and a 50 ms p99"): answered together, at most
    MAX_CORRECTED_FACTS of them."""
    return list(dict.fromkeys(c.topic for c in _untold(s)))[:MAX_CORRECTED_FACTS]


def untold_pieces(s: Situation) -> list[str]:
    """Of the facts untold_figures() answers, the pieces holding the figures when the fact
    was partly told already ("latency" answered with the stage estimates, the page's
    target never said): only those are said, not the pieces the candidate heard."""
    given = set(s.state.fact_topics_given)
    topics = untold_figures(s)
    return list(
        dict.fromkeys(
            c.piece for c in _untold(s) if c.topic in topics and c.topic in given and c.piece
        )
    )


def contradicted_pieces(s: Situation) -> list[str]:
    """The card pieces holding a figure the message contradicts that the candidate never
    heard (NumberConflict.piece), in the message's order."""
    return list(dict.fromkeys(c.piece for c in _untold(s) if c.piece))


def _untold(s: Situation) -> list[NumberConflict]:
    """The message's figures that contradict a card figure the candidate never heard: of a
    fact not given, or of a piece of a given fact that no answer said."""
    given = set(s.state.fact_topics_given)
    told = set(s.card.pieces_told(s.state.fact_topics_given, s.state.fact_pieces_given))
    return [
        c
        for c in s.reading.number_conflicts
        if not c.told
        and s.card.fact(c.topic)
        and (c.topic not in given or (c.piece and c.piece not in told))
    ]


def _pair(c: NumberConflict) -> str:
    if c.kind != STALENESS:
        return f"{c.said} where the card's {c.topic} says {c.given}"
    whose = "the candidate's own" if c.topic == "requirement" else f"the card's {c.topic}"
    return (
        f"a design that lets data get stale ('{c.said}') where {whose} requirement says '{c.given}'"
    )


def numbers(s: Situation) -> Move | None:
    if s.reading.kind not in (MessageKind.ANSWER, MessageKind.CLARIFYING_QUESTION):
        return None
    topics = untold_figures(s)
    if topics:
        wrong = [c for c in s.reading.number_conflicts if c.topic in topics]
        said = "; ".join(f"{c.said} where the card's {c.topic} says {c.given}" for c in wrong)
        # a figure of a fact already given, contradicted in the same message, is pointed
        # out with the correction rather than left for later
        told = open_figures(s)
        also = f"; then point out {told[0].said} against {told[0].given}" if told else ""
        return s.move(
            MoveKind.ANSWER_CLARIFICATION,
            f"candidate assumes {said}; correct the assumption with the card's answer{also}",
            target=topics[0],
            fact_topics=topics,
            fact_pieces=untold_pieces(s),
            # the assumed figures are corrected by this answer: not queried again later
            numbers_answered=list(dict.fromkeys(c.key for c in wrong)),
            rule="assumption",
            number=told[0] if told else None,
            more_numbers=told[1:],
        )
    return figures_raised(s)


def figures_raised(s: Situation) -> Move | None:
    """A probe that points out the open figures (open_figures()), or None when none is."""
    found = open_figures(s)
    if not found:
        return None
    figure = found[0]
    # a figure of this message, or one left open while another move took its turn; one
    # said again after it was queried is corrected plainly
    earlier = figure not in s.reading.number_conflicts and not figure.again
    pairs = "; ".join(_pair(c) for c in found)
    how = "correct it once more with the right figure" if figure.again else "point it out once"
    return s.move(
        MoveKind.PROBE,
        f"{'earlier ' if earlier else ''}the candidate works with {pairs}; {how}",
        target=figure.topic,
        anchor=figure.said,
        number=figure,
        more_numbers=found[1:],
        rule="earlier" if earlier else "again" if figure.again else None,
    )
