"""Follow-ups worded for the claim they push on: the weak spot of the technique the quoted
words name (knowledge/follow_ups.yaml), the figure the candidate set, the option they ruled
out; never a weak spot the message already dealt with, a technique the candidate set aside,
a figure the interviewer gave, or a push that does not apply to the design described (tail
latency for a batch job)."""

from __future__ import annotations

from agent.content.follow_ups import load_follow_ups
from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind
from agent.read.reading import MessageKind, Reading
from agent.record.transcript import Turn
from agent.settings import get_settings
from agent.speak.offline import OfflineVoice
from tests.support.voice_fixtures import bank, context

SEEDS = range(6)
ANSWER = Reading(kind=MessageKind.ANSWER)


def _said(anchor: str, text: str, *, target=None, seed=0, history=(), card_id="fraud-detection"):
    move = Move(kind=MoveKind.PROBE, phase=Phase.DATA, reason="r", target=target, anchor=anchor)
    ctx = context(move, reading=ANSWER, seed=seed, history=history, card_id=card_id)
    return OfflineVoice().render(ctx.model_copy(update={"candidate_text": text}))


def test_a_named_technique_hears_its_known_weak_spot_not_a_stock_push() -> None:
    anchor = "I'd downsample negatives to keep one in ten"
    for seed in SEEDS:
        said = _said(anchor, f"{anchor}. Positives are rare.", seed=seed)
        assert "correct" in said and "negatives" in said, said
        assert not any(q in said for q in [*bank().deepen_any, *bank().deepen_observation])


def test_a_weak_spot_the_message_already_dealt_with_is_not_asked() -> None:
    anchor = "I'd downsample negatives to keep one in ten"
    text = f"{anchor}, and correct the scores afterwards with the sampling rate."
    for seed in SEEDS:
        assert "Where in the pipeline do you correct that" not in _said(anchor, text, seed=seed)


def test_a_technique_the_candidate_sets_aside_is_not_pushed_on() -> None:
    anchor = "I wouldn't keep a raw user-id embedding"
    for seed in SEEDS:
        said = _said(anchor, f"{anchor}. Too many users.", seed=seed)
        assert "embedding has been trained" not in said, said


def test_a_figure_the_candidate_set_is_asked_about_in_their_terms() -> None:
    anchor = "I'd push incremental updates every 45 minutes"
    said = {_said(anchor, f"{anchor}.", seed=s) for s in SEEDS}
    assert any("every 45 minutes" in line for line in said), said


def test_a_figure_the_interviewer_gave_is_not_the_candidates_to_defend() -> None:
    anchor = "I'd push incremental updates every 45 minutes"
    given = Turn(role="interviewer", text="Fresh data lands every 45 minutes.", phase=Phase.DATA)
    for seed in SEEDS:
        said = _said(anchor, f"{anchor}.", seed=seed, history=[given])
        assert "45 minutes" not in said.split('"')[-1], said  # quoted, never questioned


def test_the_option_ruled_out_is_quoted_once_not_after_another_quote() -> None:
    text = "Not GBDT. The ids carry the signal."
    said = {_said("Not GBDT", text, seed=s) for s in SEEDS}
    assert any('You set aside "GBDT"' in line or 'Where would "GBDT"' in line for line in said)
    assert all(line.count('"') == 2 for line in said), said


def test_a_push_for_a_live_request_path_is_never_asked_of_a_batch_job() -> None:
    tail = "What happens to tail latency during a traffic spike"
    anchor = "scoring takes about 15 ms per request"
    batch = f"A nightly job scores every item; {anchor}."
    live = f"Each page view waits for the model; {anchor}."
    asked_live = {_said(anchor, live, target="latency_budget", seed=s) for s in range(12)}
    asked_batch = {_said(anchor, batch, target="latency_budget", seed=s) for s in range(12)}
    assert any(tail in line for line in asked_live)
    assert not any(tail in line for line in asked_batch)
    # a problem whose card says it is processed in batch: never, whatever the message says
    on_card = {
        _said(anchor, live, target="latency_budget", seed=s, card_id="street-view-blurring")
        for s in range(12)
    }
    assert not any(tail in line for line in on_card)


def test_a_technique_push_is_asked_once_per_interview() -> None:
    anchor = "I'd downsample negatives to keep one in ten"
    first = _said(anchor, f"{anchor}.")
    earlier = Turn(role="interviewer", text=first, phase=Phase.DATA)
    again = _said(anchor, f"{anchor}.", history=[earlier])
    asked = [
        p.ask for t in load_follow_ups(get_settings().knowledge_dir).techniques for p in t.pushes
    ]
    repeated = [q for q in asked if q in first and q in again]
    assert not repeated, again


def test_every_condition_a_bank_push_names_is_defined() -> None:
    conditions = load_follow_ups(get_settings().knowledge_dir).conditions
    b = bank()
    named = {b.condition_of(t) for t in b.all_templates()} - {None}
    assert named and named <= set(conditions), named - set(conditions)


def test_a_technique_in_another_clause_of_the_sentence_is_asked_with_that_clause_quoted() -> None:
    anchor = "Positives are rare"
    text = "Positives are rare, so we keep all positives and sample a tenth of the negatives."
    for seed in SEEDS:
        said = _said(anchor, text, seed=seed)
        assert '"so we keep all positives and sample a tenth of the negatives"' in said, said
        assert "correct" in said and said.count('"') == 2, said
