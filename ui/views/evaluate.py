"""Evaluate page: grade uploaded transcripts or written answers with the fixed rubric."""

from __future__ import annotations

import altair as alt
import streamlit as st

from agent.content.bundle import load_content
from agent.grading.markdown_text import inline
from ui.components import evaluation, session

st.title("Evaluate answers with the fixed rubric")
st.write(
    "Upload saved interviews (JSON) or written design answers (Markdown or text). Written "
    "answers are graded against the problem you pick (or the `problem:` front matter)."
)

uploads = st.file_uploader(
    "Files",
    type=["json", "md", "markdown", "txt"],
    accept_multiple_files=True,
    key="eval_files",
)
problems = load_content().problems
problem = st.selectbox(
    "Problem for written answers",
    problems.ids(),
    key="eval_problem",
    format_func=lambda pid: problems.get(pid).title,
)
grader = st.radio(
    "Grader",
    ["offline", "llm"],
    horizontal=True,
    key="eval_grader",
    help="llm uses the backend configured in the sidebar",
)

if st.button("Grade", type="primary", key="eval_go", disabled=not uploads):
    with st.spinner(f"Grading {len(uploads)} file(s)…"):
        st.session_state["eval_report"] = evaluation.grade_uploads(
            [(u.name, u.getvalue()) for u in uploads], problem, grader, session.backend_settings()
        )

report = st.session_state.get("eval_report")
if report is None:
    st.stop()

for failure in evaluation.failures(report):
    st.error(inline(failure))  # names uploaded files and their problem: field
table = evaluation.score_table(report)
if table.empty:
    st.stop()
st.dataframe(table, hide_index=True, width="stretch")
long = table.melt(id_vars=["item", "problem", "overall"], var_name="dimension", value_name="score")
st.altair_chart(
    alt.Chart(long)
    .mark_bar()
    .encode(
        x=alt.X("dimension:N", title=None),
        y=alt.Y("score:Q", scale=alt.Scale(domain=[0, 4])),
        color="item:N",
        xOffset="item:N",
        tooltip=["item", "dimension", "score"],
    ),
    width="stretch",
)
cols = st.columns(3)
for col, fmt, mime in zip(
    cols, ["json", "md", "html"], ["application/json", "text/markdown", "text/html"], strict=True
):
    col.download_button(
        f"Report ({fmt.upper()})",
        evaluation.render(report, fmt),
        file_name=f"mlsd-evaluation.{fmt}",
        mime=mime,
        key=f"eval-dl-{fmt}",
    )
