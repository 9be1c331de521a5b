"""Do the grades mean something? Agreement of a grader with graded reference answers.

The reference set (tests/calibration/manifest.yaml) holds, per problem, a strong answer and
variants that drop or spoil exactly one rubric dimension, each with reference grades given
by a human-like judge. Figures:

- pairwise ordering accuracy: share of (full, ablated) pairs where the full answer's overall
  score is strictly higher;
- drop rate: share of ablated variants whose ablated dimension scores strictly lower than in
  the full answer (overall and per dimension);
- Spearman and Kendall (tau-b) correlation between grader and reference scores, over every
  (answer, dimension) pair and over overall scores.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from agent.content.files import load_model
from agent.grading.recap import Recap


class CalibrationItem(BaseModel):
    file: str
    problem: str
    variant: str
    ablated: str | None = None
    note: str = ""
    held_out: bool = False  # written after the grader was tuned; never used to tune it
    grades: dict[str, int]


class CalibrationManifest(BaseModel):
    version: str
    about: str = ""
    items: list[CalibrationItem] = Field(min_length=1)


def load_manifest(path: Path) -> CalibrationManifest:
    return load_model(path, CalibrationManifest)


# -- rank statistics (scipy when installed, else plain Python) ---------------------------


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _pearson(x: Sequence[float], y: Sequence[float]) -> float:
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return float("nan")
    return sxy / math.sqrt(sxx * syy)


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    try:
        from scipy.stats import spearmanr
    except ImportError:
        return _pearson(_ranks(x), _ranks(y))
    return float(spearmanr(x, y).statistic)


def kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    try:
        from scipy.stats import kendalltau
    except ImportError:
        pass
    else:
        return float(kendalltau(x, y).statistic)
    concordant = discordant = tie_x = tie_y = 0
    n = len(x)
    for i in range(n):
        for j in range(i + 1, n):
            dx, dy = x[i] - x[j], y[i] - y[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                tie_x += 1
            elif dy == 0:
                tie_y += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    denom = math.sqrt((concordant + discordant + tie_x) * (concordant + discordant + tie_y))
    return (concordant - discordant) / denom if denom else float("nan")


# -- running a grader over the set --------------------------------------------------------


class CalibrationResult(BaseModel):
    pairs: int
    pairwise_accuracy: float
    drop_rate: float
    drop_rate_by_dimension: dict[str, float]
    spearman_dimensions: float
    kendall_dimensions: float
    spearman_overall: float
    kendall_overall: float
    # share of (ablated, weak) pairs of a problem where the shallow answer scores lower
    weak_below_ablated: float | None = None
    exact_agreement: float  # share of (answer, dimension) scores equal to the reference
    within_one: float
    failures: list[str] = Field(default_factory=list)  # pairs that broke ordering or drop


def evaluate_calibration(
    manifest: CalibrationManifest, recaps: dict[str, Recap]
) -> CalibrationResult:
    """Compare grader recaps (keyed by manifest file) with the reference grades."""
    full = {i.problem: recaps[i.file] for i in manifest.items if i.variant == "full"}
    pairs = ordered = dropped = 0
    by_dim: dict[str, list[bool]] = {}
    failures: list[str] = []
    for item in manifest.items:
        if item.ablated is None or item.problem not in full:
            continue
        got, ref = recaps[item.file], full[item.problem]
        pairs += 1
        ok_order = ref.overall > got.overall
        ok_drop = got.score(item.ablated) < ref.score(item.ablated)
        ordered += ok_order
        dropped += ok_drop
        by_dim.setdefault(item.ablated, []).append(ok_drop)
        if not ok_order:
            failures.append(f"{item.file}: overall {got.overall} not below full {ref.overall}")
        if not ok_drop:
            failures.append(
                f"{item.file}: {item.ablated} {got.score(item.ablated)} "
                f"not below full {ref.score(item.ablated)}"
            )
    weak_pairs = weak_ok = 0
    for weak in (i for i in manifest.items if i.variant == "weak"):
        for item in manifest.items:
            if item.problem == weak.problem and item.variant not in ("weak",):
                weak_pairs += 1
                weak_ok += recaps[weak.file].overall < recaps[item.file].overall
                if recaps[weak.file].overall >= recaps[item.file].overall:
                    failures.append(f"{weak.file}: overall not below {item.file}")
    xs: list[float] = []
    ys: list[float] = []
    ox: list[float] = []
    oy: list[float] = []
    for item in manifest.items:
        recap = recaps[item.file]
        for dim, grade in sorted(item.grades.items()):
            xs.append(float(recap.score(dim)))
            ys.append(float(grade))
        ox.append(recap.overall)
        oy.append(sum(item.grades.values()) / len(item.grades))
    return CalibrationResult(
        pairs=pairs,
        pairwise_accuracy=round(ordered / pairs, 4) if pairs else 0.0,
        drop_rate=round(dropped / pairs, 4) if pairs else 0.0,
        drop_rate_by_dimension={d: round(sum(v) / len(v), 4) for d, v in sorted(by_dim.items())},
        spearman_dimensions=round(spearman(xs, ys), 4),
        kendall_dimensions=round(kendall_tau_b(xs, ys), 4),
        spearman_overall=round(spearman(ox, oy), 4),
        kendall_overall=round(kendall_tau_b(ox, oy), 4),
        weak_below_ablated=round(weak_ok / weak_pairs, 4) if weak_pairs else None,
        exact_agreement=round(sum(a == b for a, b in zip(xs, ys, strict=True)) / len(xs), 4),
        within_one=round(sum(abs(a - b) <= 1 for a, b in zip(xs, ys, strict=True)) / len(xs), 4),
        failures=failures,
    )


def run_reference_set(
    root: Path, grader: object | None = None, concurrency: int = 2
) -> tuple[CalibrationManifest, dict[str, Recap], CalibrationResult]:
    """Grade every answer of root/manifest.yaml with the real cards and rubric; compare."""
    from agent.content.bundle import load_content
    from agent.grading.batch import run_batch
    from agent.grading.inputs import answer_item
    from agent.grading.offline import OfflineGrader

    manifest = load_manifest(root / "manifest.yaml")
    g = grader or OfflineGrader()
    items = [
        answer_item((root / i.file).read_text(encoding="utf-8"), i.file, i.problem)
        for i in manifest.items
    ]
    results = run_batch(
        items,
        g,
        load_content().problems,
        load_content().rubric,
        concurrency=concurrency,  # type: ignore[arg-type]
    )
    failed = [f"{r.item}: {r.error}" for r in results if r.recap is None]
    if failed:
        raise RuntimeError("calibration items failed: " + "; ".join(failed))
    recaps = {r.item: r.recap for r in results if r.recap is not None}
    return manifest, recaps, evaluate_calibration(manifest, recaps)
