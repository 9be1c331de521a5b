"""The understanding layer's findings for the sentences the grader reads, remembered by text.

A re-grade, or an answer graded beside its ablations, reads the same sentences again: each
sentence's findings depend on its text alone (agent/understanding/reader.py reads every
sentence on its own row), so one read is kept per text for the reader and model that made
it, in the place of each span it is asked for.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from agent.understanding import shared_understanding
from agent.understanding.findings import SentenceFindings
from agent.understanding.sentences import Span
from agent.understanding.vectors import MAX_SENTENCES

# what the understanding layer found in a sentence, remembered by its text for the model that
# read it: a re-grade, or an answer graded beside its ablations, reads the same sentences
# again (forget_findings: after a head's threshold is changed in place)
_FOUND: OrderedDict[str, SentenceFindings] = OrderedDict()
_FOUND_BY: list[object] = [None, None]  # the reader and model they were read with
_FOUND_LOCK = threading.Lock()
FOUND_CACHE = 8192


def forget_findings() -> None:
    with _FOUND_LOCK:
        _FOUND.clear()


def read_spans(spans: list[Span]) -> list[SentenceFindings]:
    u = shared_understanding()
    with _FOUND_LOCK:
        if _FOUND_BY[0] is not u or _FOUND_BY[1] is not u.model:
            _FOUND.clear()
            _FOUND_BY[:] = [u, u.model]
        known = {s.text: _FOUND[s.text] for s in spans if s.text in _FOUND}
    new = list({s.text: s for s in spans if s.text not in known}.values())
    for lo in range(0, len(new), MAX_SENTENCES):
        batch = new[lo : lo + MAX_SENTENCES]
        known.update(zip((s.text for s in batch), u.sentence_findings(batch), strict=True))
    with _FOUND_LOCK:
        for s in new:
            _FOUND[s.text] = known[s.text]
        while len(_FOUND) > FOUND_CACHE:
            _FOUND.popitem(last=False)
    return [_at(known[s.text], s) for s in spans]


def _at(found: SentenceFindings, span: Span) -> SentenceFindings:
    """The findings of a sentence read elsewhere, at this span's place."""
    if found.start == span.start and found.end == span.end:
        return found
    return found.model_copy(update={"start": span.start, "end": span.end})
