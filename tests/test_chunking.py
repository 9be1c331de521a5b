"""Markdown guidance -> chunks: ids, slugs, topics, hashes, and clear errors on bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.content.files import ContentError
from agent.content.phases import Phase
from agent.knowledge.chunking import load_chunks, parse_file, slugify
from tests.support.fixtures_store import KNOWLEDGE

GOOD = """---
phase: data
topics: [data, Labels]
title: Data collection and labelling
---
# Data collection and labelling

An intro paragraph that is not a section.

## Class imbalance
<!-- topics: imbalance, sampling, data -->
<!-- asks: we hardly see bad cases |  almost   everything is normal | | we hardly see bad cases -->
Positives are rare.

More text about resampling.

## Label delay & noise (2nd pass)
Labels arrive late.

```text
## not a heading inside a fence
```
"""


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Class imbalance", "class-imbalance"),
        ("Label delay & noise (2nd pass)", "label-delay-noise-2nd-pass"),
        ("  A/B testing: why?  ", "a-b-testing-why"),
        ("Precision@K", "precision-k"),
    ],
)
def test_slugify(heading: str, slug: str) -> None:
    assert slugify(heading) == slug


def test_sections_become_chunks_with_ids_topics_and_text(tmp_path: Path) -> None:
    path = write(tmp_path, "guidance/data.md", GOOD)
    chunks = parse_file(path, tmp_path)
    assert [c.id for c in chunks] == [
        "guidance/data#class-imbalance",
        "guidance/data#label-delay-noise-2nd-pass",
    ]
    first, second = chunks
    assert first.source == "guidance/data.md"
    assert first.phase is Phase.DATA
    assert first.title == "Class imbalance"
    assert first.document == "Data collection and labelling"
    # file topics first, then section topics, lower-cased and without repeats
    assert first.topics == ["data", "labels", "imbalance", "sampling"]
    assert second.topics == ["data", "labels"]
    assert "topics:" not in first.text and first.text.startswith("Positives are rare.")
    # asks are metadata: trimmed, blank and repeated phrasings dropped, never in the text
    assert first.asks == ["we hardly see bad cases", "almost everything is normal"]
    assert second.asks == []
    assert "asks" not in first.text and "hardly" not in first.indexed_text()
    assert "More text about resampling." in first.text
    assert "intro paragraph" not in first.text + second.text
    # a '## ' line inside a code fence stays in its section
    assert "## not a heading inside a fence" in second.text
    assert first.indexed_text().startswith("Data collection and labelling: Class imbalance\n")


def test_hash_is_stable_and_tracks_content(tmp_path: Path) -> None:
    path = write(tmp_path, "guidance/data.md", GOOD)
    before = {c.id: c.hash for c in parse_file(path, tmp_path)}
    assert before == {c.id: c.hash for c in parse_file(path, tmp_path)}
    write(tmp_path, "guidance/data.md", GOOD.replace("Labels arrive late.", "Labels are late."))
    after = {c.id: c.hash for c in parse_file(path, tmp_path)}
    assert after["guidance/data#class-imbalance"] == before["guidance/data#class-imbalance"]
    assert (
        after["guidance/data#label-delay-noise-2nd-pass"]
        != (before["guidance/data#label-delay-noise-2nd-pass"])
    )
    # a topic change is a change too (filters depend on it)
    write(tmp_path, "guidance/data.md", GOOD.replace("[data, Labels]", "[data]"))
    retagged = {c.id: c.hash for c in parse_file(path, tmp_path)}
    assert retagged["guidance/data#class-imbalance"] != before["guidance/data#class-imbalance"]
    # so is an ask change (the store embeds each ask)
    write(tmp_path, "guidance/data.md", GOOD.replace("is normal", "is the usual outcome"))
    reasked = {c.id: c.hash for c in parse_file(path, tmp_path)}
    assert reasked["guidance/data#class-imbalance"] != before["guidance/data#class-imbalance"]
    assert (
        reasked["guidance/data#label-delay-noise-2nd-pass"]
        == (before["guidance/data#label-delay-noise-2nd-pass"])
    )


def test_phaseless_cheatsheet(tmp_path: Path) -> None:
    text = GOOD.replace("phase: data", "phase: any")
    path = write(tmp_path, "cheatsheets/metrics.md", text)
    chunks = parse_file(path, tmp_path)
    assert all(c.phase is None for c in chunks)
    assert chunks[0].id == "cheatsheets/metrics#class-imbalance"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# Title\n\n## A\ntext\n", "missing front matter"),
        ("---\nphase: [data\n---\n## A\ntext\n", "not valid YAML"),
        ("---\n- data\n---\n## A\ntext\n", "must be a mapping"),
        ("---\nphase: cooking\ntopics: [x]\n---\n## A\ntext\n", "unknown phase 'cooking'"),
        ("---\nphase: data\ntopics: {a: 1}\n---\n## A\ntext\n", "topics must be a list"),
        ("---\nphase: data\n---\n# Only a title\n\nNo sections here.\n", "no '## ' sections"),
        ("---\nphase: data\n---\n## Same\none\n## same!\ntwo\n", "share the heading slug"),
        ("---\nphase: data\n---\n## Empty\n<!-- topics: a -->\n## Next\nx\n", "is empty"),
        ("---\nphase: data\n---\n## Asks only\n<!-- asks: a | b -->\n## Next\nx\n", "is empty"),
    ],
)
def test_malformed_file_gives_clear_error_naming_it(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, "guidance/broken.md", text)
    with pytest.raises(ContentError) as err:
        load_chunks(tmp_path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_not_utf8_is_a_content_error(tmp_path: Path) -> None:
    path = tmp_path / "guidance" / "latin1.md"
    path.parent.mkdir(parents=True)
    path.write_bytes("---\nphase: data\n---\n## Caf\xe9\ntext\n".encode("latin-1"))
    with pytest.raises(ContentError, match="not UTF-8"):
        load_chunks(tmp_path)


def test_real_corpus_is_well_formed_and_deterministic() -> None:
    chunks = load_chunks(KNOWLEDGE)
    assert len(chunks) >= 60
    ids = [c.id for c in chunks]
    assert len(ids) == len(set(ids))
    assert ids == [c.id for c in load_chunks(KNOWLEDGE)]
    assert {c.source.split("/")[0] for c in chunks} == {"guidance", "cheatsheets"}
    for c in chunks:
        assert c.id.startswith(c.source.removesuffix(".md") + "#")
        assert c.text.strip() and c.title and c.topics and len(c.hash) == 16
        # every section says, in plain words, what people ask when they need it
        assert 3 <= len(c.asks) <= 4 and all(len(a.split()) >= 3 for a in c.asks), c.id
    # every phase of the interview has guidance to retrieve
    assert {c.phase for c in chunks if c.source.startswith("guidance/")} == set(Phase)
