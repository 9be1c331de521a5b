"""A follow-up's angle fits the kind of thing it quotes, the words it quotes make a design
decision, and a hint is drawn from the subject of the stuck message and the card (issue 10,
depth before coverage).

- What a sentence is (a part the system is built of, a metric, a check, an experiment, a
  requirement, a remark to the interviewer) is read from the rubric signals the understanding
  model finds in it (knowledge/follow_ups.yaml, `kinds`); "what does it cost in latency,
  compute or upkeep?" and "where does it break as traffic grows?" are asked only of a built
  part, never of a metric, an alert or an experiment's duration.
- A remark to the interviewer, a bare act of framing ("Assume.") and the interviewer's own
  answer said back are never the words a follow-up quotes (agent/decide/quotable.py).
- A stuck message that names its subject gets a hint on that subject; a guidance line about
  query traffic is no hint on a problem whose requests are no queries.

Every message here was written for this file (none is a line of a judged batch), on five
problems; the expectations are by hand. Adversarial: a terse decision, a decision inside a
ramble, a metric named with a reason, a message with no decision at all, a design sentence
that also recaps, a decision that reuses the card's words.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.follow_ups import Asked, load_follow_ups
from agent.decide.moves import MoveKind
from agent.decide.quotable import decides, restates
from agent.settings import Settings
from agent.speak.card_fit import fits_card
from agent.speak.quoted_kinds import kinds_of
from tests.support.interview_fixtures import new_interview

_FOLLOW_UPS = load_follow_ups(Settings().knowledge_dir)
_RUBRIC = load_content().rubric
# the wording of the two pushes that ask about a built part of the system
_BUILT_ONLY = ("latency, compute or upkeep", "break first as traffic or data grows")

# -- what kind of thing a sentence is ----------------------------------------------------

# (sentence, a kind it is, a kind it is not), by hand
_KINDS = [
    # a metric named with a reason
    (
        "I'd report PR-AUC, since the positive class is tiny and accuracy would hide it.",
        "metric",
        "built",
    ),
    (
        "I'd page the on-call engineer when the share of declined payments doubles.",
        "monitor",
        "built",
    ),
    (
        "We'd run the experiment for three weeks so the accepts have time to come in.",
        "experiment",
        "built",
    ),
    (
        "We keep candidate lists in a key-value store keyed by member, refreshed nightly.",
        "built",
        "metric",
    ),
    ("Two-tower retrieval over an HNSW index.", "built", "check"),
    # a remark to the interviewer makes no design decision
    ("Happy to go deeper on any part you like.", "conversation", "built"),
]


@pytest.mark.parametrize(("sentence", "kind", "not_kind"), _KINDS)
def test_a_sentence_is_read_as_the_kind_of_thing_it_is(
    sentence: str, kind: str, not_kind: str
) -> None:
    kinds = kinds_of(sentence, _FOLLOW_UPS)
    assert kind in kinds and not_kind not in kinds, kinds


def test_a_design_sentence_that_also_recaps_is_about_the_design() -> None:
    # a recap or a restated requirement counts only where nothing of the design is read
    kinds = kinds_of(
        "So, as I said at the start, the results cache is keyed by normalised query and region.",
        _FOLLOW_UPS,
    )
    assert "built" in kinds and "conversation" not in kinds, kinds


@pytest.mark.parametrize(
    ("kinds", "condition", "holds"),
    [
        (("built",), "built", True),
        (("built", "monitor"), "built", False),  # a fallback triggered by an alert is a monitor too
        ((), "built", False),  # nothing read: no question about its compute or its growth
        (("metric",), "a_metric", True),
        (("metric", "built"), "a_metric", False),
        (("monitor",), "a_monitor", True),
        (("check",), "a_monitor", False),  # a split or a tuning run fires no alert
        (("experiment",), "live", False),
        (("requirement",), "live", False),
        (("built",), "live", True),
        (("built", "metric"), "live", True),  # a cache that absorbs most traffic: still built
        (("metric", "check"), "live", False),
    ],
)
def test_a_condition_on_the_kind_holds_only_for_that_kind(
    kinds: tuple[str, ...], condition: str, holds: bool
) -> None:
    asked = Asked(message="x", sentence="x", kinds=kinds)
    assert _FOLLOW_UPS.conditions[condition].holds(asked) is holds


def test_every_signal_of_a_kind_is_a_rubric_signal_and_of_one_kind_only() -> None:
    known = {s.id for d in _RUBRIC.dimensions for s in d.signals}
    listed = [sid for ids in _FOLLOW_UPS.kinds.values() for sid in ids]
    assert set(listed) <= known
    assert len(listed) == len(set(listed))


# -- the follow-up said ------------------------------------------------------------------

_CLARIFIED = {
    "fraud-detection": ["How many transactions a day, and what is the fraud rate?"],
    "people-you-may-know": ["What's the goal: invites sent or invites accepted?"],
    "video-search": ["How many videos are searchable, and how many searches a second?"],
    "eta-prediction": ["Who calls the ETA service, and how many requests at peak?"],
}

# (problem, message): no compute-cost or growth-breakage question about what they quote
_NOT_BUILT = [
    # a metric named with a reason
    (
        "fraud-detection",
        "Offline, I'd use recall at a fixed decline rate instead of accuracy, because with so "
        "few fraud cases accuracy looks great whatever the model does.",
    ),
    # an experiment's duration
    (
        "people-you-may-know",
        "For the A/B test I'd randomise by viewer and keep it running for three weeks, so "
        "invitations sent in the first week have time to be accepted.",
    ),
    # a check on the system, terse
    ("video-search", "Monitoring: alert if click-through drops by a third within an hour."),
]


@pytest.mark.parametrize(("problem", "message"), _NOT_BUILT)
def test_a_metric_a_check_or_an_experiment_is_not_asked_its_compute_cost(
    problem: str, message: str
) -> None:
    iv = new_interview(problem)
    iv.start()
    for earlier in _CLARIFIED[problem]:
        iv.respond(earlier)
    reply = iv.respond(message)
    assert not any(words in reply for words in _BUILT_ONLY), reply


def test_a_decision_inside_a_ramble_is_still_followed_up_in_its_own_words() -> None:
    iv = new_interview("eta-prediction")
    iv.start()
    iv.respond(_CLARIFIED["eta-prediction"][0])
    reply = iv.respond(
        "So, thinking out loud, I went back and forth on this for a while, and honestly my "
        "last team argued about it for weeks. Traffic and weather change by the minute. I'd "
        "compute the live traffic features in a streaming job per road segment and keep "
        "them in an in-memory store the model reads at request time."
    )
    # the decision, by hand: computing the live traffic features in a streaming job
    assert "compute the live traffic features" in reply, reply


# -- the words a follow-up may quote -----------------------------------------------------


@pytest.mark.parametrize(
    ("signal", "quote", "expected"),
    [
        ("checks_in_with_interviewer", "Happy to go deeper on any part you like.", False),
        ("states_assumptions", "Assume.", False),  # an act of framing with nothing framed
        ("states_assumptions", "Assume about 3,000 payments a second at peak.", True),
        ("model_family_choice", "GBDT.", True),  # a terse decision
    ],
)
def test_only_words_that_make_a_design_decision_are_quoted(
    signal: str, quote: str, expected: bool
) -> None:
    assert decides(signal, quote, _RUBRIC) is expected


_TOLD = (
    "Uploaded contacts can only be used with explicit consent, and message contents are never "
    "used for suggestions."
)


def test_the_interviewers_answer_said_back_is_no_decision_of_the_candidate() -> None:
    assert restates("Okay, so uploaded contacts only with consent, never message contents.", _TOLD)


def test_a_decision_that_reuses_the_cards_words_is_still_the_candidates() -> None:
    assert not restates(
        "I'd add uploaded contacts as a candidate source, scored by how many mutual contacts "
        "each pair has.",
        _TOLD,
    )


def test_a_message_with_no_decision_at_all_gets_no_follow_up_on_its_words() -> None:
    iv = new_interview("video-search")
    iv.start()
    iv.respond(_CLARIFIED["video-search"][0])
    iv.respond("Retrieval: BM25 over titles plus a two-tower model over an ANN index.")
    iv.respond("Happy to go deeper on any part of that you like, just say which.")
    move = iv.transcript.turns[-1].move
    assert move is not None
    assert move.target != "checks_in_with_interviewer", move
    assert not (move.anchor or "").startswith("Happy to go deeper"), move


# -- hints on the subject the candidate is stuck on --------------------------------------


@pytest.mark.parametrize(
    ("problem", "design", "request_text", "words"),
    [
        (
            "fraud-detection",
            "Features: amount, merchant category, device, and counts of payments per card.",
            "Per card I want how many payments happened in the last five minutes, but I don't "
            "see how that number stays current as new payments keep arriving. A hint?",
            "stream",  # by hand: counts kept current by a stream processor
        ),
        (
            "video-search",
            "Retrieval: keyword search plus embeddings of the query and of each video's title.",
            "Matching the query's vector against every single video's vector can't be fast "
            "with a billion of them, and I'm stuck on how retrieval does it. Any hint?",
            "nearest-neighbour",  # by hand: an approximate nearest-neighbour index
        ),
    ],
)
def test_a_stuck_message_naming_its_subject_gets_a_hint_on_it(
    problem: str, design: str, request_text: str, words: str
) -> None:
    iv = new_interview(problem)
    iv.start()
    iv.respond(_CLARIFIED[problem][0])
    iv.respond(design)
    reply = iv.respond(request_text)
    move = iv.transcript.turns[-1].move
    assert move is not None and move.kind == MoveKind.HINT, move
    assert words in reply.lower(), reply


_QUERY_TRAFFIC = (
    "Caching pays off when a small share of queries makes up most of the traffic, so the "
    "popular ones are answered from memory."
)


def test_a_line_about_query_traffic_is_no_hint_where_requests_are_no_queries() -> None:
    problems = load_content().problems
    assert not fits_card(_QUERY_TRAFFIC, problems.get("people-you-may-know"))
    assert not fits_card(_QUERY_TRAFFIC, problems.get("fraud-detection"))
    assert fits_card(_QUERY_TRAFFIC, problems.get("video-search"))  # a search problem: fits


def test_a_condition_opening_a_note_is_not_what_it_decides() -> None:
    from agent.speak.decisions import note_decision

    # when something happens is no choice to ask "if it fell short, what next?" about
    assert note_decision("If the share of declines doubles in an hour, page on-call.") is None
    assert note_decision("Two-tower retrieval + HNSW index.") == "Two-tower retrieval + HNSW index"
