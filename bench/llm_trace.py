"""Where an LLM turn's time goes, step by step: a trace per turn.

    python -m bench.llm_trace [--latency 0.2] [--turns 40] [--show 3]

Runs `bench.llm_overhead`'s turns (the same fake OpenAI-compatible server in its own
process, the same script) with the turn's steps wrapped in this process only (nothing in
the package is changed): each step's start and end on the wall clock (time.monotonic(), the
clock the server reports its calls on) and the CPU its own thread spent in it. Prints, over
the turns, the median and p95 of each step's wall time, and the timeline of the turns with
the largest agent overhead (the figure `bench.llm_overhead` reports).

The steps: the offline reading (`OfflineReader.read_in_steps`) and its kind's details
(`KindDetails.add`), the reader's model call as the client sees it (`LLMClient.structured`;
its CPU is the request built and the reply parsed: the langchain and openai layers), the
voice's streamed call likewise (`LLMClient.stream`: the CPU spent producing its pieces, not
the caller's between them) and the summary's (`LLMClient.invoke`), the search made ahead
(`Guidance.ahead_of`), merging the readings, then read (all of it), decide (with the first
save), ground, speak (the utterance object; the prompt is built when the stream starts:
`LLMVoice.messages`, after waiting for the previous turn's summary), the voice's stream up
to its first and last token, and record (with the second save).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench.llm_overhead import (
    PROBLEM,
    READING,
    _percentile,
    _script,
    _settings,
    timed_stream,
    waited,
)
from bench.llm_overhead import fake_server_process as _server

Event = tuple[str, float, float, str, float]  # step, start, end, thread, thread CPU s


class Trace:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self._lock = threading.Lock()

    def wrap(self, owner: Any, name: str, step: str) -> Callable[[], None]:
        original = getattr(owner, name)

        def traced(*args: Any, **kwargs: Any) -> Any:
            start, cpu = time.monotonic(), time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(step, start, cpu)

        setattr(owner, name, traced)
        return lambda: setattr(owner, name, original)

    def wrap_stream(self, owner: Any, name: str, step: str) -> Callable[[], None]:
        """A generator method: the CPU its thread spends inside the generator (producing
        each piece, not consuming it), from the first piece asked for to the last."""
        original = getattr(owner, name)

        def traced(*args: Any, **kwargs: Any) -> Iterator[Any]:
            start, spent = time.monotonic(), 0.0
            pieces = original(*args, **kwargs)
            try:
                while True:
                    cpu = time.thread_time()
                    try:
                        piece = next(pieces)
                    except StopIteration:
                        spent += time.thread_time() - cpu
                        return
                    spent += time.thread_time() - cpu
                    yield piece
            finally:
                self.record(step, start, time.monotonic(), spent)

        setattr(owner, name, traced)
        return lambda: setattr(owner, name, original)

    def record(self, step: str, start: float, end: float, cpu: float) -> None:
        with self._lock:
            self.events.append((step, start, end, threading.current_thread().name, cpu))

    def add(self, step: str, start: float, cpu: float) -> None:
        end = time.monotonic()
        spent = time.thread_time() - cpu
        with self._lock:
            self.events.append((step, start, end, threading.current_thread().name, spent))

    def between(self, t0: float, t1: float) -> list[Event]:
        with self._lock:
            return [e for e in self.events if t0 <= e[1] < t1]


@contextlib.contextmanager
def traced(trace: Trace) -> Iterator[None]:
    from agent.backends.llm.client import LLMClient
    from agent.backends.llm.context import ConversationWindow
    from agent.ground.guidance import Guidance
    from agent.interview.steps import TurnSteps
    from agent.read import llm as llm_reader
    from agent.read.kind_details import KindDetails
    from agent.read.offline import OfflineReader
    from agent.record.autosave import Autosave
    from agent.speak.llm import LLMVoice
    from agent.understanding.reader import Understanding

    undo = [
        trace.wrap(OfflineReader, "read_in_steps", "offline reading"),
        trace.wrap(KindDetails, "add", "  offline details"),
        trace.wrap(Understanding, "message", "  understanding.message"),
        trace.wrap(LLMClient, "structured", "reader model call (client)"),
        trace.wrap_stream(LLMClient, "stream", "voice model call (client)"),
        trace.wrap(LLMClient, "invoke", "summary model call (client)"),
        trace.wrap(Guidance, "ahead_of", "search ahead"),
        trace.wrap(llm_reader, "merge_reading", "merge readings"),
        trace.wrap(TurnSteps, "read", "READ (whole step)"),
        trace.wrap(TurnSteps, "decide", "DECIDE (+ save)"),
        trace.wrap(TurnSteps, "ground", "GROUND"),
        trace.wrap(TurnSteps, "speak", "SPEAK (utterance)"),
        trace.wrap(LLMVoice, "messages", "voice prompt"),
        trace.wrap(ConversationWindow, "wait", "  wait for the summary"),
        trace.wrap(ConversationWindow, "_fold_locked", "summary of older turns"),
        trace.wrap(TurnSteps, "record", "RECORD (+ save)"),
        trace.wrap(Autosave, "save", "  autosave"),
    ]
    try:
        yield
    finally:
        for u in reversed(undo):
            u()


def run(latency: float, turns: int, data_dir: Path) -> list[dict[str, Any]]:
    from agent.decide.clock import SimulatedClock
    from agent.interview import Interview
    from agent.knowledge.store import KnowledgeStore

    trace = Trace()
    rows: list[dict[str, Any]] = []
    starts: list[float] = []  # every turn's start, the warm-up turns' too
    with _server(latency, READING) as server, traced(trace):
        settings = _settings(data_dir, server.base_url)
        store = KnowledgeStore.open(settings)
        store.ensure_index()
        while len(rows) < turns:
            iv = Interview(
                PROBLEM, "openai", settings=settings, store=store, clock=SimulatedClock(), seed=1
            )
            starts.append(time.monotonic())  # the opening's steps are no turn's
            iv.start()
            first_of_interview = True
            for text in _script(turns - len(rows) + 1):
                cpu0 = time.process_time()
                t0, first, last, done, calls = timed_stream(iv, server, text)
                cpu = time.process_time() - cpu0
                row = {
                    "text": text,
                    "words": len(text.split()),
                    "t0": t0,
                    "first": first,
                    "last": last,
                    "done": done,
                    "calls": [(a, b) for a, b in calls if a >= t0],
                    "overhead_ms": (done - t0 - waited(calls, t0, done)) * 1000,
                    "process_cpu_ms": cpu * 1000,
                }
                starts.append(t0)
                if not first_of_interview:
                    rows.append(row)
                first_of_interview = False
                if iv.wrapping_up:
                    break
    # a turn's steps are those that start in it, read once every turn is over: the summary
    # made after a reply ends after its turn has
    for row in rows:
        later = [t for t in starts if t > row["t0"]]
        row["events"] = trace.between(row["t0"], min(later, default=float("inf")))
    return rows[:turns]


def _ms(x: float) -> str:
    return f"{x * 1000:7.1f}"


def show_turn(row: dict[str, Any]) -> None:
    t0 = row["t0"]
    print(
        f"\n-- turn: overhead {row['overhead_ms']:.0f} ms, {row['words']} words, "
        f"process CPU {row['process_cpu_ms']:.0f} ms: {row['text'][:70]!r}"
    )
    lines: list[tuple[float, str]] = []
    for step, a, b, thread, cpu in row["events"]:
        lines.append((a, f"{_ms(a - t0)} -> {_ms(b - t0)}  {step:<30} {thread:<12} cpu {_ms(cpu)}"))
    for i, (a, b) in enumerate(row["calls"]):
        lines.append((a, f"{_ms(a - t0)} -> {_ms(b - t0)}  [server] model call {i + 1}"))
    lines.append((row["first"], f"{_ms(row['first'] - t0)}             first token"))
    lines.append((row["last"], f"{_ms(row['last'] - t0)}             last token"))
    lines.append((row["done"], f"{_ms(row['done'] - t0)}             recorded (turn ends)"))
    for _, text in sorted(lines):
        print("  " + text)


def _segments(row: dict[str, Any]) -> dict[str, float]:
    """The turn's wall time outside model calls, cut where the steps hand over (turns with
    a reader call and a voice call only)."""
    ev = {e[0]: e for e in row["events"]}
    calls = row["calls"]
    if len(calls) < 2 or "READ (whole step)" not in ev or "voice prompt" not in ev:
        return {}
    (r_in, r_out), (v_in, v_out) = calls[0], calls[1]
    reading_end = ev["offline reading"][2] if "offline reading" in ev else r_out
    prompt_end = ev["voice prompt"][2]
    return {
        "turn start -> reader call arrives": (r_in - row["t0"]) * 1000,
        "offline reading ends after the reader's reply": max(0.0, reading_end - r_out) * 1000,
        "reader's reply -> read step ends": (ev["READ (whole step)"][2] - r_out) * 1000,
        "read step ends -> voice prompt built": (prompt_end - ev["READ (whole step)"][2]) * 1000,
        "voice prompt built -> voice call arrives": (v_in - prompt_end) * 1000,
        "voice reply written -> first token": (row["first"] - v_out) * 1000,
        "first token -> last token": (row["last"] - row["first"]) * 1000,
        "last token -> recorded": (row["done"] - row["last"]) * 1000,
    }


def summary(rows: list[dict[str, Any]]) -> None:
    steps: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    for row in rows:
        for step, a, b, _, cpu in row["events"]:
            steps.setdefault(step, []).append((b - a) * 1000)
            cpus.setdefault(step, []).append(cpu * 1000)
    print(f"{'step':<32} {'n':>4} {'wall p50':>9} {'p95':>7} {'cpu p50':>8} {'p95':>7}")
    for step, values in steps.items():
        c = cpus[step]
        print(
            f"{step:<32} {len(values):>4} {_percentile(values, 0.5):9.1f} "
            f"{_percentile(values, 0.95):7.1f} {_percentile(c, 0.5):8.1f} "
            f"{_percentile(c, 0.95):7.1f}"
        )
    # after the reader's reply: how long the read step went on waiting for the rest
    after = []
    for row in rows:
        reads = [e for e in row["events"] if e[0] == "READ (whole step)"]
        if row["calls"] and reads:
            after.append(max(0.0, reads[0][2] - row["calls"][0][1]) * 1000)
    if after:
        print(
            f"read step ends after the reader's reply: p50 {_percentile(after, 0.5):.1f} / "
            f"p95 {_percentile(after, 0.95):.1f} ms"
        )
    segments: dict[str, list[float]] = {}
    for row in rows:
        for name, ms in _segments(row).items():
            segments.setdefault(name, []).append(ms)
    for name, values in segments.items():
        print(
            f"{name:<52} p50 {_percentile(values, 0.5):6.1f} / p95 "
            f"{_percentile(values, 0.95):6.1f} ms (n {len(values)})"
        )
    over = [r["overhead_ms"] for r in rows]
    print(
        f"agent overhead p50 {_percentile(over, 0.5):.1f} / p95 {_percentile(over, 0.95):.1f} ms "
        f"over {len(rows)} turns; process CPU per turn p50 "
        f"{statistics.median(r['process_cpu_ms'] for r in rows):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per model call")
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--show", type=int, default=3, help="timelines of the slowest turns")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mlsd-bench-trace-") as tmp:
        rows = run(args.latency, args.turns, Path(tmp))
    summary(rows)
    for row in sorted(rows, key=lambda r: -r["overhead_ms"])[: args.show]:
        show_turn(row)


if __name__ == "__main__":
    main()
