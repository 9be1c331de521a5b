"""Grader calibration: the project's reference answers (dev) and the blind graded answers (test).

dev: tests/calibration/ (written by the project; the scoring thresholds were chosen on it, so
its figures are tuning figures): pairwise ordering (full answer above each ablation), drop
rate of the ablated dimension, Spearman and Kendall against the reference grades.

blind: tests/blind/answers-c*/ (blind helpers' answers and reference grades, frozen; a batch
read while tuning is reported as a tuning figure, see LOOKED_AT):
keyword-only and dismissive answers must grade <= 2.0 overall while the same design in terse
notes stays >= 3; keyword stuffing may lift a weak answer by <= 0.3; removing one whole
section of a strong answer must lower that dimension (>= 0.8 of cases) and the total (>= 0.9);
Spearman and Kendall against the blind reference grades per dimension and overall.

    python -m bench.calibration
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from agent.grading.offline import OfflineGrader
from agent.grading.recap import Recap
from tests.support.calibration import evaluate_calibration, run_reference_set

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


BLIND = Path(__file__).resolve().parent.parent / "tests" / "blind" / "answers-c"
DEV_ADVERSARIAL = ROOT / "adversarial"
SECTION_DIMENSION = {
    "clarifying": "problem_framing",
    "data": "data",
    "features": "features",
    "model": "modeling",
    "metrics": "metrics",
    "training": "training",
    "evaluation": "evaluation",
    "deployment": "deployment",
}


def _sections(text: str) -> list[tuple[str, str]]:
    parts = re.split(r"(?m)^(?=## )", text)
    return [(p.split("\n", 1)[0][3:].strip().lower(), p) for p in parts]


def _share(values: list[float], ok: Callable[[float], bool]) -> str:
    return f"{sum(ok(x) for x in values)}/{len(values)}"


def graded_answers(grader: OfflineGrader, folder: Path = BLIND) -> dict[str, object]:
    """Figures on a folder of graded answers (manifest.jsonl beside the answers)."""
    from agent.content.bundle import load_content
    from tests.support.calibration import kendall_tau_b, spearman

    rubric = load_content().rubric
    problems = load_content().problems
    items = [
        json.loads(line)
        for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    dims = [d.id for d in rubric.dimensions]
    overall: dict[tuple[str, str], float] = {}
    got: list[float] = []
    ref: list[float] = []
    got_overall: list[float] = []
    ref_overall: list[float] = []
    per_dim: dict[str, tuple[list[float], list[float]]] = {d: ([], []) for d in dims}
    recaps: dict[tuple[str, str], Recap] = {}
    for it in items:
        text = (folder / it["file"]).read_text(encoding="utf-8")
        recap = grader.grade_answer(text, problems.get(it["problem"]), rubric)
        scores = {d.id: d.score for d in recap.dimensions}
        overall[(it["problem"], it["variant"])] = recap.overall
        recaps[(it["problem"], it["variant"])] = recap
        for d in dims:
            got.append(scores[d])
            ref.append(it["grades"][d])
            per_dim[d][0].append(scores[d])
            per_dim[d][1].append(it["grades"][d])
        got_overall.append(recap.overall)
        ref_overall.append(sum(it["grades"].values()) / len(dims))
    problems_seen = sorted({p for p, _ in overall})

    def variant(v: str) -> list[float]:
        return [overall[(p, v)] for p in problems_seen if (p, v) in overall]

    low = variant("keywords") + variant("dismissive")
    lifts = [
        overall[(p, "weak_stuffed")] - overall[(p, "weak")]
        for p in problems_seen
        if (p, "weak_stuffed") in overall and (p, "weak") in overall
    ]
    dim_lower = total_lower = cases = 0
    for p in problems_seen:
        card = problems.get(p)
        strong = folder / p / "strong.md"
        if not strong.exists():
            continue
        text = strong.read_text(encoding="utf-8")
        full = recaps.get((p, "strong")) or grader.grade_answer(text, card, rubric)
        full_dims = {d.id: d.score for d in full.dimensions}
        sections = _sections(text)
        for i, (title, _) in enumerate(sections):
            dim = next((d for k, d in SECTION_DIMENSION.items() if title.startswith(k)), None)
            if dim is None:
                continue
            cut = "".join(body for j, (_, body) in enumerate(sections) if j != i)
            ablated = grader.grade_answer(cut, card, rubric)
            cases += 1
            dim_lower += {d.id: d.score for d in ablated.dimensions}[dim] < full_dims[dim]
            total_lower += ablated.overall < full.overall
    out: dict[str, object] = {
        "answers": len(items),
        "mean overall by variant": {
            v: round(sum(variant(v)) / len(variant(v)), 2)
            for v in sorted({v for _, v in overall})
            if variant(v)
        },
        "keyword-only and dismissive graded <= 2.0 (goal: all)": _share(low, lambda x: x <= 2),
        "terse notes graded >= 3 (goal: all)": _share(variant("terse"), lambda x: x >= 3),
        "keyword stuffing lift, max (goal <= 0.3)": round(max(lifts), 2) if lifts else None,
        "keyword stuffing lift, mean": round(sum(lifts) / len(lifts), 2) if lifts else None,
        "section removed: that dimension lower (goal >= 0.8)": round(dim_lower / cases, 3)
        if cases
        else None,
        "section removed: total lower (goal >= 0.9)": round(total_lower / cases, 3)
        if cases
        else None,
        "sections removed": cases,
        "spearman (answer x dimension)": round(spearman(got, ref), 3),
        "kendall tau-b (answer x dimension)": round(kendall_tau_b(got, ref), 3),
        "spearman (overall)": round(spearman(got_overall, ref_overall), 3),
        "kendall tau-b (overall)": round(kendall_tau_b(got_overall, ref_overall), 3),
    }
    out["spearman by dimension"] = {
        d: round(spearman(a, b), 2) for d, (a, b) in per_dim.items() if len(set(b)) > 1
    }
    return out


# Blind batches that were scored once and then read while tuning the grader: their figures
# are tuning figures from then on. A batch not listed here is a test batch.
LOOKED_AT = frozenset(
    {
        "answers-c",
        "answers-c2",
        "answers-c3",
        "answers-c4",
        "answers-c5",
        "answers-c6",
        "answers-c7",
        "answers-c8",
        "answers-c9",
        "answers-c10",  # read by the grading engineers of 2026-11-29 (sixth)
        "answers-c14",  # named dev in the README after the tenth session's stuffing fix
        "answers-c15",  # read by grading8 (2026-11-30) while tuning the woven-list reading
        "answers-c11",  # each scored once, then read as dev by later grading passes
        "answers-c12",
        "answers-c13",
        "answers-c16",
        "answers-c17",
        "answers-c18",
        "answers-c19",
        "answers-c20",
        "answers-c21",
        "answers-c22",
        "answers-c23",  # scored once in the eighteenth session, read by recap17 (nineteenth)
        "answers-c24",  # scored once in the nineteenth session, read by grader20 (twentieth)
    }
)


def blind_batches() -> list[str]:
    """Every graded blind batch (tests/blind/answers-c*), in the order they were written."""
    found = [p.name for p in BLIND.parent.glob("answers-c*") if (p / "manifest.jsonl").is_file()]
    return sorted(found, key=lambda n: (len(n), n))


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args(argv or [])
    grader = OfflineGrader()
    out = {f"dev (tests/calibration, tuning figures): {k}": v for k, v in figures(grader).items()}
    adversarial = graded_answers(grader, DEV_ADVERSARIAL)
    out.update(
        {f"dev (adversarial answers, tuning figures): {k}": v for k, v in adversarial.items()}
    )
    for batch in blind_batches():
        found = graded_answers(grader, BLIND.parent / batch)
        split = (
            f"tuning (blind {batch}, scored once, then looked at)"
            if batch in LOOKED_AT
            else f"test (blind {batch})"
        )
        out.update({f"{split}: {k}": v for k, v in found.items()})
    return out


if __name__ == "__main__":
    import sys

    for k, v in main(sys.argv[1:]).items():
        print(f"{k:<44} {v}")
