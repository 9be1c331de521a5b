"""Whether the candidate already said what a strong-answer note would add.

The recap's "what a strong answer would have added" draws on the card's strong-answer notes;
one the candidate said must not be listed, or the recap contradicts the transcript. A note
names what it needs in one of two ways, and either one covering it keeps it off the list:
- its rubric signals, read by the same understanding layer that reads the candidate: the
  note is covered when the candidate showed at least half of them;
- its own text, compared by meaning with each of the candidate's sentences (MiniLM cosine):
  covered when one sentence says the same thing (COVER_BAR). 67 of the 411 notes read with
  no signal at all, and they are the ones listed most (97 of the 161 listed for the judged
  dev interviews), since no signal of theirs could ever be shown.

COVER_BAR was chosen on dev: the 161 notes listed for the 36 replayed judged dev interviews
(the scripts of tests/fidelity/judged/test15-1 and test16-1), the 45 whose closest
candidate sentence reaches 0.52 labelled by hand as said or not (16 said): at 0.62, 7 of
the 10 notes kept off the list were said (0.60: 7 of 11; 0.63: 5 of 8). A cosine of the
whole note to one sentence misses terse notes ("Time split + sim offline", 0.37) and notes
said across several sentences: about one in five of the listed notes under 0.52 was said.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from agent.understanding import shared_understanding

COVER_BAR = 0.62


@lru_cache(maxsize=1024)
def note_signals(note: str) -> frozenset[str]:
    """The rubric signals a strong-answer note talks about, read by the same understanding
    layer that reads the candidate (evidence and recall-oriented mentions)."""
    found = shared_understanding().sentences(note)
    return frozenset(s for f in found for s in (*f.signals, *f.mentions))


def closest_claim(note: str, claims: list[str]) -> tuple[float, str]:
    """The candidate sentence closest in meaning to the note, and its cosine (0 when there
    are none or no sentence model is configured)."""
    u = shared_understanding()
    if not claims or u.embedder is None:
        return 0.0, ""
    vectors = u.embed([note, *claims])
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    sims = unit[1:] @ unit[0]
    best = int(np.argmax(sims))
    return float(sims[best]), claims[best]


def covered(note: str, said: set[str], claims: list[str]) -> bool:
    """The candidate showed at least half of the note's signals, or one of their sentences
    says what the note says."""
    points = note_signals(note)
    if points and len(points & said) * 2 >= len(points):
        return True
    return closest_claim(note, claims)[0] >= COVER_BAR
