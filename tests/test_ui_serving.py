"""`mlsd ui` as a visitor meets it: first run, what the page fetches, keys, shared mode.

Every test starts the real command (`python -m agent.cli ui`, which execs `streamlit run`)
on 127.0.0.1 with HOME pointing at an empty folder and stdin closed, and the browser tests
drive it with headless Chromium. Model servers are local fakes that record what they get.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support.fake_openai_server import FakeOpenAIServer
from tests.support.streamlit_server import (
    REPO,
    free_port,
    headless_chromium,
    send_chat,
    stop,
    wait_healthy,
    wait_idle,
)

pytestmark = [pytest.mark.real_server]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
OPERATOR_KEY = "sk-operator-secret-0123456789"
HOSTILE = (
    "I would log clicks ![pixel](http://evil.example/pixel.png) and "
    "<img src=http://evil.example/img.png> [read this](http://evil.example/phish)\n# Big heading"
)


@contextmanager
def mlsd_ui(tmp: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `mlsd ui` like a new user: empty HOME, no stdin, no display unless given."""
    home, data = tmp / "home", tmp / "data"
    home.mkdir(exist_ok=True)
    port = free_port()
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    full_env = {
        **base,
        "HOME": str(home),
        "MLSD_DATA_DIR": str(data),
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        **(env or {}),
    }
    log_path = tmp / "mlsd-ui.log"
    cmd = [sys.executable, "-m", "agent.cli", "ui", "--port", str(port), *args]
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            cmd, cwd=tmp, env=full_env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(proc, url, log_path)
            yield url
        finally:
            stop(proc)


def test_first_run_never_prompts_and_prints_the_url(tmp_path: Path) -> None:
    with mlsd_ui(tmp_path) as url:
        with urllib.request.urlopen(url, timeout=10) as r:
            assert r.status == 200 and b"<html" in r.read().lower()
        time.sleep(0.5)
        log = (tmp_path / "mlsd-ui.log").read_text()
    assert f"URL: {url}" in log
    assert "Email" not in log
    assert list((tmp_path / "home").iterdir()) == []  # nothing written to the user's HOME


def test_first_run_opens_the_browser_when_there_is_a_display(tmp_path: Path) -> None:
    bin_dir, opened = tmp_path / "bin", tmp_path / "opened.txt"
    bin_dir.mkdir()
    opener = bin_dir / "xdg-open"  # what Streamlit calls to open the desktop's browser
    opener.write_text(f'#!/bin/sh\necho "$@" >> {opened}\n')
    opener.chmod(0o755)
    path = os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")])
    with mlsd_ui(tmp_path, env={"DISPLAY": ":99", "PATH": path}) as url:
        # the shell creates the file before echo writes to it: wait for a whole line
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not (
            opened.exists() and opened.read_text().endswith("\n")
        ):
            time.sleep(0.2)
        assert opened.exists(), "no browser was opened"
        assert opened.read_text().strip() == url
        assert "Email" not in (tmp_path / "mlsd-ui.log").read_text()


# -- in a browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as b:
        yield b


def _start(page) -> None:
    start = page.get_by_role("button", name="Start interview")
    start.wait_for(timeout=60_000)
    start.click()
    page.wait_for_selector('[data-testid="stChatMessage"]', timeout=60_000)
    wait_idle(page)


def _page(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    wait_idle(page)
    return page


def _choose_openai(page) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("openai", exact=True).click()
    sidebar.get_by_text("API key").wait_for(timeout=30_000)
    wait_idle(page)


@pytest.mark.browser
def test_the_page_reaches_no_outside_host(browser, tmp_path: Path) -> None:
    with mlsd_ui(tmp_path) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        hosts: set[str] = set()
        context.on("request", lambda r: hosts.add(urlparse(r.url).hostname or r.url))
        page = context.new_page()
        page.goto(url)
        wait_idle(page)
        _start(page)
        send_chat(page, HOSTILE)
        message = page.locator('[data-testid="stChatMessage"]').nth(1)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "serving-hostile-message.png"))
        assert message.locator("img, h1, h2, h3").count() == 0  # typed markup stays text
        assert "![pixel](http://evil.example/pixel.png)" in message.inner_text()
        # A bare URL may still be linked by the browser's Markdown (GFM), but only as itself:
        # no link hides its target behind other words.
        links = message.locator("a").evaluate_all("as => as.map(a => [a.textContent, a.href])")
        assert all(text == href for text, href in links), links
        icon = page.evaluate("() => document.querySelector('link[rel*=\"icon\"]').href")
        assert page.get_by_text("Deploy", exact=True).count() == 0
        assert page.locator('[data-testid="stMainMenu"]').count() == 0
        for path in ("replay", "evaluate", "history"):  # every page, charts included
            page.goto(f"{url}/{path}")
            wait_idle(page)
            page.wait_for_timeout(500)
        context.close()
    assert icon.startswith(url), icon  # the bundled icon, served by the app itself
    assert hosts == {"127.0.0.1"}, hosts


@pytest.mark.browser
def test_a_typed_base_url_never_receives_the_servers_key(browser, tmp_path: Path) -> None:
    with FakeOpenAIServer() as operator, FakeOpenAIServer() as visitor:
        env = {"OPENAI_API_KEY": OPERATOR_KEY, "OPENAI_BASE_URL": operator.base_url}
        with mlsd_ui(tmp_path, env=env) as url:
            page = _page(browser, url)
            _choose_openai(page)
            sidebar = page.locator('[data-testid="stSidebar"]')
            html = page.content()
            assert OPERATOR_KEY not in html and operator.base_url not in html
            assert str(operator.port) not in sidebar.inner_text()
            base_url = sidebar.get_by_role("textbox", name="Base URL")
            assert base_url.input_value() == ""  # nothing pre-filled from the server
            base_url.fill(visitor.base_url)
            base_url.press("Enter")
            wait_idle(page)
            _start(page)
            page.context.close()
        got = visitor.completions()
        assert got, "the interview used the visitor's server"
        assert all(r.headers.get("authorization") == "Bearer not-needed" for r in got)
        assert not any(OPERATOR_KEY in str(r.headers) for r in got)
        assert operator.requests == []


@pytest.mark.browser
def test_shared_mode_shows_each_session_only_its_own_interviews(browser, tmp_path: Path) -> None:
    answer = "Who uses this system, and how many requests per second must it serve?"
    with mlsd_ui(tmp_path, "--shared") as url:
        mine = _page(browser, url)
        _start(mine)
        send_chat(mine, answer)
        assert "visitor=" in mine.url and "interview=" in mine.url
        interview_id = mine.url.split("interview=")[1].split("&")[0]

        mine.reload()  # the visitor key in the URL brings the interview back
        wait_idle(mine)
        mine.get_by_text(answer).first.wait_for(timeout=60_000)
        mine.goto(mine.url.replace("/?", "/replay?").replace("/interview?", "/replay?"))
        wait_idle(mine)
        mine.get_by_text(answer).first.wait_for(timeout=60_000)

        other = _page(browser, url)
        _choose_openai(other)
        assert (
            other.locator('[data-testid="stSidebar"]')
            .get_by_role("textbox", name="Base URL")
            .count()
            == 0
        )
        empty = {"replay": "No saved interviews yet", "history": "No interviews yet"}
        for path, notice in empty.items():
            other.goto(f"{url}/{path}")
            wait_idle(other)
            other.get_by_text(notice, exact=False).wait_for(timeout=30_000)
            assert other.get_by_text(answer).count() == 0
            assert other.get_by_text(interview_id).count() == 0
        other.goto(f"{url}/?interview={interview_id}")  # the id alone does not open it
        wait_idle(other)
        other.get_by_text("not found", exact=False).wait_for(timeout=30_000)
        assert other.get_by_text(answer).count() == 0
        ARTIFACTS.mkdir(exist_ok=True)
        other.screenshot(path=str(ARTIFACTS / "shared-other-session.png"))
        mine.context.close()
        other.context.close()


def test_headless_when_there_is_no_display() -> None:
    from agent.commands.ui import has_display

    assert not has_display("linux", {})
    assert has_display("linux", {"DISPLAY": ":0"})
    assert has_display("linux", {"WAYLAND_DISPLAY": "wayland-0"})
    assert has_display("darwin", {}) and has_display("win32", {})
