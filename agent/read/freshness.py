"""Design figures held to freshness requirements: how stale a design lets something get
against how fresh a requirement says it must be.

A requirement bounds staleness ("engagement counts should be at most a minute old", "a
stock change has to show up in results within a minute or two", "features must reflect the
last few minutes"); the card states some, and a candidate states others as assumptions the
design is then held to. A design figure lets things get stale ("cache full results for
about 5 minutes", "counters refreshed every 30 minutes"). One contradicts a requirement
when it is clearly longer and both are about the same thing: their sentences share a word
besides the durations ("results", "counts", "features"). agent/read/numbers.py compares
counts, rates and latencies; this module compares durations of staleness.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from agent.content.problems import ProblemCard
from agent.read.counted import words_of
from agent.read.numbers import NumberConflict
from agent.read.surroundings import content_words

STALENESS = "staleness"  # the kind of the conflicts this module finds
# a design this many times over the requirement contradicts it ("5 minutes" against "a
# minute or two"); closer figures are within what either side meant by them
OVER_RATIO = 2.0

_SECONDS = {"second": 1.0, "sec": 1.0, "minute": 60.0, "min": 60.0, "hour": 3600.0}
_SECONDS |= {"day": 86400.0, "week": 604800.0}
_COUNT = {
    "a": 1.0,
    "an": 1.0,
    "one": 1.0,
    "every": 1.0,
    "two": 2.0,
    "three": 3.0,
    "five": 5.0,
    "ten": 10.0,
}
_COUNT |= {"few": 5.0, "couple": 2.0, "fifteen": 15.0, "thirty": 30.0, "twenty": 20.0}
_COUNT |= {"a few": 5.0, "a couple": 2.0, "couple of": 2.0, "a couple of": 2.0}
# "5 minutes", "a minute or two", "a few minutes", "30s", "an hour"
_DURATION = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?|an?|one|every|two|three|five|ten|fifteen|twenty|thirty|(?:a )?few|"
    r"(?:a )?couple(?: of)?)[\s-]*(?P<unit>second|sec|minute|min|hour|day|week)s?\b"
    r"(?:\s+or\s+(?P<upper>\d+|two|three|five|ten))?"
    r"|\b(?P<adverb>hourly|daily|nightly|weekly)\b"
)
_ADVERB = {"hourly": 3600.0, "daily": 86400.0, "nightly": 86400.0, "weekly": 604800.0}
# a requirement: how fresh something must be
_BOUND = re.compile(
    r"\b(?:within|at most|no (?:more|older) than|not older than|up to|under)\b[^.;!?\n]{0,20}$|"
    r"\b(?:the last|the past)\s*(?:\w+\s+)?$"
)
_MUST = re.compile(
    r"\b(?:must|should|has to|have to|needs? to|required|requirement|old|wants?|expect\w*)\b"
)
# a design figure: how long something stays as it was
_STALE = re.compile(
    r"\b(?:cache[sd]?|caching|ttl|refresh\w*|recomput\w*|updat\w*|rebuil\w*|sync\w*|"
    r"batch\w*|every|lag\w*|delay\w*|stale\w*|expir\w*)\b"
)
_IGNORED = frozenset(
    w[:4]
    for w in words_of(
        "second seconds minute minutes hour hours days weeks within most about around roughly "
        "maybe every must should have need older than last past under which there would "
        "assume think cache cached refresh update updated change changes show shown"
    )
)


class Staleness(BaseModel):
    seconds: float
    text: str  # the clause it is stated in, as written
    words: list[str]  # content words of its clause: what it is about
    bound: bool  # a requirement's bound, not a design's figure
    # the fastest path its sentence gives the same data (its shortest interval; none when it
    # names a real-time one: "stock updates go to the index in near real time, and there's a
    # full rebuild nightly")
    fastest: float = 0.0


# a path that keeps data fresh as it changes
_REAL_TIME = re.compile(
    r"\b(?:(?:near[- ])?real[- ]time|realtime|streaming|stream|instantly|immediately|right away)\b"
)


def staleness(text: str) -> list[Staleness]:
    """Each duration of the text that bounds or lets staleness (a cache's time to live, a
    refresh interval, a requirement's "within a minute or two")."""
    out: list[Staleness] = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        found = [f for clause in re.split(r"[,;:]\s+", sentence) for f in _clause(clause)]
        designs = [f.seconds for f in found if not f.bound]
        fastest = 0.0 if _REAL_TIME.search(sentence.lower()) else min(designs, default=0.0)
        out += [
            f.model_copy(update={"fastest": fastest if not f.bound else f.seconds}) for f in found
        ]
    return out


def _clause(said: str) -> list[Staleness]:
    clause = said.lower()
    out: list[Staleness] = []
    for m in _DURATION.finditer(clause):
        before = clause[max(0, m.start() - 40) : m.start()]
        bound = bool(_BOUND.search(before)) and bool(_MUST.search(clause))
        if not bound and not _STALE.search(clause):
            continue
        if m.group("adverb"):  # "recomputed nightly": a design's interval, never a bound
            if bound:
                continue
            seconds = _ADVERB[m.group("adverb")]
        else:
            n = m.group("upper") or m.group("n")
            count = float(n) if n[0].isdigit() else _COUNT[n]
            seconds = count * _SECONDS[m.group("unit")]
        words = _subject_words(clause)
        out.append(Staleness(seconds=seconds, text=_said(said), words=words, bound=bound))
    return out


def _subject_words(clause: str) -> list[str]:
    """The content words of a clause that say what is (or must stay) fresh: not the verbs
    that say how it is kept so ("recomputed", "refreshed"), whose four-letter stems would
    tie "the user tower is recomputed nightly" to "recommendable within an hour"."""
    verbs = {m.group(0)[:4] for m in _STALE.finditer(clause)}
    others = {w[:4] for w in re.findall(r"[a-z]{4,}", _STALE.sub(" ", clause))}
    return [w for w in content_words(clause) if w not in verbs or w in others]


_LEAD = re.compile(r"^(?:so|and|but|then)\s+", re.I)
# "I'll assume a stock change has to show up ...": the requirement, not its framing
_FRAMING = re.compile(r"^(?:i'll|i will|i'd|let's|let me)?\s*(?:assume|say)\s+(?:that\s+)?", re.I)


def _said(clause: str) -> str:
    return _FRAMING.sub("", _LEAD.sub("", clause.strip().rstrip(".")))


def stated_requirements(text: str) -> list[str]:
    """The sentences of a candidate's message that state a freshness bound: the design is
    held to them later, as to the card's."""
    return [s.text for s in staleness(text) if s.bound]


def conflicts(
    text: str, card: ProblemCard, given: list[str], stated: list[str]
) -> list[NumberConflict]:
    """Each design figure of the text that lets something get staler than a requirement
    about the same thing allows: a card fact already given, or a requirement the candidate
    stated earlier (topic "requirement")."""
    designs = [s for s in staleness(text) if not s.bound]
    if not designs:
        return []
    bounds = [(t, b) for t in given if (f := card.fact(t)) for b in staleness(f.answer) if b.bound]
    bounds += [("requirement", b) for said in stated for b in staleness(said) if b.bound]
    out: list[NumberConflict] = []
    for design in designs:
        # the fastest path its sentence names: "rebuild it daily and have a small fresh index
        # for new uploads every few minutes" meets "exposure within an hour"
        fastest = design.fastest
        for topic, bound in bounds:
            shared = (set(design.words) & set(bound.words)) - _IGNORED
            if shared and fastest >= bound.seconds * OVER_RATIO:
                out.append(
                    NumberConflict(said=design.text, given=bound.text, topic=topic, kind=STALENESS)
                )
                break
    return out
