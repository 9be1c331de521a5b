"""Where a claim stands in its sentence: proposed, rejected, only weighed, or asked about.

A sentence often names an option only to set it aside, and then says the real plan:
"If I only train on approved traffic, the model forgets what it blocked, so I'd keep an
exploration holdout"; "we could score at request time, but no, too slow"; "Random split -
no. Time split."; "I would not use accuracy for anything". The option named there is not
the candidate's plan: a follow-up that asks how they would monitor it, or where it breaks,
treats a rejected option as their choice. The stance is read per claim (the words a
follow-up would quote), from the structure of the clause the claim sits in, not from what
the claim names:

- ASKS: the claim's sentence is a direct question (agent/understanding/asking.py), or its
  clause ends in a question mark;
- REJECTS: a negation governs the claim's clause before it ("not", "never", "no", "n't",
  "without", "instead of", "rather than"), or the clause is answered "no" right after it
  ("X? No.", "X - no", "X: not needed"), or it is a concession the next clause turns down
  ("we could X, but that is too slow / but no / but instead ...");
- WEIGHS: the claim is in the condition of a conditional ("if we X, ...", "when I X, ...",
  "suppose we X"): a case being reasoned about, not a decision;
- PROPOSES: anything else.

Only PROPOSES is the candidate's plan (`is_plan`). The reader's follow-up choice and the
decision a push names consult it, so the voice and anything grading the same words read
the same stance.
"""

from __future__ import annotations

import re
from enum import StrEnum

from agent.understanding.asking import asks


class Stance(StrEnum):
    PROPOSES = "proposes"
    REJECTS = "rejects"
    WEIGHS = "weighs"
    ASKS = "asks"


# where a clause ends inside a sentence (the claim's clause is read between two of these)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\s[-\u2013]\s|\.\s|\?\s|!\s|\bbut\b|\bso\b|\bthen\b")
# a negation that governs what follows it in its clause
_NEGATION = re.compile(
    r"\b(?:not|never|no|without|nor|instead of|rather than|avoid|skip|drop|forget)\b|n't\b",
    re.IGNORECASE,
)
# a negation inside the claim's own head ("I would not use accuracy"); "rather than X"
# there sets X, not the claim, aside ("Hash sharding rather than by topic")
_HEAD_NEGATION = re.compile(r"\b(?:not|never|no|without|nor)\b|n't\b", re.IGNORECASE)
# words that open the condition of a conditional
_CONDITION = re.compile(
    r"\b(?:if|when|whenever|unless|suppose|supposing|assuming|were we to|in case)\b",
    re.IGNORECASE,
)
# a "no" that answers the option right after it: "X? No.", "X - no", "X: not needed"
_ANSWERED_NO = re.compile(
    r"^\s*(?:\?|[-\u2013:,.(]|\u2014)?\s*\(?(?:no\b|nope\b|not\b|never\b|bad idea|won't work|"
    r"doesn't work|wouldn't work|too (?:slow|expensive|costly|stale|risky))",
    re.IGNORECASE,
)
# a concession: the option put as a possibility ("we could X", "one option is X")
_CONCESSION = re.compile(
    r"\b(?:could|might|one option is|an option is|the obvious (?:thing|option) is|"
    r"the naive (?:thing|way|approach) is|naively)\b",
    re.IGNORECASE,
)
# the clause after a concession's "but" turns it down: a negation, "too ...", an "instead"
_TURNED_DOWN = re.compile(
    r"^\s*(?:,\s*)?but\b[^.;!?]*?(?:\b(?:no|not|never|instead|rather|too)\b|n't\b)",
    re.IGNORECASE,
)


def clause_start(sentence: str, at: int) -> int:
    """Where the clause holding position `at` of the sentence begins."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)]
    return starts[-1] if starts else 0


def stance_of(claim: str, sentence: str = "") -> Stance:
    """The stance the sentence takes on the claim (see the module docstring); the claim
    alone is read as its own sentence when it is not found in `sentence`."""
    claim = claim.strip().rstrip(".").strip()
    text = sentence if sentence and claim and claim.lower() in sentence.lower() else claim
    if not text.strip():
        return Stance.PROPOSES
    at = text.lower().find(claim.lower()) if claim else 0
    at = max(at, 0)
    end = at + len(claim)
    start = clause_start(text, at)
    before = text[start:at]
    after = text[end:]
    if asks(text) or (after.lstrip().startswith("?") and not _ANSWERED_NO.match(after)):
        return Stance.ASKS
    if _NEGATION.search(_NOT_AMOUNTS.sub("", before)) or _HEAD_NEGATION.search(
        _NOT_AMOUNTS.sub("", _head(claim))
    ):
        return Stance.REJECTS
    if _ANSWERED_NO.match(after):
        return Stance.REJECTS
    if _CONCESSION.search(f"{before} {_head(claim)}") and _TURNED_DOWN.match(
        _rest_of_clause(after)
    ):
        return Stance.REJECTS
    if _CONDITION.search(before):
        return Stance.WEIGHS
    return Stance.PROPOSES


# negations that set a bound or add rather than turn an option down ("no more than 50 ms",
# "not only clicks but also ...")
_NOT_AMOUNTS = re.compile(
    r"\b(?:no|not) (?:more|less|later|earlier|fewer|longer|only|just)\b|\bno matter\b",
    re.IGNORECASE,
)
# a quoted claim's head: the words of its first clause before its object, where the
# candidate's own negation sits ("I would not use accuracy for anything, ...")
HEAD_WORDS = 4


def _head(claim: str) -> str:
    first = _CLAUSE_BREAK.split(claim, maxsplit=1)[0]
    return " ".join(first.split()[:HEAD_WORDS])


def _rest_of_clause(after: str) -> str:
    """What follows the claim from its clause's "but" on (the words up to the next comma
    dropped: "we could X for every request, but ...")."""
    m = re.search(r"\bbut\b", after, re.IGNORECASE)
    if m is None:
        return after
    between = after[: m.start()]
    if re.search(r"[.;!?]", between):
        return after  # the "but" belongs to another sentence
    return after[m.start() :]


def is_plan(claim: str, sentence: str = "") -> bool:
    """The sentence proposes the claim: it is part of the candidate's plan."""
    return stance_of(claim, sentence) == Stance.PROPOSES
