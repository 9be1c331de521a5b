"""`mlsd ui`: start the Streamlit app (interview, replay, evaluate, history)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from agent.settings import PACKAGE_DIR


def app_path() -> Path:
    source = PACKAGE_DIR.parent / "ui" / "app.py"
    return source if source.is_file() else PACKAGE_DIR / "_bundled" / "ui" / "app.py"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ui", help="open the interviewer in your browser (Streamlit)")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--headless", action="store_true", help="do not open a browser window")
    p.set_defaults(func=run)


def streamlit_argv(args: argparse.Namespace) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path()),
        "--server.address",
        args.host,
        "--server.port",
        str(args.port),
        "--server.headless",
        "true" if args.headless else "false",
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
    ]


def run(args: argparse.Namespace) -> int:
    path = app_path()
    if not path.is_file():
        print(f"mlsd: error: the Streamlit app is missing ({path})", file=sys.stderr)
        return 2
    argv = streamlit_argv(args)
    os.execv(argv[0], argv)  # replaces this process; Ctrl-C stops Streamlit directly
    return 0  # pragma: no cover
