"""One message read by the offline reader on a shipped problem card, in a given phase."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.misconceptions import default_misconceptions
from agent.content.phases import Phase
from agent.read.offline import OfflineReader
from agent.read.reading import ReadContext, Reading
from agent.understanding import shared_understanding
from agent.understanding.claims import applicable_claims


def card_context(problem: str, phase: Phase, last_interviewer_text: str = "") -> ReadContext:
    """A reading context on a shipped card and the shipped rubric."""
    content = load_content()
    return ReadContext(
        phase=phase,
        card=content.problems.get(problem),
        rubric=content.rubric,
        last_interviewer_text=last_interviewer_text,
    )


def strong_answer_note(problem: str, start: str) -> tuple[str, str]:
    """(phase, note) of the shipped card's strong-answer note that starts with `start`."""
    for phase, notes in load_content().problems.get(problem).strong_answer.items():
        for note in notes:
            if note.startswith(start):
                return phase.value, note
    raise AssertionError(f"no note of {problem} starts with {start!r}")


def read_on_card(text: str, problem: str, phase: Phase) -> Reading:
    return OfflineReader().read(text, card_context(problem, phase))


def claims_on_card(text: str, problem: str) -> list[str]:
    """The wrong claims the shared reading finds in `text` that apply on the shipped card."""
    found = shared_understanding().message(text)
    card = load_content().problems.get(problem)
    return applicable_claims(found, default_misconceptions(), card=card)


def challenged_in_conversation(problem: str, opening_question: str, text: str, claim: str) -> None:
    """An interview on the shipped card, opened with `opening_question`, answers `text` with
    the catalogue's challenge of `claim` (a wrong-claim steer naming it)."""
    from agent.decide.moves import SteerKind
    from tests.support.policy_fixtures import interview_on, reply_to

    reply, move = reply_to(interview_on(problem, opening_question), text)
    assert move.steer == SteerKind.WRONG_CLAIM and move.target == claim, move.reason
    assert default_misconceptions().get(claim).challenge in reply


def claim_stands_if_read(claim: str, text: str, problem: str) -> bool:
    """Whether the catalogue's checks keep `claim` on the shipped card were the model to read
    it in every sentence of `text`: the catalogue alone, whatever the heads read."""
    found = shared_understanding().message(text)
    read = [
        s.model_copy(update={"wrong_claims": {**s.wrong_claims, claim: 1.0}})
        for s in found.sentences
    ]
    found = found.model_copy(update={"sentences": read})
    card = load_content().problems.get(problem)
    return claim in applicable_claims(found, default_misconceptions(), card=card)
