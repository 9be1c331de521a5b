"""What the agent itself costs per LLM turn, and how the LLM grader scales with concurrency.

    python -m bench.llm_overhead [--latency 0.2] [--turns 30] [--items 16]

Both figures run against the local fake OpenAI-compatible server (tests/fake_openai_server.py)
with a fixed latency injected into every model call, so model time is known exactly:

- overhead per LLM turn = wall time of Interview.respond() minus (model calls in that turn x
  injected latency). It is everything the agent does around the model: offline reading
  (which the LLM reader also runs), policy, retrieval, prompt building, streaming, parsing,
  and the atomic transcript save. p50/p95 over the scripted turns (first turn excluded).
- LLM grader speed-up: the same written answers graded through the batch runner at
  concurrency 1 and 8; speed-up = time(c=1) / time(c=8). The grader latency defaults to 1 s
  a call (closer to a hosted model); each item also runs the offline grader once (signals,
  design summary), which is CPU work that concurrency cannot hide on 2 cores.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBLEM = "fraud-detection"
READING = {"CandidateReading": {"kind": "answer"}}


class ServerProcess:
    """The fake server in its own process, so its CPU time is not counted as ours."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def completions(self) -> int:
        with urllib.request.urlopen(f"{self.base_url}/stats", timeout=5) as r:
            return int(json.load(r)["completions"])


@contextlib.contextmanager
def fake_server_process(latency: float, structured: dict | None = None) -> Iterator[ServerProcess]:
    from tests.support.fake_openai_server import free_port

    port = free_port()
    cmd = [
        sys.executable, str(REPO / "tests" / "fake_openai_server.py"),
        "--port", str(port), "--latency", str(latency),
        "--structured", json.dumps(structured or {}),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = ServerProcess(f"http://127.0.0.1:{port}/v1")
    try:
        for _ in range(200):
            try:
                server.completions()
                break
            except OSError:
                time.sleep(0.05)
        yield server
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _settings(data_dir: Path, base_url: str):
    from agent.settings import Settings

    return Settings(data_dir=data_dir, interview_minutes=240.0, chroma_host=None).model_copy(
        update={"base_url": base_url, "model": "bench", "backend": "openai", "max_retries": 0}
    )


def _script(turns: int) -> list[str]:
    from bench.turns import script

    lines = script()
    return (lines * (turns // len(lines) + 1))[:turns]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def turn_overhead(latency: float, turns: int, data_dir: Path) -> dict[str, float]:
    from agent.decide.clock import SimulatedClock
    from agent.interview import Interview
    from agent.knowledge.store import KnowledgeStore

    with fake_server_process(latency, READING) as server:
        settings = _settings(data_dir, server.base_url)
        store = KnowledgeStore.open(settings)
        store.ensure_index()
        iv = Interview(
            PROBLEM, "openai", settings=settings, store=store, clock=SimulatedClock(), seed=1
        )
        iv.start()
        overheads, calls = [], []
        for text in _script(turns):
            before = server.completions()
            started = time.perf_counter()
            iv.respond(text)
            wall = time.perf_counter() - started
            n = server.completions() - before
            overheads.append((wall - n * latency) * 1000)
            calls.append(n)
            if iv.wrapping_up:
                break
        fallbacks = sum(1 for t in iv.transcript.turns if t.fallback)
    warm = overheads[1:]
    return {
        "overhead_p50_ms": round(_percentile(warm, 0.5), 1),
        "overhead_p95_ms": round(_percentile(warm, 0.95), 1),
        "overhead_mean_ms": round(statistics.fmean(warm), 1),
        "turns_measured": len(warm),
        "model_calls_per_turn": round(statistics.fmean(calls), 2),
        "injected_latency_ms": latency * 1000,
        "turns_with_fallback": fallbacks,
    }


def grader_speedup(latency: float, items: int, data_dir: Path) -> dict[str, float]:
    from agent.content.bundle import load_content
    from agent.grading.batch import run_batch
    from agent.grading.factory import make_llm_grader
    from agent.grading.inputs import EvalItem

    answers = sorted((REPO / "tests" / "calibration").glob("*/*.md"))
    chosen = (answers * (items // max(1, len(answers)) + 1))[:items]
    batch = [
        EvalItem(name=str(p), kind="answer", problem_id=p.parent.name, source=t, answer=t)
        for p in chosen
        for t in [p.read_text(encoding="utf-8")]
    ]
    library, rubric = load_content().problems, load_content().rubric
    timings: dict[int, float] = {}
    with fake_server_process(latency) as server:
        settings = _settings(data_dir, server.base_url)
        for concurrency in (1, 8):
            grader = make_llm_grader(settings)  # a fresh client per event loop
            started = time.perf_counter()
            results = run_batch(batch, grader, library, rubric, concurrency=concurrency)
            timings[concurrency] = time.perf_counter() - started
            assert all(r.recap is not None for r in results), [r.error for r in results]
        calls = server.completions()
    return {
        "grader_items": len(batch),
        "grader_c1_s": round(timings[1], 2),
        "grader_c8_s": round(timings[8], 2),
        "grader_speedup_c8_vs_c1": round(timings[1] / timings[8], 2),
        "grader_model_calls": calls,
    }


def main(
    latency: float = 0.2, turns: int = 30, items: int = 16, grader_latency: float = 1.0
) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="mlsd-bench-llm-") as tmp:
        figures: dict[str, object] = {"server": "local fake OpenAI server (own process)"}
        figures.update(turn_overhead(latency, turns, Path(tmp)))
        figures["grader_injected_latency_ms"] = grader_latency * 1000
        figures.update(grader_speedup(grader_latency, items, Path(tmp)))
        return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per model call")
    parser.add_argument("--turns", type=int, default=30)
    parser.add_argument("--items", type=int, default=16)
    parser.add_argument("--grader-latency", type=float, default=1.0, help="seconds per call")
    args = parser.parse_args()
    for key, value in main(args.latency, args.turns, args.items, args.grader_latency).items():
        print(f"{key:<28} {value}")
