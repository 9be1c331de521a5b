"""The bundled problem cards: they load, they are complete, and bad cards fail clearly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from agent.cli import main
from agent.content.files import ContentError
from agent.content.phases import Phase
from agent.content.problems import REQUIRED_FACT_TOPICS, ProblemCard, load_card, load_problems
from agent.understanding.sentences import compile_cues

PROBLEMS_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "problems"

EXPECTED_IDS = {
    "video-recommendation",
    "ad-click-prediction",
    "harmful-content-detection",
    "visual-search",
    "fraud-detection",
    "eta-prediction",
    "news-feed-ranking",
    "people-you-may-know",
    "search-ranking",
    "event-recommendation",
    "similar-listings",
    "video-search",
    "street-view-blurring",
    "game-recommendation",
    "rider-driver-matching",
}


@pytest.fixture(scope="module")
def library():
    return load_problems(PROBLEMS_DIR)


@pytest.fixture(scope="module")
def cards(library) -> list[ProblemCard]:
    return [library.cards[i] for i in library.ids()]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def test_all_bundled_ids_load(library):
    assert set(library.ids()) >= EXPECTED_IDS
    for problem_id in EXPECTED_IDS:
        assert library.get(problem_id).id == problem_id


def test_every_card_covers_the_required_topics(cards):
    for card in cards:
        topics = [f.topic for f in card.facts]
        missing = set(REQUIRED_FACT_TOPICS) - set(topics)
        assert not missing, f"{card.id} misses {missing}"
        assert len(topics) == len(set(topics)), f"{card.id} repeats a topic"
        # 15: the fraud card split "decided inline" out of its latency fact, content kept
        assert 10 <= len(card.facts) <= 15, f"{card.id} has {len(card.facts)} facts"


def test_openings_are_short_and_bare(cards):
    for card in cards:
        assert 1 <= len(_sentences(card.opening)) <= 2, card.id
        assert not re.search(r"\d", card.opening), f"{card.id} opening reveals a number"


def test_scale_and_latency_answers_give_concrete_numbers(cards):
    for card in cards:
        for topic in ("scale", "latency"):
            fact = card.fact(topic)
            assert fact is not None
            assert re.search(r"\d", fact.answer), f"{card.id}: {topic} answer has no number"


def _fired_topics(card: ProblemCard, question: str) -> set[str]:
    """The topics whose cues match a question, using the readers' own cue matcher."""
    return {f.topic for f in card.facts if compile_cues(tuple(f.cues)).search(question.lower())}


def test_cues_are_lower_case_and_do_not_collide_across_topics(cards):
    for card in cards:
        owners: dict[str, str] = {}
        for fact in card.facts:
            assert 5 <= len(fact.cues) <= 10, f"{card.id}/{fact.topic}: {len(fact.cues)} cues"
            for cue in fact.cues:
                assert cue == cue.strip().lower() and cue, f"{card.id}: cue {cue!r}"
                other = owners.setdefault(cue, fact.topic)
                assert other == fact.topic, f"{card.id}: {cue!r} in {other} and {fact.topic}"
        # Asking with one topic's cue must not also fire another topic on the same card.
        for cue, topic in owners.items():
            fired = _fired_topics(card, cue)
            assert fired == {topic}, f"{card.id}: cue {cue!r} ({topic}) fires {sorted(fired)}"


TYPICAL_QUESTIONS = {
    "scale": ["How many daily active users are there?", "What QPS should we expect at peak?"],
    "latency": ["What is the latency budget?", "How fast does the response need to be?"],
    "data": ["What data do we have available?", "What training data is logged today?"],
    "labels": ["How do we get labels?", "What is the ground truth here?"],
    "constraints": ["Are there any constraints I should know about?", "Any restrictions?"],
}


OPTIONAL_QUESTIONS = {
    "business_goal": ["What is the business objective?"],
    "output_consumer": ["Who consumes the predictions downstream?"],
    "serving_mode": ["Should this run in batch or online?"],
    "cold_start": ["How should we handle cold start?"],
    "freshness": ["How often can we retrain?"],
    "privacy": ["Are there privacy concerns?"],
    "explainability": ["Do decisions need to be explainable?"],
    "existing_system": ["Is there an existing system?"],
    "imbalance": ["What is the positive rate?"],
    "data_volume": ["How much data do we have in total?"],
}


def test_typical_questions_reach_exactly_their_topic(cards):
    for card in cards:
        asked = dict(TYPICAL_QUESTIONS)
        asked.update({t: q for t, q in OPTIONAL_QUESTIONS.items() if card.fact(t) is not None})
        for topic, questions in asked.items():
            for question in questions:
                fired = _fired_topics(card, question)
                assert fired == {topic}, f"{card.id}: {question!r} fires {sorted(fired)}"


def test_strong_answer_covers_every_phase(cards):
    for card in cards:
        assert set(card.strong_answer) == set(Phase), card.id
        for phase, bullets in card.strong_answer.items():
            assert 3 <= len(bullets) <= 6, f"{card.id}/{phase}: {len(bullets)} bullets"
            assert all(b.strip() for b in bullets)
        assert 4 <= len(card.pitfalls) <= 8, card.id


def test_fraud_card_states_a_rare_positive_rate(library):
    answer = library.get("fraud-detection").fact("imbalance").answer
    assert "0.1%" in answer


# --- user cards -------------------------------------------------------------------------


def _card_dict(card_id: str, title: str = "A user card") -> dict:
    return {
        "id": card_id,
        "title": title,
        "opening": "Design a system that sorts socks.",
        "facts": [
            {"topic": t, "cues": [f"{t} question"], "answer": f"The {t} answer is 42."}
            for t in REQUIRED_FACT_TOPICS
        ],
    }


def _write(folder: Path, name: str, content: dict | str) -> Path:
    path = folder / name
    text = content if isinstance(content, str) else yaml.safe_dump(content)
    path.write_text(text, encoding="utf-8")
    return path


def test_user_folder_adds_a_card(tmp_path):
    _write(tmp_path, "sock-sorting.yaml", _card_dict("sock-sorting"))
    library = load_problems(PROBLEMS_DIR, tmp_path)
    assert library.get("sock-sorting").title == "A user card"
    assert set(library.ids()) >= EXPECTED_IDS


def test_user_folder_overrides_a_bundled_card(tmp_path):
    _write(tmp_path, "fraud-detection.yaml", _card_dict("fraud-detection", "My own fraud card"))
    library = load_problems(PROBLEMS_DIR, tmp_path)
    assert library.get("fraud-detection").title == "My own fraud card"
    assert len(library.ids()) == len(load_problems(PROBLEMS_DIR).ids())


def test_broken_yaml_names_the_file(tmp_path):
    path = _write(tmp_path, "broken.yaml", "id: broken\nfacts: [unclosed\n  - topic: scale\n")
    with pytest.raises(ContentError) as err:
        load_problems(PROBLEMS_DIR, tmp_path)
    assert str(path) in str(err.value)
    assert "YAML" in str(err.value)


def test_card_missing_a_required_topic_names_file_and_topic(tmp_path):
    data = _card_dict("no-latency")
    data["facts"] = [f for f in data["facts"] if f["topic"] != "latency"]
    path = _write(tmp_path, "no-latency.yaml", data)
    with pytest.raises(ContentError) as err:
        load_card(path)
    assert str(path) in str(err.value)
    assert "latency" in str(err.value)


def test_card_id_must_match_file_name(tmp_path):
    path = _write(tmp_path, "sock-sorting.yaml", _card_dict("shoe-sorting"))
    with pytest.raises(ContentError) as err:
        load_card(path)
    message = str(err.value)
    assert str(path) in message
    assert "shoe-sorting" in message and "sock-sorting" in message


def test_unknown_problem_id_lists_known_ones(library):
    with pytest.raises(ContentError) as err:
        library.get("no-such-problem")
    assert "video-recommendation" in str(err.value)


# --- CLI ---------------------------------------------------------------------------------


def test_cli_lists_all_cards_as_json(capsys, monkeypatch):
    monkeypatch.delenv("MLSD_USER_PROBLEMS_DIR", raising=False)
    assert main(["problems", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} == EXPECTED_IDS
    assert all(r["title"] for r in rows)


def test_cli_picks_up_user_cards_from_settings(capsys, monkeypatch, tmp_path):
    _write(tmp_path, "sock-sorting.yaml", _card_dict("sock-sorting", "Sock sorting"))
    monkeypatch.setenv("MLSD_USER_PROBLEMS_DIR", str(tmp_path))
    assert main(["problems", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"id": "sock-sorting", "title": "Sock sorting"} in rows
    assert {r["id"] for r in rows} >= EXPECTED_IDS


def test_cli_reports_a_broken_user_card_without_traceback(capsys, monkeypatch, tmp_path):
    _write(tmp_path, "broken.yaml", "id: [oops\n")
    monkeypatch.setenv("MLSD_USER_PROBLEMS_DIR", str(tmp_path))
    assert main(["problems"]) == 2
    err = capsys.readouterr().err
    assert "broken.yaml" in err
    assert "Traceback" not in err
