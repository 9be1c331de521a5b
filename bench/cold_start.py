"""The cold first turn: what a fresh process pays before its first answer.

    python -m bench.cold_start [--runs 5] [--before REF]

Each run is a fresh Python process that times, from inside, `from agent import Interview`,
`Interview(...)`, `.start()` and the first `.respond(...)`, for two first turns:
- no_retrieval: a clarifying question, answered from the problem card (no store needed);
- retrieval: an answer the interviewer probes, grounded in the store (built beforehand,
  not timed): the shipped corpus searched in memory (since 2026-11-30, seventeenth pass,
  without importing chromadb; `chromadb_imported` says whether the process imported it).
Figures are medians over the runs, in ms; `process_ms` is the whole process, interpreter
start-up included. The package's modules are read from bytecode, compiled beforehand as an
installed package's are (bench/bytecode.py; until 2026-11-30 this box's processes compiled
them from source, about 0.1 s of CPU more). `--before REF` measures the same program against
the code of a git revision (exported with `git archive` into a temporary folder),
interleaving its runs with the current code's, and prints both with the load average at the
end.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bytecode import installed

REPO = Path(__file__).resolve().parent.parent

CASES = {
    "no_retrieval": "What is the business goal?",
    "retrieval": "I would train a gradient boosted tree model on transaction features.",
}

CHILD = """
import json, sys, time
t0 = time.perf_counter()
from agent import Interview
from agent.decide.clock import SimulatedClock
t1 = time.perf_counter()
iv = Interview("fraud-detection", seed=1, clock=SimulatedClock())
iv.start()
t2 = time.perf_counter()
iv.respond(sys.argv[1])
t3 = time.perf_counter()
last = iv.transcript.turns[-1]
import threading
for thread in threading.enumerate():  # the side work the process waits for at exit
    if not thread.daemon and thread is not threading.current_thread():
        thread.join(timeout=240)
print(json.dumps({
    "import_ms": (t1 - t0) * 1000, "start_ms": (t2 - t1) * 1000,
    "respond_ms": (t3 - t2) * 1000, "total_ms": (t3 - t0) * 1000,
    "retrieved": len(last.retrieved), "chromadb": "chromadb" in sys.modules,
}))
"""


def _run(code_root: Path, data_dir: Path, text: str, base: dict[str, str]) -> dict[str, float]:
    env = {
        **base,
        "PYTHONPATH": str(code_root),
        "MLSD_DATA_DIR": str(data_dir),
        "ANONYMIZED_TELEMETRY": "False",
    }
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, text],
        capture_output=True,
        text=True,
        env=env,
        cwd=data_dir,
        check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["process_ms"] = (time.perf_counter() - started) * 1000
    return figures


def _build_index(code_root: Path, data_dir: Path) -> None:
    build = "from agent.knowledge.store import KnowledgeStore; KnowledgeStore.open().ensure_index()"
    env = {**os.environ, "PYTHONPATH": str(code_root), "MLSD_DATA_DIR": str(data_dir)}
    subprocess.run([sys.executable, "-c", build], env=env, cwd=data_dir, check=True)


def measure(code_roots: dict[str, Path], runs: int) -> dict[str, dict[str, dict[str, object]]]:
    """Median figures per code root and case. With several roots the runs interleave (one
    run of each root in turn, the order rotating), so a shared box's changing load falls on
    all of them alike."""
    samples: dict[str, dict[str, list[dict[str, float]]]] = {
        name: {case: [] for case in CASES} for name in code_roots
    }
    with tempfile.TemporaryDirectory(prefix="mlsd-bench-cold-") as tmp:
        data_dirs = {}
        for n, (name, root) in enumerate(code_roots.items()):
            data_dirs[name] = Path(tmp) / str(n)
            data_dirs[name].mkdir()
            _build_index(root, data_dirs[name])
        names = list(code_roots)
        envs = {name: installed(root) for name, root in code_roots.items()}
        for case, text in CASES.items():
            for run in range(runs):
                for name in names[run % len(names) :] + names[: run % len(names)]:
                    samples[name][case].append(
                        _run(code_roots[name], data_dirs[name], text, envs[name])
                    )
    results: dict[str, dict[str, dict[str, object]]] = {}
    for name in names:
        results[name] = {}
        for case in CASES:
            got = samples[name][case]
            row: dict[str, object] = {
                key: round(statistics.median(s[key] for s in got), 1)
                for key in ("import_ms", "start_ms", "respond_ms", "total_ms", "process_ms")
            }
            row["retrieved"] = got[0]["retrieved"]
            row["chromadb_imported"] = got[0]["chromadb"]
            results[name][case] = row
    return results


def _export(ref: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", ref], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def main(runs: int = 5, before: str | None = None) -> dict[str, object]:
    figures: dict[str, object] = {"goal_total_ms": 300, "runs": runs}
    if not before:
        for case, row in measure({"after": REPO}, runs)["after"].items():
            figures[case] = row
        return figures
    with tempfile.TemporaryDirectory(prefix="mlsd-bench-cold-src-") as src:
        measured = measure({"after": REPO, "before": _export(before, Path(src))}, runs)
    figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
    for case in CASES:
        figures[f"after_{case}"] = measured["after"][case]
        figures[f"before_{case} ({before})"] = measured["before"][case]
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", help="git revision to measure as the baseline")
    args = parser.parse_args()
    for key, value in main(args.runs, args.before).items():
        print(f"{key:<36} {value}")
