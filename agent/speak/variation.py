"""Choosing a template variant and the small phrases the offline voice fills in.

Variation is deterministic: the interview's seed fixes an order of the variants for each
situation, and each new occurrence of that situation takes the next one in that order. So a
replay with the same seed says exactly the same words, while one conversation cycles through
every variant before it repeats any of them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from agent.decide.moves import Move, MoveKind
from agent.record.transcript import Turn
from agent.speak.question_bank import placeholders_of

FOCUS_MAX_WORDS = 8
GUIDANCE_MIN_WORDS = 5
GUIDANCE_MAX_WORDS = 32

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MARKDOWN_NOISE = re.compile(r"(\*\*|__|`|\[(?P<label>[^\]]*)\]\([^)]*\))")


def situation(move: Move) -> str:
    """The key under which a move's wording varies (e.g. 'steer:off_topic', 'advance:data')."""
    if move.kind == MoveKind.STEER:
        return f"steer:{move.steer}"
    if move.kind == MoveKind.ADVANCE:
        return f"advance:{move.phase}"
    if move.kind == MoveKind.ANSWER_META:
        return f"meta:{move.target}"
    return str(move.kind)


def occurrences(history: Sequence[Turn], key: str) -> int:
    """How often the interviewer has already been in this situation."""
    return sum(
        1 for t in history if t.role == "interviewer" and t.move and situation(t.move) == key
    )


def pick(
    templates: Sequence[str],
    available: set[str],
    *,
    seed: int,
    key: str,
    occurrence: int,
) -> str | None:
    """The template for the `occurrence`-th time in situation `key`, among usable ones."""
    usable = [t for t in templates if placeholders_of(t) <= available]
    if not usable:
        return None
    order = list(range(len(usable)))
    random.Random(f"{seed}:{key}").shuffle(order)
    return usable[order[occurrence % len(usable)]]


def focus_phrase(focus: str | None, candidate_text: str) -> str | None:
    """A short verbatim phrase to quote back, or None when there is nothing worth quoting."""
    if not focus:
        return None
    phrase = " ".join(focus.split()).strip(" \"'.,;:!?")
    if not phrase or phrase.lower() not in " ".join(candidate_text.split()).lower():
        return None
    if len(phrase.split()) > FOCUS_MAX_WORDS:  # a cut-off quote reads badly; skip it
        return None
    return phrase.replace('"', "'")


def guidance_point(text: str) -> str | None:
    """One short plain sentence from a guidance chunk (headings, bullets and markup removed)."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "|", "```", ">")):
            continue
        line = re.sub(r"^([-*+]|\d+[.)])\s+", "", line)
        lines.append(line)
    prose = _MARKDOWN_NOISE.sub(lambda m: m.group("label") or "", " ".join(lines))
    for sentence in _SENTENCE_END.split(prose):
        sentence = sentence.strip()
        words = sentence.split()
        if GUIDANCE_MIN_WORDS <= len(words) <= GUIDANCE_MAX_WORDS and sentence[0].isalnum():
            if sentence[-1] not in ".!?":
                sentence += "."
            return sentence[0].upper() + sentence[1:]
    return None
