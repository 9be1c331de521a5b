"""The app as a new user meets it: `mlsd ui` on a fresh data folder, in a real Chromium.

    python -m bench.ui_start [--runs 1]

Each run starts `mlsd ui --headless` (the real command, a real Streamlit server on
127.0.0.1) with an empty data folder, opens the page in headless Chromium (Playwright, as the
browser tests do) and times, from the moment the command starts:
- server_ready_s: the server answers its health check;
- first_view_s: the page shows its first part (the sidebar, drawn before the warm-up);
- page_usable_s: the page shows Start interview;
- interviewer_ready_s: the guidance index is built and the model loaded ("Interviewer ready");
then, from a click or an Enter in the page (timed in the page with performance.now()):
- opening_s: Start interview -> the interviewer's opening message on screen;
- first_reaction_s: Enter on the first answer -> the candidate's message on screen;
- first_answer_s: Enter on the first answer -> the interviewer's reply text on screen.
Goals are printed beside the figures: first visible reaction < 0.5 s, first answer <= 1 s.
Each run does this twice: on a fresh data folder (cold_*) and again on the same folder
(warm_*, as every later start). Figures are medians over the runs. Offline backend; the
machine is shared, so timings vary.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.support.streamlit_server import (
    browser_missing,
    free_port,
    headless_chromium,
    stop,
    wait_healthy,
    wait_idle,
)

REPO = Path(__file__).resolve().parent.parent
GOALS = {"first_reaction_s": 0.5, "first_answer_s": 1.0}
FIRST_ANSWER = "I'd frame it as binary classification of each transaction, scored before approval."
MESSAGES = '[data-testid="stChatMessage"]'


def _timed_in_page(page: Any, script: str, arg: object = None) -> float:
    return float(page.wait_for_function(script, arg=arg, polling=10, timeout=120_000).json_value())


def _first_turn(page: Any) -> dict[str, float]:
    page.evaluate("() => { window.__t0 = performance.now(); }")
    page.get_by_role("button", name="Start interview").click()
    opening = _timed_in_page(
        page,
        f"() => document.querySelectorAll('{MESSAGES}').length >= 1 "
        "? performance.now() - window.__t0 : null",
    )
    wait_idle(page)
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.fill(FIRST_ANSWER)
    before = page.locator(MESSAGES).count()
    page.evaluate("() => { window.__t0 = performance.now(); }")
    box.press("Enter")
    reaction = _timed_in_page(
        page,
        f"""text => [...document.querySelectorAll('{MESSAGES}')]
            .some(m => m.innerText.includes(text)) ? performance.now() - window.__t0 : null""",
        FIRST_ANSWER,
    )
    answer = _timed_in_page(
        page,
        f"""n => {{
            const all = document.querySelectorAll('{MESSAGES}');
            if (all.length < n) return null;
            const content = all[n - 1].querySelector('[data-testid="stChatMessageContent"]');
            const reply = content ? content.innerText.trim() : '';
            window.__reply = reply;
            return reply && !reply.includes('thinking') ? performance.now() - window.__t0 : null;
        }}""",
        before + 2,
    )
    return {
        "first_reply_chars": float(len(page.evaluate("() => window.__reply"))),  # a real reply
        "opening_s": opening / 1000,
        "first_reaction_s": reaction / 1000,
        "first_answer_s": answer / 1000,
    }


def one_run(browser: Any, data_dir: Path) -> dict[str, float]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "MLSD_DATA_DIR": str(data_dir),
        "MLSD_BACKEND": "offline",
        "PYTHONPATH": str(REPO),
    }
    for key in ("OPENAI_API_KEY", "MLSD_API_KEY", "OPENAI_BASE_URL", "MLSD_BASE_URL"):
        env.pop(key, None)
    cmd = [sys.executable, "-m", "agent.cli", "ui", "--headless", "--port", str(port)]
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    try:
        wait_healthy(proc, url, deadline=started + 120, poll=0.05)
        figures = {"server_ready_s": time.monotonic() - started}
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(url)
        page.wait_for_selector('[data-testid="stSidebar"]', timeout=120_000)  # drawn first
        figures["first_view_s"] = time.monotonic() - started
        page.get_by_role("button", name="Start interview").wait_for(timeout=120_000)
        figures["page_usable_s"] = time.monotonic() - started
        page.get_by_text("Interviewer ready", exact=False).wait_for(timeout=300_000)
        figures["interviewer_ready_s"] = time.monotonic() - started
        wait_idle(page)
        figures.update(_first_turn(page))
        page.context.close()
        return figures
    finally:
        stop(proc)


def _summary(samples: list[dict[str, float]], prefix: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for key in samples[0]:
        value = round(statistics.median(s[key] for s in samples), 3)
        out[prefix + key] = value
        if key in GOALS:
            strict = key == "first_reaction_s"  # < 0.5 s; the first answer: <= 1 s
            out[f"{prefix}{key}_goal"] = f"{'<' if strict else '<='} {GOALS[key]}"
            out[f"{prefix}{key}_met"] = value < GOALS[key] if strict else value <= GOALS[key]
    return out


def main(runs: int = 1) -> dict[str, object]:
    """Per run: a fresh data folder (cold), then the same folder again (warm: the index and
    the interviews are already there, as on every later start)."""
    reason = browser_missing()
    if reason:
        return {"skipped": reason}
    cold: list[dict[str, float]] = []
    warm: list[dict[str, float]] = []
    with headless_chromium() as browser:
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="mlsd-ui-bench-") as tmp:
                cold.append(one_run(browser, Path(tmp) / "data"))
                warm.append(one_run(browser, Path(tmp) / "data"))
    out: dict[str, object] = {"runs": runs, "data": "offline; cold = fresh data folder"}
    return {**out, **_summary(cold, "cold_"), **_summary(warm, "warm_")}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    figures = main(parser.parse_args().runs)
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
