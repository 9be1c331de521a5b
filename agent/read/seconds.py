"""Latencies said in seconds: "0.2 s", "2s at p99", "half a second", "a fifth of a second",
"it has to be fast, under a second". quantities.py reads them as latencies in milliseconds,
so that "0.2 s" and "200 ms" are one figure held to the card's budget.

A duration in seconds is a latency only where its sentence speaks of how long the system
takes to answer (a latency, a budget, a percentile, a response, serving, the page loading or
coming back, being fast): most durations in seconds are something else in a design, a watch-time
threshold ("more than 30 seconds of the video"), how stale a feature may be ("a few seconds
of lag"), an interval ("drivers ping every 4 seconds"), an offer's expiry. A rate ("per
second", "every 4 seconds") is never one, nor a duration of a minute or more.
"""

from __future__ import annotations

import re

from agent.read.surroundings import clause_around, sentence_of

# the unit right after a number: "2s", "0.2 s", "3 seconds", "a 3-second target"
UNIT = re.compile(r"\s*-?\s*(?:seconds?|secs?|s)\b(?!')")
# a second or a share of one said in words; a bare "a second" only after a word that makes
# it a bound ("under a second", "within a second"): not "a second model", "requests a
# second", nor the idiom "in a second"
SPOKEN_SECONDS = re.compile(
    r"\b(?P<count>half|(?:a|one)\s+(?:half|third|quarter|fifth|tenth))\s+(?:of\s+)?a\s+"
    r"(?P<unit>second)\b"
    r"|\b(?:under|within|about|around|roughly|below|than|over|takes?|maybe|say)\s+"
    r"(?P<one>a|one)\s+(?P<unit1>second)\b(?!\s*-)"
    # not the ordinal before its noun: "maybe a second model", "over a second stage"
    r"(?!\s+(?!(?:or|at|and|to|for|in|is|on|with|end|so|i|probably|maybe|ideally|p\d\d)\b)[a-z])"
    # a unit glued to digits, which the figures in digits leave out: "2s", "0.25s"
    r"|(?<![\w.,])(?P<digits>\d+(?:\.\d+)?)(?P<unit2>s|secs?)\b"
)
# what says the sentence is about how long the system takes to answer
_RESPONSE = re.compile(
    r"\b(?:latenc\w*|p[5-9]\d|percentile|budget\w*|respon\w*|answer\w*|serv(?:e|es|ed|ing)|"
    r"sla|fast\w*|quick\w*|slow\w*|"
    r"load\w*|render\w*|finish\w*|complet\w*|come back|comes back|end[- ]to[- ]end|"
    r"round[- ]trips?)\b"
)
# what says a duration in its clause is something else: staleness, an interval, an expiry,
# how long something was watched or dwelt on, when an event happens or arrives ("a like
# happens within a second")
_OTHER_DURATION = re.compile(
    r"\b(?:lag\w*|stale\w*|old|fresh\w*|delay\w*|ttl|expir\w*|every|ago|window\w*|batch\w*|"
    r"interval\w*|tick\w*|ping\w*|watch\w*|dwell\w*|view\w*|played|listen\w*|session\w*|"
    r"happen\w*|arriv\w*|"
    r"heartbeat\w*|poll\w*)\b"
)
_RATE = re.compile(r"\b(?:per|each|every|a)\s*$")
# a duration this long is no request's latency
MINUTE_MS = 60_000.0


def in_seconds(text: str, start: int, end: int, *, spoken: bool = False) -> bool:
    """The figure at text[start:end] (lowered) is a latency said in seconds: the unit
    follows it (or, `spoken`, it is said in words), it is no rate, and its sentence speaks
    of how long an answer takes and its clause of no other duration."""
    if not spoken and UNIT.match(text, end) is None:
        return False
    if _RATE.search(text, max(0, start - 8), start):
        return False
    if not spoken and _too_long(text[start:end]):
        return False
    clause = clause_around(text, start, end)
    if _OTHER_DURATION.search(clause):
        return False
    return bool(_RESPONSE.search(sentence_of(text, start, end)))


def _too_long(number: str) -> bool:
    try:
        return float(number.replace(",", "")) * 1000 >= MINUTE_MS
    except ValueError:
        return True


# a second's share said in words: "half a second", "a fifth of a second"
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1}


def spoken_seconds(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, int, float]]:
    """Latencies said in words or glued to their unit in the (lowered) text, outside the
    spans `taken` by other figures: where each starts, where its unit starts, where it
    ends, and its value in milliseconds."""
    out: list[tuple[int, int, int, float]] = []
    for m in SPOKEN_SECONDS.finditer(text):
        name = next(g for g in ("count", "one", "digits") if m.group(g))
        unit = m.start({"count": "unit", "one": "unit1", "digits": "unit2"}[name])
        start = m.start(name)
        if any(s < m.end() and start < e for s, e in taken):
            continue
        if name == "digits":
            if _too_long(m.group(name)) or not in_seconds(text, start, unit):
                continue
            value = 1000.0 * float(m.group(name))
        elif in_seconds(text, start, unit, spoken=True):
            value = 1000.0 * _FRACTIONS.get(m.group(name).split()[-1], 1.0)
        else:
            continue
        out.append((start, unit, m.end(), value))
    return out


# a duration in whole seconds, in digits or words: "within a few seconds", "two seconds"
_IN_SECONDS = re.compile(
    r"\b(?:a few|several|a couple of|\d+(?:\.\d+)?|one|two|three|four|five|ten)\s*-?\s*"
    r"seconds?\b"
)


def on_scale_of_seconds(answer: str) -> bool:
    """A card fact that speaks of durations in whole seconds ("a rider should see a driver
    within a few seconds"): a latency of seconds the candidate states may be about that
    requirement rather than the fact's budgets in milliseconds."""
    return bool(_IN_SECONDS.search(answer.lower()))
