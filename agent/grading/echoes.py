"""Sentences of the candidate that only say back what the interviewer said.

A candidate who pastes or reads back the interviewer's answer ("Okay, noted: labels are
chargebacks and fraud claims from customers, plus cases confirmed by analysts.") states the
card's facts, not a design of their own: a recap that lists that sentence under Data as the
candidate's design, or quotes it as evidence, credits the candidate with the interviewer's
words. Such a sentence is not evidence. An echo is a sentence at least MIN_ECHO_WORDS words
long whose words are nearly all (ECHO_SHARE) in one sentence the interviewer said before it;
a candidate's own design that reuses a figure or a term the interviewer gave shares far
fewer of its words.
"""

from __future__ import annotations

import re

from agent.grading.evidence import Sentence
from agent.record.transcript import Transcript
from agent.understanding.sentences import split_sentences

MIN_ECHO_WORDS = 8
ECHO_SHARE = 0.85
_WORD = re.compile(r"[a-z0-9]+(?:[.,%][0-9]+)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def echoed(sentences: list[Sentence], transcript: Transcript) -> set[int]:
    """Orders of the candidate sentences that repeat an interviewer sentence said before."""
    heard: list[frozenset[str]] = []
    said_before: dict[int, int] = {}  # candidate turn index -> interviewer sentences before it
    for i, turn in enumerate(transcript.turns):
        if turn.role == "interviewer":
            heard += [frozenset(_words(s.text)) for s in split_sentences(turn.text)]
        else:
            said_before[i] = len(heard)
    out: set[int] = set()
    for s in sentences:
        mine = _words(s.text)
        if len(mine) < MIN_ECHO_WORDS:
            continue
        for theirs in heard[: said_before.get(s.turn, 0)]:
            if sum(w in theirs for w in mine) >= ECHO_SHARE * len(mine):
                out.add(s.order)
                break
    return out
