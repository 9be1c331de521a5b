"""Per-turn latency of the offline interviewer over a 40-turn script.

    python -m bench.turns

A turn is the whole read -> decide -> ground -> speak -> record step, including the atomic
save of the transcript, as `Interview.respond` runs it. Figures:
- cold_first_turn_ms: in a fresh process (a subprocess), from importing the interview to
  the first candidate turn's reply: the import, `Interview(...)`, `start()` and the turn,
  which loads the embedding model and searches the shipped corpus in memory (the model's
  load begins at the import, on a side thread, so timing the turn alone would leave it out);
  the package's modules are read from bytecode, as an installed package's are
  (bench/bytecode.py; until 2026-11-30 this box's process compiled them from source);
- p50_ms / p95_ms / max_ms: the 40 scripted turns in a warm process (models loaded, the
  first turn excluded); cpu_p50_ms / cpu_p95_ms: the process's CPU time over the same
  turns (all its threads; steadier than wall time when other jobs share the cores);
- read_p50_ms / ground_p50_ms / save_p50_ms: the median of each step inside those turns
  (the reader; retrieval, on turns whose move retrieves; one transcript save, of which a
  turn makes two: a journal line written, its disk sync done on a side thread);
- slowest: the turns at or above the CPU p95, each with its words, the sentence model's
  calls, token slots (padded) and CPU, and the rest of the turn's CPU: where the p95 goes.
The index is built beforehand in a temporary data dir and is not part of any figure.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PERSONAS = REPO / "tests" / "personas"
SCRIPT_TURNS = 40
PROBLEM = "fraud-detection"


def script() -> list[str]:
    """40 candidate turns mixing every persona: questions, answers, claims, noise."""
    from agent.commands.chat import parse_script

    # The strong candidate comes last: it walks every phase and would end the interview.
    names = [
        "wrongclaim_fraud.txt",
        "manipulator_fraud.txt",
        "offtopic_video.txt",
        "silent_video.txt",
        "jumper_video.txt",
        "rambler_fraud.txt",
        "strong_fraud.txt",
    ]
    turns: list[str] = []
    for name in names:
        turns += parse_script((PERSONAS / name).read_text(encoding="utf-8"))
    while len(turns) < SCRIPT_TURNS:
        turns += turns
    return turns[:SCRIPT_TURNS]


def _settings(data_dir: Path):
    from agent.settings import Settings

    # A long clock, so all 40 turns stay in the interview flow instead of wrapping up.
    return Settings(data_dir=data_dir, interview_minutes=240.0, chroma_host=None)


def _interview(data_dir: Path):
    from agent.decide.clock import SimulatedClock
    from agent.interview import Interview

    settings = _settings(data_dir)
    return Interview(PROBLEM, "offline", settings=settings, clock=SimulatedClock(), seed=1)


def _timed(interview, text: str, cpu: list[float] | None = None) -> float:
    started, cpu_started = time.perf_counter(), time.process_time()
    interview.respond(text)
    if cpu is not None:
        cpu.append((time.process_time() - cpu_started) * 1000)
    return (time.perf_counter() - started) * 1000


def _time_steps(interview) -> dict[str, list[float]]:
    """Wrap the reader, the retrieval and the transcript save to time each step."""
    steps: dict[str, list[float]] = {"read": [], "ground": [], "save": []}

    def timed(name, fn, only_if=lambda *a: True):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                if only_if(*args):
                    steps[name].append((time.perf_counter() - started) * 1000)

        return wrapper

    from agent.decide.moves import MoveKind

    retrieving = {MoveKind.PROBE, MoveKind.HINT, MoveKind.STEER, MoveKind.ADVANCE}
    reader = interview.backend.reader
    reader.read = timed("read", reader.read)
    guidance = interview._guidance
    guidance.ground = timed("ground", guidance.ground, lambda move, *a: move.kind in retrieving)
    turn_steps = interview._steps
    turn_steps.save = timed("save", turn_steps.save)
    return steps


def _count_model() -> dict[str, float]:
    """Count the shared sentence model's calls, padded token slots and CPU (the process's,
    over each call) into the returned dict, which the caller resets per turn."""
    from agent.knowledge.embedding import get_embedder

    embedder = get_embedder()
    counts = {"calls": 0.0, "slots": 0.0, "cpu_ms": 0.0}
    run = embedder._embed_batch

    def counted(token_ids):
        started = time.process_time()
        try:
            return run(token_ids)
        finally:
            counts["cpu_ms"] += (time.process_time() - started) * 1000
            counts["calls"] += 1
            counts["slots"] += len(token_ids) * max(len(t) for t in token_ids)

    embedder._embed_batch = counted
    return counts


def _slowest(texts: list[str], cpu: list[float], model: list[dict[str, float]]) -> list[dict]:
    """The turns whose CPU is at or above the p95, slowest first."""
    bar = _percentile(cpu, 0.95)
    rows = []
    for i in sorted(range(len(cpu)), key=lambda i: -cpu[i]):
        if cpu[i] < bar:
            break
        rows.append(
            {
                "turn": i,
                "words": len(texts[i].split()),
                "cpu_ms": round(cpu[i], 1),
                "model_calls": int(model[i]["calls"]),
                "model_slots": int(model[i]["slots"]),
                "model_cpu_ms": round(model[i]["cpu_ms"], 1),
                "rest_cpu_ms": round(cpu[i] - model[i]["cpu_ms"], 1),
            }
        )
    return rows


def cold_first_turn(data_dir: Path, text: str) -> float:
    """Run in a fresh process: import, build and start an interview and answer its first
    candidate turn (`text`, given by the parent: the script parser is part of the package);
    the time of all of it."""
    started = time.perf_counter()
    interview = _interview(data_dir)
    interview.start()
    interview.respond(text)
    return (time.perf_counter() - started) * 1000


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main() -> dict:
    from agent.knowledge.store import KnowledgeStore
    from bench.bytecode import installed

    with tempfile.TemporaryDirectory(prefix="mlsd-bench-turns-") as tmp:
        data_dir = Path(tmp)
        KnowledgeStore.open(_settings(data_dir)).ensure_index()  # not timed
        env = {**installed(REPO), "ANONYMIZED_TELEMETRY": "False"}
        cold = subprocess.run(
            [sys.executable, __file__, "--cold", str(data_dir), script()[0]],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        cold_ms = json.loads(cold.stdout.strip().splitlines()[-1])["cold_first_turn_ms"]

        interview = _interview(data_dir)
        steps = _time_steps(interview)
        interview.start()
        _timed(interview, "What is the business goal?")  # warm-up, excluded
        for values in steps.values():
            values.clear()
        counts = _count_model()
        cpu: list[float] = []
        model: list[dict[str, float]] = []
        times = []
        texts = script()
        for text in texts:
            counts.update(calls=0.0, slots=0.0, cpu_ms=0.0)
            times.append(_timed(interview, text, cpu))
            model.append(dict(counts))
        moves = {}
        for turn in interview.transcript.turns:
            if turn.role == "interviewer" and turn.move is not None:
                moves[str(turn.move.kind)] = moves.get(str(turn.move.kind), 0) + 1
    return {
        "turns": len(times),
        "cold_first_turn_ms": round(cold_ms, 1),
        "p50_ms": round(_percentile(times, 0.50), 1),
        "p95_ms": round(_percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "mean_ms": round(statistics.fmean(times), 1),
        # CPU time of the process over each turn: steadier than wall time on a shared box
        "cpu_p50_ms": round(_percentile(cpu, 0.50), 1),
        "cpu_p95_ms": round(_percentile(cpu, 0.95), 1),
        # where a turn's time goes (p50 per step; ground only on turns that retrieve)
        "read_p50_ms": round(_percentile(steps["read"], 0.5), 1),
        "ground_p50_ms": round(_percentile(steps["ground"], 0.5), 1),
        "save_p50_ms": round(_percentile(steps["save"], 0.5), 1),
        "moves": moves,
        "slowest": _slowest(texts, cpu, model),
    }


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--cold":
        cold = cold_first_turn(Path(sys.argv[2]), sys.argv[3])
        print(json.dumps({"cold_first_turn_ms": cold}))
    else:
        for key, value in main().items():
            print(f"{key:<20} {value}")
