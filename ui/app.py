"""Entry point of the Streamlit app: navigation frame shared by every page."""

from __future__ import annotations

import sys
from pathlib import Path

# Make `ui.components` importable whether run from the source tree or the installed wheel.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st

from ui.components import sidebar

st.set_page_config(
    page_title="MLSD Interviewer", page_icon=":material/record_voice_over:", layout="wide"
)

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
sidebar.render()
page.run()
