"""Which of a dimension's evidence sentences the recap quotes first.

Distinct quotes, best first: deep claims, heavier signal, stronger hit, then earlier; one per
signal first, so the evidence shows breadth. A quote a reader learns least from about the
dimension, as the shared reading sees its sentence, comes after every other (weak_quote): a
question outside the clarify phase, or a sentence of the candidate's closing recap quoted for
one part of the design. (Which sentences may never be quoted at all: quotable.py.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agent.content.phases import Phase
from agent.content.rubric import Rubric
from agent.grading.evidence import evidence_rules

if TYPE_CHECKING:
    from agent.grading.scoring import Evidence

MAX_QUOTES = 3


def closing_recap(evidence: list[Evidence]) -> frozenset[int]:
    """Orders of the sentences of the candidate's closing recap of the design: from the first
    sentence read as evidence of a recap (the end signals, credited only near the end) to the
    end of its turn, since a recap runs on past its opening line ("To sum up: ... . Labels
    from chargebacks ... . Served from Redis ...")."""
    closing = set(evidence_rules().end_signals)
    start: dict[int, int] = {}
    for e in evidence:
        if e.signal_id in closing:
            turn = e.sentence.turn
            start[turn] = min(start.get(turn, e.sentence.order), e.sentence.order)
    return frozenset(
        e.sentence.order
        for e in evidence
        if e.sentence.turn in start and e.sentence.order >= start[e.sentence.turn]
    )


def weak_quote(e: Evidence, rubric: Rubric, recap: frozenset[int] = frozenset()) -> bool:
    """A quote a reader of the recap learns least from about this dimension: a question
    outside the clarify phase (a guess put to the interviewer, "it should be fast, maybe
    under a second?", is not yet the design; asking is the evidence only when framing the
    problem), or a sentence of the candidate's closing recap (`recap`, closing_recap) quoted
    for a part of the design (it restates what the part's own statements said; the caller
    passes no recap for communication, where it is the evidence)."""
    found = e.sentence.findings
    asks = (found is not None and found.question) or e.sentence.text.rstrip().endswith("?")
    if asks:  # as the design summary counts a question (digest._is_question)
        return rubric.dimension(e.dimension_id).phase != Phase.CLARIFY
    return e.sentence.order in recap


def best_quotes(
    evidence: list[Evidence],
    rubric: Rubric,
    limit: int = MAX_QUOTES,
    recap: frozenset[int] = frozenset(),
) -> list[str]:
    """Distinct quotes, best first: deep claims, heavier signal, stronger hit, then earlier;
    a quote that only restates the design (weak_quote) after every other.

    One quote per signal first, so the evidence shows breadth; then fill up if room is left.
    """

    def key(e: Evidence) -> tuple[int, int, float, float, int, str]:
        return (
            int(weak_quote(e, rubric, recap)),
            -int(e.deep),
            -rubric.signal(e.signal_id).weight,
            -round(e.strength, 6),
            e.sentence.order,
            e.quote,
        )

    ranked = sorted(evidence, key=key)
    quotes: list[str] = []
    seen_signals: set[str] = set()
    for e in ranked:
        if e.signal_id in seen_signals or e.quote in quotes:
            continue
        seen_signals.add(e.signal_id)
        quotes.append(e.quote)
    for e in ranked:
        if e.quote not in quotes:
            quotes.append(e.quote)
    return quotes[:limit]
