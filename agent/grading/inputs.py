"""What `mlsd evaluate` can grade: saved interviews (JSON) and written answers (Markdown/text).

An answer names its problem in YAML front matter (`problem: fraud-detection`) or gets it from
--problem. Anything unusable becomes an InputError with a message naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from agent.record.journal import journal_path
from agent.record.transcript import Transcript, TranscriptError, parse_transcript

TRANSCRIPT_SUFFIXES = (".json",)
ANSWER_SUFFIXES = (".md", ".markdown", ".txt")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


class InputError(ValueError):
    """One input file cannot be graded (the others still are)."""


@dataclass
class EvalItem:
    name: str  # the path as given/found, for reports
    kind: Literal["transcript", "answer"]
    problem_id: str
    source: str  # the raw input text: evidence quotes are verbatim substrings of it
    answer: str = ""  # the answer body (front matter removed)
    transcript: Transcript | None = None


def split_front_matter(text: str, source: str = "<input>") -> tuple[dict[str, object], str]:
    """(front matter mapping, body). The body is a suffix of the text, so quotes stay verbatim."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as e:
        raise InputError(f"{source}: front matter is not valid YAML: {e}") from e
    if not isinstance(meta, dict):
        raise InputError(
            f"{source}: front matter must be a mapping like `problem: fraud-detection`"
        )
    return meta, text[m.end() :]


def strip_front_matter(text: str) -> str:
    try:
        return split_front_matter(text)[1]
    except InputError:
        return text


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Expand folders recursively (sorted); report paths that do not exist or are not gradable."""
    files: list[Path] = []
    errors: list[tuple[Path, str]] = []
    suffixes = TRANSCRIPT_SUFFIXES + ANSWER_SUFFIXES
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                errors.append(
                    (path, f"{path}: no transcript (.json) or answer (.md, .txt) files inside")
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append((path, f"{path}: no such file or folder"))
    unique = list(dict.fromkeys(files))
    return unique, errors


def load_item(path: Path, problem: str | None = None) -> EvalItem:
    """Read one file into an EvalItem; raise InputError (never a traceback) if unusable."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from e
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text") from e
    if path.suffix.lower() in TRANSCRIPT_SUFFIXES:
        journal = journal_path(path)
        try:
            transcript = parse_transcript(raw, str(path), journal=journal)
        except TranscriptError as e:
            raise InputError(str(e)) from e
        if journal.is_file():  # an unfinished interview: the whole document, as once saved
            text = transcript.model_dump_json(indent=2)
        return EvalItem(
            name=str(path),
            kind="transcript",
            problem_id=transcript.problem_id,
            source=text,
            transcript=transcript,
        )
    if path.suffix.lower() not in ANSWER_SUFFIXES:
        raise InputError(f"{path}: unknown file type; expected .json, .md, .markdown or .txt")
    return answer_item(text, str(path), problem)


def answer_item(text: str, name: str, problem: str | None = None) -> EvalItem:
    meta, body = split_front_matter(text, name)
    if not body.strip():
        raise InputError(f"{name}: the answer is empty")
    problem_id = meta.get("problem") or problem
    if not problem_id:
        raise InputError(
            f"{name}: which problem does this answer? Add front matter `problem: <id>` "
            "or pass --problem"
        )
    from agent.content.bundle import load_content
    from agent.grading.answer_check import not_a_design_answer  # loads the models

    known = str(problem_id) in load_content().problems.ids()  # else: named as unknown later
    why = not_a_design_answer(body) if known else None
    if why is not None:
        raise InputError(f"{name}: not a design answer: {why}")
    return EvalItem(name=name, kind="answer", problem_id=str(problem_id), source=text, answer=body)
