"""Cosine thresholds belong to a sentence model: each model ships its own, a missing or foreign
file says what to run, and a model that decides like the reference keeps its thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.knowledge.cosine_thresholds import (
    ThresholdFile,
    cosine_thresholds,
    forget_thresholds,
    read_thresholds,
    thresholds_path,
)
from agent.knowledge.embedding import EMBEDDING_ID, FLOAT_ID, MiniLMEmbedder, get_embedder
from agent.knowledge.model_files import EmbeddingUnavailable
from agent.knowledge.threshold_choice import DevTexts, choose, dev_answer_files
from tests.support.fixtures_store import KNOWLEDGE

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fresh() -> None:
    forget_thresholds()


def test_the_configured_model_ships_its_own_thresholds() -> None:
    found = read_thresholds(thresholds_path(KNOWLEDGE))
    assert found.embedding == EMBEDDING_ID
    assert cosine_thresholds(KNOWLEDGE) == found.thresholds
    reference = read_thresholds(thresholds_path(KNOWLEDGE, FLOAT_ID), FLOAT_ID)
    assert reference.chosen == "by hand on dev"


def test_a_missing_or_foreign_file_says_what_to_run(tmp_path: Path) -> None:
    path = tmp_path / "vectors" / f"{EMBEDDING_ID}.thresholds.json"
    with pytest.raises(EmbeddingUnavailable, match="mlsd thresholds"):
        read_thresholds(path)
    path.parent.mkdir()
    other = read_thresholds(thresholds_path(KNOWLEDGE)).model_copy(update={"embedding": "other"})
    path.write_text(other.model_dump_json(), encoding="utf-8")
    with pytest.raises(EmbeddingUnavailable, match=r"'other'.*mlsd thresholds"):
        read_thresholds(path)


def test_a_content_folder_without_thresholds_uses_the_built_in_ones(tmp_path: Path) -> None:
    (tmp_path / "vectors").mkdir()
    assert cosine_thresholds(tmp_path) == cosine_thresholds(KNOWLEDGE)


def test_a_model_that_decides_like_the_reference_keeps_its_thresholds() -> None:
    files = [p for p in dev_answer_files(REPO) if "answers-c/fraud-detection" in p.as_posix()]
    dev = DevTexts(files)
    assert dev.topics and dev.designs
    reference = read_thresholds(thresholds_path(KNOWLEDGE, FLOAT_ID), FLOAT_ID).thresholds
    float_model = MiniLMEmbedder(int8=False)
    same, agreement = choose(reference, float_model, float_model, dev)
    assert same == reference
    assert agreement["headings agree"] == agreement["off-problem agrees"] == 1.0


def test_the_file_format_round_trips() -> None:
    found = read_thresholds(thresholds_path(KNOWLEDGE))
    assert ThresholdFile.model_validate_json(found.model_dump_json()) == found
    assert get_embedder().id == found.embedding
