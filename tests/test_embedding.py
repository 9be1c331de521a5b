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
