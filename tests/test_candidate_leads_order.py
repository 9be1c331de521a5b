"""The candidate leads the order (issue 10): where the interview moves on to is the part the
candidate's last messages are about, else the next part of an order they announced, never
back unless they ask; a request to move on goes to the part asked if it is not covered yet,
else to the next one not covered; a refusal names the part the message is about. Policy
expectations on the toy content (tests/support/policy_fixtures.py), reader and interview
expectations on four shipped problems; every expectation written by hand."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide.moves import MoveKind
from agent.decide.progress import apply_reading
from agent.decide.situation import LED_BY_ORDER, LED_BY_TOPIC, Situation
from agent.read.agenda import announced_order, parts_opened
from agent.read.lexicon import default_lexicon
from agent.read.reading import MessageKind, MetaTopic
from agent.understanding.sentences import normalise
from tests.support.policy_fixtures import (
    CARD,
    PLAN,
    RUBRIC,
    answer,
    decide_after,
    fresh,
    reading,
    state_in,
)

# the requirements were heard and the clarify phase is covered and followed up on
CLARIFIED = {
    "turns_in_phase": 2,
    "signals_seen": ["asks_scale", "asks_latency"],
    "fact_topics_asked": ["scale"],
    "probes_in_phase": 1,
}


def test_a_push_on_the_part_the_last_two_answers_are_about_goes_there_with_them() -> None:
    """One serving signal now and one drift signal in the answer before: the candidate is on
    deployment. The follow-up is on their words, in deployment, not a stock data question."""
    state = fresh(**CLARIFIED, last_answer_signals=["drift"])
    move = decide_after(state, answer("serving"))
    assert move.kind == MoveKind.PROBE and move.target == "serving"
    assert move.phase == Phase.DEPLOYMENT


def test_an_announced_order_is_followed_when_moving_on() -> None:
    """Nothing left to push on in a covered clarify phase: the interview goes to the first
    part of the order the candidate announced, not to the data."""
    quiet = reading(MessageKind.ANSWER, word_count=3)
    announced = fresh(**CLARIFIED, announced_order=[Phase.MODELING, Phase.DEPLOYMENT])
    move = decide_after(announced, quiet)
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.MODELING
    assert move.rule is not None and LED_BY_ORDER in move.rule.split(".")
    # the same moment without an announcement: the template's next part
    assert decide_after(fresh(**CLARIFIED), quiet).phase == Phase.DATA


def test_an_announced_part_already_covered_is_passed_over() -> None:
    seen = ["asks_scale", "asks_latency", "model_choice", "offline_metric"]
    state = fresh(
        **{**CLARIFIED, "signals_seen": seen}, announced_order=[Phase.MODELING, Phase.DEPLOYMENT]
    )
    move = decide_after(state, reading(MessageKind.ANSWER, word_count=3))
    assert move.phase == Phase.DEPLOYMENT


def test_moving_on_never_goes_back_to_an_earlier_part_by_itself() -> None:
    """In training, the last two answers about the data: the interview does not go back to
    the data on its own (that is the candidate's to ask for)."""
    state = state_in(
        Phase.TRAINING, fact_topics_asked=["scale"], last_answer_signals=["data_sources"]
    )
    after = apply_reading(state, answer("label_source"), 20.0)
    situation = Situation(
        state=after, reading=answer("label_source"), plan=PLAN, rubric=RUBRIC, card=CARD
    )
    assert situation.topic() == Phase.DATA
    assert situation.destination() == Phase.EVALUATION


def test_the_part_a_sentence_opens_with_is_where_the_candidate_is() -> None:
    """No signal read, but the answer opens with the part's name: moving on goes there."""
    state = state_in(Phase.TRAINING, fact_topics_asked=["scale"])
    named = reading(MessageKind.ANSWER, word_count=30, parts_named=[Phase.DEPLOYMENT])
    after = apply_reading(state, named, 20.0)
    situation = Situation(state=after, reading=named, plan=PLAN, rubric=RUBRIC, card=CARD)
    assert situation.topic() == Phase.DEPLOYMENT
    assert situation._destination() == (Phase.DEPLOYMENT, LED_BY_TOPIC)


def test_a_move_request_to_a_covered_part_goes_to_the_next_one_not_covered() -> None:
    covered_evaluation = ["asks_scale", "ab_test", "slices"]
    state = state_in(Phase.MODELING, fact_topics_asked=["scale"], signals_seen=covered_evaluation)
    ask = reading(MessageKind.META, meta=MetaTopic.NEXT, wants_phase=Phase.EVALUATION)
    move = decide_after(state, ask)
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.DEPLOYMENT
    uncovered = state_in(Phase.MODELING, fact_topics_asked=["scale"])
    assert decide_after(uncovered, ask).phase == Phase.EVALUATION  # asked, and not covered


def test_a_move_request_to_a_covered_last_part_goes_where_asked() -> None:
    """Nothing left uncovered after the part asked for: the interview goes there anyway (the
    candidate wants to add to it), not to the wrap-up nor back to where it was."""
    done = ["asks_scale", "serving", "monitoring"]
    state = state_in(Phase.EVALUATION, fact_topics_asked=["scale"], signals_seen=done)
    ask = reading(MessageKind.META, meta=MetaTopic.NEXT, wants_phase=Phase.DEPLOYMENT)
    move = decide_after(state, ask, minutes=15.0)
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.DEPLOYMENT


def test_a_move_request_naming_a_subject_not_said_yet_asks_for_it() -> None:
    state = state_in(Phase.DEPLOYMENT, fact_topics_asked=["scale"], signals_seen=["serving"])
    ask = reading(MessageKind.META, meta=MetaTopic.NEXT, signals_mentioned=["monitoring"])
    move = decide_after(state, ask, minutes=20.0)
    assert move.kind == MoveKind.PROBE and move.target == "monitoring"
    said = state.model_copy(update={"signals_seen": ["serving", "monitoring"]})
    assert decide_after(said, ask, minutes=20.0).target != "monitoring"  # never asked again


def test_a_refusal_names_the_part_the_message_is_about() -> None:
    state = state_in(Phase.DEPLOYMENT, fact_topics_asked=["scale"])
    about_models = reading(MessageKind.MANIPULATION, phases=[Phase.MODELING])
    move = decide_after(state, about_models)
    assert move.kind == MoveKind.DECLINE and move.named_phase == Phase.MODELING
    bare = decide_after(state, reading(MessageKind.MANIPULATION))
    assert bare.named_phase is None  # about nothing in particular: the interview's part


# -- the reader: an announced order, the part a sentence opens with -------------------------


def _announced(text: str) -> list[Phase]:
    sentences = [normalise(s) for s in text.split(". ")]
    return announced_order(sentences, load_content().plan, default_lexicon())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The latency budget shapes everything here, so I want to begin with serving.",
            [Phase.DEPLOYMENT],
        ),
        (
            "My plan is to cover the labels first, then features, then the model.",
            [Phase.DATA, Phase.FEATURES, Phase.MODELING],
        ),
        ("I'll start with evaluation, since the online test is the hard part.", [Phase.EVALUATION]),
        # adversarial: a design sentence with an order in it is not a plan of the interview
        ("The model scores each candidate and then serving returns the top ten.", []),
        ("Then I'd feed these features into the model.", []),
        ("Features first is how most teams do it.", []),
    ],
)
def test_an_announced_order_is_read_from_the_candidates_plan(
    text: str, expected: list[Phase]
) -> None:
    assert _announced(text) == expected


def test_a_part_named_in_passing_is_not_where_the_candidate_is() -> None:
    plan = load_content().plan
    opened = parts_opened([normalise("Monitoring: alert on the null rate per feature.")], plan)
    assert opened == [Phase.DEPLOYMENT]
    passing = [normalise("The matcher calls the model for each nearby driver and picks one.")]
    assert parts_opened(passing, plan) == []


# -- whole interviews on four problems --------------------------------------------------------

# per problem, in the candidate's own words: a requirement asked, the order announced
# (serving first), then an answer about serving with no data in it
SERVING_FIRST = {
    "fraud-detection": (
        "What is the latency budget for scoring a payment?",
        "Serving decides most of this design, so I'd like to start with serving and come "
        "to the data after.",
        "The scorer sits inline with authorisation: a stateless service behind the payment "
        "gateway, features read from an in-memory store, and if it times out the payment "
        "falls back to the rules engine.",
    ),
    "eta-prediction": (
        "How many ETA requests per second do we get at peak?",
        "I'll begin with serving, because the request rate drives the rest.",
        "The ETA service is called once per trip request and again as the trip progresses; "
        "it keeps recent road speeds in a cache and answers from a small model on CPU, with "
        "the routing engine's estimate as the fallback when it is slow.",
    ),
    "video-search": (
        "What latency do we have for returning search results?",
        "Let me start with serving, since the latency target shapes the ranking.",
        "Serving is a retrieval step over an approximate nearest neighbour index, then a "
        "ranker on a few hundred results; the index is sharded and replicated per region, "
        "and popular queries are cached for a few minutes.",
    ),
    "people-you-may-know": (
        "How many suggestions are requested per second at peak?",
        "I want to start with serving, because whether we compute suggestions offline or "
        "on request changes everything else.",
        "Suggestions are precomputed nightly per user and stored in a key-value store; the "
        "page reads them at request time and filters out people already connected, with a "
        "popularity list as the fallback for brand new users.",
    ),
}


@pytest.mark.parametrize("problem", sorted(SERVING_FIRST))
def test_a_serving_first_candidate_is_not_pulled_to_the_data(problem: str) -> None:
    from tests.support.policy_fixtures import interview_on

    question, plan, serving = SERVING_FIRST[problem]
    iv = interview_on(problem, question, plan, serving)
    assert iv.state.announced_order[0] == Phase.DEPLOYMENT  # fraud's plan names the data next
    moves = [t.move for t in iv.transcript.turns if t.move is not None]
    assert not any(m.kind == MoveKind.ADVANCE and m.phase == Phase.DATA for m in moves)
    assert moves[-1].phase != Phase.DATA


@pytest.mark.parametrize("problem", sorted(SERVING_FIRST))
def test_a_request_to_move_on_to_a_part_reads_that_part(problem: str) -> None:
    """'Move on to X, or more on Y?' asks for X, whichever part is named last."""
    from agent.read.offline import OfflineReader
    from agent.read.reading import ReadContext

    content = load_content()
    context = ReadContext(
        phase=Phase.MODELING,
        card=content.problems.get(problem),
        rubric=content.rubric,
        plan=content.plan,
    )
    read = OfflineReader().read(
        "Can we move on to monitoring, or do you want more on the features?", context
    )
    assert read.kind == MessageKind.META and read.wants_phase == Phase.DEPLOYMENT
