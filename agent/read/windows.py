"""Label windows said back against the card's: "if a click arrives within, say, 20 minutes,
it's a positive" after being told a positive is a click within 15 minutes of the impression.

The card's labels fact may define a label by a window ("accepted within 30 days", "a click
within 15 minutes"); a candidate who builds the labels with another window has misread or
changed the definition, and a good interviewer asks once. A window is compared only with a
window of the labels fact whose clause shares a subject word with it ("click", "positive",
"accepted"), and only when clearly apart (WINDOW_RATIO). agent/read/numbers.py compares
counts and latencies, agent/read/freshness.py staleness against freshness requirements.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from agent.content.problems import ProblemCard
from agent.read.counted import words_of
from agent.read.numbers import NumberConflict
from agent.read.surroundings import content_words

WINDOW = "window"  # the kind of the conflicts this module finds
# windows this far apart (larger / smaller) define another label: 20 minutes against 15
WINDOW_RATIO = 1.15

_SECONDS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0}
_COUNTS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "five": 5.0, "ten": 10.0}
_COUNTS |= {"fifteen": 15.0, "twenty": 20.0, "thirty": 30.0, "seven": 7.0, "fourteen": 14.0}
_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(sorted(_COUNTS, key=len, reverse=True))
# "within 15 minutes", "within, say, 20 minutes", "within about two hours"
_WITHIN = re.compile(
    rf"\bwithin\b(?:\s*,?\s*(?:say|about|around|roughly|maybe|like|perhaps|the first)\s*,?)*"
    rf"\s+(?P<n>{_NUMBER})[\s-]*(?P<unit>second|minute|hour|day|week)s?\b",
    re.IGNORECASE,
)
_LABEL_TOPICS = ("labels", "label")
# a sentence that defines a label: what counts as a positive or a negative
_LABEL_TALK = re.compile(r"\b(?:positives?|negatives?|label\w*|counts? as|target)\b", re.I)
_IGNORED = frozenset(
    w[:4]
    for w in words_of(
        "within second seconds minute minutes hour hours days weeks about around roughly maybe "
        "say like perhaps first everything else treated which there would"
    )
)


class Window(BaseModel):
    seconds: float
    text: str  # the clause it is said in
    words: list[str]  # its clause's content words: what the window is of


def windows(text: str) -> list[Window]:
    out: list[Window] = []
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text):
        for m in _WITHIN.finditer(sentence):
            n = m.group("n").lower()
            count = float(n) if n[0].isdigit() else _COUNTS[n]
            seconds = count * _SECONDS[m.group("unit").lower()]
            words = [w for w in content_words(sentence.lower()) if w not in _IGNORED]
            out.append(Window(seconds=seconds, text=sentence.strip(), words=words))
    return out


def conflicts(text: str, card: ProblemCard, given: list[str]) -> list[NumberConflict]:
    """The candidate's label windows that differ from a window of the labels fact already
    given, about the same thing (one per message)."""
    facts = [f for t in _LABEL_TOPICS if t in given and (f := card.fact(t)) is not None]
    theirs = [(f.topic, w) for f in facts for w in windows(f.answer)]
    if not theirs:
        return []
    for mine in windows(text):
        if not _LABEL_TALK.search(mine.text):
            continue  # a feature's window ("clicks within 30 minutes per user"), not a label's
        for topic, w in theirs:
            shared = set(mine.words) & set(w.words)
            ratio = max(mine.seconds, w.seconds) / min(mine.seconds, w.seconds)
            if shared and ratio >= WINDOW_RATIO:
                said = _WITHIN.search(mine.text)
                given_as = _WITHIN.search(w.text)
                return [
                    NumberConflict(
                        said=said.group(0) if said else mine.text,
                        given=given_as.group(0) if given_as else w.text,
                        topic=topic,
                        kind=WINDOW,
                    )
                ]
    return []
