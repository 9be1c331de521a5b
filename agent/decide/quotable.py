"""Which words of the candidate's message a follow-up may quote and push on: words that make
a design decision of theirs. A remark to the interviewer ("happy to go deeper on any part"), a
bare act of framing ("Assume.") or the interviewer's own answer said back ("so address book
only with consent") decides nothing a follow-up could ask about: why, what it costs, where it
breaks. Read by the signal the understanding model found in the words (its rubric
dimension), their length, and their overlap with what the interviewer told."""

from __future__ import annotations

import re

from agent.content.rubric import Rubric

# Signals of how the candidate runs the conversation, not of what they design: a remark to
# the interviewer ("happy to go deeper on any part"), a note on time, the order they will go
# in. Their words decide nothing a follow-up could push on.
CONVERSATION_SIGNALS = frozenset(
    {"checks_in_with_interviewer", "manages_time", "structured_approach"}
)
# An act of framing (assuming, asking) states its content beside it: one word alone
# ("Assume.") decides nothing; a one-word design note ("GBDT.") does.
_FRAMING_DIMENSIONS = frozenset({"problem_framing", "communication"})
# A quote whose content words were mostly said by the interviewer (a card answer said back,
# "so address book only with consent") restates the interviewer, not a choice of theirs.
RESTATED_SHARE = 0.7
RESTATED_MIN_WORDS = 3
_CONTENT_WORD = re.compile(r"[a-z][a-z0-9'-]{3,}")
_PLAIN = frozenset({"that", "this", "with", "then", "thanks", "okay", "right", "from", "have"})


def decides(signal: str, quote: str, rubric: Rubric, told: str = "") -> bool:
    """The quote shows a decision of the candidate's a follow-up may push on."""
    if signal in CONVERSATION_SIGNALS:
        return False
    try:
        dimension = rubric.dimension_of_signal(signal).id
    except KeyError:
        dimension = ""
    if dimension in _FRAMING_DIMENSIONS and len(quote.split()) < 2:
        return False
    return not restates(quote, told)


def restates(quote: str, told: str) -> bool:
    """Most of the quote's content words are in what the interviewer told (compared by
    their stems: "address book" restates "address books")."""
    words = {_stem(w) for w in _CONTENT_WORD.findall(quote.lower()) if w not in _PLAIN}
    if len(words) < RESTATED_MIN_WORDS or not told:
        return False
    heard = {_stem(w) for w in _CONTENT_WORD.findall(told.lower())}
    return len(words & heard) / len(words) >= RESTATED_SHARE


_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def _stem(word: str) -> str:
    return _SUFFIX.sub("", word)[:5]
