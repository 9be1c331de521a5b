"""What the interviewer chooses to say next fits what the candidate said (issue 10): an
answer to the interviewer's question is followed up rather than dropped for a stock move, a
push never offers as the alternative what the candidate chose, a statement of how things
are is not a choice to reconsider, and a reason already given is not asked for."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide import leading
from agent.decide.moves import MoveKind
from agent.speak.covered import gives_reason
from agent.speak.proposals import offers_what_was_said, proposes
from tests.support.policy_fixtures import answer, decide_after, state_in

# a phase whose essentials were shown and followed up on once: the old rule moved on here
_COVERED_DATA = {
    "signals_seen": ["label_source", "handles_imbalance"],
    "turns_in_phase": 3,
    "probes_in_phase": 1,
    "elapsed_minutes": 9.0,
    "phase_started_minute": 7.0,
}
_ANSWERED = (
    "Because the reviewers only see what users flag, I'd add a small weekly random sample "
    "reviewed blind."
)


def test_an_answer_to_the_interviewers_question_is_followed_up_before_moving_on() -> None:
    asked = state_in(
        Phase.DATA, last_moves=[MoveKind.PROBE], last_asked="label_source", **_COVERED_DATA
    )
    move = decide_after(asked, answer(focus=_ANSWERED, word_count=len(_ANSWERED.split())))
    assert move.kind == MoveKind.PROBE and move.phase == Phase.DATA
    assert move.anchor == _ANSWERED and move.rule == "covered.answer.focus"


def test_after_several_follow_ups_in_a_row_a_covered_phase_moves_on() -> None:
    pushed = [MoveKind.PROBE] * leading.PUSHES_IN_A_ROW
    asked = state_in(Phase.DATA, last_moves=pushed, last_asked="label_source", **_COVERED_DATA)
    move = decide_after(asked, answer(focus=_ANSWERED, word_count=len(_ANSWERED.split())))
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.FEATURES


def test_an_unprompted_short_remark_is_not_pushed_on_as_if_it_answered_something() -> None:
    # nothing was asked (the interviewer just opened the phase): the old bar stands
    opened = state_in(Phase.DATA, last_moves=[MoveKind.ADVANCE], elapsed_minutes=8.0)
    remark = "Labels would come from the reviewers' decisions, mostly."
    move = decide_after(opened, answer(focus=remark, word_count=len(remark.split())))
    assert move.anchor != remark


def test_a_push_never_offers_as_the_alternative_what_the_candidate_chose() -> None:
    push = "Why randomise on that unit rather than on requests, sessions or users?"
    assert offers_what_was_said(push, "Half the users get the new ranking, half the old one.")
    assert not offers_what_was_said(push, "We randomise by graph cluster.")
    replicas = "Why that approach rather than simply adding more replicas?"
    assert offers_what_was_said(replicas, "three replicas per shard across two zones")
    assert not offers_what_was_said(replicas, "I'd shard the index by region")
    negatives = (
        "How did you pick that over the alternatives, like uniform random or hard negatives?"
    )
    assert offers_what_was_said(negatives, "Negatives: in-batch plus mined hard ones.")


def test_a_statement_of_how_things_are_is_not_read_as_a_choice() -> None:
    assert not proposes("we already have the follower graph")
    assert not proposes("scanning every vector per query would be far too slow")
    assert not proposes("the ranker only gets feedback on what it chose to show")
    assert not proposes("That's a number that doesn't depend on the threshold")
    assert proposes("I'd cache the top results per region")
    assert proposes("Light model first, heavy model only on flagged items.")
    # a decision put in the passive, or as a must, is still a choice
    assert proposes("A deny list is checked at query time")
    assert proposes("the old model has to keep serving until the switch")
    assert not proposes("some members might get annoyed by repeated suggestions")
    assert proposes("the index is rebuilt every night")
    # the choice is the main clause, not the reason after it
    assert proposes("Hash sharding rather than by topic, so that the load is even")
    assert not proposes("many bad posts never get reported because nobody sees them")
    # the words quoted may be cut from a sentence that says who chose
    cut = "score every payment before it is authorised"
    assert proposes(cut, f"I would {cut}")


def test_a_reason_in_the_candidates_words_is_not_asked_for_again() -> None:
    assert gives_reason("I'd retrain daily, because spam patterns shift within days")
    assert gives_reason("Batch it overnight, so the serving path stays a lookup.")
    assert not gives_reason("I'd retrain daily with the new reviews")
