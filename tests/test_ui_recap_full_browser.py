"""The recap of a whole interview, as a candidate reads it in a real headless Chromium
against a real `streamlit run`: a strong offline interview played to its end with the
simulated clock (so every phase has minutes), then opened from History in Replay, on its Recap tab.

The short interviews of the other browser tests never reach a dimension at 3/4 nor a
minute of talk, so they never show strengths or the time-per-phase chart; this one does:
the nine dimensions charted in rubric order, the minutes per phase in interview order (read
from the drawn chart, not its spec), strengths quoted word for word from what the candidate
said, at most two quotes per dimension, each the candidate's own. Screenshot:
tests/artifacts/recap-full.png (the recap alone: the transcript above it is long).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.content.bundle import load_content
from agent.content.phases import PHASE_ORDER
from agent.record.transcript import load_transcript
from agent.settings import Settings
from tests.support.interview_fixtures import copy_store_into, new_interview, persona_turns
from tests.support.streamlit_server import ARTIFACTS, headless_chromium, streamlit_app, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.real_server]

CHART = '[data-testid="stVegaLiteChart"]'


def strong_interview(data: Path) -> Path:
    """The strong fraud persona, played to the interviewer's wrap-up and graded."""
    interview = new_interview("fraud-detection", settings=Settings(data_dir=data))
    interview.start()
    for answer in persona_turns("strong_fraud.txt"):
        if interview.wrapping_up:
            break
        interview.respond(answer)
    interview.finish()
    return interview.save_path


def y_labels(chart) -> list[str]:
    """The y-axis labels of a drawn Vega-Lite chart, top to bottom as the reader sees them."""
    return chart.evaluate(
        """e => [...e.querySelectorAll('g.role-axis')]
            .filter(a => (a.getAttribute('aria-label') || '').startsWith('Y-axis'))
            .flatMap(a => [...a.querySelectorAll('g.role-axis-label text')])
            .map(t => [t.getBoundingClientRect().top, t.textContent])
            .sort((a, b) => a[0] - b[0])
            .map(p => p[1])"""
    )


@pytest.mark.xfail(
    strict=True,
    reason="the heads refit on heads18's corpus (branch heads18, signal bars at 0.88) "
    "turn this test from passing to failing; it passes with the heads of e650fb5 on the "
    "same code; the lead's refit of the merged corpus (cd3ae15) fails it too. Not "
    "diagnosed yet: a loss of the refit, for the next heads pass",
)
def test_a_whole_interviews_recap_charts_in_order_and_quotes_the_candidate(tmp_path: Path):
    data = tmp_path / "data"
    copy_store_into(data)
    saved = strong_interview(data)
    transcript = load_transcript(saved)
    recap = transcript.recap
    assert recap is not None
    said = " ".join(t.text for t in transcript.turns if t.role == "candidate")
    content = load_content()
    phases_in_order = [
        content.plan.spec(p).title for p in PHASE_ORDER if p in recap.minutes_per_phase
    ]
    dimensions = [d.title for d in content.rubric.dimensions]
    # what this interview must show for the test to mean anything
    assert len(phases_in_order) >= 5 and sum(recap.minutes_per_phase.values()) >= 1
    assert recap.strengths, "the strong persona reaches 3/4 somewhere"

    with headless_chromium() as browser, streamlit_app(data, tmp_path / "app.log") as url:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{url}/history")
        page.get_by_role("button", name="Replay", exact=True).click(timeout=120_000)
        # a finished interview opens with its recap one click away at the top
        page.get_by_role("tab", name="Recap").click(timeout=120_000)
        page.get_by_text("Time per phase (minutes)").wait_for(timeout=120_000)
        wait_idle(page)
        charts = page.locator(CHART)
        charts.nth(1).locator("svg g.role-axis-label").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1000)  # vega lays out after the element appears
        assert charts.count() == 2  # the nine dimensions, then the minutes per phase

        assert y_labels(charts.nth(0)) == dimensions
        assert y_labels(charts.nth(1)) == phases_in_order  # interview order, never a-z

        body = page.locator('[data-testid="stMain"]').inner_text()
        start = body.index("Strengths, in your words")
        strengths = body[start:].split("\n", 1)[1].split("Missed", 1)[0]
        quoted = [
            line.split(': "', 1)[1].rstrip('"') for line in strengths.splitlines() if '"' in line
        ]
        assert quoted, strengths
        for quote in quoted:  # each strength is the candidate's own sentence, word for word
            assert quote in said, quote
        assert "What a strong answer would have added" in body

        sections = page.locator('[class*="st-key-replay-dimension-"]')
        assert sections.count() == 9
        for section in sections.all():
            quotes = [q.inner_text().strip() for q in section.locator("blockquote").all()]
            assert len(quotes) <= 2
            for quote in quotes:
                assert quote in said, quote

        ARTIFACTS.mkdir(exist_ok=True)
        recap_top = page.get_by_role("heading", name="Recap")
        recap_top.scroll_into_view_if_needed()
        height = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": 1280, "height": min(int(height) + 100, 16000)})
        page.wait_for_timeout(800)
        top = recap_top.bounding_box()
        assert top is not None
        page.screenshot(
            path=str(ARTIFACTS / "recap-full.png"),
            full_page=True,
            clip={"x": 0, "y": top["y"] - 20, "width": 1280, "height": height - top["y"] + 40},
        )
        page.context.close()
