"""One message opens at most MAX_FACTS_PER_ANSWER card facts, however many topics it sweeps:
facts are revealed as they are asked for, never the whole card at once."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide.answers import MAX_FACTS_PER_ANSWER
from agent.decide.moves import MoveKind
from agent.interview import Interview
from agent.read.reading import MessageKind
from agent.speak.offline import OfflineVoice
from tests.support.policy_fixtures import CARD, decide_after, reading, state_in


def test_policy_answers_at_most_the_cap() -> None:
    topics = [f.topic for f in CARD.facts]
    assert len(topics) > MAX_FACTS_PER_ANSWER
    move = decide_after(
        state_in(Phase.CLARIFY), reading(MessageKind.CLARIFYING_QUESTION, fact_topics=topics)
    )
    assert move.kind == MoveKind.ANSWER_CLARIFICATION
    assert move.fact_topics == topics[:MAX_FACTS_PER_ANSWER]
    assert move.rule == "clarifying.capped"


def test_a_sweeping_question_gets_three_facts_and_an_invitation_to_ask_the_rest() -> None:
    interview = Interview("fraud-detection", seed=7)
    interview.start()
    reply = interview.respond(
        "How many transactions per second at peak, what is the latency budget, how do we get "
        "labels, what is the fraud rate, and what constraints like privacy or explainability "
        "do we have?"
    )
    turn = interview.transcript.turns[-1]
    assert turn.move is not None and turn.move.kind == MoveKind.ANSWER_CLARIFICATION
    assert len(turn.move.fact_topics) == MAX_FACTS_PER_ANSWER  # six topics were asked
    assert turn.move.rule == "clarifying.capped"
    card = interview.card
    held_back = [f for f in card.facts if f.topic not in turn.move.fact_topics]
    # no piece of a fact held back; of each fact answered, the pieces asked for (a fact is
    # answered piece by piece: "how do we get labels" hears where they come from)
    assert not any(p in reply for f in held_back for p in f.pieces)
    for topic in turn.move.fact_topics:
        answer = card.fact(topic)
        assert answer is not None and any(p in reply for p in answer.pieces)
    bank = OfflineVoice().bank
    assert any(line in reply for line in bank.one_at_a_time)  # invites the rest, later
