"""A question inside a design answer is answered as asked (issue 10: answer what was asked):
one about the setting is answered even when the answer goes on after it, one the candidate
poses to themself is left to them, one about running the system being designed is a design
question and not one for the recruiter, and assumptions the candidate asks to have corrected
are answered from the card."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.read.durations import DAYS, question_scales
from agent.read.interview_questions import InterviewQuestions
from agent.read.lexicon import default_lexicon
from agent.read.offline import OfflineReader
from agent.read.reading import MessageKind, MetaTopic, Reading
from agent.understanding import shared_understanding
from tests.support.card_reading import card_context, read_on_card
from tests.support.interview_fixtures import new_interview

FRAUD = "fraud-detection"
FEED = "news-feed-ranking"


def _read(problem: str, text: str, phase: Phase = Phase.DEPLOYMENT) -> Reading:
    return read_on_card(text, problem, phase)


def _answer(problem: str, topic: str) -> str:
    fact = load_content().problems.get(problem).fact(topic)
    assert fact is not None
    return " ".join(fact.answer.split())


ON_CALL = (
    "Monitoring: feature nulls, prediction drift, engagement per hour, latency and timeouts. "
    "Who is on call for this model, the ranking team or a platform team? It changes how "
    "automatic the rollback should be."
)


def test_who_runs_the_system_being_designed_is_a_design_question():
    assert _read(FEED, ON_CALL).meta is MetaTopic.DESIGN


def test_the_on_call_rotation_of_the_team_is_still_a_question_about_the_job():
    reading = _read(FRAUD, "What is the on-call rotation like for the team I would join?")
    assert reading.meta is MetaTopic.JOB


def test_an_on_call_question_about_the_model_does_not_send_the_candidate_to_the_recruiter():
    iv = new_interview(FEED)
    iv.start()
    assert "recruiter" not in iv.respond(ON_CALL).lower()


def test_a_question_about_the_setting_is_answered_though_the_answer_goes_on_after_it():
    reading = _read(
        FEED,
        "I'd start from gradient boosted trees on the engagement logs. What is the team's "
        "experience with deep ranking models? If the team only knows trees, I'd keep those.",
        Phase.MODELING,
    )
    assert reading.kind is MessageKind.CLARIFYING_QUESTION
    assert reading.unanswerable


def test_a_question_the_candidate_poses_and_answers_is_left_to_them():
    reading = _read(
        FEED,
        "I'd rank with two-tower retrieval and a boosted-tree ranker on engagement labels. "
        "Why not a pure deep model? If the data is sparse, the trees are more robust, and "
        "they are cheaper to serve.",
        Phase.MODELING,
    )
    assert reading.kind is not MessageKind.CLARIFYING_QUESTION


def test_assumptions_offered_for_correction_are_answered_from_the_card():
    iv = new_interview(FEED)
    iv.start()
    reply = iv.respond(
        "On scale, I'll assume 50 million daily users and about 20k feed requests per second. "
        "For ranking I'll assume a latency budget of 300 ms. Tell me if those numbers are "
        "way off."
    )
    assert _answer(FEED, "scale") in reply
    assert _answer(FEED, "latency") in reply


def test_a_short_follow_on_to_a_question_about_the_problem_is_not_about_the_job():
    card = load_content().problems.get(FEED)
    questions = InterviewQuestions(default_lexicon(), shared_understanding())
    asked = ["Who has access to the raw logs today?", "Only the ranking teams?", "Which teams?"]
    assert questions.topics(asked, card) == [None, None, None]


def test_a_hyphenated_duration_gives_the_scale_of_the_question_before_it():
    text = "How long is the dispute window? With a 90-day window, labels come late."
    assert question_scales(text, 0, text.index("?") + 1) == {DAYS}


def test_a_window_of_days_is_not_answered_with_the_latency_budget():
    reading = _read(
        "ad-click-prediction",
        "Conversions would need a second head. How long is the conversion window? With a "
        "14-day window those labels arrive very late, so I'd train on older impressions.",
        Phase.MODELING,
    )
    assert "latency" not in reading.fact_topics


def test_a_design_choice_put_to_the_interviewer_is_turned_back_not_left_to_an_assumption():
    reading = _read(
        FEED,
        "Features come from a key-value store keyed by post id, and training reads the same "
        "tables from the warehouse. Maybe reuse one transformation library for both paths?",
    )
    assert reading.meta is MetaTopic.DESIGN
    assert not reading.unanswerable


def test_whether_the_candidate_would_run_the_system_is_still_about_the_job():
    reading = _read(FEED, "Would I be on the team that owns this system if I joined?")
    assert reading.meta is MetaTopic.JOB


def test_a_statement_read_as_asking_beside_a_written_question_is_not_asked():
    # the sentence model may read a statement as asking (it did, at 0.60: "So also revenue,
    # and maybe something like how many users hide ads."); beside a question written with a
    # question mark it is the candidate's own point, and its cue ("revenue") opens no fact
    context = card_context("ad-click-prediction", Phase.EVALUATION)
    reader = OfflineReader()
    text = "So I'd also watch revenue and how often people hide ads. How long should it run?"
    found = reader.understanding.message(text)
    first, *others = found.sentences
    as_read = found.model_copy(
        update={"sentences": [first.model_copy(update={"question": True, "asking": 0.6}), *others]}
    )
    read = reader.questions.question(
        Reading(kind=MessageKind.CLARIFYING_QUESTION), text, as_read, context
    )
    assert "business_goal" not in read.fact_topics


def test_an_assumption_with_if_that_is_off_tell_me_is_confirmed_from_the_card():
    iv = new_interview(FEED)
    iv.start()
    reply = iv.respond(
        "For serving I'll assume a latency budget of about 150 ms for the first page. If "
        "that's too tight, tell me and I'll drop the re-ranking stage."
    )
    assert _answer(FEED, "latency") in reply
