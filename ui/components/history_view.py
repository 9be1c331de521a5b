"""What the History page shows: a readable table of interviews and a heatmap of scores.

Times are shown in the visitor's own time zone (the browser's), the same in the table and
the chart; scores and recommendations get human labels; the chart puts interviews on a
categorical axis (one column per interview, in time order, named by problem and time), so
one interview is one column and thirty are thirty, never a time axis with fractional ticks.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import altair as alt
import pandas as pd

from agent.content.bundle import load_content
from agent.record.history import HistoryEntry
from ui.components.labels import NONE, RECOMMENDATIONS, STATUSES, problem_title

LABEL_WIDTH = 250  # px for the dimension names left of the heatmap
LEGEND_WIDTH = 110  # px for the score legend right of it
CELLS_WIDTH = 500  # px for the cells, whatever the number of interviews
MAX_STEP = 200  # px per column at most: a problem title fits on one line under its cell
ROTATE_ABOVE = 2  # more columns than this: one rotated label line each
ROTATED_LABEL = 260  # px a rotated label may take (a long title and the time)
SEPARATOR = " · "


def zone(name: str | None) -> tzinfo:
    """The browser's time zone by IANA name; UTC when unknown."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def when(moment: datetime, tz: tzinfo) -> str:
    """'29 Nov 2026, 14:05' in the visitor's zone."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(tz)
    return f"{local.day} {local:%b %Y, %H:%M}"


def label(entry: HistoryEntry, tz: tzinfo) -> str:
    """One line naming an interview, for pickers: date, problem, status."""
    status = STATUSES.get(entry.status, entry.status)
    return f"{when(entry.started_at, tz)} · {problem_title(entry.problem_id)} · {status}"


def table(entries: list[HistoryEntry], tz: tzinfo) -> pd.DataFrame:
    """One row per interview, in the order given, every value in words or plain numbers."""
    rows = [
        {
            "Date": when(e.started_at, tz),
            "Problem": problem_title(e.problem_id),
            "Status": STATUSES.get(e.status, e.status.replace("_", " ").capitalize()),
            "Overall": f"{e.overall:.2f} / 4" if e.overall is not None else NONE,
            "Recommendation": RECOMMENDATIONS.get(e.recommendation or "", NONE),
            "Answers": e.candidate_turns,
            "Backend": e.backend + (f" ({e.model})" if e.model else ""),
        }
        for e in entries
    ]
    return pd.DataFrame(rows)


def heatmap(entries: list[HistoryEntry], tz: tzinfo, dimensions: list[str]) -> alt.Chart | None:
    """Score per rubric dimension (rows, rubric order) per finished interview (columns)."""
    rubric = load_content().rubric
    finished = [e for e in entries if e.scores]
    if not finished:
        return None
    titles = {d.id: d.title for d in rubric.dimensions}
    order = [titles[d] for d in dimensions if d in titles]
    columns = _column_names(finished, tz)
    frame = pd.DataFrame(
        [
            {
                "interview": column,
                "problem": problem_title(e.problem_id),
                "dimension": titles[dim],
                "score": e.scores[dim],
            }
            for e, column in zip(finished, columns, strict=True)
            for dim in dimensions
            if dim in e.scores and dim in titles
        ]
    )
    if frame.empty:
        return None
    # labelFlush off: flushed, the first and last labels slide inward off their own cells.
    # A column is named by its problem and time: a few columns get the two on two lines,
    # many get them on one rotated line
    rotated = len(columns) > ROTATE_ABOVE
    x = alt.X(
        "interview:O",
        sort=columns,
        title=None,
        axis=alt.Axis(
            labelAngle=-60 if rotated else 0,
            labelOverlap=False,
            labelFlush=False,
            labelLimit=ROTATED_LABEL if rotated else 0,
            labelExpr="datum.label" if rotated else f"split(datum.label, '{SEPARATOR}')",
        ),
    )
    y = alt.Y(
        "dimension:N",
        sort=order,
        title=None,
        axis=alt.Axis(labelLimit=260, labelOverlap=False, labelFlush=False),
    )
    base = alt.Chart(frame).encode(x=x, y=y)
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "score:O",
            scale=alt.Scale(domain=[1, 2, 3, 4], scheme="redyellowgreen"),
            legend=alt.Legend(title="score (1-4)"),
        ),
        tooltip=["interview", "problem", "dimension", "score"],
    )
    text = base.mark_text(fontSize=12 if len(columns) <= 25 else 9).encode(text="score:Q")
    # Streamlit sizes the whole chart, axis labels included ("fit"): leave room for them,
    # and keep the cells within CELLS_WIDTH so thirty interviews still fit the page
    step = max(14, min(MAX_STEP, CELLS_WIDTH // len(columns)))
    return (cells + text).properties(
        width=LABEL_WIDTH + step * len(columns) + LEGEND_WIDTH,
        height=30 * len(order) + (ROTATED_LABEL * 87 // 100 + 20 if rotated else 50),
    )


def _column_names(entries: list[HistoryEntry], tz: tzinfo) -> list[str]:
    """'Payment fraud detection · 1 Nov 14:05' per interview; a second one of the same
    problem in the same minute gets ' (2)'."""
    names: list[str] = []
    for e in entries:
        local = e.started_at.astimezone(tz)
        name = f"{problem_title(e.problem_id)}{SEPARATOR}{local.day} {local:%b %H:%M}"
        n = sum(1 for other in names if other.split(" (")[0] == name)
        names.append(f"{name} ({n + 1})" if n else name)
    return names
