"""Wrong claims a candidate stated and never corrected (each caps its dimension in the recap).

Two sources, merged: ids the reader recorded on candidate turns (Turn.misconceptions), and
the wrong claims the understanding model found in every candidate sentence (the same
findings the reader used), kept where the claim applies to the problem. A wrong claim
counts as corrected when a later sentence shows one of the rubric signals listed for it in
knowledge/grading/repairs.yaml (e.g. PR-AUC after accuracy); a claim that something is
missing (`omissions` there: no guardrails, no baseline) does not stand where the candidate
showed the missing thing anywhere, earlier too. A heading line (a title) names a topic and
makes no claim.
"""

from __future__ import annotations

from typing import Protocol

from agent.content.misconceptions import (
    MisconceptionCatalog,
    card_context,
    conditions_hold,
    default_misconceptions,
    load_repairs,
)
from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.grading.evidence import Sentence, evidence_rules
from agent.grading.scoring import Evidence, Misstep
from agent.understanding.claims import meant_claim
from agent.understanding.sentences import normalise


class MisconceptionFinder(Protocol):
    def find(
        self,
        sentences: list[Sentence],
        evidence: list[Evidence],
        rubric: Rubric,
        recorded: dict[int, list[str]],
        card: ProblemCard | None,
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
        self.conditions = {m.id: m.applies_when for m in self.catalog.misconceptions}

    def _applies(self, mid: str, background: str, card: ProblemCard | None) -> bool:
        when = self.conditions.get(mid)
        return when is not None and (when.empty or conditions_hold(when, background, card))

    def find(
        self,
        sentences: list[Sentence],
        evidence: list[Evidence],
        rubric: Rubric,
        recorded: dict[int, list[str]],
        card: ProblemCard | None,
    ) -> list[Misstep]:
        background = normalise("\n".join([*(s.text for s in sentences), card_context(card)]))
        # a sentence that states the right practice of the claim's subject makes no mistake
        # about it, whatever words the reader reads in it (the reader's own rule,
        # agent/understanding/claims.py): a terse note has no verb for the heads to go by
        sound = load_repairs().states_sound_practice
        per_sentence = {
            s.order: [
                mid
                for mid in dict.fromkeys(
                    # the claim the words make on this problem, as the reader reads it
                    # ("accuracy" for a numeric target is a classification metric for a
                    # number), so the grader caps and never quotes the sentence the
                    # interviewer challenged
                    meant_claim(read, self.catalog, background, card)
                    for read in (s.findings.wrong_claims if s.findings else {})
                )
                if self._applies(mid, background, card) and not sound(mid, s.text)
            ]
            # a heading names a topic and claims nothing ("# Event recommendation")
            if not s.titles
            else []
            for s in sentences
        }
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
