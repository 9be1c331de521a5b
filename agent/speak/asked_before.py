"""What the interviewer already asked in this interview: the questions of its last few lines
and of the whole interview, so a follow-up or a gap question is not asked twice, and the next
of a list of variants not said yet."""

from __future__ import annotations

import re
from functools import cache

from agent.speak import variation
from agent.speak.base import SpeakContext

RECENT_QUESTIONS = 4


def interviewer_said(context: SpeakContext) -> list[str]:
    return [t.text for t in context.history if t.role == "interviewer"]


def not_recent(templates: list[str], context: SpeakContext) -> list[str]:
    """The questions none of the interviewer's last RECENT_QUESTIONS lines asked, in these
    words or nearly (a question of another signal's list worded almost the same: "how would
    you test that the fallback works ..." after "how would you test that it works ..."), and
    none asked at any time in the interview in nearly these words, whatever candidate words
    each quoted."""
    every = interviewer_said(context)
    said = every[-RECENT_QUESTIONS:]
    asked = [q for line in said for q in _QUESTION.findall(line)]
    ever = [q for line in every for q in _QUESTION.findall(_unquoted(line))]
    return [
        q
        for q in templates
        if not any(q in line for line in said)
        and not variation.near_repeat(q, asked)
        and not _asked_in_other_words(q, ever)
    ]


# a candidate's words quoted in a line ("What does "a two-tower model" cost you ...?")
_QUOTED = re.compile(r'"[^"]*"')


def _unquoted(line: str) -> str:
    return _QUOTED.sub("that", line)


def _asked_in_other_words(question: str, ever: list[str]) -> bool:
    """The question, its quotes of the candidate's words set aside, is nearly one asked at
    any time in this interview ("How much quality do you lose while running on the fallback,
    and how long is that acceptable?" after "How much quality or revenue do you lose while
    running on it, and for how long is that acceptable?" twenty minutes earlier): a template
    put again about other words still reads as the same question."""
    mine = _QUESTION.findall(_unquoted(question))
    return any(variation.near_repeat(q, ever) for q in mine if len(q.split()) >= _MIN_WORDS)


# a question this short ("Why?", "And then?") is not a template worth remembering
_MIN_WORDS = 5


def not_asked(templates: list[str], context: SpeakContext) -> list[str]:
    """The follow-ups not asked in this interview (in these words, whatever they were put
    after) nor nearly asked in the last few lines: a push on the candidate's words is put
    once ("how would you know it's working once it's live?" twice reads as a template)."""
    said = interviewer_said(context)
    return [q for q in not_recent(templates, context) if not any(q in line for line in said)]


# a push is not put from the angle of either of the interviewer's last two lines: two
# "how would you know it works?" in a row read as one question asked twice, whatever words
# each quoted
RECENT_ANGLE_LINES = 2


def angles_put_recently(context: SpeakContext, angles: dict[str, str]) -> set[str]:
    """The angles (agent/speak/covered.py) the interviewer's last RECENT_ANGLE_LINES lines
    put, whatever they were put about."""
    from agent.speak.covered import angles_in

    said = interviewer_said(context)[-RECENT_ANGLE_LINES:]
    return {angle for line in said for angle in angles_in(line, angles)}


def angles_put_on(context: SpeakContext, angles: dict[str, str], claim: str) -> set[str]:
    """The angles (agent/speak/covered.py) any earlier interviewer line put about this claim,
    at any time in the interview: a line that quotes words sharing at least half the
    distinctive words of the shorter of the two ("Use coverage recall" at minute 12,
    "Coverage recall per slice" in the closing summary) was about the same claim, so "why
    that?" is not asked of it twice. Another angle on the same claim stays open."""
    from agent.speak.covered import angles_in

    mine = claim_words(claim)
    if not mine:
        return set()
    found: set[str] = set()
    for line in interviewer_said(context):
        if any(same_claim(mine, claim_words(q)) for q in _QUOTED.findall(line)):
            found |= angles_in(line, angles)
    return found


def claim_words(text: str) -> set[str]:
    """The distinctive words of a claim, four letters or more, no function words, each cut
    to a rough stem ("learned" and "learn", "slices" and "slice", "per-user" has "user")."""
    return {_stem(w) for w in _CLAIM_WORD.findall(text.lower())} - _function_stems()


_CLAIM_WORD = re.compile(r"[a-z0-9]{4,}")
_SUFFIX = re.compile(r"(?:ing|ed|s)$")


def _stem(word: str) -> str:
    cut = _SUFFIX.sub("", word)
    return cut if len(cut) >= 4 else word


@cache
def _function_stems() -> frozenset[str]:
    from agent.speak.hint_request import FUNCTION_WORDS

    return frozenset(_stem(w) for w in FUNCTION_WORDS)


def same_claim(mine: set[str], theirs: set[str]) -> bool:
    """Two quotes are of the same claim: they share at least half the distinctive words of
    the shorter one, and two of them when both have two or more."""
    shared = mine & theirs
    shorter = min(len(mine), len(theirs))
    if not shared or shorter == 0:
        return False
    return 2 * len(shared) >= shorter and (len(shared) >= 2 or shorter == 1)


def just_said(context: SpeakContext, signal: str | None) -> bool:
    """The candidate's last message talks about this signal (shown or mentioned)."""
    reading = context.reading
    if reading is None or not signal:
        return False
    return signal in reading.signals or signal in reading.signals_mentioned


def said_before(context: SpeakContext, signal: str | None) -> bool:
    """The candidate talked about this signal in an earlier turn (shown or mentioned: the
    interview's coverage record, not only the last message)."""
    from agent.decide.coverage import said

    return bool(signal) and signal in said(context.state)


# a question of an interviewer line: from a sentence start (or a quote's end) to its "?"
_QUESTION = re.compile(r"[^.?!:\"]*\?")


def next_unsaid(
    templates: list[str], key: str, context: SpeakContext, among: list[str] | None = None
) -> str | None:
    """The next of these questions in the seed's order, counting earlier uses of any of them
    (whichever move asked), so a follow-up on the same signal is worded differently. With
    `among`, the next one of those (the order and the count stay the whole list's)."""
    asked = sum(
        1
        for t in context.history
        if t.role == "interviewer" and any(q in t.text for q in templates)
    )
    if among is None or set(among) >= set(templates):
        return variation.pick(templates, set(), seed=context.seed, key=key, occurrence=asked)
    order = variation.order(templates, seed=context.seed, key=key)
    start = asked % len(order)
    for q in order[start:] + order[:start]:
        if q in among:
            return q
    return None
