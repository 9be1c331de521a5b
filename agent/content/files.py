"""Reading versioned content files (YAML) with errors a person can act on, and the one cache
every content loader goes through: keyed on the files' modification stamps, so an edited file
or a card dropped into the user folder is picked up on the next call, while an unchanged one
is parsed once per process. A broken file is never cached: it errors until it is fixed."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from pydantic import BaseModel, ValidationError

from agent.content.pattern_checks import CHECKED_CONTEXT, checked_mark, mark_checked

if TYPE_CHECKING:
    import yaml

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
Stamp = tuple[object, ...]


class ContentError(ValueError):
    """A content file (rubric, problem card, phases, prompts) is missing or malformed."""


def safe_loader() -> type[yaml.SafeLoader]:
    """libyaml's safe loader when PyYAML was built with it: same results, about 10x faster
    (24 content files: 295 ms -> 25 ms); the pure-Python one otherwise. PyYAML is imported
    here, on the first file that has no parsed copy (see _parsed_path), not when this module
    is: a process whose content files all have one never imports it (11-19 ms of CPU of a
    cold first turn on the 2-core box)."""
    import yaml

    return cast("type[yaml.SafeLoader]", getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def __getattr__(name: str) -> object:
    if name == "SafeLoader":  # the loader, for callers that named the module's old constant
        return safe_loader()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_yaml(path: Path) -> object:
    return _parse(path, _read(path))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ContentError(f"{path}: file not found") from e
    except UnicodeDecodeError as e:
        raise ContentError(f"{path}: not UTF-8 text: {e}") from e


def _parse(path: Path, raw: str) -> object:
    kept = _parsed_path(raw)
    if kept is not None:
        try:
            return json.loads(kept.read_text(encoding="utf-8"), object_hook=_from_json)
        except (OSError, ValueError):
            pass
    import yaml

    try:
        data = yaml.load(raw, Loader=safe_loader())
    except yaml.YAMLError as e:
        raise ContentError(f"{path}: not valid YAML: {e}") from e
    if kept is not None:
        _keep(kept, data)
    return data


# Parsed files are kept as JSON in the data folder: the C loader still builds every object
# in Python (50-70 ms of CPU for the 18 files a first turn reads, on the 2-core box: most of
# loading the content), where JSON gives the same data back in about 3 ms. Kept by the
# text's sha256 and the parser's version, so an edited file is parsed anew; only data that
# JSON gives back unchanged is kept (never a file that fails to parse).
_PARSED_FORMAT = 1


def _parsed_path(raw: str) -> Path | None:
    try:
        from agent.settings import get_settings

        folder = get_settings().data_dir / "cache" / "content"
    except Exception:  # settings that cannot be read: parse, as before
        return None
    digest = hashlib.sha256(f"{_PARSED_FORMAT}\x1e{_parser()}\x1e".encode())
    digest.update(raw.encode("utf-8", "surrogatepass"))
    return folder / f"{digest.hexdigest()}.json"


@cache
def _parser() -> str:
    """PyYAML's version and the name of the loader it parses with, which key a parsed copy,
    found without importing PyYAML: its installed version, and libyaml's loader when its
    compiled module is there (PyYAML uses it whenever that module is present)."""
    from importlib import metadata
    from importlib.util import find_spec

    try:
        version = metadata.version("PyYAML")
        spec = find_spec("yaml")
        folders = list(spec.submodule_search_locations or []) if spec else []
        compiled = any(
            f.startswith("_yaml.") and f.endswith((".so", ".pyd"))
            for folder in folders
            for f in os.listdir(folder)
        )
    except (metadata.PackageNotFoundError, OSError, ValueError):
        import yaml

        return f"{yaml.__version__}\x1e{safe_loader().__name__}"
    return f"{version}\x1e{'CSafeLoader' if compiled else 'SafeLoader'}"


def _keep(path: Path, data: object) -> None:
    try:
        text = json.dumps(_to_json(data), ensure_ascii=False)
        if json.loads(text, object_hook=_from_json) != data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except (TypeError, ValueError, OSError, RecursionError):  # not JSON data, or no room
        return


_INT_KEYS = "\x00int keys"  # which keys were numbers (the rubric's levels): JSON has text keys


def _to_json(data: object) -> object:
    if isinstance(data, list):
        return [_to_json(v) for v in data]
    if not isinstance(data, dict):
        return data
    ints = [k for k in data if isinstance(k, int) and not isinstance(k, bool)]
    if any(not isinstance(k, str) for k in data if k not in ints) or _INT_KEYS in data:
        raise TypeError("keys JSON cannot hold")
    out = {str(k): _to_json(v) for k, v in data.items()}
    if len(out) != len(data):
        raise TypeError("a number and its text as keys of one mapping")
    if ints:
        out[_INT_KEYS] = [str(k) for k in ints]
    return out


def _from_json(obj: dict[str, object]) -> object:
    ints = obj.pop(_INT_KEYS, None)
    if not isinstance(ints, list):
        return obj
    return {int(k) if k in ints else k: v for k, v in obj.items()}


def load_model(path: Path, model: type[M]) -> M:
    """Load a YAML file into a pydantic model; any problem becomes one clear ContentError."""
    raw = _read(path)
    data = _parse(path, raw)
    if not isinstance(data, dict):
        raise ContentError(
            f"{path}: expected a mapping at the top level, got {type(data).__name__}"
        )
    mark = checked_mark(raw, model)
    checked = mark is not None and mark.exists()
    try:
        value = model.model_validate(data, context=dict(CHECKED_CONTEXT) if checked else None)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}"
            for err in e.errors()
        )
        raise ContentError(f"{path}: {problems}") from e
    if mark is not None and not checked:
        mark_checked(mark)
    return value


def content_hash(obj: object) -> str:
    """A stable short hash of JSON-able content (sorted keys), used to version content."""
    raw = json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:16]


# Inside `one_pass()`, each file's stamp is taken once: one grade reads the rubric, the plan
# and the cards dozens of times, and re-stating every file (and globbing the card folders)
# on each read was a third of a re-grade's time.
_PASS_STAMPS: ContextVar[dict[Path, Stamp] | None] = ContextVar("_PASS_STAMPS", default=None)
_PASS_VALUES: ContextVar[dict[tuple[object, ...], object] | None] = ContextVar(
    "_PASS_VALUES", default=None
)


@contextmanager
def one_pass() -> Iterator[None]:
    """Within the block, content files are taken to stay as they were when first read (one
    grade, one turn); outside it, every read checks the files again."""
    if _PASS_STAMPS.get() is not None:
        yield
        return
    token = _PASS_STAMPS.set({})
    values = _PASS_VALUES.set({})
    try:
        yield
    finally:
        _PASS_VALUES.reset(values)
        _PASS_STAMPS.reset(token)


def stamp(path: Path | None) -> Stamp:
    """What changes when the file (or a folder's YAML files) changes."""
    if path is None:
        return ()
    known = _PASS_STAMPS.get()
    if known is not None:
        found = known.get(path)
        if found is None:
            found = known[path] = _stamp(path)
        return found
    return _stamp(path)


def _stamp(path: Path) -> Stamp:
    if path.is_dir():
        files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        return tuple((f.name, *stamp(f)) for f in files)
    try:
        st = path.stat()
    except OSError:
        return ("missing",)
    return (st.st_mtime_ns, st.st_size)


_CACHE: dict[tuple[object, ...], tuple[Stamp, object]] = {}
_LOCK = threading.Lock()


def load_cached(loader: Callable[..., T], *paths: Path | None) -> T:
    """`loader(*paths)`, parsed once while none of the files' stamps change."""
    key = (loader, *paths)
    known = _PASS_VALUES.get()
    if known is not None and key in known:
        return cast(T, known[key])
    current = tuple(stamp(p) for p in paths)
    with _LOCK:
        hit = _CACHE.get(key)
    if hit is not None and hit[0] == current:
        value = hit[1]
    else:
        value = loader(*paths)  # outside the lock: a slow parse does not block other content
        with _LOCK:
            _CACHE[key] = (current, value)
    if known is not None:
        known[key] = value
    return cast(T, value)
