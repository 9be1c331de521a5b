"""From observed evidence to a 1-4 score per rubric dimension (pure functions, no I/O).

Scoring rule (offline grader)
-----------------------------
Evidence is a whole candidate sentence that the understanding model reads as stating a
design decision (or, for the asks_* signals, asking a requirement); bare keywords,
dismissals and negations are not evidence. A sentence is credited once, however often it is
repeated. For a dimension:

- *coverage* is the weighted share of its signals shown, over the signals that apply to the
  problem (a card's `not_applicable` ones are neither required nor listed as missed); a signal
  first shown after a hint on its dimension counts HINT_CREDIT;
- *depth* is how many distinct evidence sentences give a reason, a number, a trade-off or a
  tie to the problem (the model's depth head);
- depth and the claim count (not coverage) count each sentence at its weight
  (agent/grading/parts.py): in full where the part of the answer it sits in is about the
  dimension, ASIDE_WEIGHT for a remark in a part about something else, and 1/k for a
  sentence that is evidence for k dimensions at once. The
  level rests on what was said about the dimension, not on mentions pooled from anywhere.

Level: 1 without evidence; 2 with evidence (MIN_SHALLOW sentences, one that is deep, or one
whole statement about the dimension alone, said where the dimension is the subject: the
rubric's level 2 is "names a metric", "uses a hold-out set", and a junior's one sentence
"we split randomly 80/20 and check the test set" is that, while a single bare mention, a line
of keyword padding or a sentence spread over several dimensions does not lift one off 1); 3
needs coverage >= LEVEL_THRESHOLDS[3] and at least DEPTH_FOR[3] deep claims; 4 needs
coverage >= LEVEL_THRESHOLDS[4] and DEPTH_FOR[4] deep claims. Levels 3 and 4 also rest on at
least CLAIMS_FOR[level] distinct evidence sentences: one sentence, however rich (or however
long a list of terms), shows a dimension was touched, not that it was designed. Then:

- a wrong claim in the dimension that was never corrected caps it at WRONG_CLAIM_CAP, and
  is itself a statement about the dimension: it shows the level its kind of mistake sits at
  in the rubric (evidence_rules.yaml `claim_levels`: a random split of time-ordered data is
  still a hold-out, evaluation 2), and no more;
- hints lower a dimension by at most one level compared with the same answer unhinted;
- the floor is 1. Nothing ever raises a score above what the evidence supports.

Communication is judged on the candidate alone (agent/grading/communication.py): its own
signals, blended with how many phases of the template the candidate covered and in which order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agent.content.rubric import Dimension, Rubric
from agent.grading.evidence import Sentence
from agent.grading.quote_choice import best_quotes, closing_recap
from agent.understanding.sentences import is_phrase

LEVEL_THRESHOLDS: dict[int, float] = {4: 0.2, 3: 0.15, 2: 0.0}
# deep evidence sentences (a reason, a number, a trade-off) needed per level, each counted at
# its evidence weight (agent/grading/parts.py)
DEPTH_FOR: dict[int, float] = {4: 2, 3: 1, 2: 0}
WRONG_CLAIM_CAP = 2
# distinct evidence sentences needed per level, each counted at its evidence weight
CLAIMS_FOR: dict[int, float] = {4: 2, 3: 2, 2: 1}
# deep claims said in a part about the dimension (not asides elsewhere) needed per level
FOCUS_FOR: dict[int, float] = {4: 2, 3: 0, 2: 0}
# the depth head's reading a lone statement needs to lift a dimension to 2: more than a line
# of names ("we will also track AUC, recall and calibration" is read well under it)
STATED_DEPTH = 0.3
MIN_SHALLOW = 2  # evidence sentences a dimension needs for level 2 when none of them is deep
HINT_CREDIT = 0.5  # a signal shown only after a hint on its dimension counts this much
COMMUNICATION_ID = "communication"


@dataclass(frozen=True)
class Evidence:
    """One signal shown in one candidate sentence."""

    signal_id: str
    dimension_id: str
    sentence: Sentence
    quote: str  # verbatim substring of the sentence (the sentence itself by default)
    strength: float = 1.0  # the model's confidence, 0-1
    deep: bool = False  # the sentence gives a reason, a number, a trade-off or a tie-in
    # 1.0 where the part of the answer it sits in is about its dimension, ASIDE_WEIGHT where
    # it is a remark inside a part about something else (set by agent/grading/parts.py)
    weight: float = 1.0
    # said in a part whose subject is its dimension (agent/grading/parts.py): only such
    # deep claims carry a dimension to level 4
    on_subject: bool = True


@dataclass(frozen=True)
class Misstep:
    """A misconception the candidate stated (e.g. accuracy on 0.1%-positive data)."""

    misconception_id: str
    dimension_id: str
    sentence: Sentence
    corrected: bool = False
    shows: int = 1  # the level of its dimension the claim itself shows (claim_levels)


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
    deep: int = 0  # distinct evidence sentences with a reason, number, trade-off or tie-in
    off_problem: bool = False  # capped: the answer is about another problem


def _depth(mine: list[Evidence]) -> tuple[float, float, float]:
    """(deep claims, claims, focused deep claims): distinct evidence sentences that give a
    reason, a number or a trade-off, all distinct evidence sentences, each at its weight
    (agent/grading/parts.py), and the deep ones said in a part about the dimension."""
    deep: dict[int, float] = {}
    claims: dict[int, float] = {}
    focused: dict[int, float] = {}
    for e in mine:
        order = e.sentence.order
        claims[order] = max(claims.get(order, 0.0), e.weight)
        if e.deep:
            deep[order] = max(deep.get(order, 0.0), e.weight)
            if e.on_subject:
                focused[order] = max(focused.get(order, 0.0), e.weight)
    return sum(deep.values()), sum(claims.values()), sum(focused.values())


def stated(mine: list[Evidence]) -> bool:
    """One whole statement (a clause, not a bare phrase) that is evidence for this dimension
    alone, said in a part of the answer about it (weight 1, agent/grading/parts.py)."""
    return any(
        e.on_subject
        and e.weight >= 1 - 1e-9
        and not is_phrase(e.sentence.text)
        and e.sentence.findings is not None
        and e.sentence.findings.depth >= STATED_DEPTH
        for e in mine
    )


def level_for(
    coverage: float,
    deep: float = 99,
    has_evidence: bool = True,
    claims: float = 99,
    focused: float = 99,
) -> int:
    """The level evidence supports: coverage, deep claims, how many claims it rests on, and
    how much of the depth was said where the dimension was the subject."""
    if not has_evidence:
        return 1
    for level in (4, 3):
        if (
            coverage >= LEVEL_THRESHOLDS[level] - 1e-9
            and deep >= DEPTH_FOR[level] - 1e-9
            and claims >= CLAIMS_FOR[level] - 1e-9
            and focused >= FOCUS_FOR[level] - 1e-9
        ):
            return level
    return 2


def coverage_of(
    dim: Dimension, credit: dict[str, float], skip: frozenset[str] = frozenset()
) -> float:
    applies = [s for s in dim.signals if s.id not in skip]
    total = sum(s.weight for s in applies)
    got = sum(s.weight * credit.get(s.id, 0.0) for s in applies)
    return got / total if total else 0.0


def score_dimension(
    dim: Dimension,
    rubric: Rubric,
    evidence: list[Evidence],
    missteps: list[Misstep],
    hint_turns: list[int] | None = None,
    extra_coverage: float | None = None,
    cap: int = 4,
    skip: frozenset[str] = frozenset(),
    unquotable: frozenset[int] = frozenset(),
) -> DimensionResult:
    """Score one dimension from its evidence.

    hint_turns: transcript turn indexes of hints that targeted this dimension; a signal first
    shown at or after the first such turn gets HINT_CREDIT. extra_coverage replaces the
    signal coverage (used by communication, which blends in structure). skip: signals that
    do not apply to the problem. unquotable: orders of sentences that count but are never
    quoted (headings, challenged claims: agent/grading/quotable.py).
    """
    mine = [e for e in evidence if e.dimension_id == dim.id and e.signal_id not in skip]
    first_turn: dict[str, int] = {}
    for e in sorted(mine, key=lambda e: e.sentence.order):
        first_turn.setdefault(e.signal_id, e.sentence.turn)
    deep = len({e.sentence.order for e in mine if e.deep})
    full = {sid: 1.0 for sid in first_turn}
    coverage = coverage_of(dim, full, skip) if extra_coverage is None else extra_coverage
    sentences = len({e.sentence.order for e in mine})
    has = (
        (sentences >= MIN_SHALLOW or deep > 0 or stated(mine))
        if extra_coverage is None
        else coverage > 0
    )
    deep_signals, weighted_claims, focused_deep = _depth(mine)
    depth_ok = deep_signals if extra_coverage is None else 99
    claims = weighted_claims if extra_coverage is None else 99
    focused = focused_deep if extra_coverage is None else 99
    unhinted = min(cap, level_for(coverage, depth_ok, has, claims, focused))
    score = unhinted
    hinted = bool(hint_turns)
    if hint_turns and extra_coverage is None:
        first_hint = min(hint_turns)
        credit = {sid: (HINT_CREDIT if t >= first_hint else 1.0) for sid, t in first_turn.items()}
        # "part of it came only after a hint" only when some point was first shown after it
        hinted = any(t >= first_hint for t in first_turn.values())
        hinted_level = level_for(coverage_of(dim, credit, skip), depth_ok, has, claims, focused)
        score = max(unhinted - 1, min(cap, hinted_level))
    elif hint_turns:
        score = max(1, unhinted - 1)
    open_missteps = [m for m in missteps if m.dimension_id == dim.id and not m.corrected]
    if open_missteps:
        shows = max(m.shows for m in open_missteps)
        score = min(max(score, shows), WRONG_CLAIM_CAP)
    score = max(1, score)
    shown = [s.id for s in dim.signals if s.id in full]
    order = [x.id for x in dim.signals]
    missed_signals = sorted(
        (s for s in dim.signals if s.id not in full and s.id not in skip),
        key=lambda s: (-s.weight, order.index(s.id)),
    )
    return DimensionResult(
        dimension=dim,
        score=score,
        coverage=round(coverage, 4),
        shown=shown,
        quotes=best_quotes(
            [e for e in mine if e.sentence.order not in unquotable],
            rubric,
            # the closing recap restates the design: a weak quote for any part of it, but
            # the very evidence of communication
            recap=closing_recap(evidence) if dim.id != COMMUNICATION_ID else frozenset(),
        ),
        missed=[s.id for s in missed_signals],
        missteps=open_missteps,
        hinted=hinted,
        deep=deep,
    )


def overall_score(results: list[DimensionResult]) -> float:
    total = sum(r.dimension.weight for r in results)
    value = sum(r.dimension.weight * r.score for r in results) / total if total else 1.0
    return round(value, 2)
