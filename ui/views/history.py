"""History page: past interviews, each one opened in Replay or resumed, and scores over time."""

from __future__ import annotations

from datetime import datetime, time

import streamlit as st

from agent.content.bundle import load_content
from ui.components import history_view, labels, session

PAGE = 20  # rows shown before "Show all"

st.title("Your interview history")

history = session.visible_history()
for problem in history.unreadable:
    st.warning(f"Skipped an unreadable file: {problem}")
if not history.entries:
    st.info("No interviews yet. Interviews you start show up here, finished or not.")
    st.page_link("views/interview.py", label="Start an interview", icon=":material/forum:")
    st.stop()

tz = history_view.zone(st.context.timezone)
rubric = load_content().rubric
problems = sorted({e.problem_id for e in history.entries})
dims = [d.id for d in rubric.dimensions]
titles = {d.id: d.title for d in rubric.dimensions}

cols = st.columns(3)
# Nothing picked means all: fifteen problem pills or nine dimension pills would not fit.
chosen_problems = (
    cols[0].multiselect(
        "Problems",
        problems,
        key="hist_problems",
        format_func=labels.problem_title,
        placeholder="All problems",
    )
    or problems
)
chosen_dims = (
    cols[1].multiselect(
        "Dimensions",
        dims,
        key="hist_dims",
        format_func=lambda d: titles[d],
        placeholder="All dimensions",
    )
    or dims
)
first = min(e.started_at for e in history.entries).astimezone(tz).date()
last = max(e.started_at for e in history.entries).astimezone(tz).date()
span = cols[2].date_input("Dates", value=(first, last), key="hist_dates")  # a range, even of a day
since, until = span if isinstance(span, tuple) and len(span) == 2 else (first, last)
view = history.filter(
    problems=chosen_problems,
    since=datetime.combine(since, time.min, tzinfo=tz),
    until=datetime.combine(until, time.max, tzinfo=tz),
)
entries = list(reversed(view.entries))  # newest first, as in the table

count = len(entries)
st.caption(f"{count} interview{'s' if count != 1 else ''} · times in {tz}")
if not entries:
    st.info("No interviews match these filters.")
    st.stop()
shown = (
    entries if count <= PAGE or st.toggle(f"Show all {count}", key="hist_all") else entries[:PAGE]
)
rows = history_view.table(shown, tz)
widths = [2.0, 3.0, 1.2, 0.9, 1.8, 1.1]
for column, name in zip(st.columns(widths), [*rows.columns[:5], ""], strict=True):
    column.markdown(f"**{name}**")
for entry, row in zip(shown, rows.itertuples(index=False), strict=True):
    cells = st.columns(widths, vertical_alignment="center")
    for cell, value in zip(cells[:5], row[:5], strict=True):
        cell.write(str(value))
    if entry.status == "finished":
        if cells[5].button("Replay", key=f"replay-{entry.id}", help="Open in Replay"):
            st.session_state["replay_open"] = entry.id
            st.switch_page("views/replay.py")
    elif cells[5].button("Resume", key=f"resume-{entry.id}", help="Continue this interview"):
        session.open_interview(entry.id)
        st.switch_page("views/interview.py", query_params={"interview": entry.id})

st.subheader("Scores per dimension")
chart = history_view.heatmap(view.entries, tz, [d for d in dims if d in chosen_dims])
if chart is None:
    st.info("Scores appear here once an interview is finished.")
else:
    st.caption("One column per finished interview, oldest on the left; 1 is weak, 4 is strong.")
    st.altair_chart(chart, width="content")
