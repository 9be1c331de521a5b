"""History page: past interviews and how each rubric dimension moved over time."""

from __future__ import annotations

from datetime import datetime, time

import altair as alt
import pandas as pd
import streamlit as st

from agent.content.bundle import load_content
from ui.components import session

st.title("Your interview history")

history = session.visible_history()
for problem in history.unreadable:
    st.warning(f"Skipped an unreadable file: {problem}")
if not history.entries:
    st.info("No interviews yet. Your finished interviews will show up here.")
    st.stop()

problems = sorted({e.problem_id for e in history.entries})
dims = [d.id for d in load_content().rubric.dimensions]
cols = st.columns(3)
chosen_problems = cols[0].multiselect("Problems", problems, default=problems, key="hist_problems")
chosen_dims = cols[1].multiselect("Dimensions", dims, default=dims, key="hist_dims")
first = min(e.started_at for e in history.entries).date()
last = max(e.started_at for e in history.entries).date()
span = cols[2].date_input("Dates", value=(first, last), key="hist_dates")
since, until = span if isinstance(span, tuple) and len(span) == 2 else (first, last)
tz = history.entries[0].started_at.tzinfo
view = history.filter(
    problems=chosen_problems,
    since=datetime.combine(since, time.min, tzinfo=tz),
    until=datetime.combine(until, time.max, tzinfo=tz),
)

table = pd.DataFrame(
    [
        {
            "started": e.started_at.strftime("%Y-%m-%d %H:%M"),
            "problem": e.problem_id,
            "status": e.status,
            "turns": e.candidate_turns,
            "overall": e.overall,
            "recommendation": e.recommendation,
            "backend": e.backend,
            "id": e.id,
        }
        for e in reversed(view.entries)
    ]
)
st.dataframe(table, hide_index=True, width="stretch")

rows = [r for r in view.score_rows() if r["dimension"] in chosen_dims]
if not rows:
    st.info("No finished interviews match these filters yet.")
    st.stop()
frame = pd.DataFrame(rows)
chart = (
    alt.Chart(frame)
    .mark_line(point=True)
    .encode(
        x=alt.X("started_at:T", title="interview"),
        y=alt.Y("score:Q", scale=alt.Scale(domain=[1, 4]), title="score"),
        color="dimension:N",
        tooltip=["problem", "dimension", "score", "started_at"],
    )
)
st.subheader("Scores over time")
st.altair_chart(chart, width="stretch")
