"""A request for a hint as the hint reads it (agent/speak/hint_points.py): what the
candidate already said (statements a hint must not restate), the message and the question
before the request (what a request that says nothing of its own is about), and the
distinctive words it shares with a line.
"""

from __future__ import annotations

import re

import numpy as np

from agent.decide.moves import MoveKind
from agent.speak.base import SpeakContext

_SENTENCE = re.compile(r"(?<=[.?!])\s+")
# words a sentence of a message needs to count as a statement
MIN_PIECE_WORDS = 4
# The earlier candidate messages whose statements count as already said.
SAID_MESSAGES = 4


def said_before(context: SpeakContext) -> list[str]:
    """What the candidate already said, as statements: the statements of their messages
    before the last one (the request and the message before it say what they are stuck
    on, so they are the hint's topic, not what it must avoid), then what this message says
    (`said_now`). A question they asked says nothing they did, whatever the message was
    read as."""
    earlier = [
        sentence
        for message in earlier_messages(context)[-SAID_MESSAGES - 1 : -1]
        for sentence in statements(message)
    ]
    return list(dict.fromkeys([*earlier, *said_now(context)]))


def said_now(context: SpeakContext) -> list[str]:
    """What the request itself says: the statements its reading showed, and its sentences
    that neither ask for help nor ask anything ("I'd hold out the last month. ... unsure
    whether repeat customers leak" is not told to hold out recent data)."""
    reading = context.reading
    shown = list(reading.quotes.values()) if reading is not None else []
    stuck = reading.stuck_on if reading is not None else []
    if stuck:
        shown += statements(context.candidate_text)
    # a clause of the sentences asking for help is what they are stuck on, not what they did
    return list(dict.fromkeys(q for q in shown if not any(q in s or s in q for s in stuck)))


def statements(message: str) -> list[str]:
    """A message's sentences that state something (a question they asked says nothing they
    did, whatever the message was read as)."""
    return [
        s
        for s in _SENTENCE.split(message)
        if len(s.split()) >= MIN_PIECE_WORDS and not s.rstrip().endswith("?")
    ]


def earlier_messages(context: SpeakContext) -> list[str]:
    """The candidate's messages before this one."""
    earlier = [t.text for t in context.history if t.role == "candidate"]
    if earlier and earlier[-1] == context.candidate_text:
        earlier = earlier[:-1]
    return earlier


def before(context: SpeakContext) -> str:
    """The candidate's message before this one, and the interviewer's reply to it when that
    was a hint ("still stuck" after a hint is about what that hint was about)."""
    earlier = earlier_messages(context)
    last = next((t for t in reversed(context.history) if t.role == "interviewer"), None)
    hinted = last.text if last is not None and last.move and last.move.kind == MoveKind.HINT else ""
    return " ".join(p for p in (earlier[-1] if earlier else "", hinted) if p)


def question_answered(context: SpeakContext) -> str:
    """The interviewer's question a request that says nothing of its own is stuck on ("No
    idea which to favour, a hint?" after "false alarms or misses, which costs more
    here?"): the interviewer's last line, when it was not a hint (a hint's own line is part
    of `before`); empty for a request with a subject of its own."""
    if context.move.rule not in BARE_RULES:
        return ""
    last = next((t for t in reversed(context.history) if t.role == "interviewer"), None)
    if last is None or (last.move is not None and last.move.kind == MoveKind.HINT):
        return ""
    return last.text


# the rules of hints on a request that says nothing of its own (agent/decide/answers.py)
BARE_RULES = frozenset({"hint.pending", "hint.thread", "hint"})
# how much closeness to the question such a request is stuck on counts
QUESTION_WEIGHT = 0.5


def states_more(context: SpeakContext) -> bool:
    """The request states things beside asking for help ("I'd retrain weekly. Beyond that I
    don't know what to watch"): the signals its words show may be what was done, not what
    the candidate is stuck on."""
    stuck = context.reading.stuck_on if context.reading is not None else []
    return bool(stuck) and len(" ".join(stuck)) < STATED_SHARE * len(context.candidate_text)


# the share of a request its help-asking sentences stay under when it states more
STATED_SHARE = 0.8


def shared_words(lines: list[str], context: SpeakContext) -> np.ndarray:
    """A bonus for lines that share a distinctive word with the request ("position bias"
    named in a short sentence the embedder reads as mostly "I don't know"): a word of four
    letters or more that few of the lines use (at most a quarter of them) counts
    SHARED_WEIGHT per line using it, up to SHARED_MAX words."""
    from agent.speak.other_problems import words_of

    function = words_of(" ".join(FUNCTION_WORDS))
    asked = {
        w
        for w in words_of(context.candidate_text)
        if len(w) >= SHARED_MIN_LETTERS and w not in function
    }
    if not asked or not lines:
        return np.zeros(len(lines), dtype=np.float32)
    per_line = [words_of(line) for line in lines]
    rare = {
        w for w in asked if 0 < sum(w in words for words in per_line) <= len(lines) * SHARED_SHARE
    }
    return np.asarray(
        [SHARED_WEIGHT * min(len(rare & words), SHARED_MAX) for words in per_line],
        dtype=np.float32,
    )


# words that say nothing of a subject however rarely a line uses them: English function
# words, and the words of asking for help itself
FUNCTION_WORDS = frozenset(
    {
        *("which", "what", "when", "where", "while", "that", "this", "these", "those"),
        *("there", "their", "them", "they", "then", "than", "would", "could", "should"),
        *("about", "with", "from", "into", "over", "just", "also", "only", "very"),
        *("really", "maybe", "some", "more", "most", "much", "many", "thing", "things"),
        *("something", "anything", "think", "guess", "know", "sure", "though", "actually"),
        *("honestly", "hint", "help", "stuck", "idea", "give", "point"),
    }
)
# the distinctive words a line shares with the request (see shared_words)
SHARED_WEIGHT = 0.25
SHARED_MAX = 2
SHARED_MIN_LETTERS = 4
SHARED_SHARE = 0.25
