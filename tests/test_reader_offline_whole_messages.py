"""The offline reader on whole messages that mix things: a question with a part the card
lacks, an answer that ends by asking the interviewer, a long answer that wanders, a side story,
going on versus ending. Messages and expectations written by hand for these tests."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.read.lexicon import default_lexicon
from agent.read.offline import OfflineReader
from agent.read.reading import MessageKind, ReadContext
from agent.understanding.sentences import normalise
from tests.support.reader_data import card, case_context

ctx = case_context


@pytest.fixture(scope="module")
def reader() -> OfflineReader:
    return OfflineReader()


def test_a_question_with_a_part_the_card_lacks_answers_the_rest_and_flags_it(
    reader: OfflineReader,
) -> None:
    both = reader.read(
        "What's the latency budget? And which cloud provider does the team prefer?", ctx()
    )
    assert both.kind == MessageKind.CLARIFYING_QUESTION
    assert both.fact_topics == ["latency"] and both.unanswerable  # "assume the rest"
    one = reader.read("What's the latency budget?", ctx())
    assert one.fact_topics == ["latency"] and not one.unanswerable


def test_an_answer_that_ends_by_asking_the_interviewer_is_answered(
    reader: OfflineReader,
) -> None:
    asks = reader.read(
        "I would start with gradient boosted trees on the transaction features. Is the "
        "business okay with a small exploration budget that approves some risky payments?",
        ctx(),
    )
    # answered: with the card's goal (what the business accepts), or "state an assumption"
    assert asks.kind == MessageKind.CLARIFYING_QUESTION
    assert asks.unanswerable or asks.fact_topics == ["business_goal"]
    checks_in = reader.read(
        "I would start with gradient boosted trees on the transaction features. Should I go "
        "deeper on the model or move on?",
        ctx(),
    )
    # a check-in or a question about the interview itself, never a question to answer
    assert checks_in.kind in (MessageKind.ANSWER, MessageKind.META)
    assert not checks_in.unanswerable


def test_a_long_answer_that_wanders_reads_apart_from_one_dense_with_decisions(
    reader: OfflineReader,
) -> None:
    from agent.decide.budget import WANDERING_FILLERS, wanders

    wandering = (
        "So for the model, I guess we could go with something like boosted trees, you know, "
        "because they kind of just work on this sort of data. Side note, at my last job we "
        "had a whole saga with a vendor tool that never shipped, long story short we built "
        "it ourselves. Anyway, where was I. The trees would get the usual features, the "
        "counts and the recency and stuff like that, and we would tune them on a validation "
        "set or something, and then if it is not good enough, maybe a neural net later on, "
        "which honestly might be overkill but it depends on how much data there is."
    )
    dense = (
        "Model: gradient boosted trees as the first version, because the inputs are tabular, "
        "the team can train them in an hour and they serve in under a millisecond on CPU. "
        "The objective is log loss on the chargeback label, with the decision threshold set "
        "from the review team's daily capacity rather than from a fixed score. A deep model "
        "comes only if trees plateau; I would test that by training on three times the data "
        "and checking whether recall at the fixed decline rate still improves. Calibration is "
        "checked weekly on the newest labelled month, since the base rate drifts with the "
        "season, and the model is retrained when calibration error crosses the agreed bar."
    )
    loose = reader.read(wandering, ctx())
    tight = reader.read(dense, ctx())
    assert loose.word_count >= 100 and tight.word_count >= 100
    assert loose.filler_rate >= WANDERING_FILLERS > tight.filler_rate
    assert wanders(loose.model_copy(update={"word_count": 200}))
    assert not wanders(tight.model_copy(update={"word_count": 200}))


def test_what_the_candidate_sets_aside_is_not_the_words_a_follow_up_quotes(
    reader: OfflineReader,
) -> None:
    # a message the candidate calls a tangent: its statements outside the design are left
    # alone (the interviewer does not dig into the side story)
    tangent = (
        "Quick tangent, sorry: I spent a summer restoring an old sailing boat with my uncle, "
        "and the hardest part was sanding the hull by hand for weeks. Anyway, it taught me "
        "patience more than anything."
    )
    assert reader.read(tangent, ctx()).focus is None
    # a personal story inside an answer is not the quote a follow-up pushes on
    story = (
        "At my previous company we wrote every nightly batch job in Scala and regretted it. "
        "Here I would label transactions with chargebacks, waiting sixty days for them to "
        "mature before a transaction counts as legitimate."
    )
    read = reader.read(story, ctx())
    assert all("Scala" not in q for q in read.quotes.values())
    assert read.focus is None or "Scala" not in read.focus


def test_going_on_is_never_read_as_a_request_to_end(reader: OfflineReader) -> None:
    """A message with nothing in it that ends anything is not an end request, however a
    model reads "let's ..."; one that asks to stop still is."""
    training = ReadContext(
        phase=Phase.TRAINING, card=card("payments"), rubric=load_content().rubric
    )
    for text in ("Sorry, let's keep going.", "Okay, sure. Let's carry on with the model then."):
        assert reader.read(text, training).kind != MessageKind.END_REQUEST, text
    for text in ("Can we stop here? I need to go.", "Let's end the interview now, thanks."):
        assert reader.read(text, training).kind == MessageKind.END_REQUEST, text


def test_you_know_and_anyway_inside_a_clause_are_no_filler() -> None:
    """ "You know" set off as an aside is a filler; "if you know the person" is the verb
    with its object, content of a people-you-may-know design, and a dense senior answer
    that says it is not a wandering one."""
    lexicon = default_lexicon()
    verb = "a common employer hints if you know the person, not much more"
    aside = "the graph is, you know, huge, and you know, it keeps growing"
    assert lexicon.filler_rate(normalise(verb), 100) == 0.0
    assert lexicon.filler_rate(normalise(aside), 100) == 2.0
    # likewise "anyway": the adverb closing a clause is content, opening a sentence a filler
    adverb = "we would retrain the ranker weekly anyway."
    opening = "Anyway, where was I. The labels come from accepted invites."
    assert lexicon.filler_rate(normalise(adverb), 100) == 0.0
    assert lexicon.filler_rate(normalise(opening), 100) == 2.0
