"""The `decide` step: one pure function from the interview's state and the reading of the
candidate's latest message to the interviewer's next move.

No I/O, no randomness, no clock: the same inputs always give the same Move, whichever
backend read the message or will speak the move. `decide` expects the state *after*
`progress.apply_reading` recorded the candidate turn (counters, signals, streaks, clock);
`progress.apply_move` then records the move.

Rules, in priority order; the first that applies makes the move, and the move records the
rule's id (and its branch, as "id.variant") in `Move.rule`. A test keeps this table equal
to RULES.

 1. closed            interview finished or the clock ran out        -> WRAP_UP
 2. manipulation      asks for the rubric, hidden facts, prompt, score -> DECLINE, same phase
 3. end_request       the candidate asks to stop (even early)        -> WRAP_UP
                      only says they are done ("Done.", Reading.asks_to_stop False)
                      before WRAP_UP_NOT_BEFORE: once, the time left goes to a push on
                      their words, a gap of the part they are on or a part covered thinly
                      ("deferred"); said again, or after minute 35  -> WRAP_UP
 4. wrap_up_phase     questions and meta are still answered; anything
                      else (the candidate's recap), or turns used    -> WRAP_UP
 5. clarifying        answered before any time or phase rule, wherever in a message it is
                      asked: from the card's facts only, part by part in the order asked,
                      at most MAX_PIECES_PER_ANSWER pieces per message; a part the card
                      leaves open is named ("state an assumption"); a fact given earlier,
                      asked again mid-design -> point back ("given"); a short answer inside
                      a design answer goes on to push on its words (anchor), and moves with
                      a candidate designing ahead
                                                                     -> ANSWER_CLARIFICATION
 6. meta              time, phase, repeat                            -> ANSWER_META
                      "can we move on to serving?" / "back to the features?" names a
                      phase ("move_on_to")                           -> ADVANCE there
                      "can we move on?": while designing -> ADVANCE; in the requirements,
                      min turns met -> ADVANCE, else PROBE the missing essential
                      an offer to go deeper ("any part you want me to go deeper on?")
                      or an invitation to ask: taken, on their words, a gap or a part
                      covered thinly ("offer")                       -> PROBE
                      an offer that names its options ("the training, or the
                      evaluation"): the one heard least of ("offer_choice") -> ADVANCE
                      "can we move on?" that stays in this part (it names it, or it is
                      the last design part and too early to close): what this part still
                      lacks ("move_on_within")                        -> PROBE
                      an answer that moves on itself ("... let's move on to serving:
                      ..."), to a later part ("moved_on")             -> ADVANCE there
 7. nearly_up         fewer than WRAP_UP_MINUTES left                -> ADVANCE to wrap-up
 8. wrong_claim       a misconception not challenged yet, stated (not asked) in a sentence
                      the challenge quotes (anchor), or one left open while a question
                      was answered ("earlier", raised in a later answer, with its quote)
                                                                     -> STEER(wrong_claim)
 9. numbers           a figure contradicting one the interviewer gave (card fact), once
                      per fact and kind of quantity: point out the difference (up to two
                      of one message together); one left open while another move took its
                      turn ("earlier"); one said again after it was queried (a recap that
                      restates it): the right figure, plainly, once more ("again") -> PROBE
                      an assumed figure, or a stated requirement (latency, request
                      rate, users), that a fact not given yet contradicts: every such
                      fact of the message at once ("assumption")  -> ANSWER_CLARIFICATION
10. overrun_told      the phase ran long and the candidate was told  -> ADVANCE
11. hint              about what the candidate asked or is stuck on: the signal the
                      request names ("asked"), else the one its words show ("said"), else
                      the interviewer's pending question ("pending"), else their last
                      answer's ("thread"); with no subject, the most important missing
                      signal                                          -> HINT
                      (after MAX_HINTS_PER_PHASE hints in the phase  -> ADVANCE)
12. silent            1st -> STEER(silent), 2nd in a row -> HINT, 3rd -> ADVANCE
13. off_topic         back to the problem, firmer when repeated      -> STEER(off_topic)
14. recap             an answer recapping the whole design once a close is allowed (minute
                      35 of 45): the candidate is closing it         -> ADVANCE to wrap-up
                      (earlier, a summary is not a request to end: the rules below)
15. requirements_first  designs before any requirement was asked or stated; once
                                                                     -> STEER(skipped_phase)
16. defended          a claim already challenged, stated again as its defence ("the random
                      split is fine, we have lots of data"): not accepted; the right
                      practice said plainly, once per claim          -> STEER(wrong_claim)
17. follow            most of an answer (FOLLOW_SIGNALS or more, no question in it) is about a
                      later phase beyond the next, and this one is covered or its time used:
                      the candidate leads                            -> ADVANCE there
18. overrun           the candidate already talks about a later phase -> there, with a
                      push on their words (PROBE), else ADVANCE ("moved_on", no time
                      note); covered, or only its turns (not the
                      clock) ran over -> ADVANCE, else               -> STEER(overrun)
                      (an answer with words to push on, on a part other than the one
                      the interview would open: a push where they are, "where_they_are",
                      up to PUSHES_IN_A_ROW in a row                  -> PROBE)
19. covered           the phase's essentials are shown AND followed up on at least once,
                      or its time budget is used                     -> ADVANCE
                      (the candidate just answered the interviewer's question, with time
                      left and fewer than PUSHES_IN_A_ROW follow-ups in a row: a push on
                      the answer's words, "answer"                    -> PROBE;
                      the candidate still giving content (a signal not followed up on
                      yet, here or in an earlier part they went back to), or offering
                      to go deeper anywhere (with time left in the phase, however many
                      follow-ups came before; with its time used, fewer than
                      PUSHES_IN_A_ROW in a row): a push on their words, "thread" -> PROBE
                      (on a later part only where the candidate leads, or where moving
                      on would open a part they are not on);
                      the candidate already on the part the interview moves on to: a
                      push on their words there, "with_candidate"     -> PROBE;
                      the candidate on another part, with words to push on: a push
                      where they are, "where_they_are"                -> PROBE)
Where the interview moves on to (every ADVANCE a rule makes without naming a phase): a part
not covered that the answer says the candidate goes to now, even back ("now let me go back
to the data": "<rule>.announced"), else the later part the candidate's last messages are
about ("<rule>.topic": THREAD_SIGNALS of its signals in this answer, a sentence opening with
its name, or over this answer and the one before), else the next later part of the order
the candidate announced that they have not covered ("<rule>.announced": "I'll go through the
data first, then the model, then serving"), else the template's next phase they have not
covered; never back otherwise. A request to move on goes to the part it names when that is
not covered yet, else to the next part not covered after it (there when none is left), and
to a subject it names that was not said yet ("can we move on? I want to get to
monitoring"). A refusal (rule 2) names the part the message itself talks about.
20. probe             otherwise: push on what the candidate just said (the move's anchor is
                      their words: a signal's quote, not a passing remark, or in an answer
                      of 25+ words with no signal left to push on, the statement most worth
                      it, from ANSWER_FOCUS_MIN_WORDS in an answer to the interviewer's
                      question; in the design phase the message is about, once the requirements
                      were heard or the order steered: the candidate leads), else ask for
                      the most important missing signal -> PROBE
An advance with the phase's usual opening question records the signals that question asks
for (the phase's asks_for in knowledge/phases.yaml, less what was said): they are not asked
for again at once ("Describe how you would train it, including the loss, ..." is not
followed by "What loss would you train with?"), only once more before the wrap-up.
Open threads: an answer to a question that pushes on nothing else also challenges a wrong
claim (said with the question or left open earlier), else points out a figure that
contradicts the card (said in that message or left open earlier); once each. A request to
move on that says a figure the card contradicts moves on (or asks what the part still lacks)
with the figure pointed out first, as a note to carry. A message that only asks "is that
right?" after figures the card contradicts is answered by the numbers rule.
Pacing: an ADVANCE into the wrap-up before WRAP_UP_NOT_BEFORE of the interview's minutes
(35 of 45) becomes a PROBE, unless the candidate asked to end or the clock is nearly out: on
what the candidate just said ("rule.touched" or "rule.focus"), else the most important gap of
the phase the candidate is on ("rule.gap"), or else revisiting the most important signal still
missing from a phase that was skipped or cut short ("rule.revisit"); a request to move on
("can we move on?") with nothing left ahead is not asked about the part it leaves: what
another part still lacks ("meta.leaving.revisit"), and in the last design part, one that names the
part as done ("I'd say this covers serving": Reading.parts_done) likewise
("meta.move_on_within.leaving.revisit"). A time note with an answer ("we should move on
shortly") is said only when the clock says the phase ran long, never for a count of turns.
"""

from __future__ import annotations

from collections.abc import Callable

from agent.content.phases import Phase, PhasePlan
from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.decide import (
    about_interview,
    answers,
    budget,
    challenges,
    coverage,
    hints,
    leading,
    pushes,
    rules,
)
from agent.decide.moves import META_RULE, Move, MoveKind
from agent.decide.situation import Situation
from agent.decide.state import InterviewState
from agent.read.reading import MetaTopic, Reading

WRAP_UP_NOT_BEFORE = budget.WRAP_UP_NOT_BEFORE  # the share of the minutes before no wrap-up


Rule = Callable[[Situation], Move | None]


def _paced(s: Situation, move: Move, rule_id: str) -> Move:
    """No wrap-up before WRAP_UP_NOT_BEFORE unless asked or nearly out of time: push on what
    the candidate just said, or else revisit the most important signal still missing from a
    skipped or short phase."""
    early = budget.too_early_to_close(s.state)
    into_wrap_up = move.kind == MoveKind.ADVANCE and move.phase == Phase.WRAP_UP
    if not (into_wrap_up and early) or rule_id in _WRAP_UP_ALLOWED:
        return move
    if rule_id == META_RULE and s.reading.meta == MetaTopic.NEXT:
        # asked to move on, nothing ahead: what another part lacks, not the part they leave
        return pushes.elsewhere(s) or pushes.deeper(s) or move
    # still designing in their own order: a push on their words, the gap of the part they
    # are on, or a part that was skipped or cut short
    return pushes.deeper(s) or move


RULES: tuple[tuple[str, Rule], ...] = (
    ("closed", rules.closed),
    ("manipulation", rules.manipulation),
    ("end_request", rules.end_request),
    ("wrap_up_phase", rules.wrap_up_phase),
    ("clarifying", answers.clarifying),
    (META_RULE, about_interview.meta),
    ("nearly_up", rules.nearly_up),
    ("wrong_claim", challenges.wrong_claim),
    ("numbers", challenges.numbers),
    ("overrun_told", rules.overrun_told),
    ("hint", hints.hint),
    ("silent", rules.silent),
    ("off_topic", rules.off_topic),
    ("recap", rules.recap),
    ("requirements_first", rules.requirements_first),
    ("defended", challenges.defended_claim),
    ("follow", rules.follow),
    ("overrun", rules.overrun),
    ("covered", leading.covered),
)
# Rules whose move into the wrap-up stands even early: the clock, or the candidate asked
# (or closed the design with a recap of it).
_WRAP_UP_ALLOWED = frozenset({"closed", "end_request", "wrap_up_phase", "nearly_up", "recap"})
FALLBACK_RULE = "probe"  # when no rule applies


def _named(move: Move, rule_id: str) -> Move:
    rule = f"{rule_id}.{move.rule}" if move.rule else rule_id
    return move.model_copy(update={"rule": rule})


def decide(
    state: InterviewState,
    reading: Reading,
    plan: PhasePlan,
    rubric: Rubric,
    card: ProblemCard,
) -> Move:
    """The interviewer's next move; a pure function of its arguments."""
    situation = Situation(state=state, reading=reading, plan=plan, rubric=rubric, card=card)
    for rule_id, rule in RULES:
        move = rule(situation)
        if move is not None:
            move = _with_gap(situation, _named(_paced(situation, move, rule_id), rule_id))
            return _with_thread(situation, move)
    move = _paced(situation, rules.probe(situation), FALLBACK_RULE)
    return _with_thread(situation, _with_gap(situation, _named(move, FALLBACK_RULE)))


def _with_thread(s: Situation, move: Move) -> Move:
    """An answer to a question that pushes on nothing else also raises one open thread: a
    wrong claim (said with the question, or left open earlier), else a figure that
    contradicts the card. A candidate who keeps asking questions still hears it, once. A
    request to move on that says a figure the card contradicts ("ok, let's move on, we'd
    do 5k QPS") moves on with the figure pointed out first (agent/decide/moves.moving_on)."""
    if _asks_to_move_on(s, move):
        return _with_figures(s, move)
    if move.kind != MoveKind.ANSWER_CLARIFICATION or move.anchor or move.steer:
        return move
    if (move.rule or "").startswith("numbers"):
        return move
    claim = next(iter(s.claims_to_raise()), None)
    if claim is not None:
        reason = f"{move.reason}; then challenge the wrong claim ({claim})"
        return move.model_copy(update={"claim": claim, "reason": reason})
    return _with_figures(s, move)


def _with_figures(s: Situation, move: Move) -> Move:
    figures = challenges.open_figures(s)
    if not figures:
        return move
    told = "; ".join(f"{c.said} against the card's {c.given}" for c in figures)
    reason = f"{move.reason}; then point out {told}"
    return move.model_copy(
        update={"number": figures[0], "more_numbers": figures[1:], "reason": reason}
    )


def _asks_to_move_on(s: Situation, move: Move) -> bool:
    """The move answers a request to move on (the meta rule) with no figure of its own."""
    return (
        s.reading.meta == MetaTopic.NEXT
        and (move.rule or "").startswith(f"{META_RULE}.")
        and move.kind in (MoveKind.ADVANCE, MoveKind.PROBE)
        and move.number is None
        and not move.steer
    )


def _with_gap(s: Situation, move: Move) -> Move:
    """An advance that does not follow the candidate's words asks for the new phase's
    weightiest missing signal, when the candidate already started on that phase."""
    if move.kind != MoveKind.ADVANCE or move.anchor or move.gap:
        return move  # on the candidate's words, or already on what they asked to go to
    spec = s.plan.spec(move.phase)
    gap = coverage.next_gap(s.state, s.reading, s.rubric, spec, s.card.not_applicable)
    if gap:
        return move.model_copy(update={"gap": gap})
    # the phase's usual opening question asks for these: "Describe how you would train it,
    # including the loss, ..." is not followed by "What loss would you train with?"
    gone = coverage.said(s.state) | set(s.reading.signals) | set(s.card.not_applicable)
    # nor what a question already put asked for, answered or dodged: the same question twice
    gone |= set(s.state.probed_targets) | set(s.state.asked_for)
    asks = [sid for sid in spec.asks_for if sid not in gone]
    return move.model_copy(update={"asks": asks}) if asks else move


def opening_move(plan: PhasePlan) -> Move:
    """The first move: the card's bare problem statement, in the first phase."""
    first = plan.phases[0].id if plan.phases else Phase.CLARIFY
    return Move(
        kind=MoveKind.OPEN, phase=first, reason="open with the bare problem statement", rule="open"
    )
