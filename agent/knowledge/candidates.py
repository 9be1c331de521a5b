"""What one query against the collection yields, per chunk, before fusion.

The collection holds chunk records and ask records (see agent.knowledge.record_layout). A query
returns both; ask hits are folded into their parent chunk as its best ask similarity, so
every candidate is a chunk, once, with its own cosine, its best ask cosine and BM25.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from agent.content.phases import Phase
from agent.knowledge.lexical import BM25
from agent.knowledge.record_layout import ASK_SEPARATOR, topic_key


@dataclass
class Candidates:
    dense: dict[str, float] = field(default_factory=dict)  # cosine similarity of the chunk
    lexical: dict[str, float] = field(default_factory=dict)  # BM25
    records: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # text, meta
    coverage: float = 0.0  # BM25.coverage of the query over these candidates
    asks: dict[str, float] = field(default_factory=dict)  # best cosine of the chunk's asks


def where(phase: Phase | str | None, topics: list[str] | None) -> dict[str, Any] | None:
    """Chroma filter for a phase and any of the topics (None: no filter)."""
    clauses: list[dict[str, Any]] = []
    if phase is not None:
        clauses.append({"phase": Phase(phase).value})
    wanted = [t.strip().lower() for t in topics or [] if t.strip()]
    if len(wanted) == 1:
        clauses.append({topic_key(wanted[0]): True})
    elif wanted:
        clauses.append({"$or": [{topic_key(t): True} for t in wanted]})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


Records = Callable[[list[str]], dict[str, tuple[str, dict[str, Any]]]]


def from_query(result: Any, query: str, bm25: BM25, records: Records) -> Candidates:
    """Candidates from a Chroma query result (ids and distances only).

    Ask records are recognised by their id (`<chunk id>::ask<N>`: chunk ids never contain
    "::"), so the query needs no documents or metadata, which for ~5 records per chunk
    would cost more than the search itself. `records(ids)` supplies each chunk's text and
    metadata; a chunk it does not know is left out.
    """
    ids = result["ids"][0] if result["ids"] else []
    dists = (result.get("distances") or [[]])[0]
    dense: dict[str, float] = {}
    asks: dict[str, float] = {}
    for i, d in zip(ids, dists, strict=True):
        similarity = 1.0 - float(d)
        parent, ask, _ = i.partition(ASK_SEPARATOR)
        if ask:
            asks[parent] = max(asks.get(parent, -1.0), similarity)
        else:
            dense[i] = similarity
    found = records(list(dense)) if dense else {}
    dense = {i: s for i, s in dense.items() if i in found}
    if not dense:
        return Candidates()
    return Candidates(
        dense=dense,
        lexical=bm25.scores(query, list(dense)),
        coverage=bm25.coverage(query, list(dense)),
        records={i: found[i] for i in dense},
        asks={i: s for i, s in asks.items() if i in dense},
    )
