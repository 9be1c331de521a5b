"""The time scale a question is about, from the durations in it: a candidate who asks "how
long should the test run? I'd say two weeks" asks about something measured in weeks, so a
card fact that only speaks of milliseconds (the latency budget) is not what was asked,
however close the words "how long" sit to it.

Scales: under a minute (milliseconds, seconds), minutes to hours, days and longer. A fact's
scales come from the durations its answer states with a number ("within 250 ms", "for two
weeks at a time"); a rate ("1,500 loads per second", "80 million searches a day") is not a
duration. A question's scales come from its own words and the sentence after it, where the
candidate's guess usually stands ("maybe a week?", "I'd guess a few days"); a question that
names no fact by a cue phrase of its own may find its guess one sentence further on, after
a sentence saying why it is asked ("How soon do outcomes come in? That sets the join. If
they land within an hour, ..."): `question_scales(..., reach=GUESS_REACH)`.
"""

from __future__ import annotations

import re

from agent.content.problems import ProblemCard
from agent.understanding.sentences import split_sentences

SECONDS, HOURS, DAYS = "seconds", "hours", "days"
# how many sentences after a question its guess may stand in (up to the next question)
GUESS_REACH = 2
_UNITS = {
    SECONDS: r"ms|msec|milliseconds?|microseconds?|µs|seconds?|secs?",
    HOURS: r"minutes?|mins?|hours?|hrs?",
    DAYS: r"days?|weeks?|months?|quarters?|years?",
}
_COUNT = (
    r"\d+(?:[.,]\d+)?(?:\s*(?:-|to)\s*\d+(?:[.,]\d+)?)?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|fifteen|twenty|thirty|ninety|(?:a\s+)?(?:few|couple(?: of)?)|several"
)
# a duration with a count: "250 ms", "two weeks", "a few days", "10-14 days", "a 7-day window"
_COUNTED = {
    scale: re.compile(rf"\b(?:{_COUNT})(?:\s*|-)(?:more\s+)?(?:{units})\b", re.IGNORECASE)
    for scale, units in _UNITS.items()
}
# one unit after a word that makes it a span of time: "at most a minute old", "maybe a week"
# ("80 million searches a day" is a rate)
_BEFORE_ONE = (
    r"within|in|at most|at least|about|around|roughly|under|over|than|for|after|before|"
    r"up to|maybe|perhaps|say|like|guess|just|only|probably|or"
)
_ONE = {
    scale: re.compile(rf"(?:^|[,:(?.!]|\b(?:{_BEFORE_ONE}))\s*an?\s+(?:{units})\b", re.IGNORECASE)
    for scale, units in _UNITS.items()
}
# "every four seconds", "per 10 minutes": a rate, not a duration
_RATE = re.compile(r"\b(?:per|each|every)\s+$", re.IGNORECASE)


def fact_scales(answer: str) -> set[str]:
    """The time scales of the durations a card fact's answer states."""
    return _scales(answer)


def question_scales(text: str, start: int, end: int, reach: int = 1) -> set[str]:
    """The time scales a question part speaks of: its own words and the `reach` sentences
    after it, up to the next question (a next question is its own)."""
    guess: list[str] = []
    for s in split_sentences(text[end:])[:reach]:
        if s.text.rstrip().endswith("?"):
            break
        guess.append(s.text)
    return _scales(" ".join([text[start:end], *guess]))


def other_scale(answer: str, asked: set[str]) -> bool:
    """The fact states durations, and none on a scale the question speaks of."""
    scales = fact_scales(answer)
    return bool(asked) and bool(scales) and not (scales & asked)


def same_scale(topics: list[str], card: ProblemCard, asked: set[str]) -> list[str]:
    """The facts whose durations are on a time scale the question speaks of, or that state
    none (a topic that is no card fact, such as the opening, is kept)."""
    facts = [(t, card.fact(t)) for t in topics]
    return [t for t, f in facts if f is None or not other_scale(f.answer, asked)]


def _scales(text: str) -> set[str]:
    counted = {s for s, p in _COUNTED.items() if _durations(p, text)}
    return counted | {s for s, p in _ONE.items() if p.search(text)}


def _durations(pattern: re.Pattern[str], text: str) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text) if not _RATE.search(text[: m.start()])]
