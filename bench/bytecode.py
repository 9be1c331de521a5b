"""Bytecode for a bench's fresh processes, as an installed package has it.

pip compiles a package's modules when it installs it, and an editable install writes them
on its first run, so a user's later processes read bytecode. A process started with
PYTHONDONTWRITEBYTECODE set (as on the project's shared box) from a tree that has none
compiles each of the package's ~200 modules from source instead: about 0.1 s of CPU of a
cold first turn that no user pays (2026-11-30, 8 alternating pairs: 1.076 -> 0.960 s).
`installed` compiles the tree's modules into its own `__pycache__` folders (ignored by git)
and returns the environment, without PYTHONDONTWRITEBYTECODE, for the processes to time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def installed(code_root: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """`env` (the process's by default) for children that read `code_root`'s package from
    bytecode, compiled here once."""
    env = {**(os.environ if env is None else env)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(code_root / "agent")],
        env=env,
        check=True,
    )
    return env
