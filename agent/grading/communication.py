"""Communication, judged on the candidate alone (pure functions, no I/O).

Its own signals are blended with how many phases of the template the candidate covered and
in which order. Each phase never covered caps it one level lower (4 - missing); covering the
phases mostly out of order caps it at 2. How often the interviewer steered does not enter the
grade.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from agent.content.phases import PHASE_ORDER, Phase
from agent.content.rubric import Dimension, Rubric
from agent.grading.scoring import COMMUNICATION_ID, Evidence, coverage_of

# communication = weights of (own signals, phase coverage, template order)
COMMUNICATION_WEIGHTS: tuple[float, float, float] = (0.5, 0.25, 0.25)
MIN_PHASE_SIGNALS = 2  # distinct signals before a phase counts as covered
# With at least this many phases covered, an order score below MIN_ORDER (most phase pairs
# out of template order: "jumps between topics") caps communication at DISORDER_CAP.
MIN_ORDERED_PHASES = 3
MIN_ORDER = 0.5
DISORDER_CAP = 2


@dataclass(frozen=True)
class PhaseProfile:
    uncovered: list[Phase]  # content phases the candidate never covered
    order: float  # share of covered phase pairs met in template order (1.0 = template order)
    in_order: float  # phase pairs met in template order, over ALL the template's pairs


def phase_profile(evidence: list[Evidence], rubric: Rubric) -> PhaseProfile:
    """Which content phases were covered, and how closely they follow the template order.

    A phase is covered when the candidate showed at least MIN_PHASE_SIGNALS distinct signals
    of its dimensions. Each covered phase sits at the median position of its evidence (robust
    to a stray mention elsewhere). `order` judges the phases that were covered (for the
    "jumps between topics" cap); `in_order` counts ordered pairs over every pair the template
    has, so leaving a phase out can never raise it (removing an out-of-order section used to
    raise the order score, and with it communication).
    """
    dim_phase = {d.id: d.phase for d in rubric.dimensions if d.id != COMMUNICATION_ID}
    expected = sorted(set(dim_phase.values()), key=PHASE_ORDER.index)
    positions: dict[Phase, list[int]] = {}
    signals: dict[Phase, set[str]] = {}
    for e in evidence:
        phase = dim_phase.get(e.dimension_id)
        if phase is None:
            continue
        positions.setdefault(phase, []).append(e.sentence.order)
        signals.setdefault(phase, set()).add(e.signal_id)
    covered = [p for p in expected if len(signals.get(p, ())) >= MIN_PHASE_SIGNALS]
    uncovered = [p for p in expected if p not in covered]
    median = {p: statistics.median(positions[p]) for p in covered}
    pairs = concordant = 0
    for i, a in enumerate(covered):
        for b in covered[i + 1 :]:
            pairs += 1
            concordant += median[a] <= median[b]
    all_pairs = len(expected) * (len(expected) - 1) // 2
    return PhaseProfile(
        uncovered=uncovered,
        order=concordant / pairs if pairs else 0.0,
        in_order=concordant / all_pairs if all_pairs else 0.0,
    )


def communication_coverage(
    dim: Dimension, rubric: Rubric, evidence: list[Evidence]
) -> tuple[float, int]:
    """(blended coverage, level cap). Each content phase left uncovered caps the level lower."""
    own = {e.signal_id: 1.0 for e in evidence if e.dimension_id == dim.id}
    w_sig, w_cov, w_order = COMMUNICATION_WEIGHTS
    profile = phase_profile(evidence, rubric)
    uncovered = profile.uncovered
    phases = len({d.phase for d in rubric.dimensions if d.id != COMMUNICATION_ID})
    phase_cov = 1 - len(uncovered) / phases if phases else 0.0
    value = w_sig * coverage_of(dim, own) + w_cov * phase_cov + w_order * profile.in_order
    cap = max(1, 4 - len(uncovered))
    if phases - len(uncovered) >= MIN_ORDERED_PHASES and profile.order < MIN_ORDER:
        cap = min(cap, DISORDER_CAP)
    return max(0.0, min(1.0, value)), cap
