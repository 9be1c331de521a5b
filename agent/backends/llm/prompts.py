"""Prompt templates for the LLM reader, voice, grader and summariser (prompts/llm/*.md).

Templates are plain Markdown with `{{name}}` placeholders. Rendering fails loudly (a
ContentError naming the file) when a placeholder is missing, so a typo in a prompt file is
found by the tests, not by a candidate.
"""

from __future__ import annotations

import re
from pathlib import Path

from agent.content.files import ContentError, load_cached

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


class PromptLibrary:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def template(self, name: str) -> str:
        return load_cached(_read, self.folder / f"{name}.md")

    def placeholders(self, name: str) -> set[str]:
        return set(_PLACEHOLDER.findall(self.template(name)))

    def render(self, name: str, **values: object) -> str:
        text = self.template(name)
        missing = self.placeholders(name) - set(values)
        if missing:
            raise ContentError(f"{self.folder / name}.md: no value for {sorted(missing)}")
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text).strip()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ContentError(f"{path}: prompt file not found") from e
    except UnicodeDecodeError as e:
        raise ContentError(f"{path}: not UTF-8 text: {e}") from e


def llm_prompts(prompts_dir: Path) -> PromptLibrary:
    return PromptLibrary(prompts_dir / "llm")
