"""Whether a push refers back to something ("those stages", "these counters") the
candidate's words never named: a follow-up must not presume what was not said."""

from __future__ import annotations

import re

# "those stages", "these counters", "those time windows": a push that points back at a
# thing it presumes was said
_POINTS_BACK = re.compile(
    r"\b(?:those|these)\s+(?:(?P<first>[a-z-]+)\s+)?(?P<noun>[a-z-]+)\b", re.IGNORECASE
)
_WORD = re.compile(r"[a-z][a-z-]+", re.IGNORECASE)


# words after "those" that name nothing said (function words, counts) or anything the
# candidate laid out ("those decisions" after a recap): nothing to check
_NOT_A_THING = frozenset(
    [
        "up",
        "to",
        "is",
        "are",
        "was",
        "were",
        "would",
        "will",
        "could",
        "that",
        "you",
        "do",
        "does",
        "be",
        "in",
        "on",
        "of",
        "and",
        "or",
        "first",
        "two",
        "three",
        "both",
        "ones",
        "decisions",
        "choices",
        "options",
        "things",
        "parts",
        "steps",
        "points",
        "ideas",
    ]
)
# shared start of two words that count as the same word ("count"/"counters",
# "assume"/"assumptions", "label"/"labelled"), at least this long and this share of the
# shorter one
SAME_START = 5
SAME_SHARE = 0.8


def _same_word(a: str, b: str) -> bool:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a == b or (n >= SAME_START and n >= SAME_SHARE * min(len(a), len(b)))


def points_back_at_unsaid(push: str, said: str) -> bool:
    """The push refers back to "those <things>" the candidate's words never named: it would
    ask about something that was not said (a holdout is not "those stages")."""
    words = {w.lower() for w in _WORD.findall(said)}
    for m in _POINTS_BACK.finditer(push):
        nouns = [n.lower() for n in (m.group("first"), m.group("noun")) if n]
        if not any(n.endswith("s") for n in nouns):
            # "those" with no plural noun after it stands for something itself ("each of
            # those stand for"): it points back at what the push named, not at a thing
            continue
        nouns = [n for n in nouns if n not in _NOT_A_THING and len(n) >= 4]
        if nouns and not any(_same_word(n, w) for n in nouns for w in words):
            return True
    return False
