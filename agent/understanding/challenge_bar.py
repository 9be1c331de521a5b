"""The bar at which the interviewer challenges a wrong claim in conversation, chosen on dev.

The wrong-claim head's crediting bar (HeadInfo.threshold and its per-claim bars) holds a
sentence against the candidate in a grade on the head's reading alone. A challenge in
conversation asks more of the sentence than that reading: it states the claim (it is not a
question to the interviewer), it names the claim's subject (`subject` in
knowledge/misconceptions.yaml), it does not state the right practice of that subject
(`sound_practice`, knowledge/grading/repairs.yaml), and the claim applies to the problem
the sentence was written for (`applies_when` against its card). Those checks remove some of the
head's false readings (a metric named on a problem where it is not wrong, a sentence that
names the right practice), so a claim that passes them may be as sure at a lower bar. The
challenge bar is the lowest bar at which the claims that pass them are, on the dev sentences
labelled for wrong claims, at least as precise as what the crediting bars challenge today
(with the same checks), and at least the head's precision target. Below the crediting bar a
claim is never graded, only challenged (and the grader then does not quote the sentence the
interviewer challenged). On the weights of 2026-11-30 no lower bar holds: the head's target
(0.875) was reached at 0.825, but replayed on the judged interviews test14-1 and test15-1
that bar added 8 challenges of which 5 were wrong (a correct "accuracy is a bad metric here",
a prediction target read as leakage), so dev precision against the target did not carry over
to conversation; the bar must keep what the crediting bars already reach.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from agent.content.misconceptions import (
    MisconceptionCatalog,
    Repairs,
    card_context,
    conditions_hold,
)
from agent.content.problems import ProblemCard
from agent.understanding.asking import asks
from agent.understanding.bars import GRID
from agent.understanding.claims import states_the_mistake
from agent.understanding.corpus import Corpus
from agent.understanding.features import FeatureRows
from agent.understanding.model import Head, HeadInfo, ModelMeta, load_model, save_model
from agent.understanding.reader import QUESTION_KIND
from agent.understanding.sentences import normalise

FeatureInput = np.ndarray | FeatureRows


@dataclass(frozen=True)
class ClaimSentence:
    """A dev sentence labelled for wrong claims: its text, the claims it makes, the problem
    it was written for (None: any) and whether it asks the interviewer something."""

    text: str
    claims: frozenset[str]
    problem: str | None
    question: bool


def passes(
    claim: str,
    s: ClaimSentence,
    catalog: MisconceptionCatalog,
    repairs: Repairs,
    cards: dict[str, ProblemCard],
) -> bool:
    """The sentence could make the claim as a challenge needs it to (everything but the
    head's probability): a statement making its act (Misconception.made_in: the subject
    named and put forward, what the mistake says of it), not its right practice, on a
    problem where it applies."""
    m = catalog.get(claim)
    if s.question or not states_the_mistake(m, repairs, s.text):
        return False
    card = cards.get(s.problem or "")
    if card is None or m.applies_when.empty:
        return True
    background = normalise("\n".join([s.text, card_context(card)]))
    return conditions_hold(m.applies_when, background, card)


def choose_challenge_bar(
    p: np.ndarray,
    labels: Sequence[str],
    crediting: np.ndarray,
    sentences: Sequence[ClaimSentence],
    catalog: MisconceptionCatalog,
    repairs: Repairs,
    cards: dict[str, ProblemCard],
    target: float,
) -> tuple[float | None, dict[str, float]]:
    """(the challenge bar, its dev figures). p: (sentences, labels) the head's
    probabilities; crediting: the same shape, which claims the crediting bars put on. None
    when no bar under the crediting bars reaches the target precision."""
    y = np.array([[c in s.claims for c in labels] for s in sentences], dtype=bool)
    ok = np.array(
        [[passes(c, s, catalog, repairs, cards) for c in labels] for s in sentences], dtype=bool
    )
    today = crediting & ok  # what is challenged at the crediting bars
    base = _precision(today, y)
    figures = {"crediting_precision": round(base, 4), "crediting_recall": _recall(today, y)}
    for bar in GRID:
        challenged = ((p >= bar) | crediting) & ok
        precision = _precision(challenged, y)
        if precision >= max(base, target) and bar < 1.0:
            figures |= {
                "challenge_bar": round(bar, 3),
                "challenge_precision": round(precision, 4),
                "challenge_recall": _recall(challenged, y),
            }
            return bar, figures
    return None, figures


def _precision(pred: np.ndarray, y: np.ndarray) -> float:
    return float((pred & y).sum()) / max(1.0, float(pred.sum()))


def _recall(pred: np.ndarray, y: np.ndarray) -> float:
    return round(float((pred & y).sum()) / max(1.0, float(y.sum())), 4)


def claim_sentences(dev: Corpus, kind: Head, x: FeatureInput) -> list[ClaimSentence]:
    """The dev sentences labelled for wrong claims, with whether each asks rather than
    states, as the reader decides it: the kind head reads it as a question to the
    interviewer, or it is written as a direct question (x: their feature rows)."""
    items = [s for s in dev.sentences if s.wrong_claims is not None]
    read_as_question = kind.predict(x).argmax(axis=1) == kind.labels.index(QUESTION_KIND)
    return [
        ClaimSentence(s.text, frozenset(s.wrong_claims or ()), s.problem, bool(q) or asks(s.text))
        for s, q in zip(items, read_as_question, strict=True)
    ]


def with_challenge_bar(
    claims: Head,
    kind: Head,
    dev: Corpus,
    rows: Callable[[list[str]], FeatureInput],
    target: float,
) -> tuple[HeadInfo, dict[str, float]]:
    """The wrong-claim head's info with its challenge bar chosen on `dev`, and the dev
    figures (prefixed as the trainer's are)."""
    from agent.content.misconceptions import default_misconceptions, load_repairs
    from agent.understanding.fact_heads import bundled_cards

    texts = [s.text for s in dev.sentences if s.wrong_claims is not None]
    x = rows(texts)
    sentences = claim_sentences(dev, kind, x)
    p = claims.predict(x)
    cards = {c.id: c for c in bundled_cards()}
    bar, figures = choose_challenge_bar(
        p,
        claims.labels,
        claims.on(p),
        sentences,
        default_misconceptions(),
        load_repairs(),
        cards,
        target,
    )
    if bar is not None and bar >= min([claims.info.threshold, *claims.info.thresholds.values()]):
        bar = None  # no lower than what the crediting bars already challenge
    info = claims.info.model_copy(update={"challenge_threshold": bar})
    return info, {f"dev.wrong_claims.{k}": v for k, v in figures.items()}


def refit_challenge_bar(
    root: Path, source: Path, out: Path, target: float
) -> tuple[ModelMeta, dict]:
    """The weights file at `source` with the wrong-claim head's challenge bar chosen on the
    dev split at `root` for the head as it is (nothing refitted), written to `out`."""
    from agent.knowledge.embedding import get_embedder
    from agent.understanding.corpus import load_split
    from agent.understanding.vectors import embed_texts

    model = load_model(source)
    embedder = get_embedder()
    dim = model.featurizer.embedding_dim

    def rows(texts: list[str]) -> FeatureInput:
        return model.featurizer.rows(texts, embed_texts(embedder, texts, dim))

    info, figures = with_challenge_bar(
        model.head("wrong_claims"), model.head("kind"), load_split(root / "dev"), rows, target
    )
    meta = model.meta.model_copy(deep=True)
    meta.heads["wrong_claims"] = info
    meta.dev_figures = meta.dev_figures | figures
    save_model(out, meta, {k: h.layers for k, h in model.heads.items()})
    return meta, meta.dev_figures
