"""Whether a sentence of retrieved guidance fits the problem on the card.

Guidance is written for many problems, and some of its sentences hold only in a situation:
"Balanced binary classes, ranking quality matters: ROC-AUC" is advice for balanced classes,
"the tail is what users feel" for a service users wait on. Read out as a hint on a card whose
positives are rare (it gives an imbalance fact) or whose work is a batch job nobody waits on,
such a sentence contradicts the card and misleads; another sentence of the same guidance is
said instead.
"""

from __future__ import annotations

import re

from agent.content.problems import ProblemCard

# advice for balanced classes
_BALANCED = re.compile(r"\bbalanced\b(?:\s+\w+){0,2}\s+class|\bclasses are (?:roughly )?balanced\b")
# advice for a service a user waits on: its tail latency, SLOs, time per prediction
_WAITED_ON = re.compile(
    r"\busers? (?:feel|notice|wait)|\bslos?\b|\btime per (?:prediction|request)\b|"
    r"\btail latency\b|\bp50, p95\b",
    re.IGNORECASE,
)
# a card whose work nobody waits on ("no user waiting", "no end users query this system")
_NOBODY_WAITS = re.compile(
    r"\bno (?:end )?users? (?:is )?(?:waiting|query|queries)\b|\bthere is no user waiting\b",
    re.IGNORECASE,
)


def rare_positives(card: ProblemCard) -> bool:
    """The card states how rare its positives are (an imbalance fact)."""
    return card.fact("imbalance") is not None


def nobody_waits(card: ProblemCard) -> bool:
    """The card's work is a batch job no user waits on."""
    return any(_NOBODY_WAITS.search(f.answer) for f in card.facts)


def fits_card(sentence: str, card: ProblemCard) -> bool:
    """The sentence assumes nothing the card rules out."""
    if _BALANCED.search(sentence.lower()) and rare_positives(card):
        return False
    return not (_WAITED_ON.search(sentence) and nobody_waits(card))


def fitting(sentences: list[str], card: ProblemCard) -> list[str]:
    """The sentences that fit the card, in order; all of them if none does."""
    kept = [s for s in sentences if fits_card(s, card)]
    return kept or sentences
