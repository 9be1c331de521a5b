"""Per graded item on the Evaluate page: each dimension's score with its evidence and what
was missing, inline (not only in the downloaded report)."""

from __future__ import annotations

import streamlit as st

from agent.content.bundle import load_content
from agent.grading.markdown_text import block, inline
from agent.grading.report import EvaluationReport
from ui.components.labels import RECOMMENDATIONS, problem_title

MAX_MISSED = 4  # the rest is in the downloaded report


def render_items(report: EvaluationReport) -> None:
    graded = [i for i in report.items if i.recap is not None]
    rubric = load_content().rubric
    for item in graded:
        recap = item.recap
        assert recap is not None
        verdict = RECOMMENDATIONS.get(recap.recommendation.value, recap.recommendation.value)
        title = problem_title(item.problem) if item.problem else "unknown problem"
        header = f"{item.item} · {title} · {recap.overall:.2f} / 4 · {verdict}"
        with st.expander(inline(header), expanded=len(graded) == 1):
            for d in recap.dimensions:
                name = d.title or rubric.dimension(d.id).title
                st.markdown(f"**{inline(name)}: {d.score} / 4**")
                if d.feedback:
                    st.markdown(block(d.feedback))
                if d.evidence:
                    for quote in d.evidence[:3]:
                        st.markdown(f"> {inline(quote)}")
                else:
                    st.caption("No quote in the answer supports this dimension.")
                if d.missed:
                    shown = d.missed[:MAX_MISSED]
                    more = len(d.missed) - len(shown)
                    lines = [f"- {inline(m.rstrip('.'))}" for m in shown]
                    if more:
                        lines.append(f"- and {more} more (in the downloaded report)")
                    st.markdown("Missing:\n" + "\n".join(lines))
