"""`mlsd ui`: start the Streamlit app (interview, replay, evaluate, history).

It never stops at a prompt: Streamlit's first-run "Email:" question is switched off (as in
the app's own ui/.streamlit/config.toml, which also covers `streamlit run ui/app.py`), so it
starts the same from a terminal, a service or a pipe with no input. It prints the URL and
opens a browser when the machine has a display; with none (a server, a container, an SSH
session) it runs headless. The page reaches no outside host: no usage statistics, and the
toolbar shows no Deploy button or links out.
"""

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
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (0.0.0.0 serves other machines; consider --shared)",
    )
    p.add_argument(
        "--headless",
        action="store_true",
        help="do not open a browser window (the default when there is no display)",
    )
    p.add_argument(
        "--shared",
        action="store_true",
        help="shared deployment (same as MLSD_SHARED=1): each browser session sees only its "
        "own interviews, and visitors cannot point the app at another model server",
    )
    p.set_defaults(func=run)


def has_display(platform: str = sys.platform, env: dict[str, str] | None = None) -> bool:
    """Whether a browser window could open here (X11 or Wayland on Linux and BSD)."""
    env = dict(os.environ) if env is None else env
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True  # macOS and Windows always have a desktop to open a browser on


def streamlit_argv(args: argparse.Namespace) -> list[str]:
    headless = args.headless or not has_display()
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
        "true" if headless else "false",
        "--server.showEmailPrompt",
        "false",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--global.developmentMode",
        "false",
        "--runner.fastReruns",  # a quick second message waits instead of stopping the run
        "false",
    ]


def run(args: argparse.Namespace) -> int:
    path = app_path()
    if not path.is_file():
        print(f"mlsd: error: the Streamlit app is missing ({path})", file=sys.stderr)
        return 2
    if args.shared:
        os.environ["MLSD_SHARED"] = "1"
    argv = streamlit_argv(args)
    os.execv(argv[0], argv)  # replaces this process; Ctrl-C stops Streamlit directly
    return 0  # pragma: no cover
