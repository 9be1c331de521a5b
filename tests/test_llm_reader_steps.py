"""The LLM reader reads the offline reading's details (the facts a question asks, what a
remark about the interview asks, what a hint request is stuck on) only where its reading
uses them, once the model has answered: the reading is the same as with the whole offline
reading, and the details are not waited for when the model reads the message as an answer.
"""

from __future__ import annotations

import threading
import time

import pytest

from agent.content.phases import Phase
from agent.read.llm import LLMReader, signals_in_scope
from agent.read.llm_merge import merge_reading
from agent.read.offline import OfflineReader
from agent.read.reading import MessageKind, ReadContext, SteppedReading
from tests.support.card_reading import card_context
from tests.support.llm_fakes import fake_client, scripted, server_error, tool_reply

# one of each kind the offline reader gives details for, and the hard shapes: a ramble that
# asks along the way, a question of three parts, terse notes, an interview question inside
# an answer, a hint request that names its subject, a message that names a concept only to
# reject it
MESSAGES = [
    "How many transactions per day do we see, and how fast must a decision be?",
    "Three things: label delay? class balance? is there an existing rules engine?",
    "I'm stuck on how to pick the threshold for flagging, can you give me a pointer?",
    "How much time do we have left?",
    "Can we move on to serving? I think it is the more interesting part.",
    "gbdt. time split. pr-auc. shadow first",
    "So I was thinking, um, the labels come from chargebacks, which arrive weeks late, so "
    "I would train on data that is at least sixty days old, and, you know, hold out the "
    "last month by time, not randomly, because fraud patterns drift. Does that sound right "
    "to you? Then the model would be a gradient boosted tree on transaction and account "
    "features, with a calibrated score, and the threshold set from the review team's "
    "capacity. How many analysts review flagged cases each day?",
    "I would not use accuracy here at all; precision at a fixed recall is what matters.",
    "Done.",
]


@pytest.fixture(scope="module")
def offline() -> OfflineReader:
    return OfflineReader()


@pytest.fixture
def context() -> ReadContext:
    return card_context(
        "fraud-detection", Phase.CLARIFY, last_interviewer_text="How would you approach this?"
    )


@pytest.mark.parametrize("text", MESSAGES)
def test_the_first_step_holds_everything_the_merge_reads_but_for_questions_and_remarks(
    offline, context, text
):
    stepped = offline.read_in_steps(text, context)
    assert stepped.whole() == offline.read(text, context)
    topics = tuple(f.topic for f in context.card.facts)
    signals = tuple(s.id for s in signals_in_scope(context.rubric, context.phase))
    for kind in MessageKind:
        if kind in (MessageKind.CLARIFYING_QUESTION, MessageKind.META):
            continue
        reply = {"kind": kind.value, "signals": list(signals[:2])}
        assert merge_reading(stepped.first, reply, text, topics, signals) == merge_reading(
            stepped.whole(), reply, text, topics, signals
        ), kind


class AfterTheModel:
    """The offline reader, reading only once the model's call has returned (the turn of a
    long message on a busy box), and counting how often its details are read."""

    name = "offline"

    def __init__(self, reader: OfflineReader) -> None:
        self.reader = reader
        self.details_read = 0

    def read(self, text: str, context: ReadContext):
        return self.reader.read(text, context)

    def read_in_steps(self, text: str, context: ReadContext) -> SteppedReading:
        deadline = time.monotonic() + 10
        while any(t.name == "reader" for t in threading.enumerate()):
            assert time.monotonic() < deadline, "the model's call never returned"
            time.sleep(0.005)
        stepped = self.reader.read_in_steps(text, context)

        def whole():
            self.details_read += 1
            return stepped.whole()

        return SteppedReading(stepped.first, whole)


def test_an_answer_read_after_the_model_replied_leaves_the_details_unread(offline, context):
    text = MESSAGES[2]  # read offline as a hint request: its details are the stuck subject
    assert offline.read(text, context).kind == MessageKind.HINT_REQUEST
    late = AfterTheModel(offline)
    chat = scripted(tool_reply("CandidateReading", {"kind": "answer"}))
    reading = LLMReader(fake_client(chat), late).read(text, context)
    assert late.details_read == 0
    before = LLMReader(
        fake_client(scripted(tool_reply("CandidateReading", {"kind": "answer"}))), offline
    )
    assert reading == before.read(text, context)


def test_a_question_the_model_names_no_fact_for_still_gets_the_offline_facts(offline, context):
    text = MESSAGES[0]
    expected = offline.read(text, context).fact_topics
    assert expected  # the card answers it
    late = AfterTheModel(offline)
    chat = scripted(tool_reply("CandidateReading", {"kind": "clarifying_question"}))
    reading = LLMReader(fake_client(chat), late).read(text, context)
    assert late.details_read == 1
    assert reading.fact_topics == expected


def test_a_failed_model_gives_the_whole_offline_reading(offline, context):
    text = MESSAGES[2]
    late = AfterTheModel(offline)
    chat = scripted(server_error(), server_error(), server_error())
    reading = LLMReader(fake_client(chat), late).read(text, context)
    expected = offline.read(text, context)
    assert reading.hint_subject == expected.hint_subject and reading.kind == expected.kind
    assert reading.stuck_on == expected.stuck_on and reading.fallback is not None
