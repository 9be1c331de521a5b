"""The interview app run in process by Streamlit's AppTest: a fresh session that has run
once, and the chat as a user reads it."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent.parent / "ui" / "app.py")
TIMEOUT = 120


def fresh_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def chat_texts(at: AppTest) -> list[str]:
    return [m.markdown[0].value for m in at.chat_message if m.markdown]
