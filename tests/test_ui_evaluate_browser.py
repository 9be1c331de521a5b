"""The Evaluate page in a real Chromium: junk is refused with a reason, a written answer
with no problem is asked about (Grade waits), and each graded item shows its scores with
evidence quotes and missing points inline. Screenshot: tests/artifacts/evaluate.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.settings import Settings
from tests.support.interview_fixtures import copy_store_into, new_interview
from tests.support.streamlit_server import (
    full_page_screenshot,
    headless_chromium,
    streamlit_app,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.real_server]

ANSWER = (
    "I would frame this as binary classification on each card transaction, with chargebacks "
    "as labels that arrive weeks later. Because fraud is rare I would report precision and "
    "recall at a fixed review budget rather than accuracy, and split the data by time so "
    "that no future information leaks into training. Features: amount, merchant category, "
    "velocity counts per card over the last hour and day, and distance from home."
)


def test_evaluate_shows_why_and_asks_for_the_problem(tmp_path: Path) -> None:
    data, files = tmp_path / "data", tmp_path / "files"
    files.mkdir()
    copy_store_into(data)
    interview = new_interview("fraud-detection", settings=Settings(data_dir=tmp_path / "x"))
    interview.start()
    interview.respond("Fraud is rare, so I'd track precision and recall, not accuracy.")
    interview.finish()
    (files / "interview.json").write_text(interview.transcript.model_dump_json())
    (files / "answer.md").write_text(ANSWER)
    (files / "junk.txt").write_text("asdf jkl; 1234 ####")

    with headless_chromium() as browser, streamlit_app(data, tmp_path / "app.log") as url:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{url}/evaluate")
        page.get_by_text("Evaluate answers with the fixed rubric").wait_for(timeout=120_000)
        wait_idle(page)
        page.locator('input[type="file"]').set_input_files(
            [str(files / n) for n in ("interview.json", "answer.md", "junk.txt")]
        )
        page.get_by_text("names no problem", exact=False).wait_for(timeout=30_000)
        wait_idle(page)
        assert page.get_by_text("does not read as a design answer", exact=False).count() == 1
        grade = page.get_by_role("button", name="Grade", exact=True)
        assert grade.is_disabled()  # waits for the problem, no silent default

        page.locator('[data-testid="stSelectbox"]').filter(has_text="names no problem").click()
        page.get_by_role("option", name="Payment fraud detection").click()
        wait_idle(page)
        page.get_by_role("button", name="Grade", exact=True).click()
        page.get_by_text("Why each score").wait_for(timeout=120_000)
        wait_idle(page)
        item = page.locator('[data-testid="stExpander"]').filter(has_text="answer.md ·")
        item.get_by_text("answer.md · Payment fraud detection", exact=False).click()
        item.get_by_text("Missing:", exact=False).first.wait_for(timeout=30_000)
        quote = item.locator("blockquote").filter(has_text="precision and recall").first
        quote.wait_for(timeout=30_000)  # the evidence, quoted from the answer, on the page
        assert page.get_by_text("junk.txt", exact=False).count() >= 1
        # the score table is text that wraps: every dimension and file named in full
        table = page.locator('[data-testid="stTable"]')
        for name in ("Deployment, serving and monitoring", "Problem framing and requirements"):
            assert table.get_by_text(name, exact=True).is_visible()
        assert table.get_by_text("interview.json", exact=True).is_visible()
        full_page_screenshot(page, "evaluate.png", settle_ms=800)
        page.context.close()
