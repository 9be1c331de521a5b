"""The rule that answers a question about the problem, from the card, wherever in a message
it is asked. A question about the interview itself (time, phase, "can we move on?") has its
rule in agent/decide/about_interview.py, a request for a hint in agent/decide/hints.py. One
function each, as in rules.py; their place in the rule order is in agent/decide/policy.py.
"""

from __future__ import annotations

from agent.content.phases import Phase, phase_index
from agent.content.problems import piece_topic
from agent.decide import budget, challenges, coverage
from agent.decide.moves import Move, MoveKind, PartState, SteerKind
from agent.decide.part_answers import answer_parts, capped
from agent.decide.situation import Situation
from agent.read.reading import MessageKind

# Signals of a later phase an answer must show before the interview follows it there.
FOLLOW_SIGNALS = 2


def clarifying(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.CLARIFYING_QUESTION:
        return None
    topics = list(dict.fromkeys(t for t in s.reading.fact_topics if s.card.fact(t)))
    if not topics and s.reading.checks_in and challenges.open_figures(s):
        return None  # "is that right?" after figures the card contradicts: they are corrected
    untold = challenges.untold_figures(s)
    topics += [t for t in untold if t not in topics]  # an assumption the card contradicts too
    # a fact already given is not pasted again beside new ones (it was most likely matched
    # by a word the question shares with it); asked again on its own during the requirements
    # each part hears it again ("as I said") where it asks what was said, else it is pointed
    # back to past it (agent/decide/part_answers.py), while designing the candidate is
    # pointed back to it instead. A fact is given when the pieces asked of it were said: a
    # piece not said yet is new
    asked_pieces = _asked_pieces(s, topics)
    told = set(s.card.pieces_told(s.state.fact_topics_given, s.state.fact_pieces_given))
    fresh = [t for t in topics if any(p not in told for p in asked_pieces[t])]
    # the candidate may be designing further on while asking: the answer goes there with them
    ahead = _designing_ahead(s)
    phase = {"phase": ahead} if ahead is not None else {}
    # At an overrun the answer doubles as the "time to move on" note (see rule 7).
    side = (
        {"steer": SteerKind.OVERRUN}
        if _over_the_clock(s) and s.phase != Phase.WRAP_UP and ahead is None and _on_phase(s)
        else {}
    )
    if not topics or (not fresh and s.phase != Phase.CLARIFY):
        # a short answer: pointed back, or "state an assumption"; room to push on their words
        again = bool(topics)
        # a figure that contradicts the card (a recap asking "is this right?") is pointed
        # out instead of a push on other words
        follow = {} if challenges.open_figures(s) else _follow_up(s)
        reason = (
            f"asked again about {', '.join(topics)}, already answered: point back to it and "
            "ask for an assumption beyond it"
            if again
            else "not on the card: ask the candidate to state an assumption"
        )
        if follow:
            reason += f"; then push on what they said about {follow['target']}"
        # each part of a question the card covers none of is named as open, bar one whose
        # nearest piece was said before: said again, not called open; asked again, a part
        # that asks what was said hears it again, one that asks past it is pointed back to
        # it (agent/decide/part_answers.py): an answer once given is the answer
        opened = answer_parts(s, [], told)
        return s.move(
            MoveKind.ANSWER_CLARIFICATION,
            reason,
            rule="given" if again else "not_on_card",
            parts=opened,
            **follow,
            **phase,
            **side,
        )
    topics = fresh or topics  # in the requirements, a fact asked again is said again
    # of a fact asked again beside new ones, only its pieces not said yet; in the order asked
    pieces = [p for t in topics for p in asked_pieces[t] if t not in fresh or p not in told]
    parts = answer_parts(s, pieces, told)
    if parts:
        pieces = [p for a in parts if a.state == PartState.ANSWERED for p in a.pieces]
        # a figure the card contradicts is corrected with the whole fact, as before pieces;
        # of a fact partly told, with the pieces holding the figures the candidate missed
        wrong = challenges.contradicted_pieces(s)
        given = set(s.state.fact_topics_given)
        every = [
            p
            for t in untold
            if (f := s.card.fact(t))
            for p in f.piece_ids()
            if t not in given or p in wrong
        ]
        pieces += [p for p in every if p not in pieces]
        held = sum(1 for a in parts if a.state == PartState.HELD)
    else:
        pieces, held = capped(pieces)
    said = {piece_topic(p) for p in pieces}
    topics = [t for t in topics if t in said]
    if not topics:  # no part gets a piece now: told before, or open
        again = any(a.state in (PartState.TOLD, PartState.BEYOND) for a in parts)
        return s.move(
            MoveKind.ANSWER_CLARIFICATION,
            f"asked again about {', '.join(asked_pieces)}, already answered"
            if again
            else "not on the card: ask the candidate to state an assumption",
            rule="given" if again else "not_on_card",
            parts=parts,
            **phase,
            **side,
        )
    reason = f"answer from the card: {', '.join(topics)}"
    if held:
        reason += f"; {held} more asked at once: take them one at a time"
    if s.reading.unanswerable:
        reason += "; the rest is not on the card: ask for an assumption"
    variant = "capped" if held else "partial" if s.reading.unanswerable else None
    corrected: list[str] = []
    if set(untold) & set(topics):  # the answer corrects a figure: said as a correction
        variant = "corrects"
        corrected = [c.key for c in s.reading.number_conflicts if not c.told and c.topic in topics]
    return s.move(
        MoveKind.ANSWER_CLARIFICATION,
        reason,
        target=topics[0],
        fact_topics=topics,
        fact_pieces=pieces,
        parts=parts,
        rule=variant,
        numbers_answered=list(dict.fromkeys(corrected)),
        **phase,
        **side,
    )


def _asked_pieces(s: Situation, topics: list[str]) -> dict[str, list[str]]:
    """Per fact, the pieces the question asks for (all of them where the reader named none:
    a fact asked for whole, or an assumption the card contradicts)."""
    out: dict[str, list[str]] = {}
    for topic in topics:
        fact = s.card.fact(topic)
        every = fact.piece_ids() if fact is not None else []
        named = [p for p in s.reading.fact_pieces if p in every]
        # and the pieces holding a figure the candidate assumed wrongly: "assume 10M SKUs"
        # beside a question the rate answers is corrected with the catalogue's piece
        wrong = [p for p in challenges.contradicted_pieces(s) if p in every]
        out[topic] = list(dict.fromkeys([*named, *wrong])) if named else every
    return out


def _over_the_clock(s: Situation) -> bool:
    """The phase ran long by the clock and the candidate was not told yet in this phase: a
    time note is only said when the minutes say so (many short questions in a phase that is
    on schedule are no reason to hurry), and once per phase (said again beside the next
    answers it is the same line over and over; a phase entered anew may be told again)."""
    return s.overrun and not s.state.overrun_warned and budget.over_minutes(s.state, s.spec, s.plan)


def _follow_up(s: Situation) -> dict[str, str]:
    """A short answer ("not specified, assume") to a question asked inside a design answer
    leaves room to push on what that answer said: the signal and the candidate's words. A
    wrong claim stated in the same message outranks that push: the answer then challenges
    it (policy._with_thread), rather than asking a stock follow-up beside it."""
    if s.claims_to_raise(earlier=False):
        return {}
    touched = None if s.phase == Phase.WRAP_UP or s.overrun else s.touched()
    return {"target": touched[0], "anchor": touched[1]} if touched else {}


def _on_phase(s: Situation) -> bool:
    """The message talks about the phase the interview is in (or about nothing in
    particular): only then is a "this phase ran long" note about what the candidate does."""
    talked = coverage.dominant_phase(s.reading, s.rubric, at_least=1)
    return talked is None or talked == s.phase


def _designing_ahead(s: Situation) -> Phase | None:
    """The later design phase a message that also asks something is mostly about (at least
    FOLLOW_SIGNALS of its signals), once the requirements were heard: the phase the candidate
    has moved on to while asking."""
    if s.phase == Phase.WRAP_UP or not coverage.requirements_heard(s.state, s.rubric):
        return None
    ahead = coverage.dominant_phase(s.reading, s.rubric, at_least=FOLLOW_SIGNALS)
    if ahead is None or phase_index(ahead) <= phase_index(s.phase):
        return None
    return ahead
