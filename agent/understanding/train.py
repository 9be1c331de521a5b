"""`mlsd retrain`: fit the understanding heads on the corpus, choose thresholds on dev, save.

    pip install -e ".[train]"      # scikit-learn, used only here
    mlsd retrain                   # corpus/{train,dev} -> models/understanding.npz

Reproducible: the vocabulary, the sample order and every random state are fixed, so the same
corpus and embedder give the same weights. The shipped product predicts with numpy only.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from agent.understanding.bars import GRID, Bars, choose_bars, scores
from agent.understanding.corpus import corpus_dir, files_sha256, load_split
from agent.understanding.dev_batches import check_figures, with_choice_batches
from agent.understanding.features import Featurizer, build_vocabulary
from agent.understanding.head_data import KINDS, UNLABELLED, head_data, label_ids
from agent.understanding.mention_bars import mention_threshold, mention_thresholds
from agent.understanding.model import (
    ANGLES,
    FORMAT,
    HEADS,
    Head,
    HeadInfo,
    ModelMeta,
    model_path,
    save_model,
)
from agent.understanding.vectors import Embedder, embed_texts, message_embeddings

VERSION = "1.0.0"
SEED = 7
Layers = list[tuple[np.ndarray, np.ndarray]]


def _fit(x: np.ndarray, y: np.ndarray, softmax: bool, hidden: int, alpha: float) -> Layers:
    if hidden:
        from sklearn.neural_network import MLPClassifier

        mlp = MLPClassifier(
            hidden_layer_sizes=(hidden,),
            alpha=alpha,
            max_iter=60,
            early_stopping=False,
            random_state=SEED,
        )
        # the network learns every label at once: a label left unlabelled counts as not shown
        y = np.maximum(y, 0)
        mlp.fit(x, y if softmax or y.shape[1] > 1 else y[:, 0])
        return [(w, b) for w, b in zip(mlp.coefs_, mlp.intercepts_, strict=True)]
    from sklearn.linear_model import LogisticRegression

    c = 1.0 / max(alpha, 1e-6)
    if softmax:
        lr = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
        lr.fit(x, y)
        return [(lr.coef_.T.copy(), lr.intercept_.copy())]
    from joblib import Parallel, delayed

    def one(j: int) -> tuple[np.ndarray, float]:
        if (y[:, j] == 1).sum() == 0:
            return np.zeros(x.shape[1], dtype=np.float32), -8.0  # never seen: stays off
        lr = LogisticRegression(C=c, max_iter=2000, random_state=SEED, class_weight="balanced")
        labelled = y[:, j] != UNLABELLED  # a text not labelled for this label: left out
        lr.fit(x[labelled], y[labelled, j])
        return lr.coef_[0], float(lr.intercept_[0])

    fitted = Parallel(n_jobs=2)(delayed(one)(j) for j in range(y.shape[1]))
    w = np.stack([f[0] for f in fitted], axis=1).astype(np.float32)
    b = np.array([f[1] for f in fitted], dtype=np.float32)
    return [(w, b)]


def _one_bar(p: np.ndarray, y: np.ndarray, min_precision: float) -> tuple[Bars, dict[str, float]]:
    """The lowest bar with dev precision >= min_precision (the best F1 when none has it)."""
    y = y.astype(bool).astype(int)
    options = [(*scores(p >= t, y), t) for t in GRID]
    ok = [o for o in options if o[0] >= min_precision]
    prec, rec, t = (
        max(ok, key=lambda o: (o[1], o[0]))
        if ok
        else max(options, key=lambda o: 2 * o[0] * o[1] / max(1e-9, o[0] + o[1]))
    )
    figures = {"precision": round(prec, 4), "recall": round(rec, 4), "threshold": round(t, 3)}
    return Bars(threshold=t), figures


@dataclass
class Settings:
    hidden: int = 0
    alpha: float = 1.0
    # per-signal bars chosen at 0.85 on one half of dev's problems reached about 0.83 on the
    # other half (and one global pair, 0.851 on dev, gave 0.841 on the blind batch
    # sentences-a8): 0.87-0.875 on one half held 0.85 on the other (agent/understanding/
    # bars.py, on the weights of 8469a8b). Chosen with the dev a-batches a..a8 besides
    # corpus dev (dev_batches.py), 0.86 held 0.862 on a9 and a10, left out of the choice
    # (0.87 held 0.868 at 1.6 points less recall), on the heads refit on signals8's corpus.
    # 0.86 on a..a14 held 0.868 on a15 but 0.826 on a16 (the reader, 0.836 the head alone):
    # batch to batch the precision under one target moves by about three points. On the
    # weights of e650fb5 with a15 in the choice, a16 read by the head alone gave 0.841 at
    # 0.794 recall under 0.86, 0.851 at 0.786 under 0.875 and 0.859 at 0.783 under 0.88
    # (0.868 at 0.770 under 0.89): 0.88 buys the margin the goal (0.85) needs on a fresh
    # batch for about a point of recall, which stays well above its goal (0.75). It did not:
    # a17 read 0.896 at 0.721, recall-short where a16 had been precision-short. Since the
    # nineteenth session the target is the precision averaged batch by batch over corpus dev
    # and every scored a-batch (bars.batch_precision), each batch counted once: 0.87 there
    # leaves a few points above the goal on a batch three points under the mean
    signal_precision: float = 0.87
    # the dev split's claim sentences are mostly the hard cases (a mistake rejected, corrected,
    # asked about or named as a topic beside each one stated: writer batch w8), so dev
    # precision runs below the precision on candidate text: 0.9 on dev cost recall on the
    # scored sentence batches (0.82 -> 0.78) for precision they already had (0.94 -> 0.95)
    claim_precision: float = 0.875
    # chosen per sentence on the corpus dev set, whose negatives include requests to the
    # interviewer that only border on it ('please conclude and share your assessment');
    # 0.98 there rested on one or two such sentences and cut message recall on the
    # scored message sets from 0.93 to 0.83 while honest design text kept 418 vs 419 of 420
    manipulation_precision: float = 0.93
    # an angle read as given when it was not only costs a follow-up from another angle; one
    # missed means asking for what was just said: recall matters more here
    angle_precision: float = 0.7


def train(
    root: Path, out: Path, settings: Settings, embedder: Embedder | None = None
) -> tuple[ModelMeta, dict[str, float]]:
    train_c, dev_c = load_split(root / "train"), load_split(root / "dev")
    signals, claims = label_ids()
    # the words of candidate language: sprinkled and composed copies of the writers'
    # sentences would only count the same words again (agent/understanding/sprinkled.py,
    # composed.py)
    vocab = build_vocabulary(
        [s.text for s in train_c.sentences if s.style not in ("sprinkled", "composed")]
        + [m.text for m in train_c.messages]
    )
    featurizer = Featurizer(vocab)
    if embedder is None:
        from agent.knowledge.embedding import get_embedder

        embedder = get_embedder()

    def rows(texts: list[str]) -> np.ndarray:
        return featurizer.rows(texts, embed_texts(embedder, texts, featurizer.embedding_dim))

    def message_rows(texts: list[str]) -> np.ndarray:
        vectors = message_embeddings(embedder, texts, featurizer.embedding_dim)
        return featurizer.rows(texts, vectors)

    tr, dv = head_data(train_c, signals, claims), head_data(dev_c, signals, claims)
    heads: dict[str, HeadInfo] = {}
    layers: dict[str, Layers] = {}
    figures: dict[str, float] = {}
    targets = {
        "signals": (signals, settings.signal_precision),
        "wrong_claims": (claims, settings.claim_precision),
        "manipulation": (["manipulation"], settings.manipulation_precision),
        "depth": (["depth"], 0.8),
        "angles": (list(ANGLES), settings.angle_precision),
    }
    for name in HEADS:
        softmax = name == "kind"
        # the kind and angle heads read whole messages (an angle is often given over several
        # sentences); the others read sentences
        featurize = message_rows if name in ("kind", "angles") else rows
        xt, xd = featurize(tr[name].texts), featurize(dv[name].texts)
        fitted = _fit(xt, tr[name].y, softmax, settings.hidden, settings.alpha)
        if softmax and fitted[-1][0].shape[1] != len(KINDS):
            raise RuntimeError("every kind needs training messages")
        layers[name] = fitted
        labels = list(KINDS) if softmax else targets[name][0]
        info = HeadInfo(labels=labels, activation="softmax" if softmax else "sigmoid")
        pd = Head(info, fitted).predict(xd)  # as the product will predict it
        if softmax:
            acc = float((pd.argmax(1) == dv[name].y).mean())
            figures["dev.kind.accuracy"] = round(acc, 4)
            heads[name] = info
            continue
        min_prec = targets[name][1]
        multi = name in ("signals", "wrong_claims", "angles")
        yd, groups, apart = dv[name].y, None, None
        if name == "signals":
            # the bars also on the scored blind batches that are dev now, batch by batch
            # (dev_batches.py)
            pd, yd, groups, apart = with_choice_batches(pd, yd, Head(info, fitted), rows)
            figures["dev.signals.bar_rows"] = float(len(pd))
        # a sentence usually shows one signal or one angle, so its most likely one has a
        # lower bar; a wrong claim is rare enough that no claim is 'usually' made
        bars, fig = (
            choose_bars(pd, yd, labels, min_prec, top=name != "wrong_claims", groups=groups)
            if multi
            else _one_bar(pd, yd, min_prec)
        )
        figures.update({f"dev.{name}.{k}": v for k, v in fig.items()})
        mention, mentions = None, {}
        if name == "signals":
            # at most the head's own crediting bars (a label's own bars do not move it)
            ceiling = min(bars.threshold, bars.top_threshold or bars.threshold)
            mention, mfig = mention_threshold(pd, yd, ceiling)
            figures.update({f"dev.{name}.mention_{k}": v for k, v in mfig.items()})
            mentions = mention_thresholds(pd, yd, labels, bars, mention)
            figures[f"dev.{name}.mention_own_bars"] = float(len(mentions))
        if apart is not None:
            figures |= check_figures(bars, labels, apart)
        heads[name] = HeadInfo(
            labels=labels,
            activation="sigmoid",
            threshold=bars.threshold,
            top_threshold=bars.top_threshold,
            thresholds=bars.thresholds,
            top_thresholds=bars.top_thresholds,
            mention_threshold=mention,
            mention_thresholds=mentions,
        )
    # the bar for challenging a claim in conversation, where the sentence and the problem
    # confirm it (agent/understanding/challenge_bar.py)
    from agent.understanding.challenge_bar import with_challenge_bar

    claims_head = Head(heads["wrong_claims"], layers["wrong_claims"])
    heads["wrong_claims"], challenge = with_challenge_bar(
        claims_head, Head(heads["kind"], layers["kind"]), dev_c, rows, settings.claim_precision
    )
    figures.update(challenge)
    from agent.understanding.fact_heads import bundled_cards, train_fact_heads

    fact_infos, fact_layers, fact_figures = train_fact_heads(
        train_c, dev_c, bundled_cards(), embedder, _fit, featurizer.embedding_dim
    )
    heads |= fact_infos
    layers |= fact_layers
    figures |= fact_figures
    files = [*(root / "train").glob("*.jsonl"), *(root / "dev").glob("*.jsonl")]
    meta = ModelMeta(
        format=FORMAT,
        version=VERSION,
        embedder=getattr(embedder, "id", "none"),
        corpus_sha256=files_sha256(files),
        heads=heads,
        vocabulary=vocab,
        dev_figures=figures,
    )
    save_model(out, meta, layers)
    return meta, figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mlsd retrain", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder")
    parser.add_argument("--out", type=Path, default=None, help="weights file to write")
    parser.add_argument(
        "--hidden", type=int, default=Settings.hidden, help="hidden units (0: linear)"
    )
    parser.add_argument("--alpha", type=float, default=Settings.alpha, help="regularisation")
    parser.add_argument(
        "--fact-heads-only",
        action="store_true",
        help="refit only the fact heads into the existing weights (no other head reads the "
        "fact-question corpus, so the others are what a full retrain gives)",
    )
    parser.add_argument(
        "--challenge-bar-only",
        action="store_true",
        help="choose only the wrong-claim challenge bar on dev for the existing weights",
    )
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print('mlsd retrain needs scikit-learn: pip install -e ".[train]"', file=sys.stderr)
        return 2
    root = args.corpus or corpus_dir()
    out = args.out or model_path()
    if args.challenge_bar_only:
        from agent.understanding.challenge_bar import refit_challenge_bar

        meta, figures = refit_challenge_bar(root, model_path(), out, Settings.claim_precision)
    elif args.fact_heads_only:
        from agent.understanding.fact_heads import refit_fact_heads

        meta, figures = refit_fact_heads(root, model_path(), out, _fit)
    else:
        meta, figures = train(root, out, Settings(hidden=args.hidden, alpha=args.alpha))
    print(f"wrote {out} (model {meta.version}, corpus {meta.corpus_sha256[:12]})")
    for k, v in sorted(figures.items()):
        print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
