"""A recap a candidate can trust: it never cites a claim the interviewer challenged or a
heading as evidence, quotes whole sentences, says why for every dimension, tells a phase
where the candidate only asked questions from one never discussed, and names the
recommendation in words."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.grading.offline import OfflineGrader
from agent.grading.quotable import heading_ranges, is_heading, whole_quote
from tests.support.interview_fixtures import new_interview

# a wrong claim (accuracy on 1%-positive data) in a sentence that also shows a signal
# (retraining), so without the rule it would be quoted for the deployment dimension
WRONG = "Accuracy is the metric, and I'd retrain weekly on the newest chargeback labels."
ANSWERS = [
    "How many transactions per second do we see, and what share of them is fraud?",
    "For labels I'd use chargebacks and confirmed fraud reports, which arrive weeks later.",
    "Features: amount, merchant category, and the number of transactions per card in the last "
    "hour, computed in a streaming feature store so training and serving match.",
    WRONG,
    "For the model I'd start with a gradient boosted tree because it is fast to serve under "
    "50 ms, with class weights for the imbalance.",
]


def test_a_claim_the_interviewer_challenged_is_never_cited_as_evidence():
    iv = new_interview("fraud-detection")
    iv.start()
    replies = [iv.respond(a) for a in ANSWERS]
    challenged = iv.transcript.turns[8]
    assert challenged.role == "interviewer" and challenged.move.steer == "wrong_claim", replies
    recap = iv.finish()
    assert WRONG in recap.challenged
    for d in recap.dimensions:
        assert not any("Accuracy is the metric" in q for q in d.evidence), (d.id, d.score)
    assert not any("Accuracy is the metric" in s for s in recap.strengths)
    # it still counts: the signal it shows is credited, only never cited
    assert any("retraining" in d.signals for d in recap.dimensions)
    # the wrong claim still caps its own dimension, as before
    assert recap.score("metrics") <= 2


WRITTEN = """# Payment fraud detection

## Offline metrics: PR-AUC and recall at a fixed false positive rate

I would measure PR-AUC offline and recall at a 0.1% false positive rate, because fraud is
under one percent of transactions and accuracy would hide every miss.

**Model: gradient boosted trees with class weights**

I'd start with a logistic regression baseline, then a gradient boosted tree on tabular
features because it serves under 50 ms; class weights handle the imbalance.

Labels
------

Labels come from chargebacks, which arrive about three weeks after the transaction.
"""


def test_markdown_headings_are_never_quoted_as_evidence():
    content = load_content()
    recap = OfflineGrader().grade_answer(
        WRITTEN, content.problems.get("fraud-detection"), content.rubric
    )
    titles = [
        "Payment fraud detection",
        "Offline metrics: PR-AUC and recall at a fixed false positive rate",
        "Model: gradient boosted trees with class weights",
        "Labels",
    ]
    quotes = [q for d in recap.dimensions for q in d.evidence]
    assert quotes, "the answer's sentences are still evidence"
    for q in quotes:
        assert q.strip("*# ") not in titles, q
        # the paragraphs are wrapped prose, so a quote may go on over a wrapped line
        # (recap17), but no line of it is a heading
        for line in q.split("\n"):
            assert line.strip("*# ") not in titles, q
            assert not line.lstrip().startswith(("#", "**", "---")), q
    for s in recap.strengths:
        assert not any(f'"{t}"' in s for t in titles), s


def test_heading_lines_are_found_in_every_markdown_form():
    ranges = heading_ranges(WRITTEN)
    headings = [WRITTEN[lo:hi] for lo, hi in ranges]
    assert headings == [
        "# Payment fraud detection",
        "## Offline metrics: PR-AUC and recall at a fixed false positive rate",
        "**Model: gradient boosted trees with class weights**",
        "Labels",
    ]
    assert is_heading("Offline metrics: PR-AUC", [WRITTEN])
    assert not is_heading("I would measure PR-AUC offline", [WRITTEN])


def test_a_quote_cut_at_a_semicolon_is_shown_as_its_whole_sentence():
    source = "- You're right; I'd use PR-AUC offline, because positives are rare.\n- Next line."
    assert whole_quote("You're right;", [source]) == (
        "You're right; I'd use PR-AUC offline, because positives are rare."
    )
    assert whole_quote("I'd use PR-AUC offline, because positives are rare.", [source]) == (
        "You're right; I'd use PR-AUC offline, because positives are rare."
    )
    # a sentence spread over several lines stays as cut (a quote is verbatim, on one line)
    assert whole_quote("first half", ["first half\nsecond half."]) == "first half"


def _recap_of(name: str):
    from agent.grading.inputs import strip_front_matter
    from tests.test_recap_reading import CALIBRATION

    content = load_content()
    text = strip_front_matter((CALIBRATION / "fraud-detection" / name).read_text("utf-8"))
    return OfflineGrader().grade_answer(
        text, content.problems.get("fraud-detection"), content.rubric
    )


def test_every_dimension_says_why_and_communication_names_what_held_it_back():
    plan = load_content().plan
    disorganised = _recap_of("disorganised.md")
    for d in disorganised.dimensions:
        assert d.why.strip(), d.id
    comm = next(d for d in disorganised.dimensions if d.id == "communication")
    assert "design phases" in comm.why and "out of order" in comm.why
    assert f"{comm.score}/4" in comm.why  # the cap it names is the score it got
    assert "interviewer" not in comm.why  # judged on the candidate's answers, not on steers
    no_training = _recap_of("no-training.md")
    comm = next(d for d in no_training.dimensions if d.id == "communication")
    assert plan.spec("training").title in comm.why  # the phase the answer never covered


def test_recap_downloads_name_the_recommendation_in_words():
    from ui.components.exports import recap_html, recap_markdown

    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond(ANSWERS[1])
    recap = iv.finish()
    assert "_" in recap.recommendation.value  # stored as an id, e.g. "no_hire"
    for text in (recap_markdown(iv.transcript), recap_html(iv.transcript)):
        assert recap.recommendation.label in text
        assert recap.recommendation.value not in text


def test_a_phase_with_only_questions_says_so_instead_of_not_discussed():
    iv = new_interview("fraud-detection")
    iv.start()
    # a clarifying question the reader takes as asking about scale, no requirement stated
    iv.respond("How many transactions per second do we see at peak?")
    iv.respond(ANSWERS[2])
    recap = iv.finish()
    clarify = recap.design[0]
    assert clarify.phase == "clarify" and not clarify.sentences and clarify.questions == 1
    line = recap.summary.splitlines()[0]
    assert "you asked one question here" in line and "not discussed" not in line


def test_a_signal_implied_by_one_shown_is_never_listed_as_missed():
    content = load_content()
    rubric = content.rubric
    answer = (
        "I'd use PR-AUC offline and recall at a fixed false positive rate, because blocking "
        "good customers has a real cost. I would split the data by time, training on older "
        "months and testing on the most recent month."
    )
    recap = OfflineGrader().grade_answer(answer, content.problems.get("fraud-detection"), rubric)
    shown = {s for d in recap.dimensions for s in d.signals}
    missed = {m for d in recap.dimensions for m in d.missed} | set(recap.missed)
    # the models find PR-AUC imbalance-aware and the split time-based
    assert {"imbalance_aware_metric", "time_based_split"} <= shown
    # PR-AUC offline is also read as an offline metric choice in its own right; the time split
    # is not read as a plain hold-out: that one is credited through the signal that implies it
    assert "holdout_split" not in shown
    assert rubric.signal("offline_metric_choice").description not in missed
    assert rubric.signal("holdout_split").description not in missed


def test_a_summary_line_never_repeats_its_phase_title_as_a_label():
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond(ANSWERS[2])  # "Features: amount, merchant category, ..."
    recap = iv.finish()
    features = next(line for line in recap.summary.splitlines() if line.startswith("Features:"))
    assert not features.startswith("Features: Features:"), features
    assert "Amount, merchant category" in features
    # the stored digest keeps the candidate's sentence as written
    assert any(s.startswith("Features: amount") for d in recap.design for s in d.sentences)


def test_a_question_the_turn_answered_is_counted_even_without_evidence():
    """The summary counts the questions from the interview's own reading of each turn: a
    message read (and answered) as a question to the interviewer is a question asked in its
    phase, whether or not any sentence of it was rubric evidence."""
    from agent.content.phases import Phase
    from agent.grading.digest import design_digest, empty_phase
    from agent.grading.narrative import wording

    content = load_content()
    digest = design_digest([], content.rubric, content.plan, {}, asked_turns={1: Phase.DATA})
    data = next(d for d in digest if d.phase == Phase.DATA)
    assert data.questions == 1 and "not discussed" not in empty_phase(data, wording())
    assert all(d.questions == 0 for d in digest if d.phase != Phase.DATA)


def test_every_question_the_interview_answered_shows_in_its_phase_of_the_summary():
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("Who reviews the payments we flag today, and how quickly do they get to them?")
    iv.respond("Is it known what share of chargebacks are customers disputing their own buys?")
    iv.respond(ANSWERS[2])
    recap = iv.finish()
    asked = [
        t for t in iv.transcript.turns if t.role == "candidate" and t.kind == "clarifying_question"
    ]
    assert asked, "the reader took at least one of them as a question to the interviewer"
    by_phase = {d.phase: d for d in recap.design}
    for turn in asked:
        d = by_phase[turn.phase]
        assert d.sentences or d.questions >= 1, (turn.text, d)
