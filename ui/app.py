"""Entry point of the Streamlit app: navigation frame shared by every page."""

from __future__ import annotations

import sys
from pathlib import Path

# Make `ui.components` importable whether run from the source tree or the installed wheel.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st

from ui.components import action_queue, session, sidebar, warmup

action_queue.install()  # quick messages and clicks each get their own run, none merged away

# The icon ships with the app and is served by this server: an emoji or :material/...: icon
# would make every visitor's browser fetch the favicon from an outside host.
ICON = Path(__file__).resolve().parent / "assets" / "icon.png"
st.set_page_config(page_title="MLSD Interviewer", page_icon=ICON, layout="wide")

pages = [
    st.Page(
        "views/interview.py",
        title="Interview",
        icon=":material/forum:",
        url_path="interview",
        default=True,
    ),
    st.Page("views/replay.py", title="Replay", icon=":material/replay:", url_path="replay"),
    st.Page("views/evaluate.py", title="Evaluate", icon=":material/grading:", url_path="evaluate"),
    st.Page("views/history.py", title="History", icon=":material/monitoring:", url_path="history"),
]
page = st.navigation(pages)
if session.shared():
    session.visitor_key()  # keep this visitor's key in the URL on every page, for reloads
sidebar.render()  # resumes the interview named in the address, if any
session.keep_in_url()
warmup.render(session.settings())
page.run()
