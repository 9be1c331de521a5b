"""A follow-up on another decision of the candidate's last message, when every angle on the
words the follow-up quoted is covered.

A candidate who writes terse notes ("Time-based split, not random. Fraud shifts monthly.")
often covers the reason and the alternative of the sentence a follow-up would quote, and the
interviewer used to answer with a bare "okay, go on". A good interviewer does not let a
decision pass unexamined: it takes a decision the message made and asks the angle the
candidate left open (what it costs, where it breaks, how it is checked). The decisions are
read by the shared readers of the speak step, not a list of phrases: the statements of the
message as the understanding layer cut them (Reading.thread_angles, with the angles each
statement's thread covers) and what each decides (agent/speak/decisions.py). A message that
decides nothing (a thank-you, a list of keywords, a filler sentence, a fragment of a spoken
sentence) still gets no question. A figure or an option set aside in another sentence is not
asked about here: read away from the words quoted, it was often not a setting of theirs (a
click rate, "not exactly this").
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from enum import IntEnum

from agent.content.rubric import Rubric
from agent.read.reading import MessageKind
from agent.speak.base import SpeakContext
from agent.speak.covered import asked_angles, gives_reason, measures
from agent.speak.decisions import decision_phrase, note_decision
from agent.speak.proposals import proposes
from agent.understanding import threads

# (context, statement, its decision, given angles) -> a push naming the decision, or None
OnDecision = Callable[[SpeakContext, str, str, set[str]], str | None]


# A message written as notes: its statements average at most this many words. In spoken
# sentences a verbless clause is a fragment ("For new users", "In the short term"), not a
# choice; only a decision said with its verb counts there.
NOTE_WORDS = 10


def in_notes(statements: Collection[str]) -> bool:
    """The message is written as terse notes ("Cache per metro. Two-tower retrieval.")."""
    words = [len(s.split()) for s in statements]
    return bool(words) and sum(words) / len(words) <= NOTE_WORDS


class Sureness(IntEnum):
    """How surely a statement makes a decision, surest first."""

    VERB = 0  # "I'd split by drive", "Precompute item vectors nightly"
    SHOWN = 1  # a note with a rubric signal the reader found in it
    REASONED = 2  # a note reasoned about, or in a message about the design


def decision_of(context: SpeakContext, statement: str) -> tuple[str, Sureness] | None:
    """What a statement of the last message decides: a decision verb and its object ("I'd
    split by drive"), or, in a message of terse notes, for a note that makes a choice about
    the design (a rubric signal the reader found in it, a thread the angle head reads as
    reasoned about, or a message that talks about the design), its first item ("Single-stage
    det + FPN"). A note that shows no part of the design (a list of keywords, an aside)
    decides nothing to ask about."""
    reading = context.reading
    if reading is not None and statement in reading.asides:
        return None  # "I keep coming back to that": talk outside the design decides nothing
    decision = decision_phrase(statement)
    if decision is not None:
        return decision, Sureness.VERB
    if reading is None or not proposes(statement) or not in_notes(reading.thread_angles):
        return None
    shown = [q.strip() for q in reading.quotes.values() if q.strip()]
    if any(q in statement or statement.strip() in q for q in shown):
        sureness = Sureness.SHOWN
    elif reading.thread_angles.get(statement) or reading.signals or reading.signals_mentioned:
        # terse notes often show no signal the model is sure of: a note the angle head reads
        # as reasoned about (its thread covers an angle), or in a message about the design
        # (a signal read at the reader's recall bar); a bare list of names is no decision
        sureness = Sureness.REASONED
    else:
        return None
    note = note_decision(statement)
    return (note, sureness) if note else None


def statements_by_openness(
    context: SpeakContext, angles: dict[str, str], rubric: Rubric
) -> list[tuple[str, set[str]]]:
    """The statements of the last message with the angles already covered about each, the
    one with the most angles left open first (in the order said among equals)."""
    reading = context.reading
    if reading is None:
        return []
    stated = list(reading.thread_angles)
    asked = asked_angles(context, angles) if reading.kind == MessageKind.ANSWER else set()
    out: list[tuple[int, str, set[str]]] = []
    for i, statement in enumerate(stated):
        if statement.rstrip().endswith("?"):
            continue  # a question decides nothing
        given = set(reading.thread_angles[statement]) | asked
        if threads.gives_reason(stated, i) or gives_reason(statement):
            given.add("reason")
        if measures(context, statement, rubric):
            given.add("measure")  # a metric or a monitor is not asked how it is checked
        out.append((i, statement, given))
    out.sort(key=lambda item: (len(item[2]), item[0]))
    return [(statement, given) for _, statement, given in out]


def message_reasons(context: SpeakContext) -> bool:
    """The last message gives a reason for something it says: the angle head reads one in
    it, or a statement says why in its own words or its neighbour's (threads.gives_reason)."""
    reading = context.reading
    if reading is None:
        return gives_reason(context.candidate_text)
    stated = list(reading.thread_angles)
    return (
        "reason" in reading.angles_given
        or any("reason" in given for given in reading.thread_angles.values())
        or any(threads.gives_reason(stated, i) for i in range(len(stated)))
    )


def push_on_another_decision(
    context: SpeakContext,
    angles: dict[str, str],
    rubric: Rubric,
    on_decision: OnDecision,
    least_sure: Sureness = Sureness.REASONED,
) -> str | None:
    """A push on a decision the last message made (named in the question), on an angle
    its thread left open and not asked in the last few turns. None when the message decides
    nothing still open (made at least as surely as `least_sure`)."""
    ranked = statements_by_openness(context, angles, rubric)
    found = [(s, given, decision_of(context, s)) for s, given in ranked]
    found = [(s, given, d) for s, given, d in found if d is None or d[1] <= least_sure]
    # a decision said with its verb first, then a note that shows a part of the design,
    # then a note read as reasoned about; the one with most angles open first among each
    found.sort(key=lambda item: item[2][1] if item[2] else len(Sureness))
    for statement, given, decided in found:
        if decided is None:
            continue
        question = on_decision(context, statement, decided[0], given)
        if question:
            return question
    return None
