"""Which follow-up angles the candidate already covered about the claim a follow-up quotes,
so the follow-up never asks for what was just given: the claim's thread in the reading
(understanding/threads.py), a reason said around it, the angle of the interviewer's question
the message answers, and, for a claim that is itself a check, how it is measured."""

from __future__ import annotations

import re

from agent.content.rubric import Rubric
from agent.read.reading import MessageKind
from agent.speak.base import SpeakContext
from agent.understanding import threads

# words that tie a decision to its reason
_REASON = re.compile(r"\b(?:because|since|so that|otherwise|to avoid)\b|, so\b", re.IGNORECASE)


def gives_reason(anchor: str) -> bool:
    """The candidate's words already give the reason for what they say."""
    return bool(_REASON.search(anchor))


def covered_angles(
    context: SpeakContext, anchor: str, sentence: str, angles: dict[str, str]
) -> set[str]:
    """The angles the candidate already covered about the claim a follow-up quotes: what the
    thread of its sentence gives (the sentence and its neighbours about the same claim; the
    whole message when the sentence is not found), a reason given around it, and the angle
    of the interviewer's question the message answers."""
    reading = context.reading
    if reading is None:
        return {"reason"} if gives_reason(sentence) else set()
    stated = list(reading.thread_angles)
    at = _statement_of(stated, anchor, sentence)
    given = set(reading.thread_angles[stated[at]] if at is not None else reading.angles_given)
    if (at is not None and threads.gives_reason(stated, at)) or gives_reason(sentence):
        given.add("reason")  # "..., because the member might unsubscribe": not "why?"
    if reading.kind == MessageKind.ANSWER:
        given |= asked_angles(context, angles)
    return given


def _statement_of(stated: list[str], anchor: str, sentence: str) -> int | None:
    """Which of the message's statements the anchor was cut from."""
    words = anchor.strip().rstrip(".").strip()
    for i, text in enumerate(stated):
        if words and words in text:
            return i
    for i, text in enumerate(stated):
        if sentence.strip() and sentence.strip() in text:
            return i
    return None


def asked_angles(context: SpeakContext, angles: dict[str, str]) -> set[str]:
    """The angles the interviewer's last line asked for ("What's the main reason...?"):
    the answer that follows covers them, whatever words it uses ("Tabular, fast to train.")."""
    last = next((t.text for t in reversed(context.history) if t.role == "interviewer"), "")
    return angles_in(last, angles) if last else set()


def angles_in(line: str, angles: dict[str, str]) -> set[str]:
    """The angles of the pushes an interviewer line put, a push worded around the
    candidate's words too ("Once it's live, how would you tell that "{decision}" is pulling
    its weight?": each of its own pieces in the line, in order)."""
    return {angle for push, angle in angles.items() if put_in(push, line)}


_FIELD = re.compile(r"\{[a-z_]+\}")


def put_in(push: str, line: str) -> bool:
    """The line says the push: its words as written, or, for a push worded around the
    candidate's words ("Why \"{decision}\" here?"), each of its own pieces in the line, in
    order, whatever words filled its slots. The one check of a template in a line, for what
    the last question asked and for which wordings were put already."""
    if "{" not in push:
        return push in line
    at = 0
    pieces = [p for p in _FIELD.split(push) if p.strip(" \"'?.,:")]
    if not pieces:
        return False
    for piece in pieces:
        found = line.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True


# Signals whose claim is itself a check on the design (a metric, a test, a monitor): asking
# how the candidate would know it works asks for what they just described.
_MEASURING_DIMENSIONS = frozenset({"metrics", "evaluation"})
_MEASURING_SIGNALS = frozenset({"monitoring_drift"})


def measures(context: SpeakContext, sentence: str, rubric: Rubric) -> bool:
    """The quoted claim is a measurement: a signal of it is a metric, an evaluation or
    monitoring (the move's target, or a signal whose quote is in the claim's sentence)."""
    reading = context.reading
    named = {context.move.target or ""}
    if reading is not None and sentence.strip():
        named |= {sid for sid, q in reading.quotes.items() if q.strip() and q in sentence}
    for sid in named - {""}:
        if sid in _MEASURING_SIGNALS:
            return True
        try:
            if rubric.dimension_of_signal(sid).id in _MEASURING_DIMENSIONS:
                return True
        except KeyError:
            continue
    return False
