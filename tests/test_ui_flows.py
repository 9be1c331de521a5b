"""The interview page's flows in a real headless Chromium against a real `streamlit run`.

A fresh data folder each time: the guidance index is built while the page shows progress,
the candidate's message shows at once, saying "end interview" brings the recap at once
with the chat locked, End interview asks first, and a model backend that cannot run says
so in one line with a way back. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from agent.record.transcript import load_transcript
from tests.support.fake_openai_server import ERROR_500, FakeOpenAIServer, closed_port_url
from tests.support.streamlit_server import (
    ARTIFACTS,
    full_page_screenshot,
    headless_chromium,
    send_chat,
    streamlit_app,
    wait_idle,
)
from tests.support.ui_pages import (
    LOCKED,
    MESSAGES,
    NO_MODEL_ENV,
    choose_openai,
    open_page,
    reply_after_shown,
    report,
    seconds_to_show,
    start,
)

pytestmark = [pytest.mark.browser, pytest.mark.real_server]


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as b:
        yield b


def test_index_built_at_start_and_first_answer_shows_at_once(browser, tmp_path: Path) -> None:
    with streamlit_app(tmp_path / "data", tmp_path / "app.log") as url:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(url)
        # a fresh data folder: the guidance is prepared on the first view, with progress
        page.get_by_text("Preparing the interviewer", exact=False).wait_for(timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "flows-preparing.png"))
        ready = page.get_by_text("Interviewer ready", exact=False)
        ready.wait_for(timeout=120_000)
        prepared = ready.inner_text()
        assert (tmp_path / "data" / "store").is_dir()
        start(page)
        first = "How many users do we have, and what latency do we need?"
        sent = time.monotonic()
        shown = seconds_to_show(page, first)
        after = reply_after_shown(page)
        page.wait_for_function(
            "n => document.querySelectorAll('[data-testid=\"stChatMessage\"]').length >= n",
            arg=3,
            timeout=60_000,
        )
        replied = time.monotonic() - sent
        wait_idle(page)
        full_page_screenshot(page, "flows-first-answer.png")
        page.context.close()
    report("offline, fresh data folder, first answer", shown)
    with (ARTIFACTS / "first-reaction.txt").open("a") as f:
        f.write(f"fresh data folder: {prepared.strip()} on the first page view; ")
        f.write(f"first reply on screen {replied:.2f} s after Enter\n")
    assert after == 0, f"the reply was on screen before the candidate's message ({shown:.2f} s)"


def test_wrap_up_shows_the_recap_at_once_and_locks_the_input(browser, tmp_path: Path) -> None:
    with streamlit_app(tmp_path / "data", tmp_path / "app.log") as url:
        page = open_page(browser, url)
        start(page)
        send_chat(page, "How many daily active users do we have?")
        page.locator('[data-testid="stChatInputTextArea"]').fill("end interview")
        page.locator('[data-testid="stChatInputTextArea"]').press("Enter")
        page.get_by_role("tab", name="Recap").wait_for(timeout=120_000)
        wait_idle(page)
        page.get_by_text("Overall").first.wait_for(timeout=60_000)
        full_page_screenshot(page, "flows-wrap-up-recap.png")
        page.wait_for_selector(LOCKED, timeout=30_000)
        new = page.get_by_role("button", name="New interview")
        recap_tab = page.get_by_role("tab", name="Recap")
        # New interview and the recap are at the top, no scrolling to find them
        assert new.bounding_box()["y"] < 400 and recap_tab.bounding_box()["y"] < 400
        assert recap_tab.get_attribute("aria-selected") == "true"
        page.get_by_role("tab", name="Transcript").click()
        page.get_by_text("end interview", exact=True).wait_for(timeout=10_000)
        new.click()
        page.get_by_role("button", name="Start interview").wait_for(timeout=60_000)
        page.context.close()


def test_end_interview_asks_to_confirm(browser, tmp_path: Path) -> None:
    with streamlit_app(tmp_path / "data", tmp_path / "app.log") as url:
        page = open_page(browser, url)
        start(page)
        page.get_by_role("button", name="End interview").click()
        dialog = page.get_by_role("dialog")
        dialog.wait_for(timeout=30_000)
        full_page_screenshot(page, "flows-end-confirm.png")
        dialog.get_by_role("button", name="Keep going").click()
        page.get_by_role("dialog").wait_for(state="detached", timeout=10_000)
        wait_idle(page)
        assert page.locator('[data-testid="stChatInputTextArea"]').is_enabled()
        page.get_by_role("button", name="End interview").click()
        page.get_by_role("dialog").get_by_role("button", name="End and see my recap").click()
        page.get_by_role("tab", name="Recap").wait_for(timeout=120_000)
        page.wait_for_selector(LOCKED, timeout=30_000)
        page.context.close()


def test_model_backend_problems_get_one_line_and_a_way_back(browser, tmp_path: Path) -> None:
    with streamlit_app(tmp_path / "data", tmp_path / "app.log", env=NO_MODEL_ENV) as url:
        page = open_page(browser, url)
        choose_openai(page)
        page.get_by_role("button", name="Start interview").click()
        page.get_by_text("needs an API key", exact=False).wait_for(timeout=30_000)
        assert page.get_by_text("Traceback").count() == 0
        full_page_screenshot(page, "flows-no-key.png")

        dead = closed_port_url()
        choose_openai(page, dead)
        page.get_by_role("button", name="Start interview").click()
        page.get_by_text("Cannot reach the model server", exact=False).wait_for(timeout=30_000)
        assert page.get_by_text("connection refused", exact=False).count() >= 1
        assert page.get_by_text("Traceback").count() == 0
        full_page_screenshot(page, "flows-dead-server.png")
        page.get_by_role("button", name="Use the offline interviewer").click()
        page.get_by_role("textbox", name="Base URL").wait_for(state="detached", timeout=30_000)
        # the interview that was asked for starts, offline, without a second Start
        page.wait_for_selector(MESSAGES, timeout=180_000)
        wait_idle(page)
        assert page.get_by_role("button", name="Start interview").count() == 0
        assert page.get_by_text("Answered offline").count() == 0
        page.context.close()


def test_a_turn_answered_offline_says_so(browser, tmp_path: Path) -> None:
    env = {**NO_MODEL_ENV, "MLSD_MAX_RETRIES": "0", "MLSD_CIRCUIT_COOLDOWN": "0"}
    with (
        FakeOpenAIServer() as server,
        streamlit_app(tmp_path / "data", tmp_path / "app.log", env=env) as url,
    ):
        page = open_page(browser, url)
        choose_openai(page, server.base_url)
        start(page)

        # a slow model: the message is on screen at once, and the page says it is thinking
        server.latency = 2.0
        slow = "Before I start: how many daily active users are there?"
        shown = seconds_to_show(page, slow)
        assert reply_after_shown(page) == 0, "the reply showed before the candidate's message"
        page.get_by_text("The interviewer is thinking", exact=False).wait_for(timeout=5_000)
        full_page_screenshot(page, "flows-thinking.png")
        wait_idle(page)
        report("slow model (2 s per call)", shown)

        server.latency = 0.0
        server.plan(*[ERROR_500] * 20)
        send_chat(page, "How many daily active users do we have?")
        page.get_by_text("Answered offline", exact=False).wait_for(timeout=60_000)
        notice = page.get_by_text("Answered offline", exact=False).first.inner_text()
        assert "HTTP 500" in notice, notice  # and why
        full_page_screenshot(page, "flows-fallback-notice.png")
        page.context.close()


def test_a_second_message_sent_while_the_reply_streams_is_answered(browser, tmp_path: Path) -> None:
    """A candidate who presses Enter again before the reply has finished gets both messages
    answered, never "the interviewer is still answering" and a lost message."""
    with streamlit_app(tmp_path / "data", tmp_path / "app.log") as url:
        page = open_page(browser, url)
        start(page)
        first = "For labels I'd use chargebacks, which arrive weeks after the transaction."
        second = "Features: the number of transactions per card in the last hour, and the amount."
        seconds_to_show(page, first)  # on screen; the reply is still being prepared
        box = page.locator('[data-testid="stChatInputTextArea"]')
        box.fill(second)
        box.press("Enter")
        page.get_by_text(second).wait_for(timeout=60_000)
        wait_idle(page)
        page.wait_for_timeout(1_000)
        wait_idle(page)
        full_page_screenshot(page, "flows-second-message.png")
        assert page.get_by_text("could not take that message", exact=False).count() == 0
        assert page.get_by_text("still answering", exact=False).count() == 0
        texts = [m.inner_text() for m in page.locator(MESSAGES).all()]
        # opening, first, its reply (cut short or whole), second, its reply
        assert len(texts) == 5, texts
        assert first in texts[1] and second in texts[3] and texts[4].strip()
        page.context.close()


def test_messages_sent_milliseconds_apart_are_all_answered(browser, tmp_path: Path) -> None:
    """Three messages sent back to back (no wait between Enter presses) all reach the
    transcript, in order, each with its whole reply: none is lost while another is pending,
    and none cuts the reply to the one before it short."""
    with streamlit_app(tmp_path / "data", tmp_path / "app.log") as url:
        page = open_page(browser, url)
        start(page)
        sent = [
            "Labels come from chargebacks, which arrive weeks after the transaction.",
            "Features: transactions per card in the last hour and the amount.",
            "I would start with gradient boosted trees as the baseline.",
        ]
        box = page.locator('[data-testid="stChatInputTextArea"]')
        for text in sent:
            box.fill(text)
            box.press("Enter")
        for text in sent:
            page.get_by_text(text).wait_for(timeout=60_000)
        page.wait_for_function(
            "n => document.querySelectorAll('[data-testid=\"stChatMessage\"]').length >= n",
            arg=7,
            timeout=60_000,
        )
        wait_idle(page)
        page.wait_for_timeout(1_000)
        wait_idle(page)
        full_page_screenshot(page, "flows-three-quick-messages.png")
        texts = [m.inner_text() for m in page.locator(MESSAGES).all()]
        # opening, then each message followed by its reply
        assert len(texts) == 7, texts
        for i, text in enumerate(sent):
            assert text in texts[1 + 2 * i], texts
            assert texts[2 + 2 * i].strip()
        page.context.close()
    transcript = next((tmp_path / "data" / "interviews").glob("*.json"))
    turns = load_transcript(transcript).turns
    assert [t.text for t in turns if t.role == "candidate"] == sent
    assert not [t for t in turns if t.fallback and "reply interrupted" in t.fallback]
