"""Guidance and cheatsheet Markdown files -> retrieval chunks, one per `## ` section.

A file starts with YAML front matter (phase, topics, title), then a `# Title`, an optional
intro and `## ` sections. A section may add topics with a `<!-- topics: a, b -->` comment
and list plain-language ways people ask for it with `<!-- asks: one | two | three -->`:
asks are metadata (each gets its own vector in the store), never part of the chunk text.
Chunk id: `<path under knowledge/ without .md>#<slug of the heading>`. Parsing is
deterministic (files in sorted order) and any malformed file raises a ContentError that
names the file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import BaseModel, Field

from agent.content.files import ContentError, safe_loader
from agent.content.phases import Phase

# Bump when the way files become chunks changes: the store then re-embeds everything.
CHUNKER_VERSION = "2"  # 2: `asks` comments become Chunk.asks
CORPUS_DIRS: tuple[str, ...] = ("guidance", "cheatsheets")
# Front-matter phase values that mean "no particular phase" (cheatsheets).
_PHASELESS = {"any", "all", "none", "general", ""}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_SECTION_TOPICS = re.compile(r"<!--\s*topics\s*:(.*?)-->", re.DOTALL | re.IGNORECASE)
_SECTION_ASKS = re.compile(r"<!--\s*asks\s*:(.*?)-->", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")


class Chunk(BaseModel):
    id: str
    source: str  # path relative to knowledge/, e.g. guidance/data.md
    phase: Phase | None = None
    topics: list[str] = Field(default_factory=list)
    title: str  # the section heading
    document: str = ""  # the file's title, for context
    text: str
    asks: list[str] = Field(default_factory=list)  # how people phrase the need it answers
    hash: str = ""

    def indexed_text(self) -> str:
        """What the embedder and BM25 see: file title, heading and body."""
        head = f"{self.document}: {self.title}" if self.document else self.title
        return f"{head}\n{self.text}"


class FrontMatter(BaseModel):
    phase: Phase | None = None
    topics: list[str] = Field(default_factory=list)
    title: str = ""


def slugify(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


def _normalise_topics(raw: object, where: str) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        raise ContentError(f"{where}: topics must be a list of words")
    return [t.strip().lower() for t in raw if t.strip()]


def _front_matter(text: str, path: Path) -> tuple[FrontMatter, str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        raise ContentError(f"{path}: missing front matter (a '---' block with phase, topics)")
    import yaml  # with the content loader's parser: libyaml's when installed, same data

    try:
        data = yaml.load(m.group(1), Loader=safe_loader())
    except yaml.YAMLError as e:
        raise ContentError(f"{path}: front matter is not valid YAML: {e}") from e
    if not isinstance(data, dict):
        raise ContentError(f"{path}: front matter must be a mapping of phase, topics, title")
    phase = data.get("phase")
    if isinstance(phase, str) and phase.strip().lower() in _PHASELESS:
        phase = None
    if phase is not None:
        try:
            phase = Phase(str(phase).strip().lower())
        except ValueError:
            valid = ", ".join(p.value for p in Phase)
            raise ContentError(f"{path}: unknown phase {phase!r} (use one of {valid})") from None
    title = data.get("title") or ""
    if not isinstance(title, str):
        raise ContentError(f"{path}: title must be text")
    topics = _normalise_topics(data.get("topics"), str(path))
    return FrontMatter(phase=phase, topics=topics, title=title.strip()), text[m.end() :]


def _sections(body: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """Split on `## ` headings outside code fences; return (document title, sections)."""
    doc_title = ""
    sections: list[tuple[str, list[str]]] = []
    in_fence = False
    for line in body.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif not in_fence and line.startswith("# ") and not sections and not doc_title:
            doc_title = line[2:].strip()
        elif sections:
            sections[-1][1].append(line)
    return doc_title, sections


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def chunk_hash(chunk: Chunk) -> str:
    payload = "\x1f".join(
        [
            CHUNKER_VERSION,
            chunk.id,
            chunk.source,
            chunk.phase.value if chunk.phase else "",
            ",".join(chunk.topics),
            chunk.document,
            chunk.title,
            chunk.text,
            "|".join(chunk.asks),
        ]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def parse_file(path: Path, knowledge_dir: Path, data: bytes | None = None) -> list[Chunk]:
    """The chunks of one file (`data`: its bytes, when the caller has read them)."""
    try:
        text = (path.read_bytes() if data is None else data).decode("utf-8")
        raw = text.replace("\r\n", "\n").replace("\r", "\n")  # as read_text reads it
    except UnicodeDecodeError as e:
        raise ContentError(f"{path}: not UTF-8 text: {e}") from e
    except OSError as e:
        raise ContentError(f"{path}: cannot read: {e}") from e
    meta, body = _front_matter(raw.lstrip("\ufeff"), path)
    source = path.relative_to(knowledge_dir).as_posix()
    doc_title, sections = _sections(body)
    if not sections:
        raise ContentError(f"{path}: no '## ' sections, so nothing to retrieve")
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for heading, lines in sections:
        slug = slugify(heading)
        if not slug:
            raise ContentError(f"{path}: section heading {heading!r} has no letters or digits")
        if slug in seen:
            raise ContentError(f"{path}: two sections share the heading slug {slug!r}")
        seen.add(slug)
        text = "\n".join(lines)
        extra: list[str] = []
        for m in _SECTION_TOPICS.finditer(text):
            extra += _normalise_topics(
                [t for t in m.group(1).split(",")], f"{path} section {heading!r}"
            )
        asks: list[str] = []
        for m in _SECTION_ASKS.finditer(text):
            asks += [" ".join(a.split()) for a in m.group(1).split("|") if a.strip()]
        text = _SECTION_ASKS.sub("", _SECTION_TOPICS.sub("", text)).strip()
        if not text:
            raise ContentError(f"{path}: section {heading!r} is empty")
        chunk = Chunk(
            id=f"{source.removesuffix('.md')}#{slug}",
            source=source,
            phase=meta.phase,
            topics=_dedupe(meta.topics + extra),
            title=heading,
            document=meta.title or doc_title,
            text=text,
            asks=_dedupe(asks),
        )
        chunk.hash = chunk_hash(chunk)
        chunks.append(chunk)
    return chunks


def corpus_files(knowledge_dir: Path) -> list[Path]:
    files: list[Path] = []
    for name in CORPUS_DIRS:
        folder = knowledge_dir / name
        if folder.is_dir():
            files += sorted(folder.rglob("*.md"))
    return files


def load_chunks(knowledge_dir: Path, files: list[tuple[Path, bytes]] | None = None) -> list[Chunk]:
    """All chunks of the corpus, in a stable order; ContentError on any malformed file.
    `files`: the corpus files with their bytes (`read_corpus`), when the caller has them."""
    chunks: list[Chunk] = []
    if files is None:
        for path in corpus_files(knowledge_dir):
            chunks += parse_file(path, knowledge_dir)
    else:
        for path, data in files:
            chunks += parse_file(path, knowledge_dir, data)
    ids = [c.id for c in chunks]
    if len(ids) != len(set(ids)):  # pragma: no cover - ids embed the unique path
        raise ContentError(f"{knowledge_dir}: duplicate chunk ids")
    return chunks


def read_corpus(knowledge_dir: Path) -> list[tuple[Path, bytes]]:
    """The corpus files with their bytes; ContentError when one cannot be read."""
    try:
        return [(path, path.read_bytes()) for path in corpus_files(knowledge_dir)]
    except OSError as e:
        raise ContentError(f"{knowledge_dir}: cannot read the corpus: {e}") from e


def corpus_hash(chunks: list[Chunk]) -> str:
    digest = hashlib.sha256("\n".join(f"{c.id}={c.hash}" for c in chunks).encode("utf-8"))
    return digest.hexdigest()[:16]
