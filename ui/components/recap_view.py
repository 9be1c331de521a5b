"""Rendering a rubric recap: scores, the design per phase, why each score, downloads."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from agent.content.bundle import load_content
from agent.content.phases import PHASE_ORDER
from agent.grading.digest import phase_line
from agent.grading.markdown_text import block, inline
from agent.grading.narrative import wording
from agent.grading.recap import DimensionScore, Recap
from agent.record.transcript import Transcript
from ui.components import exports

MIN_CHARTED_MINUTES = 1.0  # shorter interviews get a line instead of a chart of zeros
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
            x=alt.X(
                "score:Q",
                scale=alt.Scale(domain=[0, 4]),
                title="score (1 weak, 4 strong)",
                axis=alt.Axis(values=[1, 2, 3, 4], format="d"),  # whole levels, no 0.2 ticks
            ),
            y=alt.Y(
                "dimension:N",
                sort=None,
                title=None,
                axis=alt.Axis(labelLimit=260, labelOverlap=False),  # a name on every bar
            ),
            color=alt.Color(
                "score:Q", scale=alt.Scale(domain=[1, 4], scheme="redyellowgreen"), legend=None
            ),
            tooltip=["dimension", "score"],
        )
        .properties(height=28 * len(frame) + 20)
    )


def phase_chart(recap: Recap) -> alt.Chart:
    """Minutes per phase, bars in interview order (never alphabetical)."""
    plan = load_content().plan
    order = [plan.spec(p).title for p in PHASE_ORDER if p in recap.minutes_per_phase]
    frame = pd.DataFrame(
        [
            {"phase": plan.spec(p).title, "minutes": round(recap.minutes_per_phase[p], 1)}
            for p in PHASE_ORDER
            if p in recap.minutes_per_phase
        ]
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(
                "phase:N",
                sort=order,
                title=None,
                # Vega-Lite hides every other label when it guesses they overlap: never here
                axis=alt.Axis(labelLimit=260, labelOverlap=False),
            ),
            x=alt.X("minutes:Q", title="minutes", axis=alt.Axis(format=".0f", tickMinStep=1)),
            tooltip=["phase", "minutes"],
        )
        .properties(height=28 * len(frame) + 20)
    )


def _design(recap: Recap) -> None:
    st.markdown("**Your design, summarised**")
    if not recap.design:  # recaps saved before the per-phase digest
        st.markdown(block(recap.summary))
        return
    if recap.summary_note:
        st.caption(f":orange[{inline(recap.summary_note)}]")
    elif recap.summary_by == "model":
        st.caption(
            f"Written by the grader's model ({inline(recap.model or 'LLM')}) from your answers."
        )
    else:
        st.caption("In your own sentences, per phase.")
    for d in recap.design:
        line = inline(phase_line(d, wording()))
        body = line if d.sentences or d.written else f"_{line}_"
        st.markdown(f"**{inline(d.title)}:** {body}")


def _bullets(lines: list[str], empty: str = "—") -> None:
    if not lines:
        st.markdown(f"_{empty}_")
    for line in lines:
        st.markdown(f"- {inline(line)}")


def _dimension(d: DimensionScore, key: str) -> None:
    """One dimension, all in sight: the score, why, the best two quotes and what the next
    level needs (a score folded away behind a click explains nothing to a reader who skims)."""
    with st.container(border=True, key=f"{key}-dimension-{d.id}"):
        st.markdown(f"**{inline(d.title or d.id)}: {d.score}/4**")
        if d.why or d.feedback:
            st.markdown(inline(d.why or d.feedback))
        for q in d.evidence[:2]:
            st.markdown(f"> {inline(q)}")
        if d.next_level:
            st.caption(inline(d.next_level))


def render(recap: Recap, transcript: Transcript | None = None, key: str = "recap") -> None:
    st.subheader("Recap")
    cols = st.columns(3)
    cols[0].metric("Overall", f"{recap.overall:.2f} / 4")
    cols[1].metric(
        "Recommendation",
        RECOMMENDATION_LABELS.get(recap.recommendation.value, recap.recommendation.value),
    )
    cols[2].metric("Hints used", recap.hints_used)
    if recap.not_reached:
        titles = ", ".join(load_content().plan.spec(p).title for p in recap.not_reached)
        st.info(f"Time ran out before these phases: {titles}.")
    st.altair_chart(scores_chart(recap), width="stretch")
    _design(recap)
    left, right = st.columns(2)
    with left:
        st.markdown("**Strengths, in your words**")
        _bullets(recap.strengths, "None yet: strengths quote dimensions that reached 3/4.")
    with right:
        st.markdown("**Missed**")
        _bullets(recap.missed)
    if recap.strong_answer:
        st.markdown("**What a strong answer would have added**")
        _bullets(recap.strong_answer)
    st.markdown("**Next steps**")
    _bullets(recap.next_steps)
    st.markdown("**Per dimension**")
    for d in recap.dimensions:
        _dimension(d, key)
    if sum(recap.minutes_per_phase.values()) >= MIN_CHARTED_MINUTES:
        st.markdown("**Time per phase (minutes)**")
        st.altair_chart(phase_chart(recap), width="stretch")
    elif recap.minutes_per_phase:  # a chart of zeros says nothing
        st.caption("Time per phase: the interview lasted under a minute.")
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
