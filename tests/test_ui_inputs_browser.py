"""What a new user meets in a real headless Chromium against a real `streamlit run`: a
whitespace-only message is not sent, a message longer than a turn records is held with a
notice until the candidate agrees to the cut, the interview stays in the address across
pages, and a new tab at the app's base address offers to resume it. Screenshots go to
tests/artifacts/."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from agent.read.candidate_input import MAX_RECORDED_CHARS
from agent.record.transcript import load_transcript
from tests.support.streamlit_server import (
    full_page_screenshot,
    headless_chromium,
    send_chat,
    streamlit_app,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.real_server]

MESSAGES = '[data-testid="stChatMessage"]'
BOX = '[data-testid="stChatInputTextArea"]'


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as b:
        yield b


def _on(paths: set[str], interview_id: str):
    """A URL predicate: one of `paths`, with this interview in the address."""

    def matches(url: str) -> bool:
        parts = urlsplit(url)
        return parts.path in paths and parse_qs(parts.query).get("interview") == [interview_id]

    return matches


def _start(page) -> None:
    page.get_by_role("button", name="Start interview").wait_for(timeout=120_000)
    page.get_by_role("button", name="Start interview").click()
    page.wait_for_selector(MESSAGES, timeout=180_000)
    wait_idle(page)


def test_blank_and_over_long_messages_are_stopped_before_sending(browser, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with streamlit_app(data, tmp_path / "app.log") as url:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(url)
        _start(page)
        shown = page.locator(MESSAGES).count()

        page.locator(BOX).fill("   \n  ")
        page.locator(BOX).press("Enter")
        page.get_by_text("Nothing was sent", exact=False).wait_for(timeout=30_000)
        wait_idle(page)
        assert page.locator(MESSAGES).count() == shown  # no empty bubble, no reply

        essay = "Features: per-card velocity counts over the last hour and day. " * 700
        page.locator(BOX).fill(essay)  # ~44,000 characters, as a paste would
        assert page.locator(BOX).input_value() == essay  # the box takes it whole
        page.locator(BOX).press("Enter")
        page.get_by_text("Not sent yet", exact=False).wait_for(timeout=30_000)
        wait_idle(page)
        assert page.get_by_text(f"{len(essay):,} characters", exact=False).count() == 1
        assert page.locator(MESSAGES).count() == shown
        full_page_screenshot(page, "inputs-long-message-held.png")
        page.get_by_role("button", name=f"Send the first {MAX_RECORDED_CHARS:,} characters").click()
        page.wait_for_function(
            "n => document.querySelectorAll('[data-testid=stChatMessage]').length >= n",
            arg=shown + 2,
            timeout=120_000,
        )
        wait_idle(page)
        [path] = sorted((data / "interviews").glob("*.json"))
        said = [t.text for t in load_transcript(path).turns if t.role == "candidate"]
        assert said == [essay[:MAX_RECORDED_CHARS]]  # cut where the notice said, by consent
        page.context.close()


def test_the_interview_stays_in_the_address_and_a_new_tab_offers_it(
    browser, tmp_path: Path
) -> None:
    with streamlit_app(tmp_path / "data", tmp_path / "app.log") as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url)
        _start(page)
        send_chat(page, "How many payments per second do we score at peak?")
        interview_id = page.url.split("interview=")[1].split("&")[0]
        pages = [
            ("Replay", {"/replay"}),
            ("History", {"/history"}),
            ("Interview", {"/", "/interview"}),
        ]
        for name, paths in pages:  # Interview is the default page: it answers at the root
            page.locator('[data-testid="stSidebarNav"]').get_by_text(name, exact=True).click()
            # the page itself must have changed, not only kept the id: /history?interview=ID
            # already matches the id, and a reload raced against the click reloads History
            page.wait_for_url(_on(paths, interview_id), timeout=30_000)
            wait_idle(page)
        page.reload()
        page.get_by_text("How many payments per second", exact=False).wait_for(timeout=60_000)

        fresh = context.new_page()
        fresh.goto(url)  # the base address, as a bookmark or a new tab would open it
        fresh.get_by_text("You have an interview in progress", exact=False).wait_for(timeout=60_000)
        full_page_screenshot(fresh, "inputs-new-tab-offers-resume.png")
        fresh.get_by_role("button", name="Resume it").click()
        fresh.get_by_text("How many payments per second", exact=False).wait_for(timeout=60_000)
        wait_idle(fresh)
        assert f"interview={interview_id}" in fresh.url
        context.close()
