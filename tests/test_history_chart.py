"""The History heatmap names each interview's column by its problem's title and its time,
with one interview, two, or thirty (the browser test looks at the drawn chart)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from agent.content.bundle import load_content
from agent.record.history import HistoryEntry
from ui.components.history_view import heatmap

PROBLEMS = ["fraud-detection", "eta-prediction", "visual-search"]


def _entries(n: int) -> list[HistoryEntry]:
    dims = [d.id for d in load_content().rubric.dimensions]
    start = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    return [
        HistoryEntry(
            id=f"{k:04d}",
            path=Path(f"{k:04d}.json"),
            problem_id=PROBLEMS[k % len(PROBLEMS)],
            backend="offline",
            started_at=start + timedelta(days=k),
            status="finished",
            candidate_turns=3,
            overall=2.0,
            recommendation="lean_no_hire",
            scores={d: 1 + (k + i) % 4 for i, d in enumerate(dims)},
        )
        for k in range(n)
    ]


def test_each_column_is_named_by_its_problem_and_time() -> None:
    dims = [d.id for d in load_content().rubric.dimensions]
    problems = load_content().problems
    for n in (1, 2, 30):
        entries = _entries(n)
        chart = heatmap(entries, UTC, dims)
        assert chart is not None
        spec = chart.to_dict()
        data = next(iter(spec["datasets"].values()))
        columns = list(dict.fromkeys(row["interview"] for row in data))
        assert len(columns) == n
        for entry, column in zip(entries, columns, strict=True):
            local = entry.started_at
            assert column.startswith(problems.get(entry.problem_id).title), column
            assert f"{local.day} {local:%b %H:%M}" in column
        axis = spec["layer"][0]["encoding"]["x"]["axis"]
        assert axis["labelLimit"] == 0 or axis["labelLimit"] >= 200  # titles are not cut
