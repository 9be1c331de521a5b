"""Blind test batches are frozen: each file matches the sha256 its manifest line records.

Their figures are printed by `python -m bench.understanding` (and bench/calibration.py for
graded answers); nothing here scores them, so no test can steer the models towards them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml

BLIND = Path(__file__).resolve().parent / "blind"


def _sha(path: Path) -> str:
    if path.is_dir():
        digest = hashlib.sha256()
        for f in sorted(p for p in path.rglob("*") if p.is_file()):
            digest.update(f.relative_to(path).as_posix().encode())
            digest.update(f.read_bytes())
        return digest.hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_blind_batch_matches_its_manifest() -> None:
    manifest = yaml.safe_load((BLIND / "manifest.yaml").read_text(encoding="utf-8"))
    listed = set()
    for batch in manifest["batches"]:
        path = BLIND / batch["file"]
        listed.add(path.name)
        assert path.exists(), batch["file"]
        assert _sha(path) == batch["sha256"], f"{batch['file']} changed after it was frozen"
        assert batch["writer"] and batch["written"] and batch["items"] > 0
    # manifest.yaml and the writers' briefs (*.md) are not batches
    on_disk = {p.name for p in BLIND.iterdir() if p.name != "manifest.yaml" and p.suffix != ".md"}
    assert on_disk == listed, "every blind batch needs a manifest line"


def test_blind_batches_are_not_training_data() -> None:
    corpus = Path(__file__).resolve().parent.parent / "knowledge" / "corpus"
    trained: set[str] = set()
    for path in corpus.rglob("*.jsonl"):
        lines = path.read_text(encoding="utf-8").splitlines()
        trained |= {json.loads(line)["text"] for line in lines}
    for path in BLIND.glob("*.jsonl"):
        texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
        shared = [t for t in texts if t in trained]
        # independent writers do both write stock phrases ("How much time do we have left?",
        # "um", "I won't bother with calibration.", "I don't really need a plan, let me just
        # start with the model."; bench/understanding.py leaves them out of the blind
        # figures); long items or many of them would be a leak
        assert all(len(t.split()) <= 14 for t in shared), shared
        worded = [t for t in shared if len(t.split()) > 3]  # not blanks, fillers, "stop"
        assert len(worded) <= 0.03 * len(texts), worded
