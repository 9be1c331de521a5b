"""Evaluate page: grade uploaded transcripts or written answers with the fixed rubric."""

from __future__ import annotations

import streamlit as st

from agent.content.bundle import load_content
from agent.grading.markdown_text import inline
from ui.components import evaluation, evaluation_view, session

st.title("Evaluate answers with the fixed rubric")
st.write(
    "Upload saved interviews (JSON) or written design answers (Markdown or text). A written "
    "answer is graded against the problem named in its front matter (`problem: <id>`), or "
    "the one you choose for it below."
)

files = st.file_uploader(
    "Files",
    type=["json", "md", "markdown", "txt"],
    accept_multiple_files=True,
    key="eval_files",
)
uploads = [evaluation.screen(f.name, f.getvalue()) for f in files or []]
problems = load_content().problems

for upload in uploads:
    if upload.unusable:
        st.warning(f"**{inline(upload.name)}** can't be graded: {inline(upload.unusable)}")

needs_problem = [u for u in uploads if u.written and not u.unusable and not u.problem]
chosen: dict[str, str] = {}
if needs_problem:
    st.markdown("**Which problem does each written answer answer?**")
    for index, upload in enumerate(needs_problem):
        pick = st.selectbox(
            f"{inline(upload.name)} names no problem",
            problems.ids(),
            index=None,
            placeholder="Choose the problem…",
            key=f"eval_problem_{index}_{upload.name}",
            format_func=lambda pid: problems.get(pid).title,
        )
        if pick:
            chosen[upload.name] = pick
missing = [u.name for u in needs_problem if u.name not in chosen]

grader = st.radio(
    "Grader",
    ["offline", "llm"],
    horizontal=True,
    key="eval_grader",
    help="llm uses the backend configured in the sidebar",
)
gradable = [u for u in uploads if not u.unusable]
if missing:
    st.caption("Choose a problem for " + inline(", ".join(missing)) + " to grade.")
if st.button("Grade", type="primary", key="eval_go", disabled=not gradable or bool(missing)):
    with st.spinner(f"Grading {len(gradable)} file(s)…"):
        st.session_state["eval_report"] = evaluation.grade_uploads(
            uploads, chosen, grader, session.backend_settings()
        )

report = st.session_state.get("eval_report")
if report is None:
    st.stop()

warned = {u.name for u in uploads if u.unusable}  # already explained above
for name, reason in evaluation.failures(report):
    if name in warned:
        continue
    st.error(f"**{inline(name)}** was not graded: {inline(reason)}")  # names are typed text
table = evaluation.score_table(report)
if table.empty:
    st.stop()
st.subheader("Scores")
# a static table, dimensions down the side: long dimension and file names wrap instead of
# being cut at a grid column's width, and nine dimensions never run off the page
st.table(evaluation.dimension_table(table))
st.altair_chart(evaluation.scores_chart(table), width="stretch")
st.subheader("Why each score")
evaluation_view.render_items(report)
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
