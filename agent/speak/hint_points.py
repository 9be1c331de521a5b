"""What a hint says: the line, of this problem's card or of guidance that fits it, closest to
what the candidate is stuck on.

What they are stuck on is read from their request (the sentences of it that ask for help
first, Reading.stuck_on), the message before it (a bare "any hint?" is about whatever they
were just saying), and the design signal the policy chose as the hint's subject. The lines
a hint may rest on, by level:

- a first hint on a subject is a nudge: a general principle of the retrieved guidance (with
  any example taken from another problem left out, agent/speak/other_problems.py), a pitfall
  of this problem, or a fact the candidate was already told ("look back at what you have");
- a second hint on the same subject is a concrete pointer: what a strong answer to this
  problem covers (one line of the card's strong answer, never the whole of it).

Each line is scored by its closeness in meaning to the request, to the message before it and
to the subject, plus a prior for its source (a strong-answer line of the subject's phase, a
retrieved section's score). A line the interviewer already said is not said again, and a
line close to what the candidate already said (the statements their request showed, their
earlier messages) is marked down: a hint says something they have not said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from agent.content.phases import Phase
from agent.content.rubric import Rubric
from agent.decide.moves import MoveKind
from agent.speak import hint_request, hint_subjects, variation
from agent.speak.base import SpeakContext
from agent.speak.card_fit import NAME_WEIGHT, name_stems
from agent.speak.other_problems import guidance_line

Source = Literal["guidance", "fact", "pitfall", "strong_answer", "point", "narrow"]

# How much a guidance sentence's section (its chunk's retrieval score, in [0, 1]) counts.
SECTION_WEIGHT = 0.2
# In a request that also states things, how much more closeness to the sentences that ask
# for help (Reading.stuck_on) counts, beside the whole message and its closest sentence.
STUCK_WEIGHT = 0.5
# How much closeness to the message before the request counts, beside the request itself.
BEFORE_WEIGHT = 0.5
# A line closer than SAID_FROM to something the candidate already said is marked down by
# SAID_WEIGHT times the excess (a near restatement of their own words is no hint), and by
# SAID_NOW_WEIGHT when what it restates is in the request itself (closeness to an earlier
# message is often only a shared topic; to the request's own statements, a restatement).
SAID_FROM = 0.45
SAID_WEIGHT = 1.0
SAID_NOW_WEIGHT = 2.0
# Priors by source and level: a nudge leans on what the candidate has (a fact told) and on
# this problem's traps; a second hint on a subject on what a strong answer covers, in the
# subject's phase first.
FACT_PRIOR = 0.1
PITFALL_PRIOR = 0.05
POINTER_PRIOR = 0.3
SAME_PHASE_PRIOR = 0.15
# How much closeness to the hint's subject counts, by how the policy found the subject: named
# or shown by the request itself, the question the candidate is stuck on, what their last
# answer was about, or none of these (the phase's next gap). The request's own words count
# 1; a subject the request did not name must not outweigh them.
SUBJECT_WEIGHT = {"hint.asked": 0.6, "hint.said": 0.6, "hint.pending": 0.5, "hint.thread": 0.3}
GAP_SUBJECT_WEIGHT = 0.2


_SENTENCE = re.compile(r"(?<=[.?!])\s+")
# words a sentence of the request needs to say what it is about
MIN_PIECE_WORDS = 4


# what a second hint on a subject rests on, when any is left
CONCRETE = ("strong_answer", "fact")


@dataclass(frozen=True)
class HintPoint:
    text: str
    source: Source


def hint_level(context: SpeakContext) -> int:
    """How many hints on this subject came before (in this phase, when it has none)."""
    move = context.move
    earlier = [
        t.move
        for t in context.history
        if t.role == "interviewer" and t.move is not None and t.move.kind == MoveKind.HINT
    ]
    if move.target:
        return sum(1 for m in earlier if m.target == move.target)
    return sum(1 for m in earlier if m.phase == move.phase and not m.target)


def _candidates(context: SpeakContext, level: int, said: str) -> list[tuple[str, Source, float]]:
    """(line, source, prior) for every line this hint may rest on."""
    card, grounding = context.card, context.grounding
    out: list[tuple[str, Source, float]] = []
    closing = _closing_allowed(context)
    for chunk in grounding.chunks:
        if chunk.phase == Phase.WRAP_UP and not closing:
            continue
        for sentence in variation.guidance_sentences(chunk.text, cut_long=True):
            kept = guidance_line(sentence, card, said)
            if kept:
                out.append((kept, "guidance", SECTION_WEIGHT * chunk.score))
    subject_phase = _subject_phase(context)
    for pointer in grounding.pointers:
        if pointer.source == "fact":
            out.append((pointer.text, "fact", FACT_PRIOR))
        elif pointer.source == "pitfall":
            out.append((pointer.text, "pitfall", PITFALL_PRIOR))
        elif level > 0:
            if pointer.phase == Phase.WRAP_UP and not closing:
                continue
            same = SAME_PHASE_PRIOR if pointer.phase == subject_phase else 0.0
            out.append((pointer.text, "strong_answer", POINTER_PRIOR + same))
    return out


def _closing_allowed(context: SpeakContext) -> bool:
    """A hint may point at how to close the interview (a prioritised list of improvements, a
    summary) only once the interview is in its wrap-up: before that, "what else would you
    like to hear?" is answered with a part of the design, never with an invitation to wrap
    up that the clock has not made (a judged hint said so at minute 16 of 45)."""
    return context.move.phase == Phase.WRAP_UP or context.state.phase == Phase.WRAP_UP


def _subject_phase(context: SpeakContext) -> object:
    from agent.ground.grounding import subject_phase

    return subject_phase(context.move)


def _closeness(vectors: np.ndarray, text: str, u: object) -> np.ndarray:
    """Each line's closeness to a message: half to the whole of it, half to the sentence of
    it the line is closest to (a long message is about several things; what the candidate
    is stuck on may be one sentence of it)."""
    embed = u.embed  # type: ignore[attr-defined]
    whole = vectors @ embed([text])[0]
    pieces = [p for p in _SENTENCE.split(text) if len(p.split()) >= MIN_PIECE_WORDS]
    if not pieces:
        return whole
    return 0.5 * whole + 0.5 * (vectors @ embed(pieces).T).max(axis=1)


def choose(context: SpeakContext, rubric: Rubric) -> HintPoint | None:
    """The line this hint rests on, or None when nothing fits (the voice then asks a smaller
    question on the subject, or says the phase's goal)."""
    from agent.read.topics import signal_vector
    from agent.understanding import shared_understanding

    u = shared_understanding()
    if u.embedder is None:
        return None
    found_point = hint_subjects.point_line(context, u)
    if found_point is not None:
        text, level_source = found_point
        return HintPoint(text=text, source=level_source)
    said_texts = hint_request.said_before(context)
    everything_said = " ".join([*said_texts, context.candidate_text])
    level = hint_level(context)
    found = _candidates(context, level, everything_said)
    spoken = [t.text for t in context.history if t.role == "interviewer"]
    found = [f for f in found if not any(f[0] in line for line in spoken)]
    if level > 0:  # a second hint on the subject is concrete: this problem's own lines
        concrete = [f for f in found if f[1] in CONCRETE]
        found = concrete or found
    if not found:
        return _narrowed(context)
    lines = [text for text, _, _ in found]
    vectors = u.embed(lines)
    scores = np.asarray([prior for _, _, prior in found], dtype=np.float32)
    target = context.move.target
    if target:
        subject = signal_vector(target, rubric, u)
        weight = SUBJECT_WEIGHT.get(context.move.rule or "", GAP_SUBJECT_WEIGHT)
        if context.move.rule == "hint.said" and hint_request.states_more(context):
            weight = SUBJECT_WEIGHT["hint.thread"]  # what they stated, not what they ask
        if subject is not None:
            scores = scores + weight * (vectors @ subject)
        named = name_stems(target)
        scores = scores + np.asarray(
            [NAME_WEIGHT * any(n in line.lower() for n in named) for line in lines],
            dtype=np.float32,
        )
    if context.candidate_text.strip():
        scores = scores + _closeness(vectors, context.candidate_text, u)
    if hint_request.states_more(context):  # the sentences that ask for help count once more
        stuck = context.reading.stuck_on if context.reading is not None else []
        scores = scores + STUCK_WEIGHT * (vectors @ u.embed(stuck).T).max(axis=1)
    scores = scores + hint_request.shared_words(lines, context)
    before = hint_request.before(context)
    if before.strip():
        scores = scores + BEFORE_WEIGHT * (vectors @ u.embed([before])[0])
    question = hint_request.question_answered(context)
    if question:
        scores = scores + hint_request.QUESTION_WEIGHT * (vectors @ u.embed([question])[0])
    now = set(hint_request.said_now(context))
    for texts, weight in (
        ([s for s in said_texts if s.strip() and s not in now], SAID_WEIGHT),
        ([s for s in now if s.strip()], SAID_NOW_WEIGHT),
    ):
        if texts:
            closeness = (vectors @ u.embed(texts).T).max(axis=1)
            scores = scores - weight * np.maximum(closeness - SAID_FROM, 0.0)
    best = int(np.argmax(scores))
    text, source, _ = found[best]
    if hint_subjects.own_words_unmatched(context) and not hint_subjects.near_request(
        vectors[best], context, u
    ):
        # no line is near their words, but the request names its subject (a design signal
        # its own words show): that subject's hint point, before a narrowing question
        own = hint_subjects.named_subject_line(context, u, clear_only=True)
        if own is not None:
            return HintPoint(text=own, source="point")
        narrowed = _narrowed(context)
        if narrowed is not None:
            return narrowed
    if source == "guidance" and target and not any(n in text.lower() for n in name_stems(target)):
        # the line to be said is close to the request's words but speaks of something else
        # than the subject the candidate was on ("what else to check in the A/B test"
        # answered with when a canary ends; "what am I missing?" after a split answered
        # with how trees treat missing values): the subject's own hint point instead, when
        # one is left
        own = hint_subjects.named_subject_line(context, u, any_subject=True)
        if own is not None:
            return HintPoint(text=own, source="point")
    return HintPoint(text=text, source=source)


def _narrowed(context: SpeakContext) -> HintPoint | None:
    """The request describes something of its own that neither a hint point nor the line
    ranked first comes close to: a narrowing question on their words, not a point that is
    not theirs (None for a request with no words of its own to quote)."""
    if not hint_subjects.own_words_unmatched(context):
        return None
    quote = hint_subjects.stuck_quote(context)
    return HintPoint(text=quote, source="narrow") if quote else None
