"""Loading the bundled content once: rubric, phase plan, problem cards.

Each loader is cached on the files' modification stamps, so a Streamlit rerun or a CLI call
reuses what is already parsed, while an edited file or a card dropped into the user folder
is picked up on the next call. A broken file is never cached: it errors until it is fixed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from agent.content.phases import PhasePlan, load_phase_plan
from agent.content.problems import ProblemLibrary, load_problems
from agent.content.rubric import Rubric, load_rubric
from agent.settings import get_settings

Stamp = tuple[object, ...]


def _stamp(path: Path | None) -> Stamp:
    """What changes when the file (or a folder's YAML files) changes."""
    if path is None:
        return ()
    if path.is_dir():
        files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        return tuple((f.name, *_stamp(f)) for f in files)
    try:
        st = path.stat()
    except OSError:
        return ("missing",)
    return (st.st_mtime_ns, st.st_size)


def rubric_path() -> Path:
    return get_settings().knowledge_dir / "rubric.yaml"


@lru_cache(maxsize=4)
def _rubric(path: Path, stamp: Stamp) -> Rubric:
    return load_rubric(path)


def rubric() -> Rubric:
    path = rubric_path()
    return _rubric(path, _stamp(path))


@lru_cache(maxsize=4)
def _phase_plan(path: Path, stamp: Stamp) -> PhasePlan:
    return load_phase_plan(path)


def phase_plan() -> PhasePlan:
    path = get_settings().knowledge_dir / "phases.yaml"
    return _phase_plan(path, _stamp(path))


@lru_cache(maxsize=8)
def _problems(folders: tuple[Path | None, ...], stamp: Stamp) -> ProblemLibrary:
    return load_problems(*folders)


def problems() -> ProblemLibrary:
    s = get_settings()
    folders = (s.knowledge_dir / "problems", s.user_problems_dir)
    return _problems(folders, tuple(_stamp(f) for f in folders))
