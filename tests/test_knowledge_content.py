"""The knowledge base content keeps the shape the chunker and the retrieval bench rely on.

Every guidance and cheatsheet file must parse with the real chunker, name a valid phase,
and have sections of a size that embeds well. The labelled query set must point at chunks
that exist, and its paraphrase queries must really share no keyword with their target.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from agent.content.phases import Phase
from agent.knowledge.chunking import Chunk, corpus_files, parse_file
from agent.knowledge.embedding import MAX_TOKENS, tokenizer_path

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
QUERIES = ROOT / "tests" / "data" / "retrieval_queries.yaml"
STOPWORDS = ROOT / "tests" / "data" / "stopwords.txt"

FILES = corpus_files(KNOWLEDGE)
MIN_WORDS, MAX_WORDS = 40, 300


def _front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"\A---\n(.*?)\n---\n", text, re.DOTALL)
    assert m, f"{path}: no front matter block"
    data = yaml.safe_load(m.group(1))
    assert isinstance(data, dict), f"{path}: front matter is not a mapping"
    return data


def _all_chunks() -> dict[str, Chunk]:
    return {c.id: c for path in FILES for c in parse_file(path, KNOWLEDGE)}


def test_every_phase_has_a_guidance_file() -> None:
    names = {p.stem for p in (KNOWLEDGE / "guidance").glob("*.md")}
    assert names >= {p.value for p in Phase}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(KNOWLEDGE).as_posix())
def test_file_follows_the_chunk_format(path: Path) -> None:
    meta = _front_matter(path)
    assert set(meta) == {"phase", "topics", "title"}, f"{path}: front matter keys {set(meta)}"
    assert meta["phase"] in {p.value for p in Phase}
    topics = meta["topics"]
    assert isinstance(topics, list) and topics
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", t) for t in topics), topics
    assert isinstance(meta["title"], str) and meta["title"].strip()

    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^###", text, re.MULTILINE), f"{path}: only '## ' sections allowed"
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert len(headings) == len(set(headings)), f"{path}: repeated heading"
    for comment in re.findall(r"<!--\s*topics\s*:(.*?)-->", text, re.DOTALL):
        words = [t.strip() for t in comment.split(",")]
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", t) for t in words), words

    chunks = parse_file(path, KNOWLEDGE)
    low, high = (6, 12) if path.parent.name == "guidance" else (5, 12)
    assert low <= len(chunks) <= high, f"{path}: {len(chunks)} sections"
    for chunk in chunks:
        assert chunk.phase == Phase(meta["phase"])
        assert chunk.id.startswith(path.relative_to(KNOWLEDGE).as_posix().removesuffix(".md"))
        words = len(chunk.text.split())
        assert MIN_WORDS <= words <= MAX_WORDS, f"{chunk.id}: {words} words"


def test_every_chunk_fits_the_embedding_window() -> None:
    """Text past the embedder's token limit is silently cut, so it could never be found."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_path()))
    tokenizer.no_truncation()
    too_long = {
        c.id: n
        for c in _all_chunks().values()
        if (n := len(tokenizer.encode(c.indexed_text()).ids)) > MAX_TOKENS
    }
    assert not too_long, f"chunks longer than {MAX_TOKENS} tokens: {too_long}"


def _stemmed_tokens(text: str, stopwords: set[str]) -> set[str]:
    words = (w for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 3)
    return {w.removesuffix("s") for w in words if w not in stopwords}


def test_query_set_targets_exist_and_cover_the_corpus() -> None:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    chunks = _all_chunks()
    assert isinstance(queries, list) and len(queries) >= 90
    for q in queries:
        assert set(q) <= {"query", "target", "also", "paraphrase"}, q
        assert q["query"].strip()
        for cid in [q["target"], *q.get("also", [])]:
            assert cid in chunks, f"{q['query']!r}: unknown chunk {cid}"
        assert q["target"] not in q.get("also", [])
    covered = {q["target"].split("#")[0] for q in queries}
    assert covered == {c.split("#")[0] for c in chunks}, "every file should be a target"


def test_paraphrases_share_no_keyword_with_their_target() -> None:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    stopwords = set(STOPWORDS.read_text(encoding="utf-8").split())
    assert 100 <= len(stopwords) <= 250
    chunks = _all_chunks()
    paraphrases = [q for q in queries if q.get("paraphrase")]
    assert len(paraphrases) >= 35
    for q in paraphrases:
        target = chunks[q["target"]]
        shared = _stemmed_tokens(q["query"], stopwords) & _stemmed_tokens(
            f"{target.title}\n{target.text}", stopwords
        )
        assert not shared, f"{q['query']!r} shares {sorted(shared)} with {target.id}"


def test_fast_yaml_loader_reads_every_content_file_like_the_safe_one() -> None:
    import yaml

    from agent.content.files import SafeLoader, load_yaml

    root = Path(__file__).resolve().parent.parent
    files = [*root.glob("knowledge/**/*.yaml"), *root.glob("prompts/**/*.yaml")]
    assert len(files) >= 20
    assert SafeLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for f in files:
        assert load_yaml(f) == yaml.safe_load(f.read_text(encoding="utf-8")), f
