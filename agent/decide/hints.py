"""The rule that answers a request for a hint (issue 10): what the candidate is stuck on (the
hint point the reader matched, the part of the design named, the interviewer's last question)
and when a candidate who keeps asking is moved on instead. Moved out of answers.py, which
answers questions about the problem and the interview; its place in the rule order is in
agent/decide/policy.py.
"""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide import coverage
from agent.decide.moves import Move, MoveKind
from agent.decide.situation import Situation
from agent.read.reading import MessageKind

# A candidate who asks for more hints than this in one phase is moved on instead.
MAX_HINTS_PER_PHASE = 2


def hint(s: Situation) -> Move | None:
    if s.reading.kind != MessageKind.HINT_REQUEST:
        return None
    # still stuck after the phase's hints: moved on, unless the request talks about
    # something of its own (a new doubt is not the same one unresolved)
    if s.state.hints_in_phase >= MAX_HINTS_PER_PHASE and _says_nothing_itself(s):
        return s.advance(
            f"candidate still stuck after {s.state.hints_in_phase} hints; move on", "exhausted"
        )
    found = hint_subject(s)
    if found is not None:
        subject, where = found
        return s.move(
            MoveKind.HINT,
            f"candidate asked for a hint about {subject} ({_SUBJECT_WHY[where]}); nudge on that",
            target=subject,
            rule=where,
        )
    if not _says_nothing_itself(s):
        # the request is about something of its own ("fresh listings have no bookings;
        # rank them higher for a while? no idea by how much") that no design signal names:
        # the hint rests on its words, not on the phase's next gap nor on the question
        # asked before it
        return s.move(
            MoveKind.HINT,
            "candidate asked for a hint on what their own words describe; nudge on that",
            rule="words",
        )
    target = coverage.hint_target(s.state, s.rubric, s.card.not_applicable)
    return s.move(
        MoveKind.HINT,
        f"candidate asked for a hint on nothing in particular; nudge toward {target or s.phase}",
        target=target,
    )


_SUBJECT_WHY = {
    "asked": "the request names it",
    "said": "the request itself is about it",
    "pending": "the question they are stuck on",
    "thread": "their last answer was about it",
}


def hint_subject(s: Situation) -> tuple[str, str] | None:
    """What a request for help is about, and where that was found: the subject the request
    names ("asked"), what its own words show ("said": "not sure how we'd detect drift"),
    the interviewer's question it answers ("pending": "I'm blanking, a hint?"), else what
    the candidate's last answer was about ("thread"). None: nothing to go on, and the hint
    goes to the phase's next gap. A subject is a design signal the card does not rule out
    (how the candidate communicates is never one)."""
    # the question asked before, or what the last answer was about, only when the request
    # says nothing of its own ("I'm blanking, a hint?"): a request that talks about
    # something ("fresh listings have no bookings ... no idea by how much") is about that
    bare = _says_nothing_itself(s)
    pending = [s.state.last_asked] if s.state.last_asked and bare else []
    thread = s.state.last_answer_signals if bare else []
    asked = [s.reading.asked_about] if s.reading.asked_about else []
    # the subject read from the request's meaning is taken first only in the part of the
    # design the candidate is on (or names); elsewhere what its words show comes first
    # ("not sure what else to monitor, if a feature breaks ..." during monitoring is about
    # monitoring, however close its words come to the split)
    on_thread = [x for x in asked if _on_thread(s, x)]
    # a request matched to a hint point describes that point's subject, wherever it is
    described = asked if s.reading.hint_subject else []
    for where, found in (
        ("asked", described),
        ("asked", on_thread),
        ("said", s.reading.signals),
        ("asked", asked),
        ("pending", pending),
        ("thread", thread),
    ):
        subject = next((x for x in found if _design_subject(s, x)), None)
        if subject is not None:
            return subject, where
    return None


# A request for help of this many words or more says something of its own (what the
# candidate tried, the choice they are unsure of) even where no design signal names it: it
# is about that, not about the question before it or the last answer. "I'm blanking, a
# hint?" is a few words; a candidate thinking aloud about a step of their own design
# takes a few sentences.
OWN_WORDS_MIN = 25


def _says_nothing_itself(s: Situation) -> bool:
    """The request shows and talks about no part of the design (the reader's recall bar
    finds no signal in it, it describes no hint point, and it is short): it is about the
    question before it, or the last answer."""
    reading = s.reading
    if reading.signals or reading.signals_mentioned or reading.hint_subject:
        return False
    return reading.word_count < OWN_WORDS_MIN


# signals that are habits of speaking, not parts of the design: no hint is about them (a
# candidate unsure how long to wait for labels is stuck on the labels, not on assuming)
HABITS = frozenset({"states_assumptions"})


def _on_thread(s: Situation, signal: str) -> bool:
    """The signal belongs to the phase the interview is on or one the message is about."""
    try:
        phase = s.rubric.dimension_of_signal(signal).phase
    except KeyError:
        return False
    return phase == s.phase or phase in s.reading.phases


def _design_subject(s: Situation, signal: str) -> bool:
    if signal in s.card.not_applicable or signal in HABITS:
        return False
    try:
        return s.rubric.dimension_of_signal(signal).phase != Phase.WRAP_UP
    except KeyError:
        return False  # a fact topic or a misconception, not a part of the design
