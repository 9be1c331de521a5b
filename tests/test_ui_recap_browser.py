"""The recap as a candidate reads it, in a real headless Chromium against a real
`streamlit run`: the nine dimensions charted, a line of why under every dimension, evidence
that never cites the claim the interviewer challenged or a heading, the design summary per
phase, and the downloads. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.streamlit_server import (
    full_page_screenshot,
    headless_chromium,
    send_chat,
    streamlit_app,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.real_server]

WRONG = "Accuracy is the metric, and I'd retrain weekly on the newest chargeback labels."
ANSWERS = [
    "How many transactions per second do we see, and what share of them is fraud?",
    "## Labels\nFor labels I'd use chargebacks and confirmed fraud reports, which arrive weeks "
    "later, so the newest transactions have no label yet.",
    "Features: amount, merchant category and the number of transactions per card in the last "
    "hour, computed in a streaming feature store so training and serving match.",
    WRONG,
    "For the model I'd start with a gradient boosted tree because it serves under 50 ms, with "
    "class weights for the imbalance.",
]


def test_the_recap_explains_every_score_and_never_cites_a_challenged_claim(tmp_path: Path):
    with (
        headless_chromium() as browser,
        streamlit_app(tmp_path / "data", tmp_path / "app.log") as url,
    ):
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(url)
        wait_idle(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.locator('[data-testid="stSelectbox"]').click()
        page.get_by_role("option", name="Payment fraud detection").click()
        wait_idle(page)
        page.get_by_role("button", name="Start interview").click(timeout=180_000)
        page.wait_for_selector('[data-testid="stChatMessage"]', timeout=180_000)
        wait_idle(page)
        for i, answer in enumerate(ANSWERS):
            try:
                send_chat(page, answer)
            except Exception:
                full_page_screenshot(page, f"recap-trust-failed-at-{i}.png")
                raise
        assert (
            page.get_by_text("pause on that claim", exact=False).count()
            + page.get_by_text("accuracy", exact=False).count()
            >= 2
        )  # the interviewer took the wrong claim up
        page.get_by_role("button", name="End interview").click()
        page.get_by_role("dialog").get_by_role("button", name="End and see my recap").click()
        page.get_by_role("tab", name="Recap").wait_for(timeout=120_000)
        page.get_by_text("Recap (Markdown)").wait_for(timeout=60_000)
        wait_idle(page)

        # the nine dimensions are charted, and each has its own section whose score and why
        # are in sight without a click
        assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
        sections = page.locator('[class*="st-key-live-dimension-"]')
        assert sections.count() == 9
        full_page_screenshot(page, "recap-trust.png")
        bodies = sections.all()
        for body in bodies:
            assert body.is_visible()
            text = body.inner_text()
            assert any(
                w in text for w in ("You showed", "Nothing you said", "Your answers went into")
            ), text
        assert "Communication" in bodies[-1].inner_text()
        quotes = [q.inner_text() for q in page.locator("blockquote").all()]
        assert quotes, "the recap quotes the candidate"
        assert not any("Accuracy is the metric" in q for q in quotes), quotes
        assert not any(q.strip() in ("Labels", "## Labels") for q in quotes), quotes
        # the design summary names the phase where only a question was asked as such
        assert page.get_by_text("you asked one question here", exact=False).count() == 1
        # no dimension reached 3/4 here: the strengths say why there are none
        titles = [b.inner_text().splitlines()[0] for b in bodies]
        assert not any(t.endswith(("3/4", "4/4")) for t in titles), titles
        assert page.get_by_text("None yet: strengths quote", exact=False).count() == 1

        # the downloaded recap is this one interview, and names no missing point twice
        with page.expect_download() as download:
            page.get_by_role("button", name="Recap (Markdown)").click()
        md = Path(download.value.path()).read_text(encoding="utf-8")
        assert md.startswith("# Interview recap") and "Items:" not in md
        missed = md.split("\nMissed:\n", 1)[1].split("\n\n", 1)[0].splitlines()
        steps = md.split("\nNext steps:\n", 1)[1].splitlines()
        assert missed and steps
        for line in missed:
            point = line.removeprefix("- ").rstrip(".").lower()
            assert not any(point in step.lower() for step in steps), (point, steps)
        page.context.close()
