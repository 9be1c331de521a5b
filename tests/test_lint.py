"""The codebase stays ruff-clean (lint and format) and type-checks with mypy, checked by the
same test command as CI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _ruff() -> list[str]:
    local = Path(sys.executable).with_name("ruff")
    if local.exists():
        return [str(local)]
    found = shutil.which("ruff")
    if found is None:
        pytest.fail(
            "ruff is not installed; it is part of the test extra (pip install -e '.[test]')"
        )
    return [found]


@pytest.mark.parametrize(
    "args", [["check", "."], ["format", "--check", "."]], ids=["check", "format"]
)
def test_ruff(args: list[str]) -> None:
    proc = subprocess.run([*_ruff(), *args], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy() -> None:
    """The shipped package and the UI type-check (settings in pyproject.toml [tool.mypy])."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, timeout=600
    )
    if "No module named mypy" in proc.stderr:
        pytest.fail(
            "mypy is not installed; it is part of the test extra (pip install -e '.[test]')"
        )
    assert proc.returncode == 0, proc.stdout + proc.stderr
