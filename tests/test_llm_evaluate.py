"""`mlsd evaluate --grader llm` through real HTTP to a local OpenAI-compatible server:
async grading with bounded concurrency, samples with spread, per-dimension fallback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent import cli
from agent.settings import get_settings
from tests.support.fake_openai_server import ERROR_503, FakeOpenAIServer

ANSWERS = sorted((Path(__file__).parent / "calibration" / "fraud-detection").glob("*.md"))[:3]
SCORED = {"DimensionJudgement": {"feedback": "clear and specific", "score": 3}}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch):
    with FakeOpenAIServer(structured=SCORED) as fake:
        monkeypatch.setenv("MLSD_BASE_URL", fake.base_url)
        monkeypatch.setenv("MLSD_MODEL", "fake-grader")
        monkeypatch.setenv("MLSD_RETRY_BASE_DELAY", "0.01")
        monkeypatch.setenv("MLSD_CIRCUIT_COOLDOWN", "0")
        get_settings.cache_clear()
        yield fake


def evaluate(capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    capsys.readouterr()
    code = cli.main(["evaluate", *map(str, ANSWERS), "--grader", "llm", "--format", "json", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_llm_grader_grades_every_item_over_http(server, capsys):
    report = evaluate(capsys, "--concurrency", "3")
    assert report["grader"] == "llm" and report["model"] == "fake-grader"
    assert report["graded"] == len(ANSWERS) and report["failed"] == 0
    for item in report["items"]:
        dims = item["recap"]["dimensions"]
        assert all(d["score"] == 3 and d["feedback"] == "clear and specific" for d in dims)
    calls = server.completions()
    assert all(c.body["temperature"] == 0 for c in calls)
    tools = [c.body["tool_choice"]["function"]["name"] for c in calls]
    # one call per dimension per item, and one for the item's design summary
    assert tools.count("DimensionJudgement") == len(ANSWERS) * 9
    assert tools.count("DesignSummary") == len(ANSWERS) == len(calls) - len(ANSWERS) * 9


def test_samples_are_requested_and_their_spread_reported(server, capsys):
    report = evaluate(capsys, "--samples", "2", "--concurrency", "2")
    judged = [
        c
        for c in server.completions()
        if c.body["tool_choice"]["function"]["name"] == "DimensionJudgement"
    ]
    assert len(judged) == len(ANSWERS) * 9 * 2
    for item in report["items"]:
        assert all(d["spread"] == 0.0 for d in item["recap"]["dimensions"])


def test_a_failing_dimension_falls_back_without_failing_the_item(server, capsys):
    server.when("Dimension: Deployment", ERROR_503)  # that dimension's calls always fail
    report = evaluate(capsys, "--concurrency", "2")
    assert report["graded"] == len(ANSWERS) and report["failed"] == 0
    for item in report["items"]:
        for dim in item["recap"]["dimensions"]:
            if dim["id"] == "deployment":
                assert dim["feedback"].startswith("[offline score: server error (HTTP 503)")
            else:
                assert dim["feedback"] == "clear and specific" and dim["score"] == 3
    failing = [c for c in server.completions() if c.behaviour == ERROR_503]
    assert len(failing) == len(ANSWERS) * 3  # each item: one try and two retries
