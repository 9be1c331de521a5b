"""From observed evidence to a 1-4 score per rubric dimension (pure functions, no I/O).

Scoring rule (offline grader)
-----------------------------
For a dimension with signals s_1..s_n (weights w_i), the *coverage* is the weighted share
of signals the candidate showed: sum(w_i for shown s_i) / sum(w_i). A signal first shown
after a hint that targeted its dimension counts half. Coverage maps to a level:

    coverage >= LEVEL_THRESHOLDS[4] -> 4, >= [3] -> 3, >= [2] -> 2, else 1

(thresholds calibrated on tests/calibration: see bench/calibration.py; level 2 sits just
below the lightest single signal, so showing anything at all of a dimension, like naming a
model family without a reason, is level 2, as the rubric's level-2 descriptors read). Then:

- each misconception stated in the dimension and not corrected later costs one level
  (at most MAX_MISCONCEPTION_PENALTY levels);
- hints lower a dimension by at most one level compared with the same answer unhinted;
- the floor is 1. Nothing ever raises a score above what the evidence supports.

Communication adds structure to its own signals: phases covered, covered in template order,
and (in interviews) how often the interviewer had to steer the candidate back. Each phase of
the template the candidate never covered caps communication one level lower (4 - missing),
and covering the phases mostly out of template order caps it at 2.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from agent.grading.evidence import Sentence
from agent.phases import PHASE_ORDER, Phase
from agent.rubric import Dimension, Rubric

LEVEL_THRESHOLDS: dict[int, float] = {4: 0.55, 3: 0.35, 2: 0.10}
MAX_MISCONCEPTION_PENALTY = 2
HINT_CREDIT = 0.5  # a signal shown only after a hint on its dimension counts this much
MAX_QUOTES = 3
# communication = weights of (own signals, phase coverage, template order) minus steers
COMMUNICATION_WEIGHTS: tuple[float, float, float] = (0.5, 0.25, 0.25)
STEER_COST = 0.08
MAX_STEER_COST = 0.4
COMMUNICATION_ID = "communication"
MIN_PHASE_SIGNALS = 2  # distinct signals before a phase counts as covered
# With at least this many phases covered, an order score below MIN_ORDER (most phase pairs
# out of template order: "jumps between topics") caps communication at DISORDER_CAP.
MIN_ORDERED_PHASES = 3
MIN_ORDER = 0.5
DISORDER_CAP = 2


@dataclass(frozen=True)
class Evidence:
    """One signal shown in one candidate sentence."""

    signal_id: str
    dimension_id: str
    sentence: Sentence
    quote: str  # verbatim substring of the sentence (the sentence itself by default)
    strength: float = 1.0  # the detector's confidence, 0-1


@dataclass(frozen=True)
class Misstep:
    """A misconception the candidate stated (e.g. accuracy on 0.1%-positive data)."""

    misconception_id: str
    dimension_id: str
    sentence: Sentence
    corrected: bool = False


@dataclass
class DimensionResult:
    dimension: Dimension
    score: int
    coverage: float
    shown: list[str]  # signal ids, rubric order
    quotes: list[str]  # best first, at most MAX_QUOTES
    missed: list[str]  # signal ids not shown, heaviest first
    missteps: list[Misstep] = field(default_factory=list)
    hinted: bool = False


def level_for(coverage: float) -> int:
    for level in (4, 3, 2):
        if coverage >= LEVEL_THRESHOLDS[level] - 1e-9:
            return level
    return 1


def _coverage(dim: Dimension, credit: dict[str, float]) -> float:
    total = sum(s.weight for s in dim.signals)
    got = sum(s.weight * credit.get(s.id, 0.0) for s in dim.signals)
    return got / total if total else 0.0


def best_quotes(evidence: list[Evidence], rubric: Rubric, limit: int = MAX_QUOTES) -> list[str]:
    """Distinct quotes, best first: heavier signal, stronger hit, then earlier in the text.

    One quote per signal first, so the evidence shows breadth; then fill up if room is left.
    """

    def key(e: Evidence) -> tuple[float, float, int, str]:
        return (
            -rubric.signal(e.signal_id).weight,
            -round(e.strength, 6),
            e.sentence.order,
            e.quote,
        )

    ranked = sorted(evidence, key=key)
    quotes: list[str] = []
    seen_signals: set[str] = set()
    for e in ranked:
        if e.signal_id in seen_signals or e.quote in quotes:
            continue
        seen_signals.add(e.signal_id)
        quotes.append(e.quote)
    for e in ranked:
        if e.quote not in quotes:
            quotes.append(e.quote)
    return quotes[:limit]


def score_dimension(
    dim: Dimension,
    rubric: Rubric,
    evidence: list[Evidence],
    missteps: list[Misstep],
    hint_turns: list[int] | None = None,
    extra_coverage: float | None = None,
    cap: int = 4,
) -> DimensionResult:
    """Score one dimension from its evidence.

    hint_turns: transcript turn indexes of hints that targeted this dimension; a signal first
    shown at or after the first such turn gets HINT_CREDIT. extra_coverage replaces the
    signal coverage (used by communication, which blends in structure).
    """
    mine = [e for e in evidence if e.dimension_id == dim.id]
    first_turn: dict[str, int] = {}
    for e in sorted(mine, key=lambda e: e.sentence.order):
        first_turn.setdefault(e.signal_id, e.sentence.turn)
    full = {sid: 1.0 for sid in first_turn}
    coverage = _coverage(dim, full) if extra_coverage is None else extra_coverage
    unhinted = min(cap, level_for(coverage))
    score = unhinted
    hinted = bool(hint_turns)
    if hint_turns and extra_coverage is None:
        first_hint = min(hint_turns)
        credit = {sid: (HINT_CREDIT if t >= first_hint else 1.0) for sid, t in first_turn.items()}
        score = max(unhinted - 1, min(cap, level_for(_coverage(dim, credit))))
    elif hint_turns:
        score = max(1, unhinted - 1)
    open_missteps = [m for m in missteps if m.dimension_id == dim.id and not m.corrected]
    penalty = min(MAX_MISCONCEPTION_PENALTY, len({m.misconception_id for m in open_missteps}))
    score = max(1, score - penalty)
    shown = [s.id for s in dim.signals if s.id in full]
    missed_signals = sorted(
        (s for s in dim.signals if s.id not in full),
        key=lambda s: (-s.weight, [x.id for x in dim.signals].index(s.id)),
    )
    return DimensionResult(
        dimension=dim,
        score=score,
        coverage=round(coverage, 4),
        shown=shown,
        quotes=best_quotes(mine, rubric),
        missed=[s.id for s in missed_signals],
        missteps=open_missteps,
        hinted=hinted,
    )


def phase_profile(evidence: list[Evidence], rubric: Rubric) -> tuple[list[Phase], float]:
    """(content phases left uncovered, share of phase pairs met in template order).

    A phase is covered when the candidate showed at least MIN_PHASE_SIGNALS distinct signals
    of its dimensions. Each covered phase sits at the median position of its evidence (robust
    to a stray mention elsewhere); the order score is the share of covered phase pairs whose
    medians follow the template order (1.0 = the template order).
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
    return uncovered, (concordant / pairs if pairs else 0.0)


def communication_coverage(
    dim: Dimension, rubric: Rubric, evidence: list[Evidence], steers: int
) -> tuple[float, int]:
    """(blended coverage, level cap). Each content phase left uncovered caps the level lower."""
    own = {e.signal_id: 1.0 for e in evidence if e.dimension_id == dim.id}
    w_sig, w_cov, w_order = COMMUNICATION_WEIGHTS
    uncovered, order = phase_profile(evidence, rubric)
    phases = len({d.phase for d in rubric.dimensions if d.id != COMMUNICATION_ID})
    phase_cov = 1 - len(uncovered) / phases if phases else 0.0
    value = w_sig * _coverage(dim, own) + w_cov * phase_cov + w_order * order * phase_cov
    value -= min(MAX_STEER_COST, STEER_COST * steers)
    cap = max(1, 4 - len(uncovered))
    if phases - len(uncovered) >= MIN_ORDERED_PHASES and order < MIN_ORDER:
        cap = min(cap, DISORDER_CAP)
    return max(0.0, min(1.0, value)), cap


def overall_score(results: list[DimensionResult]) -> float:
    total = sum(r.dimension.weight for r in results)
    value = sum(r.dimension.weight * r.score for r in results) / total if total else 1.0
    return round(value, 2)
