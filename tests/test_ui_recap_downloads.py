"""The recap a candidate downloads names the interview as they know it: the problem's title
and the day and time it started, never the problem id or the file id alone."""

from __future__ import annotations

import re

from tests.support.interview_fixtures import new_interview
from ui.components.exports import recap_html, recap_markdown


def test_the_downloaded_recap_names_the_problem_and_the_day_not_ids() -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("Labels come from chargebacks, which arrive weeks after the transaction.")
    iv.finish()
    started = iv.transcript.started_at
    day = f"{started.day} {started:%b %Y}"
    md = recap_markdown(iv.transcript)
    html = recap_html(iv.transcript)
    for text in (md, html):
        assert "Payment fraud detection" in text
        assert day in text
        assert not re.search(r"\bfraud-detection\b", text), "the problem id is not a name"
        assert f"interview {iv.transcript.id}" not in text
    assert md.startswith("# Interview recap")
    assert "## Payment fraud detection · " in md


def test_a_downloaded_recap_is_one_interview_not_a_batch_of_one() -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("Labels come from chargebacks, which arrive weeks after the transaction.")
    iv.finish()
    md = recap_markdown(iv.transcript)
    html = recap_html(iv.transcript)
    for text in (md, html):
        assert not re.search(r"Items: \d|\d items", text), "no batch counts"
        assert "mean overall" not in text.lower() and "Summary" not in text
        assert "Overall" in text or "overall" in text  # the interview's own score stays
    assert "## Payment fraud detection · " in md
    assert "Rubric: version" in md and "Grader: offline" in md


def test_a_downloaded_recap_carries_its_scores_and_time_per_phase() -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("How many transactions per second do we need to score, and how fast?")
    iv.respond("Labels come from chargebacks, which arrive weeks after the transaction.")
    iv.finish()
    recap = iv.transcript.recap
    assert recap is not None and recap.minutes_per_phase
    md = recap_markdown(iv.transcript)
    html = recap_html(iv.transcript)
    for text in (md, html):
        assert "Time per phase (minutes): Clarify the problem " in text
        assert "(transcript)" not in text  # the header says what it is, not an input kind
    assert "- Problem: Payment fraud detection\n" in md
    assert "| Dimension | Score |" in md  # scores as a table, one row per dimension
    assert md.count("\n| ") >= len(recap.dimensions) + 1
    line = next(x for x in md.splitlines() if x.startswith("- Time per phase"))
    shown = [p.rsplit(" ", 1)[0] for p in line.split(": ", 1)[1].split("; ")]
    assert shown[0] == "Clarify the problem" and len(shown) == len(recap.minutes_per_phase)
