"""The values a line of the question bank may name ({anchor}, {fact_answer}, {challenge},
{said}/{given}, {guidance_point}, ...): everything that can be filled for one move, from the
move, its grounding, the card and the interview so far. Lines whose placeholders are not all
filled are not chosen."""

from __future__ import annotations

from collections.abc import Callable

from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.speak import variation
from agent.speak.base import SpeakContext
from agent.speak.card_fit import fitting
from agent.speak.choosing import QuestionChooser
from agent.speak.other_problems import without_other_problems
from agent.speak.question_bank import QuestionBank

# Interviewer moves whose words are worth repeating when asked "can you repeat that?"
_REPEATABLE = {MoveKind.OPEN, MoveKind.PROBE, MoveKind.ADVANCE, MoveKind.STEER, MoveKind.HINT}

ChallengeLookup = Callable[[str], str | None]


def misconception_challenge(misconception_id: str) -> str | None:
    """The challenge question for a misconception id from knowledge/misconceptions.yaml."""
    from agent.content.misconceptions import default_misconceptions

    try:
        return default_misconceptions().get(misconception_id).challenge
    except KeyError:
        return None


def misconception_correction(misconception_id: str) -> str | None:
    """What the right practice is, said when a challenged claim is defended."""
    from agent.content.misconceptions import default_misconceptions

    try:
        return default_misconceptions().get(misconception_id).correction
    except KeyError:
        return None


def placeholder_values(
    bank: QuestionBank,
    questions: QuestionChooser,
    challenge_for: ChallengeLookup,
    context: SpeakContext,
) -> dict[str, str]:
    """Every placeholder that can be filled for this move (missing ones are left out)."""
    move, card, state = context.move, context.card, context.state
    names = bank.phase_names
    spec = questions.phase_spoken_of(context) or context.phase_spec
    values: dict[str, str] = {
        "opening": card.opening.strip(),
        "title": variation.in_sentence(card.title),
        "phase_title": names.get(spec.id, spec.title),
        "phase_goal": spec.goal.strip(),
        "minutes_left": str(round(state.minutes_left)),
        "last_question": _last_question(context),
    }
    if move.kind == MoveKind.ANSWER_CLARIFICATION and context.grounding.facts:
        values["fact_answer"] = " ".join(f.answer.strip() for f in context.grounding.facts)
    if (move.rule or "").endswith("clarifying.given"):
        # a pointer back names what it points to, so it can be checked
        asked = context.reading.fact_topics[:2] if context.reading is not None else []
        values["fact_subject"] = bank.subject_of(asked)
    question = questions.signal_question(context)
    if question:
        values["signal_question"] = question
    anchor = variation.anchor_phrase(move.anchor, context.candidate_text)
    deepen = questions.deepen_question(context) if anchor else None
    if anchor and (deepen or questions.pushes_on(context.move.target)):
        # framed with a question, or (every push on it asks for what was given) said to be
        # covered already
        values["anchor"] = anchor
    if anchor and deepen:
        values["deepen_question"] = deepen
    if move.number is not None:
        told = [move.number, *move.more_numbers]
        values["said"] = _listed(list(dict.fromkeys(c.said for c in told)))
        values["given"] = _listed(list(dict.fromkeys(c.given for c in told)))
    if move.kind == MoveKind.HINT:
        values.update(_hint_values(questions, context))
    elif context.grounding.chunks:
        said = variation.guidance_sentences(context.grounding.chunks[0].text)
        point = next(iter(fitting(said, context.card)), None)
        if point:
            values["guidance_point"] = point
    claim = move.claim or (
        move.target if move.kind == MoveKind.STEER and move.steer == SteerKind.WRONG_CLAIM else None
    )
    if claim:
        challenge = challenge_for(claim)
        if challenge:
            values["challenge"] = challenge.strip()
        correction = misconception_correction(claim)
        # its examples from other problems left out ("the accepted invitation" on listings)
        heard = " ".join([*(t.text for t in context.history if t.role == "candidate")])
        correction = correction and without_other_problems(
            correction.strip(), card, f"{heard} {context.candidate_text}"
        )
        if correction:
            values["correction"] = correction
    quote = _claim_quote(move, context)
    if quote:
        values["claim_quote"] = quote
    if move.kind == MoveKind.STEER and move.steer == SteerKind.SKIPPED_PHASE:
        skipped = _skipped_to(move, context)
        if skipped:
            values["skipped_to"] = names.get(skipped, str(skipped))
    return values


# the placeholder each kind of hint line fills: a principle of the guidance, a fact the
# candidate was told, a pitfall of this problem, what a strong answer covers
_HINT_KEYS: dict[str, str] = {
    "guidance": "guidance_point",
    "fact": "told_point",
    "pitfall": "pitfall_point",
    "strong_answer": "pointer_point",
    "point": "guidance_point",
    "narrow": "stuck_quote",
}


def _hint_values(questions: QuestionChooser, context: SpeakContext) -> dict[str, str]:
    point = questions.hint_point(context)
    if point is None:
        return {}
    text = point.text.strip()
    if point.source == "pitfall":  # "Using only ..." said inside a sentence
        text = text[:1].lower() + text[1:] if text[1:2].islower() else text
        text = text.rstrip(".")
    if point.source == "narrow":  # their words, cut to a few
        text = variation.anchor_phrase(text, context.candidate_text) or ""
        if not text:
            return {}
    return {_HINT_KEYS[point.source]: text}


def _claim_quote(move: Move, context: SpeakContext) -> str | None:
    """The candidate's statement of the wrong claim a move challenges (verbatim, said now or
    in an earlier turn): a challenge's anchor, or the claim an answer goes on to challenge."""
    if move.kind == MoveKind.STEER and move.steer == SteerKind.WRONG_CLAIM:
        said = [t.text for t in context.history if t.role == "candidate"]
        return variation.anchor_phrase(move.anchor, " ".join([*said, context.candidate_text]))
    if move.claim and context.reading is not None:
        statement = context.reading.claim_quotes.get(move.claim)
        return variation.anchor_phrase(statement, context.candidate_text)
    return None


def _skipped_to(move: Move, context: SpeakContext) -> Phase | None:
    if move.skipped_to is not None:
        return move.skipped_to
    reading = context.reading
    later = [p for p in (reading.phases if reading else []) if p != move.phase]
    return later[0] if later else None


def _last_question(context: SpeakContext) -> str:
    for turn in reversed(context.history):
        if turn.role == "interviewer" and turn.move and turn.move.kind in _REPEATABLE:
            return turn.text
    return context.card.opening.strip()


def _listed(items: list[str]) -> str:
    """ "a and b", "a, b and c"."""
    return " and ".join(items) if len(items) < 3 else f"{', '.join(items[:-1])} and {items[-1]}"
