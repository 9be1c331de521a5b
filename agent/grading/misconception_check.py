"""Wrong claims a candidate stated and never corrected (each caps its dimension in the recap).

Two sources, merged: ids the reader recorded on candidate turns (Turn.misconceptions), and
the wrong claims the understanding model found in the candidate's sentences, kept where
they stand as the reader reads them (claims.standing_claims, one reading for both): each
turn of a transcript (each part of a written answer) is read as the reader reads a message,
so a sentence that does not make the claim's act, states its right practice, or is taken
back or put right further on in its turn caps nothing, and where a claim applies is read
beside the interviewer's line the turn answers (a written answer: its whole text). A turn
and its recap never disagree about a sentence. A wrong claim counts as corrected when a
later sentence shows one of the rubric signals listed for it in
knowledge/grading/repairs.yaml (e.g. PR-AUC after accuracy); a claim that something is
missing (`omissions` there: no guardrails, no baseline) does not stand where the candidate
showed the missing thing anywhere, earlier too. A heading line (a title) names a topic and
makes no claim.
"""

from __future__ import annotations

from typing import Protocol

from agent.content.misconceptions import (
    MisconceptionCatalog,
    default_misconceptions,
    load_repairs,
)
from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.grading.evidence import Sentence, evidence_rules
from agent.grading.scoring import Evidence, Misstep
from agent.understanding.claims import standing_claims
from agent.understanding.findings import MessageFindings


class MisconceptionFinder(Protocol):
    def find(
        self,
        sentences: list[Sentence],
        evidence: list[Evidence],
        rubric: Rubric,
        recorded: dict[int, list[str]],
        card: ProblemCard | None,
        asked: dict[int, str] | None = None,
    ) -> list[Misstep]: ...


def default_repairs() -> dict[str, list[str]]:
    return load_repairs().repairs


def default_omissions() -> frozenset[str]:
    return frozenset(load_repairs().omissions)


class SharedMisconceptions:
    """The wrong claims the understanding model found in each sentence, where they apply."""

    def __init__(
        self,
        catalog: MisconceptionCatalog | None = None,
        repairs: dict[str, list[str]] | None = None,
        omissions: frozenset[str] | None = None,
    ) -> None:
        self.catalog = catalog or default_misconceptions()
        self.repairs = default_repairs() if repairs is None else repairs
        self.omissions = default_omissions() if omissions is None else omissions
        self.dimension = {m.id: m.dimension for m in self.catalog.misconceptions}

    def find(
        self,
        sentences: list[Sentence],
        evidence: list[Evidence],
        rubric: Rubric,
        recorded: dict[int, list[str]],
        card: ProblemCard | None,
        asked: dict[int, str] | None = None,
    ) -> list[Misstep]:
        """`asked`: per candidate turn of a transcript, the interviewer's line before it,
        what the reader read the turn beside (None: a written answer, read whole)."""
        # each part of the input (a turn of a transcript, a section of a written answer) is
        # read as the reader reads a message (claims.standing_claims): a sentence that does
        # not make the claim's act, states its right practice, or is taken back or put right
        # further on in its part caps nothing, as it is never challenged in the turn
        whole = "\n".join(s.text for s in sentences)
        per_sentence: dict[int, list[str]] = {s.order: [] for s in sentences}
        shown_before: set[str] = set()
        for part in _parts(sentences):
            stated = [s for s in part if s.findings is not None]
            message = MessageFindings(
                text="\n".join(s.text for s in stated),
                kind="answer",
                sentences=[s.findings for s in stated if s.findings is not None],
            )
            # where a claim applies is read as the reader read it: a turn beside the question
            # it answers, a written answer whole
            context = whole if asked is None else asked.get(part[0].turn, "")
            for i, mid in standing_claims(
                message, self.catalog, card=card, context=context, shown_before=shown_before
            ):
                if mid in self.dimension:
                    per_sentence[stated[i].order].append(mid)
            shown_before |= set(message.signals)
        found: dict[str, Sentence] = {}
        for s in sentences:
            for mid in per_sentence[s.order]:
                found.setdefault(mid, s)
        for turn, ids in sorted(recorded.items()):
            in_turn = [s for s in sentences if s.turn == turn]
            if not in_turn:
                continue
            for mid in ids:
                if mid not in self.dimension:
                    continue
                anchor = next((s for s in in_turn if mid in per_sentence[s.order]), in_turn[0])
                if mid not in found or anchor.order < found[mid].order:
                    found[mid] = anchor
        out = []
        for mid in sorted(found, key=lambda m: (found[m].order, m)):
            sentence = found[mid]
            repairs = set(self.repairs.get(mid, []))
            anywhere = mid in self.omissions
            corrected = any(
                e.signal_id in repairs and (anywhere or e.sentence.order > sentence.order)
                for e in evidence
            )
            shows = evidence_rules().claim_levels.get(mid, 1)
            out.append(Misstep(mid, self.dimension[mid], sentence, corrected, shows))
        return out


def _parts(sentences: list[Sentence]) -> list[list[Sentence]]:
    """The sentences by the part they sit in, in order; a heading line (a title: "# Event
    recommendation") names a topic and claims nothing, so it is left out."""
    parts: dict[int, list[Sentence]] = {}
    for s in sentences:
        if not s.titles:
            parts.setdefault(s.region, []).append(s)
    return list(parts.values())
