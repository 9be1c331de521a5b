"""What a message is, read in the conversation (issues 10 and 14): a statement is not met as
a question, a question is not ignored, and talk outside the design is not pushed on.

Hand-written on four problems, expectations by hand; adversarial cases: a statement that
opens with "what", a question the candidate answers themself, a question hidden in the
middle of a paragraph, two questions and a statement in one message, statements that end in
"?" or "right?", terse notes whose one-word fragments read like commands, a job question
with an elaboration that sounds like design, and personal admissions or fillers next to a
design decision.
"""

from __future__ import annotations

import pytest

from agent.content.phases import Phase
from agent.read.reading import MessageKind, MetaTopic, Reading
from tests.support.card_reading import read_on_card
from tests.support.interview_fixtures import new_interview

ADS = "ad-click-prediction"
EVENTS = "event-recommendation"
BLUR = "street-view-blurring"
ETA = "eta-prediction"


def _read(problem: str, text: str, phase: Phase = Phase.MODELING) -> Reading:
    return read_on_card(text, problem, phase)


# -- statements are not questions ----------------------------------------------------------


def test_a_statement_that_opens_with_what_is_not_a_question():
    reading = _read(
        EVENTS,
        "Let me frame it first. What makes this harder than recommending films is that "
        "each listing lives for a few weeks and then disappears, so most of the catalogue "
        "never builds any history. I'll design around that.",
        Phase.CLARIFY,
    )
    assert reading.kind is MessageKind.ANSWER
    assert reading.asked_parts == []


def test_a_question_the_candidate_answers_at_once_is_not_put_to_the_interviewer():
    reading = _read(
        BLUR,
        "How many panoramas do we need to hand-check each week? With a miss rate near one "
        "percent and a margin of a quarter of a percent, that is about six thousand faces, "
        "so roughly fifteen hundred panoramas. That is cheap for the only unbiased figure "
        "we get.",
        Phase.EVALUATION,
    )
    assert reading.kind is MessageKind.ANSWER
    assert reading.asked_parts == []


def test_a_statement_ending_in_right_is_not_answered_from_the_card():
    reading = _read(
        ADS,
        "Log loss matters more than AUC here because the auction multiplies the predicted "
        "probability by the bid, right?",
        Phase.EVALUATION,
    )
    assert reading.kind is not MessageKind.CLARIFYING_QUESTION
    assert reading.fact_topics == []


@pytest.mark.xfail(
    strict=True,
    reason="the heads refit after the fourteenth session's merges "
    "(b923b4c) read the one-word fragments as manipulation "
    "(kinds11's corpus for it was in that refit): a model miss",
)
def test_terse_notes_with_one_word_fragments_are_an_answer():
    reading = _read(EVENTS, "Data: views, saves, purchases. Organiser. Venue. Follows.", Phase.DATA)
    assert reading.kind is MessageKind.ANSWER


@pytest.mark.xfail(
    strict=True,
    reason="the heads refit after the fourteenth session's merges "
    "(b923b4c) read '2 and then 4 of those slots out of the 20 shown' as manipulation "
    "(kinds11's corpus for it was in that refit): a model miss",
)
def test_a_count_out_of_a_total_is_a_design_figure_not_a_manipulation():
    reading = _read(
        EVENTS,
        "For the reranker: spread organisers out and keep a few slots for brand new events. "
        "I'd test 2 and then 4 of those slots out of the 20 shown.",
    )
    assert reading.kind is MessageKind.ANSWER


def test_the_interviewer_does_not_call_a_statement_a_good_question():
    iv = new_interview(EVENTS)
    iv.start()
    reply = iv.respond(
        "Before the pieces, the framing. What sets events apart is that they expire: a "
        "listing is around for a couple of weeks, so item cold start is the normal case. "
        "The task is to rank about twenty upcoming events for a user and their location."
    )
    assert not reply.lower().startswith("good question")
    assert "don't have that" not in reply.lower()


# -- questions are not ignored -------------------------------------------------------------


def test_a_question_hidden_mid_paragraph_that_waits_on_its_answer_is_asked():
    reading = _read(
        ETA,
        "I'd start with gradient boosted trees on trip features. How fast does a prediction "
        "have to come back? If it's tens of milliseconds I'd precompute the road segment "
        "features. Then a deep model only if the trees plateau.",
    )
    assert reading.kind is MessageKind.CLARIFYING_QUESTION
    assert "latency" in reading.fact_topics


TWO_QUESTIONS = (
    "What's the peak number of ad requests per second? And how quickly must a prediction "
    "come back? I'd start from logistic regression as the baseline."
)


def test_two_questions_and_a_statement_are_both_asked():
    reading = _read(ADS, TWO_QUESTIONS, Phase.CLARIFY)
    assert reading.kind is MessageKind.CLARIFYING_QUESTION
    assert "scale" in reading.fact_topics
    assert len(reading.asked_parts) >= 2


@pytest.mark.xfail(
    strict=True,
    reason="the fact matcher reads 'how quickly must a prediction come back?' as the "
    "label-freshness fact, not the latency budget (seen 2026-11-30; which fact answers a "
    "part is the fact heads' reading, not the kind's)",
)
def test_the_second_of_two_questions_hears_the_latency_budget():
    assert "latency" in _read(ADS, TWO_QUESTIONS, Phase.CLARIFY).fact_topics


def test_options_voiced_while_stuck_ask_for_a_hint_not_a_fact():
    reading = _read(
        ADS,
        "The advertiser id has millions of values, so one-hot is out. Maybe hash it into "
        "buckets? Or learn an embedding? I really don't know which one is the usual choice.",
        Phase.FEATURES,
    )
    assert reading.kind is MessageKind.HINT_REQUEST


def test_a_job_question_with_an_elaboration_is_about_the_job():
    reading = _read(
        BLUR,
        "What is on-call like on this team? Say the pipeline breaks overnight, would I be "
        "the one who gets woken up?",
    )
    assert reading.kind is MessageKind.META
    assert reading.meta is MetaTopic.JOB
    assert reading.asked_parts == []


@pytest.mark.xfail(
    strict=True,
    reason="the heads refit after the fourteenth session's merges "
    "(b923b4c) read the summary with a time question as a clarifying question, not a "
    "question about the interview (kinds11's corpus for it was in that refit): a model miss",
)
def test_a_time_question_after_a_summary_is_answered_as_such():
    reading = _read(
        ADS,
        "So in short: impressions and clicks with a label window, user and ad features, "
        "gradient boosting, calibrated scores, a time split and an A/B test on revenue. Do "
        "we have time left for a couple of my questions about the team?",
        Phase.WRAP_UP,
    )
    assert reading.kind is MessageKind.META
    assert reading.meta in (MetaTopic.TIME_LEFT, MetaTopic.JOB)


# -- talk outside the design is not pushed on ----------------------------------------------


def test_a_personal_admission_is_not_what_a_follow_up_quotes():
    reading = _read(
        EVENTS,
        "Beyond the model, I'd watch the inputs, like a feature that suddenly goes missing, "
        "and the service's latency and error rate. To be honest I haven't done much "
        "monitoring at my current job, another team owns it, so I don't know the usual tools.",
        Phase.DEPLOYMENT,
    )
    assert reading.focus is None or "current job" not in reading.focus


def test_a_filler_is_not_what_a_follow_up_quotes():
    reading = _read(
        ADS,
        "Back to calibration for a second, I keep coming back to it, I know, sorry. Between "
        "retrains the base rate drifts with holidays and big campaigns, so I'd refit the "
        "calibration layer every day on the latest data, per placement.",
        Phase.DEPLOYMENT,
    )
    assert reading.focus is None or "coming back" not in reading.focus


@pytest.mark.xfail(
    strict=True,
    reason="the heads refit after the fourteenth session's merges "
    "(b923b4c) do not read the tooling aside alone as off topic, so it is not an aside and "
    "the follow-up may quote it (kinds11's corpus for it was in that refit): a model miss",
)
def test_a_remark_set_aside_is_not_what_a_follow_up_quotes():
    reading = _read(
        BLUR,
        "We label our own data: vendors draw boxes on perspective crops, not on the warped "
        "panorama. Small tooling aside, since someone always asks: I've used two labelling "
        "tools and both were fine. What matters is the guideline, written before labelling "
        "starts, with pictures of posters, reflections and people inside cars.",
        Phase.DATA,
    )
    assert reading.focus is None or "tooling" not in reading.focus.lower()


def test_a_request_for_corrections_before_the_figures_covers_each_of_them():
    # the card: about 2 million daily users, 1 million upcoming events, 1,000 requests a
    # second at peak; the invitation comes first, so every figure after it is open to
    # correction, the event count (off by less than the margin a bare figure needs) too
    iv = new_interview(EVENTS)
    iv.start()
    iv.respond("What's the business goal?")
    reply = iv.respond(
        "I'll fill in the rest with guesses, so correct me if any of these is off. Around "
        "3 million events listed at any time. Traffic peaks near 4k requests per second."
    )
    assert "1 million upcoming events" in reply
    assert "1,000" in reply
