"""End to end in a real headless Chromium against a real `streamlit run` on 127.0.0.1.

Plays a short interview to its recap, reloads the tab mid-interview (it resumes), checks
that a second browser session does not see the first one's interview, replays the saved
interview, and saves screenshots to tests/artifacts/.
"""

from __future__ import annotations

import pytest

from tests.support.streamlit_server import (
    ARTIFACTS,
    full_page_screenshot,
    headless_chromium,
    send_chat,
    streamlit_app,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.real_server]


ANSWERS = [
    "Before designing anything: how many users do we have, and what latency do we need?",
    "What data do we have available, and how do we get labels?",
    "I'd log impressions and clicks, and use clicks and watch time as implicit labels.",
]


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as b:
        yield b


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("ui-data")
    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_app(data, ARTIFACTS / "streamlit.log") as url:
        yield url


def test_interview_to_recap_then_replay(browser, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(app_url)
    start = page.get_by_role("button", name="Start interview")
    start.wait_for(timeout=60_000)
    start.click()
    page.wait_for_selector('[data-testid="stChatMessage"]', timeout=60_000)
    wait_idle(page)
    assert "interview=" in page.url  # the id is in the URL so a reload can resume

    send_chat(page, ANSWERS[0])
    messages = page.locator('[data-testid="stChatMessage"]')
    assert messages.count() >= 3

    # Reload the tab: the interview in progress comes back from its autosave.
    page.reload()
    wait_idle(page)
    try:
        page.wait_for_selector(f'text="{ANSWERS[0]}"', timeout=60_000)
    except Exception:
        full_page_screenshot(page, "reload-failure.png")
        raise

    # A second browser session never sees this interview.
    other = browser.new_context().new_page()
    other.goto(app_url)
    other.get_by_role("button", name="Start interview").wait_for(timeout=60_000)
    wait_idle(other)
    assert other.get_by_text(ANSWERS[0]).count() == 0
    other.context.close()

    for answer in ANSWERS[1:]:
        send_chat(page, answer)
    page.get_by_role("button", name="End interview").click()
    page.get_by_role("dialog").get_by_role("button", name="End and see my recap").click()
    page.wait_for_selector('text="Recap"', timeout=120_000)
    wait_idle(page)
    page.get_by_text("Transcript (JSON)").wait_for(timeout=60_000)  # download button
    assert page.get_by_text("Overall").count() >= 1
    full_page_screenshot(page, "interview-recap.png")

    page.goto(f"{app_url}/replay")
    wait_idle(page)
    page.wait_for_selector('[data-testid="stChatMessage"]', timeout=60_000)
    page.wait_for_selector('[data-testid="stSlider"]', timeout=60_000)
    wait_idle(page)
    assert page.get_by_text(ANSWERS[0]).count() >= 1
    assert page.get_by_text("open", exact=False).count() >= 1  # the opening move's annotation
    full_page_screenshot(page, "replay.png")
    context.close()
