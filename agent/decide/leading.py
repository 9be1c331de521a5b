"""Where the candidate leads the interview: the rule for a phase whose essentials are covered
(depth before coverage, then on to where the candidate is going), and the part of the design
the interview goes to with them. The rule's place in the order is in agent/decide/policy.py;
where the interview moves on to is Situation.destination (the part the candidate's last
messages are about, else the next part of the order they announced, else the template's next
part they have not covered).
"""

from __future__ import annotations

from agent.content.phases import Phase, phase_index
from agent.decide import budget, coverage
from agent.decide.answers import FOLLOW_SIGNALS
from agent.decide.moves import Move, branch
from agent.decide.pushes import push_on_what_was_said
from agent.decide.situation import Situation
from agent.read.reading import MessageKind

# Follow-ups in a row on the candidate's answers before a covered phase moves on anyway.
PUSHES_IN_A_ROW = 3


def covered(s: Situation) -> Move | None:
    if not s.covered:
        return None
    deep = s.state.probes_in_phase >= 1
    used = budget.budget_used(s.state, s.spec, s.plan)
    if not deep and not used:
        return None  # covered, but not yet followed up on: depth before coverage
    if not used and s.answers_question and s.pushes_in_a_row < PUSHES_IN_A_ROW:
        # the candidate just answered the interviewer's question: follow up on the answer,
        # not a stock opening of the next phase that ignores it
        pushed = push_on_what_was_said(s)
        if pushed is not None:
            return branch(pushed, "answer")
    if _still_on(s) and (not used or s.pushes_in_a_row < PUSHES_IN_A_ROW):
        # the candidate is still giving something new, here or in the part they took up, or
        # offers to go deeper: the move to the next part waits, however many follow-ups came
        # before while the phase has time, and for a few more once its time is used; a
        # single mention of a later part is not a jump there (the next part comes in order)
        # (unless the candidate leads there: an order they announced, or the part their
        # last messages are about)
        # (a push on a later part it does not go to, unless the candidate leads there: an
        # order they announced, or the part their last messages are about; or the move on
        # would open a part they are not on with a stock question, pulling them off theirs)
        pushed = push_on_what_was_said(s)
        led = _led_there(s, pushed) if pushed is not None else None
        pulled = not _on(s, s.destination())
        if pushed is not None and (not _ahead(s, pushed) or led is not None or pulled):
            return branch(pushed.model_copy(update={"phase": led or pushed.phase}), "thread")
    going = with_candidate(s) or where_they_are(s)
    if going is not None:
        return going
    pct = coverage.seen_fraction(s.state, s.rubric, s.phase)
    why = "followed up" if deep else "its time is used"
    return s.advance(f"{s.phase} essentials covered ({pct:.0%} of its signal weight), {why}")


def _ahead(s: Situation, pushed: Move) -> bool:
    """The push is on a later part than the one the interview is in (where it goes, or the
    part its signal belongs to, when one mention did not take the interview there)."""
    if phase_index(pushed.phase) > phase_index(s.phase):
        return True
    try:
        own = s.rubric.dimension_of_signal(pushed.target or "").phase
    except KeyError:
        return False
    return own != Phase.WRAP_UP and phase_index(own) > phase_index(s.phase)


def with_candidate(s: Situation) -> Move | None:
    """The candidate is already on the part the interview moves on to (their design talk is
    about it, or they name it): go there with a push on their words, not with "let's talk
    about <the part they just described>"."""
    dest = s.destination()
    # a question about a later part is not yet a move there; an answer that opens a
    # sentence with the part's name ("Monitoring. ...") is there, whatever it asks after
    if (
        dest == s.phase
        or not _on(s, dest)
        or (s.reading.asks and dest not in s.reading.parts_named)
    ):
        return None
    pushed = push_on_what_was_said(s, f"{s.phase} done, the candidate is on {dest}; ")
    if pushed is None:
        return None
    return branch(pushed.model_copy(update={"phase": dest}), "with_candidate")


def where_they_are(s: Situation) -> Move | None:
    """The interview would move on to a part the candidate is not on, while they answer
    with design words of their own (a signal to push on, or the statement most worth it in
    a substantive answer): a push on those words where they are, not the stock
    opening of another part that pulls them off it; for PUSHES_IN_A_ROW follow-ups in a
    row at most, then the interview moves on."""
    if s.reading.kind != MessageKind.ANSWER or s.reading.asks or s.phase == Phase.WRAP_UP:
        return None
    if _on(s, s.destination()) or s.pushes_in_a_row >= PUSHES_IN_A_ROW:
        return None
    pushed = push_on_what_was_said(s)
    return branch(pushed, "where_they_are") if pushed is not None else None


def _on(s: Situation, phase: Phase) -> bool:
    """The candidate's message is on this part of the design: most of its design talk, the
    topic of their last messages, or a part one of its sentences opens with."""
    talked = coverage.dominant_phase(s.reading, s.rubric, at_least=FOLLOW_SIGNALS)
    return phase in (talked, s.topic()) or phase in s.reading.parts_named


def _led_there(s: Situation, pushed: Move) -> Phase | None:
    """The candidate leads to the later part a push is on: their last messages are about
    that part (not one mention of it: the interview goes there with them), or they announced
    an order of their own (the push is on their words wherever the interview is). The phase
    the push happens in; None when the candidate does not lead there."""
    try:
        own = s.rubric.dimension_of_signal(pushed.target or "").phase
    except KeyError:
        own = pushed.phase
    if own == s.topic():
        return own
    return pushed.phase if s.leads else None


def _still_on(s: Situation) -> bool:
    """The message goes on with the design with something new (a signal not followed up on
    yet, no question in it), in this part or the one the candidate took up, or offers to go
    deeper wherever the interviewer likes."""
    if s.reading.kind != MessageKind.ANSWER or s.reading.asks:
        return False
    if s.reading.offers_depth:
        return True
    fresh = coverage.touched_target(s.state, s.reading, s.rubric, s.card.not_applicable)
    return fresh is not None and fresh not in s.state.probed_targets
