"""A technique follow-up is asked only where it fits the problem card (its ml_task, tags and
the signals it rules out) and the design the candidate has said so far (issue 10): no id
question for a design without ids, no ranking-depth question for a classifier, no "while the
model is unavailable" question about a fallback that is a rule, no proxy question where the
label is the quantity predicted, no "why that budget?" for the budget the interviewer gave,
and no push on a signal the card rules out. Sentences written for these tests."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.follow_ups import Asked, load_follow_ups, used
from agent.content.phases import Phase
from agent.decide import coverage
from agent.decide.moves import Move, MoveKind
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, Reading
from agent.record.transcript import Turn
from agent.settings import get_settings
from agent.speak.offline import OfflineVoice
from agent.understanding.sentences import compile_cues
from tests.support.voice_fixtures import bank, context

IDS_QUESTION = "How would the trees handle the high-cardinality ids here, like user or item ids?"
DEPTH_QUESTION = (
    "What counts as relevant for it here, and how many positions deep would you read it?"
)
UNAVAILABLE = (
    "while the model is unavailable",
    "during an outage",
    "while running on it",
    "while running on the fallback",
)
PROXY = ("proxy", "track what the business actually wants")
SEEDS = range(16)


def _said(
    card_id: str,
    message: str,
    *,
    target: str | None = None,
    anchor: str | None = None,
    phase: Phase = Phase.MODELING,
    earlier: tuple[str, ...] = (),
    interviewer: tuple[str, ...] = (),
) -> set[str]:
    """Every follow-up the offline voice says on `anchor` (the whole message if not given)
    over several seeds, after the earlier messages and interviewer lines."""
    move = Move(
        kind=MoveKind.PROBE, phase=phase, reason="r", target=target, anchor=anchor or message
    )
    history = [Turn(role="interviewer", text=t, phase=phase) for t in interviewer] + [
        Turn(role="candidate", text=t, phase=phase) for t in earlier
    ]
    voice = OfflineVoice()
    out = set()
    for seed in SEEDS:
        ctx = context(move, seed=seed, card_id=card_id, history=history)
        ctx = ctx.model_copy(
            update={
                "candidate_text": message,
                "reading": Reading(kind=MessageKind.ANSWER, signal_confidence={}),
            }
        )
        out.add(voice.render(ctx))
    return out


def _asked(card_id: str, message: str, design: str = "", sentence: str = "") -> Asked:
    card = load_content().problems.get(card_id)
    return Asked(
        message=message,
        card_tags=tuple(card.tags),
        ml_task=card.ml_task,
        not_applicable=tuple(card.not_applicable),
        sentence=sentence,
        design=design,
    )


def _condition(name: str):
    return load_follow_ups(get_settings().knowledge_dir).conditions[name]


# -- ids ---------------------------------------------------------------------------------


def test_a_tree_model_on_a_design_without_ids_is_not_asked_about_ids() -> None:
    for card_id, message in [
        ("eta-prediction", "I'd fit boosted trees on the route distance, hour and live speeds."),
        ("fraud-detection", "XGBoost over amount, merchant category and the card's 24h counts."),
    ]:
        assert not any(IDS_QUESTION in line for line in _said(card_id, message))


def test_a_candidate_who_names_ids_only_to_set_them_aside_is_not_asked_about_ids() -> None:
    for message in [
        "LightGBM on listing descriptors rather than listing ids, so new homes score too.",
        "A GBDT with no raw user ids at all; price band, room count and area instead.",
        "Gradient boosted trees, and instead of item ids I'd use the category and brand.",
    ]:
        assert not any(IDS_QUESTION in line for line in _said("similar-listings", message))
    ids = compile_cues(("ids", "item ids", "listing ids"))
    assert not used(ids, "descriptors rather than listing ids")
    # a negation in an earlier sentence does not reach the next one
    assert used(ids, "Not the raw text. The item ids go in as hashed buckets.")


def test_a_tree_model_on_a_design_that_uses_ids_can_be_asked_about_them() -> None:
    earlier = ("Features: the user id and the video id, plus watch-time counters per creator.",)
    said = _said("video-recommendation", "Then a LightGBM ranker on top.", earlier=earlier)
    assert any(IDS_QUESTION in line for line in said)


def test_a_new_id_embedding_question_needs_ids_in_the_design() -> None:
    embedding = "What happens for brand-new items or users that don't have an embedding yet?"
    ocr = "Text from images via OCR, embedded with a multilingual text encoder."
    said = _said("harmful-content-detection", ocr, target="embedding_features")
    assert not any(embedding in line for line in said)
    condition = _condition("ids_in_design")
    assert condition.holds(_asked("news-feed-ranking", "embeddings for user ids and post ids"))


# -- ranking metrics ---------------------------------------------------------------------


def test_a_classifiers_recall_at_a_precision_gets_no_ranking_depth_question() -> None:
    for card_id, message in [
        ("fraud-detection", "Offline I'd report recall at 95% precision, per merchant segment."),
        ("harmful-content-detection", "Per policy, recall at the precision the takedown needs."),
    ]:
        said = _said(card_id, message, target="offline_metric_choice", phase=Phase.EVALUATION)
        assert not any(DEPTH_QUESTION in line for line in said)


def test_a_ranking_metric_on_a_ranked_list_can_be_asked_how_deep() -> None:
    ranked = _condition("ranked_output")
    assert ranked.holds(_asked("search-ranking", "NDCG on the logged sessions"))
    assert not ranked.holds(_asked("fraud-detection", "recall at 90 precision"))


def test_a_retrieval_miss_question_needs_a_ranker_after_retrieval() -> None:
    funnel = _condition("ranker_named")
    alone = "A two-tower model with an ANN index returns the ten nearest listings."
    assert not funnel.holds(_asked("similar-listings", alone, design=alone))
    staged = "ANN retrieval gives 500 candidates, then a GBDT ranker orders them."
    assert funnel.holds(_asked("similar-listings", alone, design=staged))
    # a card with no funnel at all
    assert not funnel.holds(_asked("eta-prediction", alone, design=staged))


# -- fallbacks -------------------------------------------------------------------------------


def test_a_fallback_that_is_a_rule_is_not_asked_about_the_model_being_down() -> None:
    for card_id, message in [
        (
            "harmful-content-detection",
            "When the review backlog passes a day, we fall back to auto-removing only the "
            "highest-confidence items.",
        ),
        (
            "similar-listings",
            "A listing with no neighbours yet falls back to the newest homes in the same town.",
        ),
        ("eta-prediction", "A bad release is rolled back in under a minute from the registry."),
    ]:
        said = _said(card_id, message, target="fallback_strategy", phase=Phase.DEPLOYMENT)
        assert not any(u in line for line in said for u in UNAVAILABLE), said


def test_a_fallback_for_a_failing_model_can_be_asked_about_the_outage() -> None:
    message = "If the scoring service times out, we fall back to the routing engine's estimate."
    said = _said("eta-prediction", message, target="fallback_strategy", phase=Phase.DEPLOYMENT)
    assert any(u in line for line in said for u in UNAVAILABLE)


# -- labels, budgets, objectives, training -----------------------------------------------


def test_a_label_that_is_the_quantity_predicted_is_not_called_a_proxy() -> None:
    message = "The label is the seconds between pickup and drop-off, from the trip log."
    said = _said("eta-prediction", message, target="label_source", phase=Phase.DATA)
    assert not any(p in line for line in said for p in PROXY)
    fraud = _said("fraud-detection", "Chargebacks become the labels.", target="label_source")
    assert any(p in line for line in fraud for p in PROXY)


def test_the_budget_the_interviewer_gave_is_not_asked_where_it_comes_from() -> None:
    why = "Why that budget, and where does the number come from?"
    given = ("Under 80 ms at p99 for the whole carousel.",)
    echoed = "So 80 ms in total for the carousel; the lookups fit inside that."
    said = _said(
        "similar-listings",
        echoed,
        anchor="So 80 ms in total",
        target="latency_budget",
        phase=Phase.DEPLOYMENT,
        interviewer=given,
    )
    assert not any(why in line for line in said)
    own = _condition("own_figure")
    assert own.holds(
        Asked(message="I'd give scoring 30 ms", sentence="I'd give scoring 30 ms", interviewer="80")
    )


def test_weights_between_objectives_need_objectives_to_weigh() -> None:
    weights = "How would you set the weights between those objectives"
    single = "Each listing is a vector and the score is the cosine to the viewed one."
    said = _said("similar-listings", single, target="output_and_objectives")
    assert not any(weights in line for line in said)
    two = "Two objectives, click and booking, combined in a weighted sum."
    assert _condition("multi_task").holds(_asked("similar-listings", single, design=two))


def test_scaled_up_runs_need_training_spread_over_machines() -> None:
    scaled = "scaled-up run matches the quality of a smaller reference run"
    message = "The whole model trains in twenty minutes on one box, every night."
    said = _said("eta-prediction", message, target="training_at_scale", phase=Phase.TRAINING)
    assert not any(scaled in line for line in said)
    design = "Data-parallel training on 16 GPUs with all-reduce."
    assert _condition("distributed").holds(_asked("video-recommendation", message, design=design))


def test_the_training_run_question_names_no_model_family() -> None:
    for q in bank().signal_questions["optimizer_choice"]:
        assert "trees" not in q and "epochs" not in q


# -- the policy's target -----------------------------------------------------------------


def test_a_signal_the_card_rules_out_is_never_the_push_target() -> None:
    rubric = load_content().rubric
    reading = Reading(
        kind=MessageKind.ANSWER,
        signals=["two_stage_architecture", "scaling_qps"],
        quotes={
            "two_stage_architecture": "the big model handles about two thousand posts a second",
            "scaling_qps": "an autoscaled pool of GPU workers for video",
        },
        word_count=40,
    )
    state = InterviewState(phase=Phase.DEPLOYMENT, elapsed_minutes=20.0)
    card = load_content().problems.get("harmful-content-detection")
    assert "two_stage_architecture" in card.not_applicable
    assert coverage.touched_target(state, reading, rubric, card.not_applicable) == "scaling_qps"
    # where the card allows it, the same reading may push on it
    assert coverage.touched_target(state, reading, rubric) is not None
