"""A challenge needs a wrong claim the catalogue's right practice does not answer, a defence
with a reason ends the thread, and a follow-up's angle fits the problem and the kind of
thing it quotes (issue 10: never challenge what is sound; follow-ups that fit).

- A sentence that says what greedy dispatch does wrong, sets it against batching, or goes
  on to batch the requests states the right practice of `greedy_first_come_matching`
  (knowledge/grading/repairs.yaml, `sound_practice`): it is not challenged, hedged or terse.
  Greedy proposed plainly still is.
- A challenged claim defended (with a reason or without) is answered once with the right
  practice; restated after that, it is not raised again.
- A statement that says back what the interviewer told (most of its words are the card's
  answer) is not the candidate's claim: it is not challenged.
- "When does an item leave the exploration pool?" is asked only where items are shown from
  a catalogue; "how would you tell it's pulling its weight once live?" only of a part the
  system runs (not of the data it starts from, nor of a sentence of no kind).

Every message here was written for this file (none is a line of a judged batch), on four
problems (rider-driver-matching, fraud-detection, video-recommendation, news-feed-ranking);
the expectations are by hand. Adversarial: a correct trade-off stated with hedges, one in
three words, a defence with a reason, one without, a wrong claim restated after its
correction, greedy chosen over batching "because batching adds delay", a per-city figure
beside a global one.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.follow_ups import Asked, load_follow_ups
from agent.content.phases import PHASE_ORDER, Phase, phase_index
from agent.decide import policy
from agent.decide.moves import DEFENDED, Move, MoveKind, SteerKind
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, Reading
from agent.settings import Settings
from tests.support.interview_fixtures import new_interview

_GREEDY = "greedy_first_come_matching"
_RANDOM_SPLIT = "random_split_time_ordered"


def _challenges(move: Move, claim: str) -> bool:
    return (
        move.kind == MoveKind.STEER and move.steer == SteerKind.WRONG_CLAIM and move.target == claim
    ) or (move.claim == claim)


def _on_matching() -> object:
    iv = new_interview("rider-driver-matching")
    iv.start()
    iv.respond("How many ride requests do we get at peak, and how fast must a match be made?")
    return iv


# -- sound statements of a trade-off are not challenged ----------------------------------


@pytest.mark.parametrize(
    "sound",
    [
        # terse: the failure of greedy, then the fix
        "Greedy leaves the following rider stranded. We batch instead.",
        # hedged, spoken
        "I'm not a hundred percent sure, but I think greedy kind of starves the request right "
        "behind it, so I'd probably batch over a second or two.",
        # greedy named as the baseline, the plan after it
        "First-come greedy is the obvious baseline: every request takes its closest free "
        "driver on arrival. So I'd batch instead: hold requests for about two seconds and "
        "solve a min-cost flow over requests and drivers together.",
        # set against the plan in one clause
        "Joint assignment per zone window rather than greedy, since a slightly longer wait "
        "buys a much better match across the zone.",
    ],
)
def test_a_sound_greedy_versus_batching_trade_off_is_not_challenged(sound: str) -> None:
    iv = _on_matching()
    iv.respond(sound)
    move = iv.transcript.turns[-1].move
    assert not _challenges(move, _GREEDY), move.reason


@pytest.mark.parametrize(
    "wrong",
    [
        "For matching, each request just gets the nearest free driver the moment it comes in.",
        # batching named only to be turned down: greedy is the plan
        "Batching adds delay, so I'd go greedy: every request takes the closest free driver "
        "right away.",
    ],
)
def test_greedy_dispatch_proposed_plainly_is_still_challenged(wrong: str) -> None:
    iv = _on_matching()
    iv.respond(wrong)
    assert _challenges(iv.transcript.turns[-1].move, _GREEDY)


# -- a defence, with a reason or without, is answered once; then the thread ends ---------


@pytest.mark.parametrize(
    "defence",
    [
        # a reason that does not touch what the challenge asked (time order)
        "The random split is fine because fraud patterns barely change from week to week.",
        # no reason at all
        "Honestly, the random split is fine.",
    ],
)
def test_a_defence_is_answered_once_with_the_right_practice(defence: str) -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("Labels come from chargebacks, which arrive weeks after the transaction.")
    iv.respond("For evaluation I'll do a random 80/20 split of all the transactions.")
    assert _challenges(iv.transcript.turns[-1].move, _RANDOM_SPLIT)
    iv.respond(defence)
    move = iv.transcript.turns[-1].move
    assert move.steer == SteerKind.WRONG_CLAIM and (move.rule or "").endswith(DEFENDED)
    # the same wrong claim restated after the correction: the thread has ended
    iv.respond("I'd still keep the random split.")
    assert not _challenges(iv.transcript.turns[-1].move, _RANDOM_SPLIT)


# -- a follow-up's angle fits the problem and what it quotes ----------------------------

_FOLLOW_UPS = load_follow_ups(Settings().knowledge_dir)
_POOL = "leave the exploration pool"


def _pool_push_applies(problem: str) -> bool:
    card = load_content().problems.get(problem)
    asked = Asked(
        message="Keep a small exploration budget for new drivers in the zone.",
        sentence="Keep a small exploration budget for new drivers in the zone.",
        card_tags=tuple(card.tags),
        ml_task=card.ml_task,
        kinds=("built",),
    )
    technique = next(t for t in _FOLLOW_UPS.techniques if t.id == "exploration")
    push = next(p for p in technique.pushes if _POOL in p.ask)
    return _FOLLOW_UPS.applies(push, asked)


@pytest.mark.parametrize(
    ("problem", "fits"),
    [
        ("rider-driver-matching", False),  # no catalogue of items shown: no pool to leave
        ("fraud-detection", False),  # exploration there buys unbiased labels, not new items
        ("video-recommendation", True),
        ("news-feed-ranking", True),
    ],
)
def test_the_exploration_pool_question_is_asked_only_where_items_are_shown(
    problem: str, fits: bool
) -> None:
    assert _pool_push_applies(problem) is fits


@pytest.mark.parametrize(
    ("kinds", "holds"),
    [
        (("data",), False),  # "we have the click logs and the watch events": data, not a part
        ((), False),  # a concern about leakage in an offline split: no kind, nothing runs live
        (("built",), True),
        (("built", "data"), True),  # features computed from the logs: a part that runs
    ],
)
def test_pulling_its_weight_once_live_is_asked_only_of_a_part_the_system_runs(
    kinds: tuple[str, ...], holds: bool
) -> None:
    asked = Asked(message="x", sentence="x", kinds=kinds)
    assert _FOLLOW_UPS.conditions["live"].holds(asked) is holds


def test_data_sources_are_of_the_data_kind() -> None:
    assert {"data_sources", "data_volume"} <= set(_FOLLOW_UPS.kinds["data"])
    assert not {"data_sources", "data_volume"} & set(_FOLLOW_UPS.kinds["built"])


# -- a per-city figure beside a global one ----------------------------------------------


def test_a_global_rate_beside_the_cards_largest_city_rate_is_not_called_a_contradiction() -> None:
    """The card gives the largest city's peak (5,000 requests a minute); a global peak of
    1,500 a second over 600 cities is not that figure said wrong. Held by the number
    reader's scopes (agent/read/numbers); here the interview as a whole is checked."""
    iv = _on_matching()
    reply = iv.respond(
        "Then I'll assume roughly 1,500 requests per second at global peak across all "
        "600 cities, and I'll shard the matching by city."
    )
    move = iv.transcript.turns[-1].move
    assert move.number is None, move.reason
    assert "5,000" not in reply


# -- the interviewer's own words said back are no claim of the candidate's ---------------


def _claim_reading(quote: str) -> Reading:
    """An answer the reader took as stating `daily_metrics_with_delayed_labels` in `quote`."""
    claim = "daily_metrics_with_delayed_labels"
    return Reading(
        kind=MessageKind.ANSWER,
        misconceptions=[claim],
        claim_quotes={claim: quote},
        phases=[Phase.EVALUATION],
    )


@pytest.mark.parametrize(
    ("quote", "challenged"),
    [
        # the card's labels answer said back: the interviewer's words, not a claim
        (
            "Right, so labels are chargebacks and fraud claims, and they arrive late, "
            "about three weeks.",
            False,
        ),
        # a claim in the candidate's own words on the same subject is still challenged
        ("We'll judge each model version on yesterday's fraud rate, read every morning.", True),
    ],
)
def test_the_interviewers_answer_said_back_is_not_challenged(quote: str, challenged: bool) -> None:
    content = load_content()
    card = content.problems.get("fraud-detection")
    state = InterviewState(
        phase=Phase.EVALUATION,
        phases_visited=list(PHASE_ORDER[: phase_index(Phase.EVALUATION) + 1]),
        fact_topics_given=["labels"],
    )
    move = policy.decide(state, _claim_reading(quote), content.plan, content.rubric, card)
    assert _challenges(move, "daily_metrics_with_delayed_labels") is challenged, move.reason
