"""KnowledgeStore: the guidance and cheatsheets as a searchable Chroma collection.

    store = KnowledgeStore.open()          # on-disk store, or a Chroma server if configured
    store.ensure_index()                   # incremental: embeds only new/changed chunks
    store.search("very few positives", k=5, phase=Phase.DATA)

Search is hybrid: cosine similarity of MiniLM embeddings (exact, in memory, for the local
store; from Chroma for a server store; with the phase/topic filters applied either way)
fused with BM25 over the same chunks. A chunk's dense score also
draws on the vectors of its `asks` (plain-language phrasings of the need it answers), so
a question worded unlike the prose can still meet it; results are chunks, never asks.
One store per location per process is shared (`open` returns the same object), reads run
concurrently and writes are serialised by a lock.

A local store over the shipped corpus (every chunk's vectors at hand) answers its searches
in memory, with the results Chroma gives, and does not import chromadb for them
(agent.knowledge.in_memory); Chroma is opened for content only it holds, a server store or
an explicit `ensure_index`.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from agent.content.files import ContentError
from agent.content.phases import Phase
from agent.ground.grounding import RetrievedChunk
from agent.knowledge.at_hand import QueryVectors, known_vectors
from agent.knowledge.candidates import Candidates, from_query, where
from agent.knowledge.chunking import Chunk, load_chunks
from agent.knowledge.collection_reads import (
    chunk_count,
    documents_of,
    stored_chunks,
    to_retrieved,
)
from agent.knowledge.connection import StoreConnection
from agent.knowledge.embedding import EMBEDDING_ID, get_embedder
from agent.knowledge.errors import StoreUnavailable
from agent.knowledge.exact import ExactIndex
from agent.knowledge.in_memory import InMemory
from agent.knowledge.indexing import IndexReport, sync
from agent.knowledge.lexical import BM25
from agent.knowledge.location import server_address
from agent.knowledge.ranking import DEFAULT_FUSION, Fusion, fuse
from agent.knowledge.record_layout import chunk_metadata
from agent.knowledge.shipped import shipped_vectors
from agent.settings import Settings, get_settings

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

__all__ = ["Candidates", "IndexReport", "KnowledgeStore", "StoreUnavailable", "quiet_store_log"]

log = logging.getLogger("agent.knowledge")


def quiet_store_log() -> None:
    """For callers that print IndexReport.notes themselves (the CLI): no duplicate lines."""
    if not log.handlers:
        log.addHandler(logging.NullHandler())


class _LazyEmbedder:
    """Loads the ONNX model only when something actually needs embedding."""

    id = EMBEDDING_ID

    def embed(self, texts: list[str]) -> np.ndarray:
        return get_embedder().embed(texts)


class KnowledgeStore:
    _shared: ClassVar[dict[tuple[str, ...], KnowledgeStore]] = {}
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, settings: Settings, fusion: Fusion = DEFAULT_FUSION) -> None:
        self.settings = settings
        self.fusion = fusion
        self._lock = threading.RLock()
        self._conn = StoreConnection(settings, self._lock)
        self.mode = self._conn.mode
        self._chunks: dict[str, Chunk] = {}
        self._records = 0  # chunk and ask records in the collection
        self._bm25 = BM25({})
        self._indexed = False
        # Local store: queries are answered by exact search in memory (agent.knowledge.exact)
        self.exact_search = True
        self._exact: ExactIndex | None = None
        self._queries = QueryVectors()
        # Local store over chunks whose vectors are at hand: searched in memory, no Chroma
        self._in_memory = InMemory(settings.knowledge_dir, settings.data_dir)

    @classmethod
    def open(cls, settings: Settings | None = None) -> KnowledgeStore:
        """The process-wide store for these settings' location (created on first use)."""
        s = settings or get_settings()
        where = server_address(s) if s.chroma_host else str(s.store_dir.resolve())
        key = (where, str(s.knowledge_dir.resolve()))
        with cls._shared_lock:
            store = cls._shared.get(key)
            if store is None:
                store = cls._shared[key] = cls(s)
            return store

    def close(self) -> None:
        """Release the Chroma client; a later `open` with the same settings starts afresh."""
        self._in_memory.reset()
        with self._lock:
            self._conn.close()
            self._indexed, self._exact = False, None
        with self._shared_lock:
            for key in [k for k, v in self._shared.items() if v is self]:
                del self._shared[key]

    @property
    def location(self) -> str:
        return self._conn.location

    def _collection(self, rebuild: bool = False) -> Collection:
        return self._conn.collection(rebuild)

    def _unavailable(self, e: Exception) -> StoreUnavailable:
        return self._conn.unavailable(e)

    # -- indexing ---------------------------------------------------------------------------

    def ensure_index(self, rebuild: bool = False) -> IndexReport:
        """Bring the collection in line with knowledge/ (ContentError on a malformed file)."""
        with self._lock:
            chunks = load_chunks(self.settings.knowledge_dir)
            col = self._collection(rebuild=rebuild)
            notes, self._conn.notes = self._conn.notes, []
            try:
                shipped = shipped_vectors(self.settings.knowledge_dir)
                report = sync(col, chunks, _LazyEmbedder(), self.mode, notes, shipped)
            except Exception as e:
                raise self._unavailable(e) from e
            self._install(chunks)
            return report

    def _install(self, chunks: list[Chunk]) -> None:
        self._chunks = {c.id: c for c in chunks}
        self._records = sum(1 + len(c.asks) for c in chunks)
        self._bm25 = BM25({c.id: c.indexed_text() for c in chunks})
        self._exact = None  # re-read from the collection on the next search
        self._indexed = True

    @property
    def chroma_open(self) -> bool:
        """Whether Chroma is open and in line with knowledge/ (searches then go to it)."""
        return self._indexed

    def _ready(self) -> Collection:
        """Index on first use; a malformed knowledge file then falls back to what is stored."""
        if not self._indexed:
            with self._lock:
                if not self._indexed:
                    try:
                        self.ensure_index()  # its notes were already logged as warnings
                    except ContentError as problem:
                        self._serve_stored(problem)
        return self._collection()

    def _serve_stored(self, problem: ContentError) -> None:
        """Keep interviews going on the last good index; only `mlsd index` must fail loudly."""
        try:
            chunks = stored_chunks(self._collection())
        except StoreUnavailable:
            raise
        except Exception as e:
            raise self._unavailable(e) from e
        if not chunks:
            raise StoreUnavailable(f"the knowledge store cannot be built: {problem}")
        log.warning("%s; searching the %d chunks indexed before", problem, len(chunks))
        self._install(chunks)

    # -- reading ----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 5,
        phase: Phase | None = None,
        topics: list[str] | None = None,
        fusion: Fusion | None = None,
    ) -> list[RetrievedChunk]:
        """The k chunks that best fit the query (fused score in [0, 1], best first)."""
        if not query.strip() or k < 1:
            return []
        found = self.candidates(query, phase=phase, topics=topics)
        fusion = fusion or self.fusion
        ranked = fuse(found.dense, found.lexical, fusion, found.coverage, found.asks)[:k]
        return [to_retrieved(i, *found.records[i], score=s) for i, s in ranked]

    def candidates(
        self, query: str, phase: Phase | None = None, topics: list[str] | None = None
    ) -> Candidates:
        """Every chunk passing the filters with its cosine, best-ask and BM25 scores."""
        local = self.mode != "server" and self.exact_search
        at_hand = self._in_memory.at_hand(lambda: self._indexed) if local else None
        if at_hand is not None:
            found = at_hand.exact.query(self._queries.vector(query)[0], where(phase, topics))
            return from_query(found, query, at_hand.bm25, at_hand.records_of)
        col = self._ready()
        vector = self._queries.vector(query)
        try:
            exact = self._exact_index(col)
            res: Any
            if exact is not None:
                res = exact.query(vector[0], where(phase, topics))
            else:
                res = col.query(
                    query_embeddings=vector,
                    n_results=max(self._records, 1),
                    where=where(phase, topics),
                    include=["distances"],
                )
        except Exception as e:
            raise self._unavailable(e) from e
        return from_query(res, query, self._bm25, self._records_of)

    def _exact_index(self, col: Collection) -> ExactIndex | None:
        """The local collection's records in memory (read once after indexing); None for a
        server store, which other processes may change, or when exact search is off."""
        if self.mode == "server" or not self.exact_search:
            return None
        with self._lock:
            if self._exact is None:
                self._exact = self._known_vectors() or ExactIndex.load(col)
            return self._exact

    def _known_vectors(self) -> ExactIndex | None:
        """The records as indexing wrote them, from vectors this process already holds."""
        return known_vectors(list(self._chunks.values()), self.settings.knowledge_dir)

    def _records_of(self, ids: list[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Text and metadata of chunks: as last indexed by this store, else from Chroma."""
        known = {i: self._chunks[i] for i in ids if i in self._chunks}
        found = {i: (c.text, chunk_metadata(c)) for i, c in known.items()}
        missing = [i for i in ids if i not in known]  # indexed by another process
        if missing:
            try:
                found.update(documents_of(self._collection(), missing))
            except StoreUnavailable:
                raise
            except Exception as e:
                raise self._unavailable(e) from e
        return found

    def get(self, ids: list[str]) -> list[RetrievedChunk]:
        """Chunks by id, in the order asked (unknown ids skipped); score is 0."""
        if not ids:
            return []
        col = self._ready()
        try:
            found = documents_of(col, list(ids))
        except Exception as e:
            raise self._unavailable(e) from e
        return [to_retrieved(i, *found[i], score=0.0) for i in ids if i in found]

    def count(self) -> int:
        """Chunks in the collection, not counting their ask records (0 before the first index)."""
        try:
            return chunk_count(self._collection())
        except StoreUnavailable:
            raise
        except Exception as e:
            raise self._unavailable(e) from e

    def chunk_ids(self) -> list[str]:
        """Ids of the chunks on disk as last indexed (indexes first if needed)."""
        self._ready()
        return list(self._chunks)
