"""Which template phases a message talks about, from the lexicon's phase cues.

Cues are looked up as word n-grams (hyphens and spaces alike, a trailing plural "s"
ignored), longest first, so "training data" counts for data rather than also for training.
A dictionary lookup per n-gram keeps this well under a millisecond per message.
"""

from __future__ import annotations

import re

from agent.phases import PHASE_ORDER, Phase
from agent.readers.lexicon import ReaderLexicon

_TOKEN = re.compile(r"[a-z0-9][a-z0-9/@%+.']*[a-z0-9%]|[a-z0-9]")


def _tokens(text: str) -> list[str]:
    return [_singular(t) for t in _TOKEN.findall(text.lower().replace("-", " "))]


def _singular(token: str) -> str:
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


class PhaseCues:
    def __init__(self, lexicon: ReaderLexicon) -> None:
        self._phase_of: dict[tuple[str, ...], Phase] = {}
        for phase in PHASE_ORDER:  # a cue listed under two phases counts for the earlier one
            for cue in lexicon.phases.get(phase, []):
                key = tuple(_tokens(cue))
                if key and key not in self._phase_of:
                    self._phase_of[key] = phase
        self._longest = max((len(k) for k in self._phase_of), default=0)

    def phases(self, text: str) -> list[Phase]:
        tokens = _tokens(text)
        found: set[Phase] = set()
        i = 0
        while i < len(tokens):
            for n in range(min(self._longest, len(tokens) - i), 0, -1):
                phase = self._phase_of.get(tuple(tokens[i : i + n]))
                if phase is not None:
                    found.add(phase)
                    i += n
                    break
            else:
                i += 1
        return [p for p in PHASE_ORDER if p in found]
