"""Vectors of the shipped content, computed once at build time and read at run time.

The texts the product embeds whatever the candidate says (each guidance chunk, its heading,
its asks and the sentences a hint may quote; each card's fact descriptions and answers, and
the pieces (sentences) of those answers that a question part is matched against; each
card's relevance texts; each hint point's `about` lines; each rubric signal's description
and examples; the sentences a retrieval query is made of besides the candidate's, i.e. each
phase's goal and each wrong claim's description and correction; the reader's examples of
questions about the interview itself, from the prompts folder beside knowledge/) are
embedded by `mlsd vectors` into knowledge/vectors/<embedding id>.npz with the hash of those
texts. A vector depends only on its text (never on the batch it was computed in), so a
vector found here by its exact text is the one the model would compute: a fresh install then
builds its index and reads its first question without running the model on them.

Lookups are by exact text, so a stale file cannot give a wrong vector: content changed
since the file was built is simply not found and is embedded at run time (logged once). A
missing, unreadable or foreign file is logged and treated as empty, never an error.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from agent.knowledge.embedding import DIMENSIONS, EMBEDDING_ID

log = logging.getLogger("agent.knowledge")

FORMAT = 1
FOLDER = "vectors"


class ShippedMeta(BaseModel):
    format: int
    embedding: str
    content_sha256: str
    texts: list[str]


def vectors_path(knowledge_dir: Path) -> Path:
    return knowledge_dir / FOLDER / f"{EMBEDDING_ID}.npz"


def shipped_texts(knowledge_dir: Path) -> list[str]:
    """Every text of the built-in content that the product embeds, sorted, each once."""
    from agent.content.card_texts import fact_texts, piece_texts, relevance_texts
    from agent.content.hint_points import load_hint_points
    from agent.content.misconceptions import load_misconceptions
    from agent.content.phases import load_phase_plan
    from agent.content.problems import load_problems
    from agent.content.rubric import load_rubric
    from agent.knowledge.chunking import load_chunks
    from agent.speak.other_problems import guidance_line
    from agent.speak.variation import guidance_sentences
    from agent.understanding.sentences import split_sentences

    def sentences(text: str) -> list[str]:  # a retrieval query's vector is made of these
        return [s.text for s in split_sentences(text)]

    texts: set[str] = set()
    guidance: set[str] = set()
    for chunk in load_chunks(knowledge_dir):
        texts.update([chunk.indexed_text(), chunk.title, *chunk.asks])
        # what a hint picks its sentence from (long sentences as their cut clauses too)
        guidance.update(guidance_sentences(chunk.text, cut_long=True))
    texts |= guidance
    points_file = knowledge_dir / "hint_points.yaml"
    if points_file.is_file():  # what a request for help is matched against
        for point in load_hint_points(points_file).points:
            texts.update(point.about)
    rubric_file = knowledge_dir / "rubric.yaml"
    if rubric_file.is_file():  # the vector of each signal is the mean of these
        for dim in load_rubric(rubric_file).dimensions:
            for signal in dim.signals:
                texts.update([signal.description, *signal.examples])
                texts.update(sentences(signal.description))
    if (knowledge_dir / "phases.yaml").is_file():
        for spec in load_phase_plan(knowledge_dir / "phases.yaml").phases:
            texts.update(sentences(spec.goal))
    if (knowledge_dir / "misconceptions.yaml").is_file():
        catalog = load_misconceptions(knowledge_dir / "misconceptions.yaml")
        for claim in catalog.misconceptions:
            texts.update(sentences(claim.retrieval_text))
    texts.update(_interview_question_examples(knowledge_dir.parent / "prompts"))
    if not (knowledge_dir / "problems").is_dir():
        return sorted(texts)
    library = load_problems(knowledge_dir / "problems")
    for problem_id in library.ids():
        card = library.get(problem_id)
        texts.update(fact_texts(card))
        texts.update(piece_texts(card))
        texts.update(relevance_texts(card))
        # a hint's guidance lines on this card, other problems' examples taken out
        texts.update(t for s in sorted(guidance) if (t := guidance_line(s, card, "")))
    return sorted(texts)


def _interview_question_examples(prompts_dir: Path) -> list[str]:
    """The reader's examples of questions about the interview (agent/read/interview_questions.py
    embeds them all at a process's first such question)."""
    from agent.read.lexicon import load_lexicon

    path = prompts_dir / "reader_lexicon.yaml"
    if not path.is_file():
        return []
    return [e for examples in load_lexicon(path).examples.values() for e in examples]


def content_sha256(texts: list[str]) -> str:
    digest = hashlib.sha256(EMBEDDING_ID.encode("utf-8"))
    for text in texts:
        digest.update(b"\x1e" + text.encode("utf-8"))
    return digest.hexdigest()


class ShippedVectors:
    """The table of one file: vector by exact text."""

    def __init__(self, meta: ShippedMeta | None = None, matrix: np.ndarray | None = None):
        self.meta = meta
        self._rows = {t: i for i, t in enumerate(meta.texts)} if meta else {}
        self._matrix = matrix if matrix is not None else np.zeros((0, DIMENSIONS), np.float32)
        self._missed = False

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, text: str) -> np.ndarray | None:
        row = self._rows.get(text)
        return None if row is None else self._matrix[row]

    def note_missed(self, count: int, where: str) -> None:
        """Say once per process that content was embedded at run time."""
        if count and not self._missed and self.meta is not None:
            self._missed = True
            log.info(
                "%s: %d text(s) not in the shipped vectors (content new or changed since "
                "`mlsd vectors`); embedding them now",
                where,
                count,
            )


def read_vectors(path: Path) -> ShippedVectors:
    """The file's table; an empty one (with a log line) when it cannot be used."""
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = ShippedMeta.model_validate(json.loads(bytes(data["meta"]).decode("utf-8")))
            matrix = np.ascontiguousarray(data["vectors"], dtype=np.float32)
    except FileNotFoundError:
        log.info("%s is missing: shipped content is embedded at run time (`mlsd vectors`)", path)
        return ShippedVectors()
    except Exception as e:  # a damaged file must never stop an interview
        log.warning("%s is unreadable (%s): shipped content is embedded at run time", path, e)
        return ShippedVectors()
    if (
        meta.format != FORMAT
        or meta.embedding != EMBEDDING_ID
        or matrix.shape != (len(meta.texts), DIMENSIONS)
    ):
        log.warning("%s was built for another model or format: not used", path)
        return ShippedVectors()
    return ShippedVectors(meta, matrix)


_TABLES: dict[Path, ShippedVectors] = {}
# each knowledge folder given as an absolute path -> its table's resolved path: a ramble's
# turn asks for the table about ten times, and resolving the path (a stat per part) cost
# more than the lookup (a relative folder is resolved each time: it follows the cwd)
_RESOLVED: dict[Path, Path] = {}
_LOCK = threading.Lock()


def shipped_vectors(knowledge_dir: Path | None = None) -> ShippedVectors:
    """The table for a knowledge folder (the configured one by default), read once."""
    if knowledge_dir is None:
        from agent.settings import get_settings

        knowledge_dir = get_settings().knowledge_dir
    path = _RESOLVED.get(knowledge_dir)
    if path is None:
        path = vectors_path(knowledge_dir).resolve()
    with _LOCK:
        if knowledge_dir.is_absolute():
            _RESOLVED[knowledge_dir] = path
        table = _TABLES.get(path)
        if table is None:
            table = _TABLES[path] = read_vectors(path)
        return table


def forget_shipped_vectors() -> None:
    """Drop the tables read so far (after `mlsd vectors`, and for benches of cold paths)."""
    with _LOCK:
        _TABLES.clear()
        _RESOLVED.clear()


def build_vectors(knowledge_dir: Path) -> tuple[Path, int]:
    """Embed every shipped text and write the file; returns its path and the text count."""
    from agent.knowledge.embedding import get_embedder

    texts = shipped_texts(knowledge_dir)
    matrix = get_embedder().embed(texts) if texts else np.zeros((0, DIMENSIONS), np.float32)
    meta = ShippedMeta(
        format=FORMAT, embedding=EMBEDDING_ID, content_sha256=content_sha256(texts), texts=texts
    )
    path = vectors_path(knowledge_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    meta_bytes = np.frombuffer(meta.model_dump_json().encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(tmp, meta=meta_bytes, vectors=matrix.astype(np.float32))
    tmp.replace(path)
    forget_shipped_vectors()
    return path, len(texts)


def vectors_current(knowledge_dir: Path) -> bool:
    """Whether the shipped file holds exactly the current content's texts."""
    table = read_vectors(vectors_path(knowledge_dir))
    if table.meta is None:
        return False
    return table.meta.content_sha256 == content_sha256(shipped_texts(knowledge_dir))
