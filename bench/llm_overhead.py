"""What a user waits for on an LLM turn, what the agent itself adds, and how the LLM grader
scales with concurrency.

    python -m bench.llm_overhead [--latency 0.2] [--turns 60] [--items 16]

Both run against the local fake OpenAI-compatible server
(tests/support/fake_openai_server.py) in its own process, with a fixed latency injected into
every model call. The server reports when each call arrived and when its reply was written
(time.monotonic(), one clock per host), so the bench knows the model time the turn actually
waited on.

Per LLM turn (Interview.respond_stream consumed as a UI would), over `--turns` turns from
as many interviews as that takes (each interview's first turn excluded):
- first token / last token: from the call to the first non-blank piece of the reply, and
  to the last piece; what the user waits for before reading, and before replying;
- model round trips before the first token: model time waited before the first token over
  the injected latency (the reader's call, then the voice's own; the running summary is made
  after the reply, and is waited for only when the next message comes before it is done);
- agent overhead = the whole turn (until the reply is recorded) minus the union of model
  calls overlapping it: model time the agent hides behind its own work, or runs after the
  reply, is not subtracted, and agent work that overlaps a model call costs nothing;
  `first_token_overhead` is the same, up to the first token;
- overhead_old_formula: wall time minus calls x injected latency (the figure before this
  bench measured waits), for comparison;
- where the agent's own time goes, on turns with a reader call and a voice call: before the
  reader's call goes out (the offline manipulation screen), between the reader's reply and
  the voice's call (decide, ground, the first save, the prompt), and after the last token
  until the reply is recorded (record and save).
LLM grader speed-up: the same written answers graded through the batch runner at
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

    def stats(self) -> dict:
        with urllib.request.urlopen(f"{self.base_url}/stats", timeout=5) as r:
            return json.load(r)

    def completions(self) -> int:
        return int(self.stats()["completions"])

    def intervals(self) -> list[tuple[float, float]]:
        """(arrived, reply written) of every finished model call, time.monotonic()."""
        return [(a, b) for a, b in self.stats()["intervals"]]


@contextlib.contextmanager
def fake_server_process(latency: float, structured: dict | None = None) -> Iterator[ServerProcess]:
    from tests.support.fake_openai_server import free_port

    port = free_port()
    cmd = [
        sys.executable, "-m", "tests.support.fake_openai_server",
        "--port", str(port), "--latency", str(latency),
        "--structured", json.dumps(structured or {}),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
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


def waited(intervals: list[tuple[float, float]], lo: float, hi: float) -> float:
    """Seconds within [lo, hi] during which at least one model call was running."""
    clipped = sorted((max(a, lo), min(b, hi)) for a, b in intervals if b > lo and a < hi)
    total, end = 0.0, lo
    for a, b in clipped:
        if b > end:
            total += b - max(a, end)
            end = b
    return total


def timed_stream(iv, server: ServerProcess, text: str):
    """One streamed turn, timed: (start, first token, last token, end, the server's model
    calls that overlap the turn). A turn that streamed nothing has its tokens at its end."""
    t0 = time.monotonic()
    first = last = None
    for piece in iv.respond_stream(text):
        now = time.monotonic()
        if first is None and piece.strip():
            first = now
        last = now
    done = time.monotonic()
    calls = [(a, b) for a, b in server.intervals() if b > t0 and a < done]
    return t0, first or done, last or done, done, calls


def _turn(iv, server: ServerProcess, text: str) -> dict[str, float]:
    t0, first, last, done, calls = timed_stream(iv, server, text)
    own = sorted((a, b) for a, b in calls if a >= t0)  # this turn's calls, in order
    split = {}
    if len(own) >= 2:
        split = {
            "before_reader_ms": (own[0][0] - t0) * 1000,
            "between_calls_ms": (own[1][0] - own[0][1]) * 1000,
            "after_reply_ms": (done - last) * 1000,
        }
    return {
        **split,
        "first_token_ms": (first - t0) * 1000,
        "last_token_ms": (last - t0) * 1000,
        "turn_ms": (done - t0) * 1000,
        "overhead_ms": (done - t0 - waited(calls, t0, done)) * 1000,
        "first_token_overhead_ms": (first - t0 - waited(calls, t0, first)) * 1000,
        "calls": len(calls),
        "model_before_first_ms": waited(calls, t0, first) * 1000,
    }


def turn_overhead(latency: float, turns: int, data_dir: Path) -> dict[str, object]:
    from agent.decide.clock import SimulatedClock
    from agent.interview import Interview
    from agent.knowledge.store import KnowledgeStore

    with fake_server_process(latency, READING) as server:
        settings = _settings(data_dir, server.base_url)
        store = KnowledgeStore.open(settings)
        store.ensure_index()
        warm: list[dict[str, float]] = []
        fallbacks = interviews = 0
        while len(warm) < turns:  # a new interview whenever one wraps up
            interviews += 1
            iv = Interview(
                PROBLEM, "openai", settings=settings, store=store, clock=SimulatedClock(), seed=1
            )
            iv.start()
            rows = []
            for text in _script(turns - len(warm) + 1):
                rows.append(_turn(iv, server, text))
                if iv.wrapping_up:
                    break
            warm += rows[1:]  # each interview's first turn warms up
            fallbacks += sum(1 for t in iv.transcript.turns if t.fallback)

    def p(key: str, q: float) -> float:
        return round(_percentile([r[key] for r in warm], q), 1)

    def split(key: str) -> tuple[float, float]:
        values = [r[key] for r in warm if key in r]
        return (round(_percentile(values, 0.5), 1), round(_percentile(values, 0.95), 1))

    old = [r["turn_ms"] - r["calls"] * latency * 1000 for r in warm]
    trips = [r["model_before_first_ms"] / (latency * 1000) for r in warm]  # serial calls
    return {
        "turns_measured": len(warm),
        "interviews": interviews,
        "injected_latency_ms": latency * 1000,
        "first_token_p50_p95_ms": (p("first_token_ms", 0.5), p("first_token_ms", 0.95)),
        "last_token_p50_p95_ms": (p("last_token_ms", 0.5), p("last_token_ms", 0.95)),
        "model_calls_per_turn": round(statistics.fmean(r["calls"] for r in warm), 2),
        "model_round_trips_before_first_token": round(statistics.fmean(trips), 2),
        "turns_with_3+_round_trips_before_first": sum(1 for n in trips if n >= 2.5),
        "overhead_p50_p95_ms": (p("overhead_ms", 0.5), p("overhead_ms", 0.95)),
        "overhead_goal_p95_ms": 20,
        "first_token_overhead_p50_p95_ms": (
            p("first_token_overhead_ms", 0.5),
            p("first_token_overhead_ms", 0.95),
        ),
        "overhead_old_formula_p50_p95_ms": (
            round(_percentile(old, 0.5), 1),
            round(_percentile(old, 0.95), 1),
        ),
        "before_reader_call_p50_p95_ms": split("before_reader_ms"),
        "between_reader_and_voice_p50_p95_ms": split("between_calls_ms"),
        "after_last_token_p50_p95_ms": split("after_reply_ms"),
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
    latency: float = 0.2, turns: int = 60, items: int = 16, grader_latency: float = 1.0
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
    parser.add_argument("--turns", type=int, default=60)
    parser.add_argument("--items", type=int, default=16)
    parser.add_argument("--grader-latency", type=float, default=1.0, help="seconds per call")
    args = parser.parse_args()
    for key, value in main(args.latency, args.turns, args.items, args.grader_latency).items():
        print(f"{key:<36} {value}")
