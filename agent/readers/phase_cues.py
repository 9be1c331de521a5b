"""Which template phases a message talks about, from the lexicon's phase cues.

All cues of all phases form one alternation, longest first, so "training data" counts for
data rather than also for training.
"""

from __future__ import annotations

import re

from agent.phases import PHASE_ORDER, Phase
from agent.readers.lexicon import ReaderLexicon
from agent.readers.spans import cue_pattern


class PhaseCues:
    def __init__(self, lexicon: ReaderLexicon) -> None:
        pairs = sorted(
            {(c.strip().lower(), phase) for phase, cues in lexicon.phases.items() for c in cues},
            key=lambda p: (-len(p[0]), p[0], PHASE_ORDER.index(p[1])),
        )
        self._phase_of_group: list[Phase] = []
        parts: list[str] = []
        seen: set[str] = set()
        for cue, phase in pairs:
            if not cue or cue in seen:  # a cue listed under two phases counts for the first
                continue
            seen.add(cue)
            parts.append(f"({cue_pattern(cue)})")
            self._phase_of_group.append(phase)
        self._re = re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)

    def phases(self, norm_text: str) -> list[Phase]:
        found = {
            self._phase_of_group[m.lastindex - 1]
            for m in self._re.finditer(norm_text)
            if m.lastindex
        }
        return [p for p in PHASE_ORDER if p in found]
