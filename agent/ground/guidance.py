"""The ground step over a knowledge store that may fail: turns go on without guidance."""

from __future__ import annotations

import time

from agent.content.bundle import InterviewContent
from agent.content.problems import ProblemCard
from agent.decide.moves import Move, MoveKind
from agent.ground.grounding import Grounding, Retriever, ground
from agent.knowledge.errors import StoreUnavailable
from agent.read.reading import Reading
from agent.record.turns import note

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
    ) -> tuple[Grounding, str | None]:
        """The move's grounding, and a note when guidance could not be retrieved."""
        if move.kind not in _GROUNDED:
            return ground(move, reading, card, None, text), None
        if time.monotonic() < self._down_until:
            problem = "no guidance: the knowledge store failed a moment ago; not retried yet"
            return ground(move, reading, card, None, text), problem
        try:
            grounding = ground(
                move, reading, card, self.store, text, rubric=content.rubric, plan=content.plan
            )
        except StoreUnavailable as error:
            self._down_until = time.monotonic() + STORE_RETRY_SECONDS
            return ground(move, reading, card, None, text), note(f"no guidance: {error}")
        return grounding, None
