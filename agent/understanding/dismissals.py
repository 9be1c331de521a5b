"""Generated corpus items: sentences that name a design concept only to dismiss it.

"We don't need a baseline, the deep model will be better", "leakage isn't a concern here",
"guardrail metrics only slow down launches": each names a rubric concept, often with a
reason, and decides against doing it. Such a sentence is not evidence for the concept (the
rubric asks for the practice, not for its name), and its "because" is not depth about it.
The writers' corpus has dismissals, but few per concept and in few shapes, so the signal
head still read a dismissal with a reason as a decision.

This module writes them from a small table of ways to name each signal's concept (written
for this purpose, not taken from any answer) and the shapes a dismissal takes: a denial, a
"no need", a sneer, "people talk about X, but", a skip with a reason. Each item names its
signal (`names`, never `signals`) and is left unlabelled for wrong claims (some dismissals
are also wrong claims; that head learns them from its own data).

    python -m agent.understanding.dismissals   # rewrites the generated file in both splits

Deterministic (fixed seeds), so the corpus hash and the retrained weights stay reproducible.
"""

from __future__ import annotations

import random
from pathlib import Path

FILE = "generated_dismissals.jsonl"

# signal -> ways to name its concept (plural names take "are")
CONCEPTS: dict[str, list[str]] = {
    "asks_business_goal": ["the business goal", "asking what the business wants"],
    "asks_scale": ["the traffic numbers", "asking about scale"],
    "asks_latency": ["the latency requirement", "asking about response time"],
    "frames_ml_task": ["framing it as an ML task", "the problem formulation"],
    "states_assumptions": ["writing down assumptions", "stating assumptions"],
    "label_source": ["where the labels come from", "labelling guidelines"],
    "handles_imbalance": ["class imbalance", "resampling the rare class", "class weights"],
    "sampling_bias": ["position bias", "selection bias", "feedback loops"],
    "privacy": ["privacy", "consent and data retention", "GDPR"],
    "data_volume": ["how much data we have", "the data volume"],
    "data_quality": ["data cleaning", "data quality checks", "deduplication"],
    "feature_encoding": ["encoding the categorical features", "feature hashing"],
    "aggregate_features": ["rolling counts", "historical aggregates"],
    "embedding_features": ["learned embeddings", "pretrained text embeddings"],
    "feature_scaling": ["normalising the features", "feature scaling"],
    "leakage_awareness": ["leakage", "point-in-time joins", "target leakage"],
    "feature_store_consistency": ["a feature store", "training-serving skew"],
    "feature_analysis": ["feature importance", "feature ablations"],
    "baseline_first": ["a baseline", "a simple heuristic first", "a logistic regression baseline"],
    "model_family_choice": ["comparing model families", "gradient boosted trees"],
    "two_stage_architecture": ["a separate retrieval stage", "candidate generation"],
    "model_tradeoffs": ["the trade-offs between models", "weighing alternatives"],
    "output_and_objectives": ["multi-task heads", "several objectives"],
    "pretrained_transfer": ["fine-tuning a pretrained model", "transfer learning"],
    "offline_metric_choice": ["AUC and log loss", "offline metrics", "NDCG"],
    "imbalance_aware_metric": ["PR-AUC", "precision and recall"],
    "business_kpi": ["business metrics", "revenue impact"],
    "online_metric_alignment": ["checking offline against online metrics", "metric alignment"],
    "system_metrics": ["latency metrics", "p99 latency"],
    "calibration": ["calibration", "calibrating the scores"],
    "loss_function": ["the choice of loss", "a custom loss"],
    "regularization": ["regularisation", "dropout and weight decay", "early stopping"],
    "optimizer_choice": ["the optimiser", "learning-rate schedules"],
    "hyperparameter_tuning": ["hyperparameter tuning", "a hyperparameter search"],
    "negative_sampling": ["negative sampling", "hard negatives"],
    "training_at_scale": ["distributed training", "GPU clusters"],
    "holdout_split": ["a held-out test set", "a validation split"],
    "time_based_split": ["a time-based split", "splitting by time"],
    "ab_test": ["an A/B test", "online experiments"],
    "staged_rollout": ["a canary release", "a gradual rollout", "shadow mode"],
    "error_analysis": ["error analysis", "looking at slices"],
    "experiment_guardrails": ["guardrail metrics", "guardrails"],
    "batch_vs_online": ["precomputing in batch", "choosing batch or online"],
    "latency_budget": ["a latency budget", "latency limits"],
    "caching": ["caching", "a cache"],
    "scaling_qps": ["autoscaling", "load balancing"],
    "monitoring_drift": ["drift monitoring", "monitoring", "alerting on drift"],
    "retraining": ["retraining", "a retraining schedule"],
    "explainability": ["explainability", "SHAP explanations"],
    "fallback_strategy": ["a fallback", "a rollback plan"],
}
_PLURAL_HEADS = ("class weights", "rolling", "historical", "learned", "pretrained", "point",
                 "multi", "several", "AUC", "offline", "business", "latency metrics",
                 "precision", "dropout", "learning", "GPU", "online", "guardrail", "hard",
                 "SHAP", "the trade", "the traffic", "consent", "feature hashing",
                 "labelling", "NDCG", "p99", "PR-AUC", "alerting", "negative", "feedback",
                 "guardrails", "latency limits", "the choice")  # fmt: skip
REASONS = [
    "the model will figure it out",
    "we have plenty of data",
    "the deep model is better anyway",
    "it just adds complexity",
    "we can fix problems after launch",
    "revenue will tell us if something is wrong",
    "it has never mattered in my experience",
    "users won't notice the difference",
    "it only slows the team down",
    "the data is big enough to average it out",
]
FRAMES = [
    "{C} {isnt} a real problem here.",
    "{C} {isnt} a concern for this, because {r}.",
    "We don't need {c}, because {r}.",
    "Honestly, {c} {is} overkill for this.",
    "{C} only slow{s} down the launch.",
    "People talk a lot about {c}, but it doesn't matter in practice.",
    "I wouldn't bother with {c}.",
    "Skip {c}; {r}.",
    "{C} {is} academic.",
    "There's no point in {c} here, {r}.",
    "No need for {c} since {r}.",
    "{C}? Not needed, {r}.",
    "We can ignore {c}, {r}.",
    "{C} {is} for teams that don't trust their models.",
    "Forget about {c}.",
    "{C} would be a waste of time.",
    "I'd leave out {c} entirely, since {r}.",
    "Some teams worry about {c}, but we won't.",
    "we dont really need {c} tbh, {r}",
    "- {c}: not needed ({r})",
    "{C} sounds nice, but in reality {r}.",
    "Let's not overthink {c}.",
]


def _plural(concept: str) -> bool:
    return concept.startswith(_PLURAL_HEADS)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def items(seed: int, count: int, taken: set[str] | None = None) -> list[dict[str, object]]:
    """`count` items, none of whose texts is in `taken` (dev never repeats a train item)."""
    rng = random.Random(seed)
    signals = sorted(CONCEPTS)
    out: list[dict[str, object]] = []
    seen: set[str] = set(taken or ())
    while len(out) < count:
        sid = rng.choice(signals)
        concept = rng.choice(CONCEPTS[sid])
        plural = _plural(concept)
        text = rng.choice(FRAMES).format(
            c=concept,
            C=_capital(concept),
            r=rng.choice(REASONS),
            isnt="aren't" if plural else "isn't",
            s="" if plural else "s",
            **{"is": "are" if plural else "is"},
        )
        if text in seen:
            continue
        seen.add(text)
        out.append(
            {
                "text": text,
                "signals": [],
                "names": [sid],
                "wrong_claims": None,
                "depth": False,
                "problem": None,
                "style": "dismissal",
            }
        )
    return out


def write(root: Path) -> None:
    from agent.understanding.corpus import write_generated

    write_generated(
        root,
        FILE,
        lambda _split, seed, count, taken: items(seed, count, taken),
        (("train", 41, 700), ("dev", 43, 150)),
    )


if __name__ == "__main__":
    from agent.understanding.corpus import corpus_dir

    write(corpus_dir())
