"""Label windows said back against the card's: "if a click arrives within, say, 20 minutes,
it's a positive" after being told a positive is a click within 15 minutes of the impression.

The card's labels fact may define a label by a window ("accepted within 30 days", "a click
within 15 minutes"); a candidate who builds the labels with another window has misread or
changed the definition, and a good interviewer asks once. A window is said "within 20
minutes", "a 30-minute (attribution) window" or "a window of 30 min"; it is a label's when
its sentence, or a sentence beside it that is not about features, talks of labels ("the
label join ... buffers impressions for the 30-minute window"). It is compared only with a
window of the labels fact whose clause shares a subject word with it ("click", "positive",
"impression"), and only when clearly apart (WINDOW_RATIO), longer or shorter. A label
window is a definition the design rests on, like a requirement: one the card contradicts is
answered with the labels fact even before it was asked (told=False), as an assumed figure is.
agent/read/numbers.py compares counts and latencies, agent/read/freshness.py staleness
against freshness requirements.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from agent.content.problems import ProblemCard
from agent.read.counted import words_of
from agent.read.numbers import NumberConflict
from agent.read.surroundings import content_words
from agent.read.told_figures import piece_of

WINDOW = "window"  # the kind of the conflicts this module finds
# windows this far apart (larger / smaller) define another label: 20 minutes against 15
WINDOW_RATIO = 1.15

_SECONDS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0}
_SECONDS |= {"sec": 1.0, "min": 60.0, "hr": 3600.0}
_COUNTS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "five": 5.0, "ten": 10.0}
_COUNTS |= {"fifteen": 15.0, "twenty": 20.0, "thirty": 30.0, "seven": 7.0, "fourteen": 14.0}
_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(sorted(_COUNTS, key=len, reverse=True))
_UNIT = r"(?P<unit>second|sec|minute|min|hour|hr|day|week)s?\b"
_ABOUT = r"(?:\s*,?\s*(?:say|about|around|roughly|maybe|like|perhaps|the first)\s*,?)*"
# "within 15 minutes", "within, say, 20 minutes", "within about two hours", "within 30 min"
_WITHIN = re.compile(rf"\bwithin\b{_ABOUT}\s+(?P<n>{_NUMBER})[\s-]*{_UNIT}", re.IGNORECASE)
# "a 30-minute window", "the 30 minute attribution window", "a window of 30 minutes"
_SPANS = (
    _WITHIN,
    re.compile(rf"\b(?P<n>{_NUMBER})[\s-]*{_UNIT}(?:[\s-]+[a-z]+)?[\s-]+window\b", re.IGNORECASE),
    re.compile(rf"\bwindow\s+of{_ABOUT}\s+(?P<n>{_NUMBER})[\s-]*{_UNIT}", re.IGNORECASE),
)
_LABEL_TOPICS = ("labels", "label")
# a sentence that defines a label: what counts as a positive or a negative
_LABEL_TALK = re.compile(r"\b(?:positives?|negatives?|label\w*|counts? as|target)\b", re.I)
# a sentence about features: a window beside label talk is still a feature's ("Features:
# clicks in a 30-minute window per user")
_FEATURE_TALK = re.compile(r"\b(?:features?|counters?|aggregat\w*)\b", re.I)
# a delay reported of most events, not a definition: "most clicks come within a minute",
# "90% of conversions arrive within 3 days": how many of the events fall inside it, in the
# window's own clause before it (not how often the speaker does something: "I'd usually
# count a click within 30 minutes" defines one)
_REPORTED = re.compile(
    r"\b(?:most|majority|bulk|nearly all|almost all|mostly|median)\b|\d\s*(?:%|percent\b)",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:and|but|so|since|because|while|which)\b", re.I)
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
    said: str  # the window as said ("within 20 minutes", "30-minute attribution window")
    label: bool = False  # its sentence, or one beside it, defines a label


def windows(text: str) -> list[Window]:
    out: list[Window] = []
    sentences = [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]
    for i, sentence in enumerate(sentences):
        beside = [s for s in sentences[max(0, i - 1) : i + 2] if s is not sentence]
        own = bool(_LABEL_TALK.search(sentence))
        near = [s for s in beside if _LABEL_TALK.search(s)]
        label = own or (bool(near) and not _FEATURE_TALK.search(sentence))
        talk = " ".join([sentence, *([] if own else near[:1])])
        # in the order said: "a 30 minute window, since most clicks come within a minute"
        # is about the 30 minutes first
        found = sorted(
            {m.start("n"): m for pattern in _SPANS for m in pattern.finditer(sentence)}.items()
        )
        for _, m in found:
            if _reported(sentence, m.start()):
                continue
            n = m.group("n").lower()
            count = float(n) if n[0].isdigit() else _COUNTS[n]
            seconds = count * _SECONDS[m.group("unit").lower()]
            words = [w for w in content_words(talk.lower()) if w not in _IGNORED]
            out.append(
                Window(
                    seconds=seconds,
                    text=sentence.strip(),
                    words=words,
                    said=" ".join(m.group(0).split()),
                    label=label,
                )
            )
    return out


def _reported(sentence: str, start: int) -> bool:
    """The window is a delay reported of most events ("most clicks come within a minute"):
    its own clause, before it, says how many or how often."""
    clause = _CLAUSE_BREAK.split(sentence[:start])[-1]
    return bool(_REPORTED.search(clause))


def conflicts(
    text: str, card: ProblemCard, given: list[str], *, assumed: bool = False
) -> list[NumberConflict]:
    """The candidate's label windows that differ from a window of the labels fact, about the
    same thing (one per message): of a fact already given first, else of one not given yet
    (told=False: the labels fact answers it). In a message that states its assumptions ("let
    me repeat my assumptions: ..., a click means a click within 30 minutes"), a window not
    said of features is compared too."""
    facts = [f for t in _LABEL_TOPICS if (f := card.fact(t)) is not None]
    theirs = [(f.topic, w) for f in facts for w in windows(f.answer)]
    mine = [w for w in windows(text) if w.label or (assumed and not _FEATURE_TALK.search(w.text))]
    if not theirs or not mine:
        return []
    for told in (True, False):
        for w in mine:
            for topic, card_window in theirs:
                if (topic in given) != told:
                    continue
                shared = set(w.words) & set(card_window.words)
                ratio = max(w.seconds, card_window.seconds) / min(w.seconds, card_window.seconds)
                if shared and ratio >= WINDOW_RATIO:
                    found = NumberConflict(
                        said=w.said, given=card_window.said, topic=topic, kind=WINDOW, told=told
                    )
                    return [
                        found if told else found.model_copy(update={"piece": piece_of(card, found)})
                    ]
    return []
