"""`mlsd thresholds`: choose the configured sentence model's cosine thresholds on dev.

The reference model's thresholds (the float model, REFERENCE_ID) were chosen by hand on dev
and are kept as they are. For any other model, each family of thresholds is set to the
values whose decisions agree most with the reference model's own decisions on the dev
texts, so a switch of model keeps what the thresholds decide instead of re-tuning them
against a figure:

- heading floor and margin: which dimension (or none) each heading of the dev answers names,
  and each topic a heading lists (agent/grading/headings.py);
- off-problem margin: whether each dev answer is off the problem, graded against every
  card (agent/grading/relevance.py), so that the margins cover the whole range.

Ties go to the values closest to the reference's. The dev texts are the Markdown answers of
a source checkout (tests/calibration and tests/blind/answers-c*: all scored and read, dev
material); which sentences of an answer are design sentences is read once, by the
configured model. Deterministic: the same texts and models write the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from agent.knowledge.cosine_thresholds import (
    FORMAT,
    CosineThresholds,
    ThresholdFile,
    read_thresholds,
    thresholds_path,
)
from agent.knowledge.embedding import EMBEDDING_ID, FLOAT_ID, MiniLMEmbedder
from agent.understanding.vectors import Embedder

REFERENCE_ID = FLOAT_ID
STEP = 0.001
HEADING_SPAN = 0.03  # searched either side of the reference value
MARGIN_SPAN = 0.05


def dev_answer_files(repo: Path) -> list[Path]:
    """The dev answers of a source checkout, in a fixed order."""
    tests = repo / "tests"
    found = [*tests.glob("calibration/**/*.md"), *tests.glob("blind/answers-c*/**/*.md")]
    return sorted(found, key=lambda p: p.relative_to(repo).as_posix())


def _grid(centre: float, span: float) -> np.ndarray:
    steps = round(span / STEP)
    return np.round(centre + STEP * np.arange(-steps, steps + 1), 4)


def unit(v: np.ndarray) -> np.ndarray:
    return v / max(1e-9, float(np.linalg.norm(v)))


def _closest_best(agreements: np.ndarray, distance: np.ndarray) -> int:
    """Index of the highest agreement, the smallest distance among ties."""
    best = agreements.max()
    ties = np.nonzero(agreements >= best - 1e-12)[0]
    return int(ties[np.argmin(distance[ties])])


class DevTexts:
    """What the thresholds decide on, read from the dev answers once."""

    def __init__(self, files: Sequence[Path]) -> None:
        from agent.content.bundle import load_content
        from agent.grading.evidence import evidence_sentences
        from agent.grading.headings import heading_topics
        from agent.grading.inputs import strip_front_matter

        content = load_content()
        self.rubric = content.rubric
        self.cards = [content.problems.get(cid) for cid in sorted(content.problems.ids())]
        headings: set[str] = set()
        self.designs: list[list[str]] = []
        for path in files:
            body = strip_front_matter(path.read_text(encoding="utf-8"))
            sentences, _ = evidence_sentences([(0, body)])
            headings.update(s.heading for s in sentences if s.heading)
            design = [s.text for s in sentences if s.findings is not None and s.findings.signals]
            self.designs.append(design)
        self.topics = sorted({t for h in headings for t in heading_topics(h)})


def heading_scores(embedder: Embedder, dev: DevTexts) -> tuple[np.ndarray, np.ndarray]:
    """Per topic: (the dimension closest to it, its cosine, its lead over the next one)."""
    from agent.grading.headings import dimension_texts

    _, texts, owner = dimension_texts(dev.rubric)
    sims = embedder.embed(dev.topics) @ embedder.embed(texts).T
    per_dim = np.stack([sims[:, owner == i].max(axis=1) for i in range(owner.max() + 1)], 1)
    order = np.argsort(-per_dim, axis=1, kind="stable")
    rows = np.arange(len(per_dim))
    best, second = per_dim[rows, order[:, 0]], per_dim[rows, order[:, 1]]
    return order[:, 0], np.stack([best, best - second], axis=1)


def off_problem_margins(embedder: Embedder, dev: DevTexts) -> np.ndarray:
    """Every (answer, card) margin of the answers with enough design text to be judged."""
    from agent.content.card_texts import relevance_texts
    from agent.grading.relevance import MIN_DESIGN_SENTENCES

    cards = np.stack([unit(embedder.embed(relevance_texts(c)).mean(axis=0)) for c in dev.cards])
    centre = cards.mean(axis=0)
    centred = np.stack([unit(c - centre) for c in cards])
    margins: list[np.ndarray] = []
    for design in dev.designs:
        if len(design) < MIN_DESIGN_SENTENCES:
            continue
        answer = unit(unit(embedder.embed(design).mean(axis=0)) - centre)
        sims = centred @ answer
        margins.append(sims.max() - sims)
    return np.concatenate(margins) if margins else np.zeros(0)


def _named(dim: np.ndarray, scores: np.ndarray, floor: float, gap: float) -> np.ndarray:
    return np.where((scores[:, 0] >= floor) & (scores[:, 1] >= gap), dim, -1)


def choose(
    reference: CosineThresholds, ref: Embedder, new: Embedder, dev: DevTexts
) -> tuple[CosineThresholds, dict[str, float]]:
    """The new model's thresholds and, per family, how many dev decisions there are and the
    share that agree with the reference's, at the reference values and at the chosen ones."""
    ref_dim, ref_scores = heading_scores(ref, dev)
    new_dim, new_scores = heading_scores(new, dev)
    ref_named = _named(ref_dim, ref_scores, reference.heading_floor, reference.heading_margin)
    floors = _grid(reference.heading_floor, HEADING_SPAN)
    gaps = _grid(reference.heading_margin, HEADING_SPAN)
    pairs = [(float(f), float(g)) for f in floors for g in gaps]
    agree = np.array([(_named(new_dim, new_scores, f, g) == ref_named).mean() for f, g in pairs])
    distance = np.array(
        [np.hypot(f - reference.heading_floor, g - reference.heading_margin) for f, g in pairs]
    )
    floor, gap = pairs[_closest_best(agree, distance)]
    ref_off = off_problem_margins(ref, dev) >= reference.off_problem_margin
    new_margins = off_problem_margins(new, dev)
    margins = _grid(reference.off_problem_margin, MARGIN_SPAN)
    off_agree = np.array([((new_margins >= m) == ref_off).mean() for m in margins])
    away = np.abs(margins - reference.off_problem_margin)
    margin = float(margins[_closest_best(off_agree, away)])
    chosen = CosineThresholds(
        heading_floor=floor,
        heading_margin=gap,
        off_problem_margin=margin,
        claim_fit_margin=reference.claim_fit_margin,  # carried over, not matched
    )
    at_reference = _named(new_dim, new_scores, reference.heading_floor, reference.heading_margin)
    figures = {
        "heading topics": float(len(ref_named)),
        "headings agree at the reference values": _share(at_reference == ref_named),
        "headings agree": _share(_named(new_dim, new_scores, floor, gap) == ref_named),
        "answer x card pairs": float(len(ref_off)),
        "off-problem agrees at the reference value": _share(
            (new_margins >= reference.off_problem_margin) == ref_off
        ),
        "off-problem agrees": _share((new_margins >= margin) == ref_off),
    }
    return chosen, figures


def _share(hits: np.ndarray) -> float:
    return round(float(hits.mean()), 4) if hits.size else 1.0


def write_thresholds(repo: Path, knowledge_dir: Path) -> tuple[Path, ThresholdFile]:
    """Choose the configured model's thresholds against the reference's and write them."""
    from agent.knowledge.embedding import get_embedder

    if EMBEDDING_ID == REFERENCE_ID:
        path = thresholds_path(knowledge_dir, REFERENCE_ID)
        return path, read_thresholds(path, REFERENCE_ID)  # chosen by hand: only checked
    reference = read_thresholds(thresholds_path(knowledge_dir, REFERENCE_ID), REFERENCE_ID)
    files = dev_answer_files(repo)
    if not files:
        raise FileNotFoundError(
            f"no dev answers under {repo / 'tests'}: run from a source checkout (--repo)"
        )
    dev = DevTexts(files)
    chosen, figures = choose(reference.thresholds, MiniLMEmbedder(int8=False), get_embedder(), dev)
    out = ThresholdFile(
        format=FORMAT,
        embedding=EMBEDDING_ID,
        chosen=f"matched to {REFERENCE_ID} on {len(files)} dev answers",
        thresholds=chosen,
        agreement=figures,
    )
    path = thresholds_path(knowledge_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(out.model_dump_json(indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path, out
