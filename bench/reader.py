"""Offline reader figures: accuracy per message kind on tests/data/reader_cases.yaml, signal
precision/recall, and per-message latency after warm-up.

    .venv/bin/python bench/reader.py
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from pathlib import Path

import yaml

from agent.catalog import rubric
from agent.phases import Phase
from agent.problems import ProblemCard
from agent.readers.offline import OfflineReader
from agent.reading import ReadContext
from agent.rubric import Rubric
from agent.signals import SignalDetector

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "reader_cases.yaml"
HELDOUT = Path(__file__).resolve().parent / "data" / "reader_heldout.txt"


def main() -> None:
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    cards = {k: ProblemCard.model_validate(v) for k, v in data["cards"].items()}
    rub = rubric()
    reader = OfflineReader()

    def ctx(case: dict) -> ReadContext:
        return ReadContext(
            phase=Phase(case.get("phase", "clarify")),
            card=cards[case.get("card", "payments")],
            rubric=rub,
        )

    t0 = time.perf_counter()
    for card in cards.values():
        reader.read(
            "What is the latency requirement for this?",
            ReadContext(phase=Phase.CLARIFY, card=card, rubric=rub),
        )
    print(f"warm-up (model load + caches): {time.perf_counter() - t0:.2f} s")

    per_kind: dict[str, list[bool]] = defaultdict(list)
    latencies: list[float] = []
    for case in data["messages"]:
        t = time.perf_counter()
        r = reader.read(case["text"], ctx(case))
        latencies.append((time.perf_counter() - t) * 1000)
        ok = r.kind.value == case["kind"]
        if ok and "facts" in case:
            ok = set(case["facts"]) <= set(r.fact_topics)
        if ok and "meta" in case:
            ok = r.meta is not None and r.meta.value == case["meta"]
        if ok and case.get("unanswerable"):
            ok = r.unanswerable
        per_kind[case["kind"]].append(ok)
        if not ok:
            print(
                f"  MISS {case['kind']:>20} got {r.kind.value:<20} "
                f"facts={r.fact_topics} meta={r.meta} | {case['text'][:70]!r}"
            )
    print("reader accuracy per kind:")
    for kind, oks in sorted(per_kind.items()):
        print(f"  {kind:<20} {sum(oks)}/{len(oks)} = {sum(oks) / len(oks):.2f}")
    caught = 0
    for text in data["manipulation"]:
        r = reader.read(text, ctx({}))
        caught += r.kind.value == "manipulation"
        if r.kind.value != "manipulation":
            print(f"  MISSED manipulation: {text!r} -> {r.kind.value}")
    print(f"manipulation phrasings caught: {caught}/{len(data['manipulation'])}")

    detector = SignalDetector(rub)
    tp = fp = fn = 0
    for case in data["signals"]:
        found = {h.signal_id for h in detector.detect(case["text"])}
        expect, ok = set(case["expect"]), set(case.get("ok", []))
        tp += len(found & expect)
        fn += len(expect - found)
        extra = found - expect - ok
        fp += len(extra)
        if expect - found or extra:
            print(
                f"  signals {case['text'][:60]!r}: "
                f"missing {sorted(expect - found)} extra {sorted(extra)}"
            )
    print(
        f"signals: precision {tp / max(1, tp + fp):.3f} recall {tp / max(1, tp + fn):.3f} "
        f"(tp={tp} fp={fp} fn={fn})"
    )

    heldout(reader, rub)

    typical = [c["text"] for c in data["messages"] if len(c["text"].split()) >= 4]
    times, cpu = [], []
    for _ in range(3):
        for text in typical:
            t, c = time.perf_counter(), time.process_time()
            reader.read(text, ctx({}))
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
    times.sort()
    print(
        f"latency per message (n={len(times)}): p50 {statistics.median(times):.1f} ms, "
        f"p95 {times[int(0.95 * len(times)) - 1]:.1f} ms, max {times[-1]:.1f} ms; "
        f"CPU time p50 {statistics.median(cpu):.1f} ms (all threads)"
    )
    big = "We would monitor drift and retrain weekly. " * 2500
    t = time.perf_counter()
    r = reader.read(big, ctx({}))
    print(
        f"100 KB message: {(time.perf_counter() - t) * 1000:.1f} ms -> "
        f"{r.kind.value}, {r.word_count} words"
    )


def heldout(reader: OfflineReader, rub: Rubric) -> None:
    """Accuracy on messages about the real problem cards (bench/data/reader_heldout.txt)."""
    from agent.catalog import problems

    library = problems()
    lines = [
        line.split(" | ")
        for line in HELDOUT.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    ok = 0
    for card_id, phase, kind, text in lines:
        context = ReadContext(phase=Phase(phase), card=library.get(card_id), rubric=rub)
        got = reader.read(text, context).kind.value
        ok += got == kind
        if got != kind:
            print(f"  held-out MISS {kind} -> {got}: {text[:70]!r}")
    print(f"held-out messages on real cards: {ok}/{len(lines)}")


if __name__ == "__main__":
    main()
