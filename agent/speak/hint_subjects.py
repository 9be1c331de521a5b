"""A hint on the hint point the candidate is stuck on (knowledge/hint_points.yaml), or, when
their request describes something no point is close to, a narrowing question on their own
words.

The point is the one the reader matched to the request (Reading.hint_subject); a request that
says nothing of its own ("a hint?") is matched the same way, with the same bar, against the
interviewer's question it is stuck on and the message before it. A first hint on a point
says its nudge, a second its concrete step; with both said, the hint goes back to the lines
of the card and the guidance (agent/speak/hint_points.py).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from agent.content.hint_points import default_hint_points
from agent.decide.moves import MoveKind
from agent.read import stuck_subjects
from agent.speak import hint_request
from agent.speak.base import SpeakContext
from agent.understanding.reader import Understanding
from agent.understanding.sentences import split_sentences


def matched_point(context: SpeakContext, u: Understanding) -> str | None:
    """The id of the hint point this hint is about, or None: the one the reader matched to
    the request; for a request that says nothing of its own, the one of a hint just given
    ("still stuck" after a point's nudge gets its concrete step), else the one the
    interviewer's question it is stuck on is about (the candidate's earlier message says what
    they did, not where they are stuck), when it is a point of the signal the policy took
    that question to be about."""
    reading = context.reading
    if reading is not None and reading.hint_subject:
        return reading.hint_subject
    if context.move.rule not in hint_request.BARE_RULES:
        return None
    catalog = default_hint_points()
    last = next((t for t in reversed(context.history) if t.role == "interviewer"), None)
    still = not hint_request.statements(context.candidate_text)  # "still stuck", nothing new
    if still and last is not None and last.move is not None and last.move.kind == MoveKind.HINT:
        said = " ".join(last.text.split())
        hinted = (p.id for p in catalog.points if p.line(0) in said or p.line(1) in said)
        return next(hinted, None)
    question = hint_request.question_answered(context)
    if not question.strip() or not context.move.target:
        return None
    # a point of the signal the policy took that question to be about (a short question
    # alone comes near points of other parts of the design by a word or two)
    ranked = stuck_subjects.closeness([question], context.card, catalog, u)
    ranked = [(p, s) for p, s in ranked if p.signal == context.move.target]
    if ranked and ranked[0][1] >= stuck_subjects.SUBJECT_BAR:
        return ranked[0][0].id
    return None


# the policy's rule for a request that names the subject it is stuck on (agent/decide/hints.py)
NAMED_RULE = "hint.asked"
# the rules of a hint on the subject the candidate was on: named or shown by the request, the
# question they are stuck on, or what their last answer was about (not the phase's next gap,
# nor a request about words of its own)
ON_SUBJECT_RULES = frozenset({NAMED_RULE, "hint.said", "hint.pending", "hint.thread"})


# How far the subject's closest point must lead its next one, and how close it must come to
# the request, to be taken with no line near the request: two points of one subject about as
# close (a label's definition and its delay), or a point far from what the request says (a
# caching point for "popular people would get too many requests"), leave the request's own
# words to narrow down. NAMED_BAR sits under the reader's SUBJECT_BAR, the subject being named
# by the request; chosen on the test19-1 hint turns and the hand-written hint tests (dev):
# at 0.35 the per-entity counts request (0.42) gets its point and the popular-people request
# (0.32) and the four what-else-to-check-in-a-test requests (0.28-0.31) keep the narrowing
# question.
CLEAR_LEAD = 0.05
NAMED_BAR = 0.35


def named_subject_line(
    context: SpeakContext, u: Understanding, clear_only: bool = False, any_subject: bool = False
) -> str | None:
    """For a request that names its subject (NAMED_RULE; with `any_subject`, any hint on the
    subject the candidate was on, ON_SUBJECT_RULES): the nudge, else the concrete step, of
    the subject's hint point closest to what the request says, not said yet; None when the
    subject has no point or every line of them was said (with `clear_only`, also when its
    two closest points are about as close, CLEAR_LEAD, or the closest is far from the
    request, NAMED_BAR)."""
    target = context.move.target
    rules = ON_SUBJECT_RULES if any_subject else {NAMED_RULE}
    if context.move.rule not in rules or not target:
        return None
    catalog = default_hint_points()
    own = {p.id for p in catalog.points if p.signal == target}
    if not own:
        return None
    reading = context.reading
    stuck = [*(reading.stuck_on if reading is not None else [])]
    said = stuck or [context.candidate_text]
    if clear_only:  # read as the reader reads a request: the whole, and each help sentence
        said = stuck_subjects.pieces(context.candidate_text, stuck) or said
    scored = [
        (p, c) for p, c in stuck_subjects.closeness(said, context.card, catalog, u) if p.id in own
    ]
    if clear_only and (not scored or scored[0][1] < NAMED_BAR):
        return None
    if clear_only and len(scored) > 1 and scored[0][1] - scored[1][1] < CLEAR_LEAD:
        return None
    ranked = [p for p, _ in scored]
    spoken = [" ".join(t.text.split()) for t in context.history if t.role == "interviewer"]
    for point in ranked:
        for level in (0, 1):
            line = point.line(level)
            if not any(line in earlier for earlier in spoken):
                return line
    return None


def point_line(
    context: SpeakContext, u: Understanding
) -> tuple[str, Literal["point", "strong_answer"]] | None:
    """The matched point's nudge, or its concrete step when the nudge was said already;
    None when there is no point or both were said."""
    point_id = matched_point(context, u)
    point = default_hint_points().get(point_id) if point_id else None
    if point is None:
        return None
    spoken = [" ".join(t.text.split()) for t in context.history if t.role == "interviewer"]
    for level, source in ((0, "point"), (1, "strong_answer")):
        line = point.line(level)
        if not any(line in said for said in spoken):
            return line, source  # type: ignore[return-value]
    return None


def own_words_unmatched(context: SpeakContext) -> bool:
    """The request says something of its own (the policy did not take its subject from the
    question before it or the last answer) and no hint point is close to it."""
    reading = context.reading
    if reading is None or reading.hint_subject:
        return False
    return context.move.rule not in hint_request.BARE_RULES and bool(reading.stuck_on)


def near_request(line: np.ndarray, context: SpeakContext, u: Understanding) -> bool:
    """A line's vector is close enough to the request (its closest piece, as the reader
    splits it for hint points) to be said although no hint point matched: POOL_BAR, chosen
    on the 36 dev hint turns where no point matched and the line ranked first was labelled
    by hand (at 0.55, 3 of 12 that fit are kept and none of the 24 that did not; at 0.47,
    4 and 2)."""
    reading = context.reading
    stuck = reading.stuck_on if reading is not None else []
    pieces = stuck_subjects.pieces(context.candidate_text, stuck)
    return bool(pieces) and float((u.embed(pieces) @ line).max()) >= POOL_BAR


POOL_BAR = 0.55


def stuck_quote(context: SpeakContext) -> str | None:
    """The candidate's words the narrowing question quotes: the first sentence that asks for
    help when it says what about (QUOTE_WORDS content words: "not sure how to deal with
    fraud being so rare"), else whichever of the sentences around it says most ("I'm not
    sure how to fix that." is about the one before; "Not sure what else... Maybe if the
    inputs change?" about the one after)."""
    reading = context.reading
    stuck = reading.stuck_on if reading is not None else []
    sentences = [s.text for s in split_sentences(context.candidate_text)]
    for i, sentence in enumerate(sentences):
        if any(sentence in s or s in sentence for s in stuck):
            if len(stuck_subjects.content_words(sentence)) >= QUOTE_WORDS:
                return sentence
            around = [s for s in sentences[max(i - 1, 0) : i + 2] if s != sentence]
            said = max(around, key=lambda s: len(stuck_subjects.content_words(s)), default="")
            best = max((said, sentence), key=lambda s: len(stuck_subjects.content_words(s)))
            # nothing in their words to narrow down ("stuck on what else the model needs")
            return best if len(stuck_subjects.content_words(best)) >= QUOTE_MIN else None
    return None


# content words a help-asking sentence needs to be quoted itself, and any quote at least
QUOTE_WORDS = 3
QUOTE_MIN = 2
