"""The recap read as a hiring panel reads it (issue 12): a question the interview took as being
about the job is not quoted as framing the problem, a guess put to the interviewer is not the
first evidence of a design part, and the candidate's closing recap does not sit under one
phase's heading beside that phase's own statements.

Three problems (video search, fraud detection, people you may know). Every candidate sentence
was written for these tests, in the engineer's own words, and every turn kind is what the
interview's reader would record for it (set by hand: these tests are about the grader agreeing
with the reading it is given). Expectations decided by reading the transcript, before running;
where a first sentence was not read as evidence at all (a serving sentence read as a
feature-store one, Adamic-Adar and profile-overlap features read as nothing: a matter for the
heads), it was replaced by one the shared reading credits, since these tests check what the
grader does with the reading. The three fixed cases fail on the code before (8ab4683).
"""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.read.reading import MessageKind
from agent.record.transcript import Transcript, Turn
from tests.support import grading_fixtures

grader = grading_fixtures.grader
rubric = grading_fixtures.rubric

ASK = "Thanks. Go on."  # the interviewer's side matters to none of these checks


def _interview(problem: str, rubric, said: list[tuple[Phase, MessageKind, str]]) -> Transcript:
    turns = [Turn(role="interviewer", text="Here is the problem.", phase=Phase.CLARIFY)]
    for phase, kind, text in said:
        turns.append(Turn(role="candidate", text=text, phase=phase, kind=kind))
        turns.append(Turn(role="interviewer", text=ASK, phase=phase))
    return Transcript(
        problem_id=problem, rubric_version=rubric.version, rubric_hash=rubric.hash, turns=turns
    )


def _grade(grader, rubric, problem: str, said) -> object:
    card = load_content().problems.get(problem)
    return grader.grade_transcript(_interview(problem, rubric, said), card, rubric)


def _quoted(recap) -> list[str]:
    return [q for d in recap.dimensions for q in d.evidence] + list(recap.strengths)


# -- a question about the job, in a turn the interview read as off topic ----------------------

JOB_QUESTION = "Before we begin, is this role on the search ranking team or on a platform team?"
SEARCH_TURNS = [
    (
        Phase.CLARIFY,
        MessageKind.CLARIFYING_QUESTION,
        "How many videos can be searched, and how many queries a second come in at peak?",
    ),
    (
        Phase.CLARIFY,
        MessageKind.ANSWER,
        "I'll treat it as retrieval over a text index and an embedding index, then a learned "
        "ranker over a few hundred candidates.",
    ),
    (
        Phase.DATA,
        MessageKind.ANSWER,
        "Positives are clicks followed by a long watch, and results skipped above a clicked "
        "one are negatives, with a correction for position bias.",
    ),
    (Phase.DATA, MessageKind.OFF_TOPIC, f"Sorry, one thing I forgot. {JOB_QUESTION}"),
]


def test_a_job_question_read_as_off_topic_is_not_evidence(grader, rubric):
    recap = _grade(grader, rubric, "video-search", SEARCH_TURNS)
    for line in _quoted(recap):
        assert "platform team" not in line, line
    clarify = next(d for d in recap.design if d.phase == Phase.CLARIFY)
    assert clarify.questions <= 1  # the scale question, not the job one


def test_the_same_question_in_a_turn_read_as_a_clarifying_one_still_counts(grader, rubric):
    # adversarial: the rule follows the interview's reading of the turn, not the words; the
    # scale question keeps its credit wherever it sits
    recap = _grade(grader, rubric, "video-search", SEARCH_TURNS)
    framing = next(d for d in recap.dimensions if d.id == "problem_framing")
    assert any("queries a second" in q for q in framing.evidence)


def test_a_statement_in_a_turn_read_as_off_topic_still_counts(grader, rubric):
    # adversarial: only the turn's questions are set aside, not the design said beside them
    turns = [
        *SEARCH_TURNS[:1],
        (
            Phase.CLARIFY,
            MessageKind.OFF_TOPIC,
            "Do you run your own search cluster here or a hosted one? Either way, the first "
            "stage is BM25 over titles, descriptions and transcripts, boosted by popularity, "
            "as the baseline any learned ranker has to beat.",
        ),
    ]
    recap = _grade(grader, rubric, "video-search", turns)
    shown = _quoted(recap) + [s for d in recap.design for s in d.sentences]
    assert any("BM25" in line for line in shown)
    assert not any("search cluster" in line for line in shown)


# -- a guess put to the interviewer is not the first evidence of deployment -------------------

GUESS = "It has to be quick, maybe under a second?"
SERVING = (
    "The scorer runs in the payment path with a 50 ms budget, and if it times out the payment "
    "goes through on the rules engine alone."
)


def test_a_guess_posed_as_a_question_is_not_the_first_deployment_quote(grader, rubric):
    turns = [
        (
            Phase.CLARIFY,
            MessageKind.ANSWER,
            "It's a binary classifier on each card payment, with a threshold picked on cost.",
        ),
        (Phase.DEPLOYMENT, MessageKind.ANSWER, f"The model sits behind an API. {GUESS}"),
        (Phase.DEPLOYMENT, MessageKind.ANSWER, SERVING),
    ]
    recap = _grade(grader, rubric, "fraud-detection", turns)
    deployment = next(d for d in recap.dimensions if d.id == "deployment")
    assert deployment.evidence, "the serving statement is evidence"
    assert deployment.evidence[0] != GUESS
    for line in recap.strengths:
        assert GUESS not in line


def test_a_question_is_still_the_first_quote_when_framing_the_problem(grader, rubric):
    # adversarial: in the clarify phase asking is what a strong answer does
    ask = "How fast does the approve or decline call have to return, and what share is fraud?"
    turns = [(Phase.CLARIFY, MessageKind.CLARIFYING_QUESTION, ask)]
    recap = _grade(grader, rubric, "fraud-detection", turns)
    framing = next(d for d in recap.dimensions if d.id == "problem_framing")
    assert framing.evidence[:1] == [ask]


# -- the closing recap is not one phase's summary ------------------------------------------

CLOSING = [
    "To wrap up: candidates come from a two-hop walk over the graph, and a boosted ranker "
    "orders them by the chance of an accepted invite.",
    "Positives are accepted invites, and suggestions shown with no invite are negatives.",
    "The lists are built nightly in batch and refreshed within hours of a new connection.",
]
PYMK_TURNS = [
    (
        Phase.FEATURES,
        MessageKind.ANSWER,
        "For each pair I'd count mutual connections over the last 90 days and weight each "
        "shared contact by one over the log of their degree, as an Adamic-Adar feature.",
    ),
    (
        Phase.EVALUATION,
        MessageKind.ANSWER,
        "Offline I'd hold out the last two weeks of invites and compare recall at 10 against "
        "the plain mutual-count ranking, then run an A/B test on accepted invites per member.",
    ),
    (
        Phase.DEPLOYMENT,
        MessageKind.ANSWER,
        "A nightly Spark job scores each member's candidates and writes the top fifty to a "
        "key-value store, so the page reads its list in a few milliseconds.",
    ),
    (Phase.WRAP_UP, MessageKind.ANSWER, " ".join(CLOSING)),
]


def test_the_closing_recap_is_not_summarised_under_one_phase(grader, rubric):
    recap = _grade(grader, rubric, "people-you-may-know", PYMK_TURNS)
    features = next(d for d in recap.design if d.phase == Phase.FEATURES)
    assert any("Adamic-Adar" in s for s in features.sentences)
    evaluation = next(d for d in recap.design if d.phase == Phase.EVALUATION)
    assert any("hold out the last two weeks" in s for s in evaluation.sentences)
    deployment = next(d for d in recap.design if d.phase == Phase.DEPLOYMENT)
    assert any("Spark job" in s for s in deployment.sentences)
    for d in recap.design:  # the recap, sentence by sentence, under no phase with its own
        if any(s not in CLOSING for s in d.sentences):
            assert not set(CLOSING) & set(d.sentences), d.phase


def test_the_closing_recap_still_credits_communication(grader, rubric):
    # adversarial: kept off the digest, the recap is still the candidate's closing recap
    recap = _grade(grader, rubric, "people-you-may-know", PYMK_TURNS)
    communication = next(d for d in recap.dimensions if d.id == "communication")
    assert "recaps_design" in communication.signals
