"""The interview page driven in a real headless Chromium: open it, start an interview, time
a message from Enter to the screen, choose the model backend (the helpers of test_ui_flows)."""

from __future__ import annotations

from tests.support.streamlit_server import ARTIFACTS, wait_idle

NO_MODEL_ENV = {
    "OPENAI_API_KEY": "",
    "MLSD_API_KEY": "",
    "OPENAI_BASE_URL": "",
    "MLSD_BASE_URL": "",
}
MESSAGES = '[data-testid="stChatMessage"]'
LOCKED = 'textarea[data-testid="stChatInputTextArea"][disabled]'


def open_page(browser, url: str):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(url)
    wait_idle(page)
    return page


def start(page) -> None:
    button = page.get_by_role("button", name="Start interview")
    button.wait_for(timeout=120_000)
    button.click()
    # the first start on a fresh data folder prepares the store and the sentence model
    page.wait_for_selector(MESSAGES, timeout=180_000)
    wait_idle(page)


def seconds_to_show(page, text: str) -> float:
    """From pressing Enter to the candidate's message being on screen, timed in the page (a
    figure kept beside the screenshots; the tests assert the order, not a time: the message
    is on screen before any reply to it, see `reply_after_shown`)."""
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.fill(text)
    page.evaluate("() => { window.__sent = performance.now(); }")
    box.press("Enter")
    seen = page.wait_for_function(
        """text => {
            const all = [...document.querySelectorAll('[data-testid="stChatMessage"]')];
            const at = all.findIndex(m => m.innerText.includes(text));
            if (at < 0) return null;
            return {elapsed: performance.now() - window.__sent, after: all.length - at - 1};
        }""",
        arg=text,
        polling=10,
        timeout=60_000,
    ).json_value()
    page.evaluate(f"() => {{ window.__after = {int(seen['after'])}; }}")
    return float(seen["elapsed"]) / 1000


def reply_after_shown(page) -> int:
    """How many chat messages stood below the candidate's message when it first showed: 0 when
    it is on screen before the interviewer's reply (the page did not wait for the reply)."""
    return int(page.evaluate("() => window.__after"))


def report(case: str, seconds: float) -> None:
    """Keep the measured time to first visible reaction beside the screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "first-reaction.txt").open("a") as f:
        f.write(f"{case}: candidate message on screen {seconds * 1000:.0f} ms after Enter\n")


def choose_openai(page, base_url: str | None = None) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("openai", exact=True).click()
    sidebar.get_by_text("API key").wait_for(timeout=30_000)
    wait_idle(page)
    if base_url is not None:
        field = sidebar.get_by_role("textbox", name="Base URL")
        field.fill(base_url)
        field.press("Enter")
        wait_idle(page)
