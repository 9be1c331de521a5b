"""The ground step over a knowledge store that may fail: turns go on without guidance.

On an LLM turn the interview can retrieve ahead (`ahead`), while the model reads the
message, for the move the offline reading points to; `ground` then reuses that search when
the move it is given asks the store the same thing (same query, phase and k), and searches
anew otherwise. A search depends on nothing else, so the grounding is the same either way.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Collection
from typing import NamedTuple

from agent.content.bundle import InterviewContent
from agent.content.phases import Phase
from agent.content.problems import ProblemCard
from agent.decide import policy, progress
from agent.decide.moves import Move, MoveKind
from agent.decide.state import InterviewState
from agent.ground.grounding import (
    GUIDANCE_K,
    REQUEST_K,
    Grounding,
    RetrievedChunk,
    Retriever,
    ground,
    request_query,
    retrieval_query,
    subject_phase,
)
from agent.knowledge.errors import StoreUnavailable
from agent.read.reading import Reading
from agent.record.turns import note

log = logging.getLogger(__name__)

# After the store fails, turns go on without guidance for this long before trying it again.
STORE_RETRY_SECONDS = 60.0

_GROUNDED = {MoveKind.PROBE, MoveKind.HINT, MoveKind.STEER, MoveKind.ADVANCE}


class Guidance:
    """The ground step over a store that may fail: without it, a turn goes on ungrounded
    (and says why in its annotations); a failed store is left alone for a while."""

    def __init__(self, store: Retriever | None, opener) -> None:
        self._store = store
        self._opener = opener  # opens the store on first need (it may be slow)
        self._down_until = 0.0
        self._ahead: dict[_Search, list[RetrievedChunk]] = {}  # searched ahead, this turn

    @property
    def store(self) -> Retriever:
        if self._store is None:
            self._store = self._opener()
        return self._store

    def prepare(self) -> list[str]:
        """Open and index the store now (not in the middle of the first answer); returns
        notes worth showing, including why the interview will run without guidance."""
        try:
            store = self.store
            ensure = getattr(store, "ensure_index", None)
            if ensure is None:
                return []
            notes = []
            count = getattr(store, "count", None)
            if count is not None and count() == 0:
                notes.append("built the knowledge index (first run only)")
            return [*ensure().notes, *notes]
        except StoreUnavailable as error:
            self._down_until = time.monotonic() + STORE_RETRY_SECONDS
            return [f"no guidance this time: {error}"]

    def ground(
        self,
        move: Move,
        reading: Reading,
        card: ProblemCard,
        text: str,
        content: InterviewContent,
        facts_given: Collection[str] = (),
    ) -> tuple[Grounding, str | None]:
        """The move's grounding, and a note when guidance could not be retrieved."""
        if move.kind not in _GROUNDED:
            return ground(move, reading, card, None, text, facts_given=facts_given), None
        if time.monotonic() < self._down_until:
            problem = "no guidance: the knowledge store failed a moment ago; not retried yet"
            return ground(move, reading, card, None, text, facts_given=facts_given), problem
        ahead, self._ahead = self._ahead, {}
        try:
            store = _Reused(self.store, ahead) if ahead else self.store
            grounding = ground(
                move,
                reading,
                card,
                store,
                text,
                rubric=content.rubric,
                plan=content.plan,
                facts_given=facts_given,
            )
        except StoreUnavailable as error:
            self._down_until = time.monotonic() + STORE_RETRY_SECONDS
            return ground(move, reading, card, None, text, facts_given=facts_given), note(
                f"no guidance: {error}"
            )
        return grounding, None

    def ahead_of(
        self,
        state: InterviewState,
        offline: Reading,
        minutes: float,
        card: ProblemCard,
        text: str,
        content: InterviewContent,
    ) -> None:
        """Search now for the move the offline reading of `text` leads to from `state` (the
        policy is a pure function: the same reading gives the same move). Never the turn's
        problem: on any failure `ground` just searches as usual."""
        try:
            likely = progress.apply_reading(state, offline, minutes)
            move = policy.decide(likely, offline, content.plan, content.rubric, card)
            self.ahead(move, offline, text, content)
        except Exception:
            log.warning("retrieving ahead failed", exc_info=True)

    def ahead(self, move: Move, reading: Reading, text: str, content: InterviewContent) -> None:
        """Search now for a move that is likely to come (kept for the next `ground`). A
        failing store is left for `ground` to meet and report."""
        self._ahead = {}
        if move.kind not in _GROUNDED or time.monotonic() < self._down_until:
            return
        query = retrieval_query(move, text, rubric=content.rubric, plan=content.plan)
        # the phase `ground` filters by: a hint's is that of its signal
        phase = subject_phase(move, content.rubric)
        key = _Search(query, GUIDANCE_K, phase)
        with contextlib.suppress(StoreUnavailable):
            self._ahead = {key: self.store.search(query, k=GUIDANCE_K, phase=phase)}
            words = request_query(move, text)  # a hint's search on the request's own words
            if words:
                found = self.store.search(words, k=REQUEST_K)
                self._ahead[_Search(words, REQUEST_K, None)] = found


class _Search(NamedTuple):
    query: str
    k: int
    phase: Phase | None


class _Reused:
    """A store whose answers to the searches made ahead are those searches' results."""

    def __init__(self, store: Retriever, ahead: dict[_Search, list[RetrievedChunk]]) -> None:
        self._store = store
        self._ahead = ahead

    def search(
        self, query: str, k: int = 5, phase: Phase | None = None, topics: list[str] | None = None
    ) -> list[RetrievedChunk]:
        found = self._ahead.get(_Search(query, k, phase)) if topics is None else None
        if found is not None:
            return [c.model_copy() for c in found]
        return self._store.search(query, k=k, phase=phase, topics=topics)
