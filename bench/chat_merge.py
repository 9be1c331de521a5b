"""Chat messages sent milliseconds apart: which reach the script, and whose replies finish.

    python -m bench.chat_merge               # every way, 3 trials each (about 4 minutes)
    python -m bench.chat_merge --trials 5 --mode queue

A small page (bench/chat_merge_app/app.py) takes messages one of four ways: Streamlit's
st.chat_input, its on_submit callback, st.chat_input with the app's request queue
(ui/components/action_queue.py), and a st.components.v2 component whose state is the whole
list of messages sent. A real headless Chromium types three messages into it with no wait
between the Enter presses while each reply streams for a second (runner.fastReruns off, as
the app runs). Counted per trial: messages the script read (a message read twice counts
twice) and replies that finished. This is why the app keeps its own queue: see
ui/components/action_queue.py.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.support.streamlit_server import free_port, headless_chromium, stop, wait_healthy

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "bench" / "chat_merge_app" / "app.py"
MODES = ("chat_input", "on_submit", "queue", "component_log")
SENT = ("first message", "second message", "third message")


def trial(browser: Any, mode: str, tmp: Path) -> tuple[int, int]:
    """(messages read, replies finished) for the three messages sent back to back."""
    log = tmp / f"{mode}.jsonl"
    log.write_text("")
    port = free_port()
    env = {**os.environ, "CHAT_MODE": mode, "CHAT_LOG": str(log), "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", "127.0.0.1"]
    cmd += ["--server.port", str(port), "--server.headless", "true"]
    cmd += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    cmd += ["--runner.fastReruns", "false", "--server.showEmailPrompt", "false"]
    with (tmp / f"{mode}.out").open("w") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_healthy(proc, f"http://127.0.0.1:{port}", tmp / f"{mode}.out")
            page = browser.new_context().new_page()
            page.goto(f"http://127.0.0.1:{port}")
            box_id = "chatLogBox" if mode == "component_log" else "stChatInputTextArea"
            box = page.locator(f'textarea[data-testid="{box_id}"]')
            box.wait_for(timeout=30_000)
            page.wait_for_timeout(1_500)
            for text in SENT:
                box.fill(text)
                box.press("Enter")
            page.wait_for_timeout(6_000)  # three replies of a second each, and some
            page.context.close()
        finally:
            stop(proc)
    events = [json.loads(line) for line in log.read_text().splitlines()]
    read = sum(1 for kind, _ in events if kind == "read")
    return read, sum(1 for kind, _ in events if kind == "replied")


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--mode", action="append", choices=MODES)
    args = parser.parse_args(argv)
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp, headless_chromium() as browser:
        for mode in args.mode or MODES:
            runs = [trial(browser, mode, Path(tmp)) for _ in range(args.trials)]
            result[f"{mode}_messages_read"] = " ".join(f"{r}/3" for r, _ in runs)
            result[f"{mode}_replies_finished"] = " ".join(f"{f}/3" for _, f in runs)
            print(
                f"  {mode:<14} read {result[f'{mode}_messages_read']:<12} "
                f"replies finished {result[f'{mode}_replies_finished']}",
                flush=True,
            )
    return result


if __name__ == "__main__":
    main()
