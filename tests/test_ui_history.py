"""The History page with 0, 1, 2 and 30 interviews, in a real Chromium against the real app.

Interviews are real offline interviews (one finished, one in progress) saved by the
product; the 30 are copies of the finished one on other days with other scores, written
the way the product writes transcripts. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agent.content.bundle import load_content
from agent.grading.narrative import recommendation_for
from agent.settings import Settings
from tests.support.interview_fixtures import copy_store_into, new_interview
from tests.support.streamlit_server import (
    ARTIFACTS,
    full_page_screenshot,
    headless_chromium,
    streamlit_app,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.real_server]

RAW = ("strong_hire", "lean_no_hire", "no_hire", "None", "in_progress", "nan")


def interviews(data: Path) -> tuple[Path, Path]:
    """One finished and one unfinished interview, saved by the product into `data`."""
    settings = Settings(data_dir=data)
    done = new_interview("fraud-detection", settings=settings)
    done.start()
    done.respond("How many transactions a day, and how fast must we decide?")
    done.respond("I'd use chargebacks as labels and watch for the label delay.")
    done.finish()
    open_one = new_interview("eta-prediction", settings=settings)
    open_one.start()
    open_one.respond("What does the ETA feed into, and how precise must it be?")
    open_one.compact()
    return done.save_path, open_one.save_path


def copies(finished: Path, n: int) -> datetime:
    """`n` more finished interviews on earlier days, scores varied per dimension, each with
    the overall and recommendation those scores give (a copy that kept the original's would
    show a table that contradicts its own heatmap); returns when the oldest one started."""
    data = json.loads(finished.read_text())
    started = datetime.fromisoformat(data["started_at"])
    weights = {d.id: d.weight for d in load_content().rubric.dimensions}
    for k in range(1, n + 1):
        copy = json.loads(json.dumps(data))
        copy["id"] = f"{k:04d}{data['id'][4:]}"
        copy["started_at"] = (started - timedelta(days=k, hours=k % 5)).isoformat()
        recap = copy["recap"]
        for i, dim in enumerate(recap["dimensions"]):
            dim["score"] = 1 + (k + i) % 4
        total = sum(weights[d["id"]] for d in recap["dimensions"])
        overall = sum(weights[d["id"]] * d["score"] for d in recap["dimensions"]) / total
        recap["overall"] = round(overall, 2)
        recap["recommendation"] = recommendation_for(recap["overall"]).value
        finished.with_name(f"{copy['id']}.json").write_text(json.dumps(copy))
    return started - timedelta(days=n, hours=n % 5)


def screenshot(page, name: str) -> None:
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    if charts.count():
        charts.first.locator("canvas, svg").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1500)  # vega lays out after the element appears
    full_page_screenshot(page, name, settle_ms=800)


def visit(page, url: str) -> str:
    page.goto(f"{url}/history")
    page.get_by_text("Your interview history").wait_for(timeout=120_000)
    wait_idle(page)
    page.wait_for_timeout(500)
    return page.locator("body").inner_text()


def test_history_reads_well_from_none_to_thirty(tmp_path: Path) -> None:
    data = tmp_path / "data"
    copy_store_into(data)
    with headless_chromium() as browser, streamlit_app(data, tmp_path / "app.log") as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="UTC")
        page = context.new_page()
        ARTIFACTS.mkdir(exist_ok=True)

        text = visit(page, url)
        assert "No interviews yet" in text
        screenshot(page, "history-0.png")

        finished, unfinished = interviews(data)
        unfinished_path = unfinished.rename(unfinished.with_name("later.tmp"))
        text = visit(page, url)
        assert "1 interview ·" in text and "Payment fraud detection" in text
        assert not any(raw in text for raw in RAW), text
        # one heatmap; its interview axis is categorical (a column per interview), so no
        # fractional time ticks can appear: look at history-1.png
        chart = page.locator('[data-testid="stVegaLiteChart"]')
        chart.first.wait_for(timeout=60_000)  # the chart draws after the page's text
        assert chart.count() == 1
        screenshot(page, "history-1.png")

        unfinished_path.rename(unfinished)
        text = visit(page, url)
        assert "2 interviews" in text and "In progress" in text and "—" in text
        assert not any(raw in text for raw in RAW), text
        screenshot(page, "history-2.png")

        # the newest row is the unfinished one: it can be resumed
        assert page.get_by_role("button", name="Resume").count() == 1
        page.get_by_role("button", name="Resume").click()
        page.wait_for_selector('[data-testid="stChatMessage"]', timeout=60_000)
        wait_idle(page)
        assert page.get_by_text("What does the ETA feed into", exact=False).count() >= 1

        oldest = copies(finished, 28).astimezone(UTC)
        text = visit(page, url)
        assert "30 interviews" in text
        page.get_by_role("button", name="Replay", exact=True).first.wait_for(timeout=60_000)
        wait_idle(page)
        assert page.get_by_role("button", name="Replay", exact=True).count() == 19  # 20 rows
        assert not any(raw in text for raw in RAW), text
        # the copies' overalls differ as their scores do: the table is not thirty equal rows
        assert len(set(re.findall(r"\d\.\d\d / 4", text))) > 1, text
        screenshot(page, "history-30.png")

        page.get_by_text("Show all 30").click()
        # the oldest row, dated in the browser's zone (UTC: set on the context above)
        day = re.escape(f"{oldest.day} {oldest:%b %Y},")
        page.get_by_text(re.compile(f"^{day}")).wait_for(timeout=30_000)
        wait_idle(page)
        assert page.get_by_role("button", name="Replay", exact=True).count() == 29
        screenshot(page, "history-30-all.png")
        # the newest finished interview is the real one, opened in Replay
        page.get_by_role("button", name="Replay", exact=True).first.click()
        page.wait_for_selector('[data-testid="stChatMessage"]', timeout=60_000)
        wait_idle(page)
        assert "/replay" in page.url
        assert page.get_by_text("How many transactions a day", exact=False).count() >= 1
        page.get_by_role("tab", name="Recap").click()  # the recap, one click from the top
        page.get_by_text("Overall").first.wait_for(timeout=30_000)
        page.context.close()
