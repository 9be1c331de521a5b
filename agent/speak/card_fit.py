"""Whether a sentence of retrieved guidance fits the problem on the card.

Guidance is written for many problems, and some of its sentences hold only in a situation:
"Balanced binary classes, ranking quality matters: ROC-AUC" is advice for balanced classes,
"the tail is what users feel" for a service users wait on. Read out as a hint on a card whose
positives are rare (it gives an imbalance fact) or whose work is a batch job nobody waits on,
such a sentence contradicts the card and misleads; another sentence of the same guidance is
said instead. So is a sentence about the traffic of queries ("the top 1% of queries") on a
card whose requests are no queries (a list computed per member, a transaction to score). A
sentence that names the hint's subject in the subject's own distinctive word ("calibrated"
for calibration) is preferred to a look-alike (`name_stems`).
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


# advice about query traffic: what users type, its distribution, repeated queries
_QUERIES = re.compile(r"\bquer(?:y|ies)\b", re.IGNORECASE)
# cards whose requests are queries a user types or sends (search, retrieval by example)
_QUERY_TAGS = frozenset({"search", "retrieval", "learning-to-rank"})


def queries_served(card: ProblemCard) -> bool:
    """The card's requests are queries (a search or retrieval problem)."""
    return bool(_QUERY_TAGS & set(card.tags)) or card.ml_task == "retrieval"


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
    if _QUERIES.search(sentence) and not queries_served(card):
        return False
    return not (_WAITED_ON.search(sentence) and nobody_waits(card))


def fitting(sentences: list[str], card: ProblemCard) -> list[str]:
    """The sentences that fit the card, in order; all of them if none does."""
    kept = [s for s in sentences if fits_card(s, card)]
    return kept or sentences


# How much a sentence that names the hint's subject in its own words counts, beside its
# closeness in meaning: "calibration error" for a hint on calibration, not a look-alike
# sentence about accuracy from the same metrics section
NAME_WEIGHT = 0.15
# words of signal ids too common to say what a sentence is about
_PLAIN_ID_WORDS = frozenset(
    (
        *("metric", "metrics", "choice", "aware", "features", "design", "offline", "online"),
        *("system", "based", "analysis", "training", "model", "family", "output", "objectives"),
        *("function", "tradeoffs", "groups", "quality", "source", "strategy", "alignment"),
    )
)


def name_stems(signal: str) -> list[str]:
    """Stems of the distinctive words of a signal's id ("calibration" -> "calibr")."""
    return [w[:6] for w in signal.split("_") if len(w) >= 5 and w not in _PLAIN_ID_WORDS]
