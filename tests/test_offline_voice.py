"""The offline voice and its question bank: enough varied lines for every situation, every
placeholder filled, hidden content only where grounding allows it, words streamed (following
up on the candidate: tests/test_offline_voice_follow_ups.py)."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.files import ContentError
from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.read.reading import MessageKind, MetaTopic, Reading
from agent.record.transcript import Turn
from agent.settings import get_settings
from agent.speak.offline import OfflineVoice
from agent.speak.question_bank import QuestionBank, load_question_bank
from agent.speak.variation import anchor_phrase, guidance_point
from tests.support.voice_fixtures import CARD_ID, CHUNK, MOVES, bank, context


def test_bank_covers_every_situation_with_variants():
    b = bank()
    rubric = load_content().rubric
    signal_ids = {s.id for d in rubric.dimensions for s in d.signals}
    assert signal_ids <= set(b.signal_questions)
    for lists in (b.steer.values(), b.meta.values(), b.advance.values()):
        for templates in lists:
            assert len(templates) >= 4
    for templates in (b.open, b.clarification, b.unanswerable, b.decline, b.hint, b.wrap_up):
        assert len(templates) >= 4
    assert set(b.advance) == set(Phase) - {Phase.CLARIFY}


def test_a_bank_with_an_unknown_placeholder_is_a_content_error(tmp_path):
    raw = (get_settings().prompts_dir / "question_bank.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "question_bank.yaml"
    bad.write_text(
        raw.replace('"Sure. {fact_answer}"', '"Sure. {secret_rubric}"'), encoding="utf-8"
    )
    with pytest.raises(ContentError, match="secret_rubric"):
        load_question_bank(bad)


def test_a_kinds_own_wording_is_listed_once_after_the_shared_templates():
    shared = bank().model_dump(mode="json")
    shared["for_tags"] = {}
    plain = QuestionBank.model_validate(shared).all_templates()
    said = shared["open"][0]  # already among the shared templates
    own = ["What would the model see first?", said, "What comes next?"]
    tagged = {**shared, "for_tags": {"a-kind": {"phase_questions": {"features": [*own, own[0]]}}}}
    listed = QuestionBank.model_validate(tagged).all_templates()
    assert listed == [*plain, "What would the model see first?", "What comes next?"]


def test_an_unknown_placeholder_in_a_kinds_own_wording_is_a_content_error():
    shared = bank().model_dump(mode="json")
    shared["for_tags"] = {"a-kind": {"phase_questions": {"features": ["Tell me {secret}."]}}}
    with pytest.raises(ValueError, match="secret"):
        QuestionBank.model_validate(shared)


@pytest.mark.parametrize("move", MOVES, ids=lambda m: f"{m.kind}-{m.steer or m.target}")
def test_every_move_renders_short_filled_and_streamed(move):
    voice = OfflineVoice()
    for seed in range(6):
        ctx = context(move, seed=seed)
        text = voice.render(ctx)
        assert text and "{" not in text and "}" not in text
        if move.kind != MoveKind.OPEN:
            assert len(text.split()) <= 60, text
        chunks = list(voice.speak(ctx))
        assert len(chunks) >= 3 and "".join(chunks).strip() == text


def test_clarification_says_only_the_grounded_facts():
    card = load_content().problems.get(CARD_ID)
    move = Move(kind=MoveKind.ANSWER_CLARIFICATION, phase=Phase.CLARIFY, reason="r")
    text = OfflineVoice().render(context(move, facts=["latency", "scale"]))
    assert card.fact("latency").answer.strip() in text and card.fact("scale").answer in text
    others = [f for f in card.facts if f.topic not in {"latency", "scale"}]
    assert not any(f.answer in text for f in others)
    partly = Reading(kind=MessageKind.CLARIFYING_QUESTION, unanswerable=True)
    text = OfflineVoice().render(context(move, facts=["latency"], reading=partly))
    assert "assum" in text.lower()


def test_wrong_claim_steer_asks_the_misconceptions_challenge():
    from agent.content.misconceptions import default_misconceptions

    move = next(m for m in MOVES if m.steer == SteerKind.WRONG_CLAIM)
    text = OfflineVoice().render(context(move))
    assert default_misconceptions().get("accuracy_on_imbalanced").challenge in text


def test_skipped_phase_names_where_the_candidate_jumped():
    move = next(m for m in MOVES if m.steer == SteerKind.SKIPPED_PHASE)
    names = bank().phase_names
    texts = {OfflineVoice().render(context(move, seed=s)) for s in range(8)}
    assert any(names[Phase.MODELING] in t for t in texts)


def test_meta_answers_use_the_clock_and_the_phase():
    voice = OfflineVoice()
    move = Move(kind=MoveKind.ANSWER_META, phase=Phase.DATA, reason="r", target="time_left")
    assert "33 minutes" in voice.render(context(move))
    for topic in MetaTopic:
        m = move.model_copy(update={"target": topic.value})
        assert voice.render(context(m))


def test_variation_cycles_without_immediate_repeats_and_is_reproducible():
    voice = OfflineVoice()
    move = next(m for m in MOVES if m.steer == SteerKind.OFF_TOPIC)
    history: list[Turn] = []
    said = []
    for _ in range(len(bank().steer[SteerKind.OFF_TOPIC])):
        text = voice.render(context(move, history=history, seed=3))
        said.append(text)
        history.append(Turn(role="interviewer", text=text, phase=move.phase, move=move))
    assert len(set(said)) == len(said)  # every variant once before any repeat
    again = voice.render(context(move, history=history[:2], seed=3))
    assert again == said[2]


def test_phrases():
    assert anchor_phrase("chargebacks as labels", "we use chargebacks as labels here") == (
        "chargebacks as labels"
    )
    assert anchor_phrase("not in the text", "something else") is None
    long = "one two three four five six seven eight nine ten eleven twelve thirteen"
    assert (
        anchor_phrase(long, long)
        == "one two three four five six seven eight nine ten eleven twelve..."
    )
    point = guidance_point(CHUNK.text)
    assert point == "Labels often arrive late." or point.startswith("Delayed labels")
    assert guidance_point("# Only a title") is None


def test_declines_never_carry_card_facts_or_rubric_text():
    voice = OfflineVoice()
    rubric = load_content().rubric
    secrets = [s.description for d in rubric.dimensions for s in d.signals]
    move = next(m for m in MOVES if m.kind == MoveKind.DECLINE)
    for card in load_content().problems.cards.values():
        for seed in range(6):
            ctx = context(move, seed=seed).model_copy(update={"card": card})
            text = voice.render(ctx)
            assert not any(f.answer in text for f in card.facts)
            assert not any(s in text for s in secrets)


def test_angle_tags_are_read_from_the_bank_and_never_said():
    b = bank()
    assert {b.angles[q] for q in b.deepen_any} == {
        "reason",
        "cost",
        "alternative",
        "risk",
        "measure",
    }
    assert not any(q.startswith("[") for qs in b.deepen_questions.values() for q in qs)


def test_a_bank_with_an_unknown_angle_is_a_content_error(tmp_path):
    data = bank().model_dump(mode="json")
    data["deepen_any"] = ["[vibes] How does that feel?", *data["deepen_any"]]
    with pytest.raises(ValueError, match="unknown angle"):
        QuestionBank.model_validate(data)


def test_a_bank_whose_tag_wording_names_an_unknown_part_is_a_content_error():
    data = bank().model_dump(mode="json")
    data["for_tags"] = {"computer-vision": {"steer": {"off_topic": ["Back to it."]}}}
    with pytest.raises(ValueError, match=r"for_tags\.computer-vision"):
        QuestionBank.model_validate(data)
