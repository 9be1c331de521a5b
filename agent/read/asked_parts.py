"""The parts of a clarifying question as the answer takes them: in the order asked, each with
the pieces of the card's facts that answer it (agent/read/reading.AskedPart), so the reply
can answer each part in turn and name the ones the card leaves open.
"""

from __future__ import annotations

import re

from agent.read.reading import AskedPart
from agent.understanding import SentenceFindings


def kept_parts(parts: list[AskedPart], open_: list[SentenceFindings]) -> list[AskedPart]:
    """The parts that stay asked: those the card answers, and of the rest those still
    taken as put to the interviewer (`open_`: not a rhetorical question, not a statement)."""
    still = {s.text for s in open_}
    return [p for p in parts if p.pieces or p.text in still]


def in_order(
    parts: list[AskedPart], wholes: list[AskedPart], spans: list[SentenceFindings]
) -> list[AskedPart]:
    """The parts in the order asked, the items of a bare list whose whole names a fact
    standing as that one question (its values, not topics of their own)."""
    n = len(parts)
    out: list[AskedPart] = []
    placed: set[int] = set()
    for i, part in enumerate(parts):
        whole = next(
            (
                j
                for j, w in enumerate(wholes)
                if w.pieces and spans[n + j].start <= spans[i].start < spans[n + j].end
            ),
            None,
        )
        if whole is None:
            out.append(part)
        elif not part.pieces:
            if whole not in placed:
                placed.add(whole)
                out.append(wholes[whole])
        else:
            out.append(part)
    return out


# a part that asks about what the part before it named ("what's the budget, and how much of
# it goes to ranking?"): the answer to that part answers it too
# how near (MiniLM cosine) a part that points back must be to the answer before it: "and how
# much of it goes to the recommendation?" sits at 0.36 from the latency budget it asks about
LEAN_BAR = 0.3
_BACK = re.compile(r"\b(?:it|that|this|those|these|them|its)\b", re.IGNORECASE)


def leaning_back(
    parts: list[AskedPart], same_sentence: list[bool], near_before: list[float]
) -> set[int]:
    """The indices of the parts that lean on the answered part before them in the same
    sentence (`same_sentence[i]`: part i shares a sentence with part i-1) and that the card
    answers nothing of by themselves: they point back ("it", "that") and are about what the
    answer before them says (`near_before[i]`: the part's cosine with that answer's nearest
    piece, at least LEAN_BAR), so they are answered with it, not named as open. "Is it also
    used for food delivery?" after a question about the service's traffic points back, but
    asks about something the traffic figures do not say."""
    return {
        i
        for i, part in enumerate(parts)
        if i
        and same_sentence[i]
        and not part.pieces
        and parts[i - 1].pieces
        and _BACK.search(part.text)
        and near_before[i] >= LEAN_BAR
    }
