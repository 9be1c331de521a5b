"""A model file's sha256 is computed once per installed version of the file and kept; any
change to the file, or a file too fresh to trust its times, is hashed again."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from agent.knowledge import model_files
from agent.knowledge.embedding import MODEL_FILE, TOKENIZER_FILE, model_path, tokenizer_path, verify
from agent.knowledge.model_files import DIGESTS_FILE, file_sha256


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MLSD_MODEL_CACHE", str(folder))
    return folder / DIGESTS_FILE


def _no_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path) -> str:
        raise AssertionError(f"{path} was hashed again")

    monkeypatch.setattr(model_files, "sha256_of", refuse)


def _settled_file(path: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file whose times are older than the racy window (shortened for the test)."""
    monkeypatch.setattr(model_files, "RACY_SECONDS", 0.05)
    path.write_bytes(data)
    time.sleep(0.1)
    return path


def test_the_packaged_files_are_hashed_once_then_recognised(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert verify(model_path(), MODEL_FILE) == model_path()
    assert verify(tokenizer_path(), TOKENIZER_FILE) == tokenizer_path()
    kept = json.loads(cache.read_text(encoding="utf-8"))
    assert {e["sha256"] for e in kept.values()} == {MODEL_FILE.sha256, TOKENIZER_FILE.sha256}
    _no_hashing(monkeypatch)
    assert verify(model_path(), MODEL_FILE) == model_path()
    assert verify(tokenizer_path(), TOKENIZER_FILE) == tokenizer_path()


def test_a_file_changed_in_place_is_hashed_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _settled_file(tmp_path / "model.onnx", b"weights version one", monkeypatch)
    assert file_sha256(path) == hashlib.sha256(b"weights version one").hexdigest()
    assert cache.is_file()
    old = path.stat()
    path.write_bytes(b"weights version two")  # same size
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))  # modification time put back
    assert file_sha256(path) == hashlib.sha256(b"weights version two").hexdigest()


def test_a_file_replaced_by_another_is_hashed_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _settled_file(tmp_path / "model.onnx", b"the pinned bytes", monkeypatch)
    file_sha256(path)
    other = _settled_file(tmp_path / "other.onnx", b"someone's bytes", monkeypatch)
    other.replace(path)
    assert file_sha256(path) == hashlib.sha256(b"someone's bytes").hexdigest()


def test_a_fresh_file_is_not_kept(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "model.onnx"
    path.write_bytes(b"just written")
    assert file_sha256(path) == hashlib.sha256(b"just written").hexdigest()
    assert not cache.exists()


@pytest.mark.parametrize("damage", ["{not json", "[1, 2]", '{"x": 3}'])
def test_a_damaged_cache_costs_only_the_hash(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    path = _settled_file(tmp_path / "model.onnx", b"bytes", monkeypatch)
    cache.parent.mkdir(parents=True)
    cache.write_text(damage, encoding="utf-8")
    assert file_sha256(path) == hashlib.sha256(b"bytes").hexdigest()
    _no_hashing(monkeypatch)
    assert file_sha256(path) == hashlib.sha256(b"bytes").hexdigest()


def test_a_kept_digest_for_another_version_is_not_trusted(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _settled_file(tmp_path / "model.onnx", b"real bytes", monkeypatch)
    file_sha256(path)
    kept = json.loads(cache.read_text(encoding="utf-8"))
    for entry in kept.values():
        entry["stat"][3] -= 1  # an older modification time: another version of the file
        entry["sha256"] = MODEL_FILE.sha256
    cache.write_text(json.dumps(kept), encoding="utf-8")
    assert file_sha256(path) == hashlib.sha256(b"real bytes").hexdigest()


def test_an_unwritable_cache_folder_costs_only_the_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x")
    monkeypatch.setenv("MLSD_MODEL_CACHE", str(blocker / "models"))
    path = _settled_file(tmp_path / "model.onnx", b"bytes", monkeypatch)
    assert file_sha256(path) == hashlib.sha256(b"bytes").hexdigest()
