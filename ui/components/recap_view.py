"""Rendering a rubric recap: scores chart, evidence, missed signals, downloads."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from agent.content.bundle import load_content
from agent.grading.markdown_text import block, inline
from agent.grading.recap import Recap
from agent.record.transcript import Transcript
from ui.components import exports

RECOMMENDATION_LABELS = {
    "strong_hire": "Strong hire",
    "hire": "Hire",
    "lean_hire": "Lean hire",
    "lean_no_hire": "Lean no hire",
    "no_hire": "No hire",
}


def scores_chart(recap: Recap) -> alt.Chart:
    frame = pd.DataFrame(
        [{"dimension": d.title or d.id, "score": d.score} for d in recap.dimensions]
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("score:Q", scale=alt.Scale(domain=[0, 4]), title="score (1-4)"),
            y=alt.Y("dimension:N", sort=None, title=None),
            color=alt.Color(
                "score:Q", scale=alt.Scale(domain=[1, 4], scheme="redyellowgreen"), legend=None
            ),
            tooltip=["dimension", "score"],
        )
        .properties(height=28 * len(frame) + 20)
    )


def render(recap: Recap, transcript: Transcript | None = None, key: str = "recap") -> None:
    st.subheader("Recap")
    cols = st.columns(3)
    cols[0].metric("Overall", f"{recap.overall:.2f} / 4")
    cols[1].metric(
        "Recommendation",
        RECOMMENDATION_LABELS.get(recap.recommendation.value, recap.recommendation.value),
    )
    cols[2].metric("Hints used", recap.hints_used)
    st.altair_chart(scores_chart(recap), width="stretch")
    st.markdown("**Your design, summarised**")
    st.markdown(block(recap.summary))
    left, right = st.columns(2)
    with left:
        st.markdown("**Strengths**")
        for s in recap.strengths or ["—"]:
            st.markdown(f"- {inline(s)}")
    with right:
        st.markdown("**Missed**")
        for m in recap.missed or ["—"]:
            st.markdown(f"- {inline(m)}")
    st.markdown("**Next steps**")
    for n in recap.next_steps or ["—"]:
        st.markdown(f"- {inline(n)}")
    st.markdown("**Per dimension**")
    rubric = load_content().rubric
    for d in recap.dimensions:
        title = d.title or rubric.dimension(d.id).title
        with st.expander(f"{title}: {d.score}/4"):
            st.caption(rubric.dimension(d.id).levels.get(d.score, ""))
            if d.feedback:
                st.markdown(block(d.feedback))
            for q in d.evidence:
                st.markdown(f"> {inline(q)}")
            if d.missed:
                st.markdown("Missed: " + inline("; ".join(d.missed)))
    if recap.minutes_per_phase:
        st.markdown("**Time per phase (minutes)**")
        st.bar_chart(pd.Series({p.value: round(m, 1) for p, m in recap.minutes_per_phase.items()}))
    st.caption(
        f"Rubric {recap.rubric_version} ({recap.rubric_hash}) · grader {recap.grader}"
        + (f" · model {recap.model}" if recap.model else "")
    )
    if transcript is not None:
        _downloads(transcript, key)


def _downloads(transcript: Transcript, key: str) -> None:
    stem = f"mlsd-{transcript.problem_id}-{transcript.id}"
    downloads = [
        ("Transcript (JSON)", transcript.model_dump_json(indent=2), "json", "application/json"),
        ("Recap (Markdown)", exports.recap_markdown(transcript), "md", "text/markdown"),
        ("Recap (HTML)", exports.recap_html(transcript), "html", "text/html"),
    ]
    for col, (label, data, ext, mime) in zip(st.columns(3), downloads, strict=True):
        col.download_button(label, data, file_name=f"{stem}.{ext}", mime=mime, key=f"{key}-{ext}")
