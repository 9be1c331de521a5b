"""The labelled corpus of candidate language the understanding models learn from.

knowledge/corpus/<split>/*.jsonl, one JSON object a line, of two shapes:

- sentence items: {"text", "signals", "names", "wrong_claims", "depth", "angles", "problem",
  "style"} (`signals`: rubric signals the sentence is evidence for; `names`: signals it only
  names, dismisses or negates, which are NOT evidence; `angles`: the follow-up angles it
  already covers, see model.ANGLES). null means "not labelled for that head"; an absent
  `signals`, `wrong_claims` or `depth` means none (a negative), an absent `angles` null, so a
  set labelled only for angles must say `"signals": null` and so on);
- message items: {"text", "kind", "problem", "style"} (a whole message and its kind);
- fact-question items: {"text", "topics", "parts": [{"text", "topics"}], "problem", "style"}
  (a clarifying question, the card fact topics it asks for, part by part; no topic, or
  "none": a question no card answers). They train only the fact heads (agent/understanding/
  fact_heads.py).

Splits: `train` fits the weights, `dev` chooses thresholds and settings. Blind test batches
live apart, in tests/blind/, and are never read by training.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, ValidationError


class CorpusError(ValueError):
    """A corpus file has a line that is not a valid item."""


class SentenceItem(BaseModel):
    text: str = Field(min_length=1)
    # None: not labelled for that head (the item then trains the other heads only)
    signals: list[str] | None = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)
    wrong_claims: list[str] | None = Field(default_factory=list)
    depth: bool | None = False
    angles: list[str] | None = None  # labelled only in the angle sets
    problem: str | None = None
    style: str | None = None
    source: str = ""


class MessageItem(BaseModel):
    text: str
    kind: str
    problem: str | None = None
    style: str | None = None
    source: str = ""


NO_TOPIC = "none"  # a writer's label for a question no card fact answers


def _topics(value: list[str]) -> list[str]:
    return [t for t in value if t != NO_TOPIC]


class QuestionPart(BaseModel):
    text: str = Field(min_length=1)
    topics: Annotated[list[str], AfterValidator(_topics)] = Field(default_factory=list)


class FactQuestionItem(BaseModel):
    text: str = Field(min_length=1)
    topics: Annotated[list[str], AfterValidator(_topics)] = Field(default_factory=list)
    parts: list[QuestionPart] = Field(default_factory=list)  # empty: the text is one part
    problem: str | None = None
    style: str | None = None
    source: str = ""

    def labelled_parts(self) -> list[QuestionPart]:
        return self.parts or [QuestionPart(text=self.text, topics=self.topics)]


class Corpus(BaseModel):
    sentences: list[SentenceItem] = Field(default_factory=list)
    messages: list[MessageItem] = Field(default_factory=list)
    fact_questions: list[FactQuestionItem] = Field(default_factory=list)

    def extend(self, other: Corpus) -> None:
        self.sentences += other.sentences
        self.messages += other.messages
        self.fact_questions += other.fact_questions


def read_items(path: Path) -> Corpus:
    corpus = Corpus()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            if "topics" in raw:
                corpus.fact_questions.append(
                    FactQuestionItem.model_validate({**raw, "source": path.name})
                )
            elif "kind" in raw:
                corpus.messages.append(MessageItem.model_validate({**raw, "source": path.name}))
            else:
                corpus.sentences.append(SentenceItem.model_validate({**raw, "source": path.name}))
        except (ValueError, ValidationError) as e:
            raise CorpusError(f"{path}:{n}: {e}") from e
    return corpus


def load_split(folder: Path) -> Corpus:
    corpus = Corpus()
    for path in sorted(folder.glob("*.jsonl")):
        corpus.extend(read_items(path))
    return corpus


def corpus_dir() -> Path:
    from agent.settings import get_settings

    return get_settings().knowledge_dir / "corpus"


def files_sha256(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# make(split folder, seed, count, taken): the folder is for generators built from what that
# split already holds (composed sentences); the others ignore it
GeneratedItems = Callable[[Path, int, int, set[str]], list[dict[str, object]]]


def write_generated(
    root: Path, file: str, make: GeneratedItems, splits: Iterable[tuple[str, int, int]]
) -> None:
    """Write a generated corpus file into each split: (split, seed, count) in order, where
    `make(root / split, seed, count, taken)` never repeats a text an earlier split holds."""
    taken: set[str] = set()
    for split, seed, count in splits:
        made = make(root / split, seed, count, taken)
        taken |= {str(i["text"]) for i in made}
        lines = [json.dumps(i, ensure_ascii=False) for i in made]
        (root / split / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
