"""Start and stop a real `streamlit run ui/app.py` on 127.0.0.1 for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_app(
    data_dir: Path, log_path: Path, env: dict[str, str] | None = None
) -> Iterator[str]:
    """The app with its data in `data_dir`; `env` adds to (or, set to "", clears) variables."""
    port = free_port()
    base = {**os.environ, "MLSD_DATA_DIR": str(data_dir), "MLSD_BACKEND": "offline"}
    env = {k: v for k, v in {**base, **(env or {})}.items() if v != ""}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO / "ui" / "app.py"),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "viewer",
        "--server.fileWatcherType",
        "none",
    ]
    log = log_path.open("w")
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(proc, url, log_path)
        yield url
    finally:
        stop(proc)
        log.close()


def wait_healthy(
    proc: subprocess.Popen[bytes],
    url: str,
    log_path: Path | None = None,
    *,
    deadline: float | None = None,
    poll: float = 0.3,
) -> None:
    """Until the Streamlit server at `url` answers its health check (by `deadline`, a
    time.monotonic() value; 60 s from now by default), checking every `poll` seconds."""
    deadline = time.monotonic() + 60 if deadline is None else deadline

    def log() -> str:
        return f": {log_path.read_text()}" if log_path is not None else ""

    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited ({proc.returncode}){log()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(poll)
    raise RuntimeError(f"streamlit did not serve the page{log()}")


def browser_missing() -> str | None:
    """Why the real-browser tests cannot run here, if they cannot."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    return None


@contextmanager
def headless_chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright; skips locally, fails in CI when missing."""
    reason = browser_missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a server process; kill it if it has not gone within 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def wait_idle(page: Any) -> None:
    """Until the Streamlit page has rendered and is not running a script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )


def send_chat(page: Any, text: str) -> None:
    """Type a chat message and wait for it and the reply to show."""
    before = page.locator('[data-testid="stChatMessage"]').count()
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.fill(text)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=\"stChatMessage\"]').length >= n",
        arg=before + 2,
        timeout=60_000,
    )
    wait_idle(page)


ARTIFACTS = REPO / "tests" / "artifacts"


def full_page_screenshot(page: Any, name: str, settle_ms: int = 500) -> None:
    """A screenshot of the whole page into tests/artifacts/<name>. Streamlit scrolls inside
    its own container, so the viewport grows to the content first (and shrinks back)."""
    ARTIFACTS.mkdir(exist_ok=True)
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 100, 6000)})
    page.wait_for_timeout(settle_ms)
    page.screenshot(path=str(ARTIFACTS / name))
    page.set_viewport_size({"width": 1280, "height": 900})
