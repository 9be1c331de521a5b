"""General ML design vocabulary, by rubric dimension: the words lists of topics are made of.

Written for the generated corpus items (agent/understanding/keyword_lists.py and
sprinkled.py), not taken from any answer: general terms and named techniques alike, so that
the models learn that naming a concept, however specific the name, decides nothing about it.
"""

from __future__ import annotations

_TERMS: dict[str, str] = {
    "framing": (
        "business objective, success criteria, north-star metric, requirements, scope, "
        "stakeholders, traffic volume, request rate, latency target, constraints, "
        "assumptions, compliance, user segments, problem formulation, ML objective, "
        "non-functional requirements, budget"
    ),
    "data": (
        "labelling, label noise, ground truth, implicit signals, explicit feedback, class "
        "imbalance, rare positives, sampling, selection bias, exposure bias, presentation "
        "bias, feedback loop, data freshness, data quality, deduplication, bot filtering, "
        "consent, data retention, anonymisation, annotation guidelines, delayed labels, data "
        "volume, logging pipeline"
    ),
    "features": (
        "feature engineering, categorical encoding, one-hot encoding, hashing trick, learned "
        "embeddings, feature crosses, counting features, rolling aggregates, normalisation, "
        "missing values, text features, image embeddings, contextual features, real-time "
        "features, feature store, online/offline parity, target leakage, point-in-time joins, "
        "feature importance, bucketing"
    ),
    "modeling": (
        "baseline, heuristic baseline, logistic regression, gradient boosted trees, deep "
        "neural network, wide and deep, two-tower model, retrieval, ranking stage, "
        "re-ranking, cascade, multi-task learning, mixture of experts, transformer, sequence "
        "model, graph neural network, transfer learning, fine-tuning, distillation, "
        "ensembles, model complexity, interpretability"
    ),
    "metrics": (
        "precision, recall, F1, ROC-AUC, PR-AUC, log loss, calibration, NDCG, MAP, MRR, hit "
        "rate, coverage, diversity, RMSE, MAE, online metrics, offline metrics, engagement, "
        "revenue, retention, guardrail metrics, tail latency, throughput"
    ),
    "training": (
        "loss function, cross-entropy, focal loss, pairwise loss, contrastive loss, negative "
        "sampling, hard negative mining, class weights, optimizer, learning rate schedule, "
        "early stopping, dropout, weight decay, hyperparameter search, data parallelism, GPU "
        "training, warm start, incremental training, checkpointing"
    ),
    "evaluation": (
        "train/validation/test split, temporal split, cross-validation, holdout set, "
        "backtesting, offline evaluation, online experiment, A/B testing, statistical "
        "significance, power analysis, interleaving, shadow mode, canary release, gradual "
        "rollout, slice analysis, error analysis, fairness audit, novelty effect"
    ),
    "deployment": (
        "model serving, batch inference, real-time inference, caching, approximate nearest "
        "neighbours, quantisation, autoscaling, load balancing, sharding, monitoring, data "
        "drift, concept drift, alerting, retraining cadence, rollback, fallback, model "
        "registry, versioning, observability, cost"
    ),
}
# Named techniques and components: the words a list of topics borrows from real designs. A
# general term ("negative sampling") and a named one ("logQ correction") are both only named
# in a list; the model must not learn that a specific enough name is a decision.
_NAMED: dict[str, str] = {
    "framing": (
        "DAU, GMV, click-through rate, QPS, p99 SLA, cost per query, trust and safety, "
        "regulatory constraints, cold-start users, long-tail queries, multi-objective "
        "optimisation, business KPIs"
    ),
    "data": (
        "impression logs, click logs, human relevance labels, weak supervision, active "
        "learning, inter-annotator agreement, label delay, chargebacks, position bias, "
        "popularity bias, feedback loops, PII scrubbing, GDPR, data versioning, synthetic data"
    ),
    "features": (
        "node2vec embeddings, GraphSAGE, BERT embeddings, CLIP embeddings, user-item "
        "affinity, time-decayed counters, streaming aggregates, Bayesian smoothing, "
        "training-serving skew, point-in-time correctness, feature freshness, ID embeddings, "
        "geohash features, TF-IDF"
    ),
    "modeling": (
        "two-tower retrieval, ANN search, HNSW, FAISS, LambdaMART, DCN-v2, DeepFM, MMoE, "
        "cross-encoder re-ranking, GBDT, XGBoost, YOLO, Faster R-CNN, vision transformer, "
        "DLRM, candidate generation, multi-stage ranking, contextual bandits"
    ),
    "metrics": (
        "normalised cross-entropy, recall@K, precision at fixed recall, AUC-ROC, mAP, IoU, "
        "MAPE, Brier score, expected calibration error, p90 error, watch time, conversion "
        "rate, session length, complaint rate"
    ),
    "training": (
        "logQ correction, in-batch negatives, sampled softmax, Huber loss, quantile loss, "
        "label smoothing, AdamW, mixed precision, data augmentation, SMOTE, class "
        "re-weighting, Bayesian optimisation, knowledge distillation, curriculum learning"
    ),
    "evaluation": (
        "CUPED, switchback tests, counterfactual evaluation, inverse propensity scoring, "
        "off-policy evaluation, golden sets, out-of-time validation, holdback groups, "
        "sequential testing, champion/challenger, replay evaluation, novelty effects"
    ),
    "deployment": (
        "Kubernetes, GPU inference, dynamic batching, model quantisation, feature cache, "
        "PSI, shadow deployment, blue-green deployment, circuit breakers, rules-engine "
        "fallback, retraining triggers, explainability, SHAP, fairness monitoring"
    ),
}
TERMS: dict[str, list[str]] = {k: v.split(", ") + _NAMED[k].split(", ") for k, v in _TERMS.items()}
