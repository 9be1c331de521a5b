"""What the sentence model's loaders share: their error and the file digest they check."""

from __future__ import annotations

import hashlib
from pathlib import Path


class EmbeddingUnavailable(RuntimeError):
    """The packaged model files cannot be found or loaded."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
