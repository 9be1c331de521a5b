"""Run every benchmark and print the figures in one table: `python -m bench.run`.

Each bench/<name>.py exposes main() -> dict of figures and can also be run alone.
Results are also written to bench/out/results.json. Use --only NAME[,NAME] to pick some.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent

# In the order a reader wants them: our own work first, then the LLM-facing figures.
BENCHES: tuple[tuple[str, str], ...] = (
    ("index", "Index build: cold (empty store) and unchanged (second run)"),
    ("retrieval", "Retrieval quality on the labelled query set"),
    ("turns", "Offline interviewer: per-turn latency over a 40-turn script"),
    ("cold_start", "Cold first turn: import, Interview, start and first respond, fresh process"),
    ("ui_start", "The app as a new user meets it: mlsd ui to a usable page, first turn, Chromium"),
    ("autosave", "Autosave bytes and time per turn: whole-file rewrite vs journal"),
    ("understanding", "Understanding models: message kind, signals, wrong claims, manipulation"),
    ("grading", "Offline grading throughput"),
    ("calibration", "Grader calibration on reference answers"),
    ("recap_consistency", "Recaps: missing points repeated, or contradicted by a quote"),
    ("injection", "Prompt injection: leaks, declines and score change per channel"),
    ("llm_overhead", "LLM turn: first/last token, agent overhead vs model time waited on"),
    ("llm_tokens", "Prompt tokens per turn at turn 10 vs turn 40"),
)


def load(name: str) -> ModuleType:
    return importlib.import_module(f"bench.{name}")


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_fmt(v)}" for k, v in value.items())
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", help="comma-separated bench names")
    args = parser.parse_args(argv)
    chosen = set(args.only.split(",")) if args.only else None
    results: dict[str, object] = {}
    failed = 0
    for name, title in BENCHES:
        if chosen and name not in chosen:
            continue
        print(f"\n== {name}: {title}", flush=True)
        started = time.perf_counter()
        try:
            figures = load(name).main()
        except Exception:
            failed += 1
            traceback.print_exc()
            results[name] = {"error": traceback.format_exc(limit=1).strip().splitlines()[-1]}
            continue
        for key, value in figures.items():
            print(f"  {key:<38} {_fmt(value)}")
        print(f"  ({time.perf_counter() - started:.1f} s)")
        results[name] = figures
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str))
    print(f"\nwrote {out / 'results.json'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
