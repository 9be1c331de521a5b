"""Grader calibration on the reference answers in tests/calibration/.

Prints pairwise ordering accuracy (full answer above each ablation), the drop rate of the
ablated dimension (overall and per dimension), Spearman and Kendall correlation with the
reference grades, and how often a score equals / is within one of the reference.

    python bench/calibration.py                # the default offline grader (rubric cues)
    python bench/calibration.py --embeddings   # also cues + MiniLM similarity, for comparison
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from agent.grading.calibration import evaluate_calibration, run_reference_set
from agent.grading.offline import OfflineGrader

ROOT = Path(__file__).resolve().parent.parent / "tests" / "calibration"


def figures(grader: OfflineGrader) -> dict[str, object]:
    started = time.perf_counter()
    manifest, recaps, result = run_reference_set(ROOT, grader)
    held = manifest.model_copy(update={"items": [i for i in manifest.items if i.held_out]})
    held_result = evaluate_calibration(held, recaps) if held.items else None
    out: dict[str, object] = {
        "answers": len(manifest.items),
        "pairs (full vs ablated)": result.pairs,
        "pairwise ordering accuracy": result.pairwise_accuracy,
        "ablated dimension drop rate": result.drop_rate,
        "drop rate by dimension": result.drop_rate_by_dimension,
        "spearman (answer x dimension)": result.spearman_dimensions,
        "kendall tau-b (answer x dimension)": result.kendall_dimensions,
        "spearman (overall)": result.spearman_overall,
        "kendall tau-b (overall)": result.kendall_overall,
        "weak answer below full/ablated": result.weak_below_ablated,
        "exact agreement with reference": result.exact_agreement,
        "within one level of reference": result.within_one,
        "failures": len(result.failures),
        "seconds": round(time.perf_counter() - started, 2),
    }
    if held_result is not None:
        out["held-out answers"] = len(held.items)
        out["held-out pairwise ordering accuracy"] = held_result.pairwise_accuracy
        out["held-out drop rate"] = held_result.drop_rate
        out["held-out weak below full/ablated"] = held_result.weak_below_ablated
        out["held-out spearman (answer x dimension)"] = held_result.spearman_dimensions
        out["held-out kendall tau-b (answer x dimension)"] = held_result.kendall_dimensions
    return out


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embeddings", action="store_true", help="also grade with embeddings")
    args = parser.parse_args(argv or [])
    out = figures(OfflineGrader())
    if args.embeddings:
        for key, value in figures(OfflineGrader(embeddings=True)).items():
            out[f"embeddings: {key}"] = value
    return out


if __name__ == "__main__":
    import sys

    for k, v in main(sys.argv[1:]).items():
        print(f"{k:<44} {v}")
