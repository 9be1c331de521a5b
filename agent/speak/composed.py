"""Follow-ups worded for the claim they follow up on: the known weak spot of the technique
the candidate's sentence names (knowledge/follow_ups.yaml), or a question built from the
claim's own parts (its figure, the option it rules out; agent/speak/claim_parts.py)
with the bank's `claim_pushes` wording. Each is asked once per interview, never for an angle
the candidate's words already cover, and only where it applies to the design described."""

from __future__ import annotations

import re

from agent.content.follow_ups import Asked, FollowUps, load_follow_ups
from agent.decide.coverage import said as said_in
from agent.settings import Settings
from agent.speak import variation
from agent.speak.base import SpeakContext
from agent.speak.claim_parts import claim_parts
from agent.speak.points_back import points_back_at_unsaid
from agent.speak.question_bank import QuestionBank
from agent.speak.quoted_kinds import kinds_of

# the parts a composed follow-up may be built from, most telling first
CLAIM_PARTS = ("figure", "ruled_out")


class ComposedPushes:
    def __init__(self, bank: QuestionBank, settings: Settings) -> None:
        self.bank = bank
        self._settings = settings

    @property
    def follow_ups(self) -> FollowUps:
        return load_follow_ups(self._settings.knowledge_dir)

    @property
    def angles(self) -> dict[str, str]:
        """Each technique push's angle (an answer to it covers that angle)."""
        return {p.ask: p.angle for t in self.follow_ups.techniques for p in t.pushes}

    def fits(self, push: str, context: SpeakContext, sentence: str = "") -> bool:
        """A bank push with a condition ("[risk|online]") is asked only where it holds (on
        the card, the design said so far and the sentence quoted)."""
        name = self.bank.condition_of(push)
        if name is None:
            return True
        condition = self.follow_ups.conditions.get(name)
        if condition is None:
            raise KeyError(f"question bank push names unknown condition {name!r}: {push!r}")
        return condition.holds(asked(context, sentence, self.follow_ups))

    def technique(
        self, context: SpeakContext, claim: str, given: set[str], sentence: str = ""
    ) -> str | None:
        """The weak spot of a technique the quoted claim names (the words quoted, not the
        rest of their sentence, which may be about something else), still open in the
        message and fitting the card and the design said so far."""
        follow_ups = self.follow_ups
        named = follow_ups.named_in(claim)
        if not named:  # nothing to ask of: the sentence's kinds (a model pass) are not read
            return None
        where = asked(context, sentence or claim, follow_ups)
        said = _interviewer_lines(context)
        # "those thresholds" presumes thresholds were said (a retrain triggered by an event
        # names none): the same check the bank's pushes pass (choosing._not_given)
        theirs = f"{sentence or claim} {context.candidate_text}"
        for technique in named:
            for push in technique.pushes:
                if push.angle in given or any(push.ask in line for line in said):
                    continue
                if points_back_at_unsaid(push.ask, theirs):
                    continue
                if follow_ups.applies(push, where):
                    return push.ask
        return None

    def in_sentence(self, context: SpeakContext, sentence: str, given: set[str]) -> str | None:
        """The weak spot of a technique another clause of the quoted sentence names, said
        with that clause quoted (so the question is about the words it quotes)."""
        if sentence.rstrip().endswith("?"):
            return None
        frames = self.bank.claim_pushes.get("clause", [])
        for clause in _CLAUSES.split(sentence):
            if len(clause.split()) < MIN_CLAUSE_WORDS:
                continue  # "For the blurring" is no claim to quote
            quoted = variation.anchor_phrase(clause, context.candidate_text)
            question = self.technique(context, clause, given) if quoted else None
            if quoted and question and frames:
                frame = variation.order(frames, seed=context.seed, key="claim:clause")[0]
                return frame.format_map({"clause": quoted, "question": question})
        return None

    def from_parts(
        self,
        context: SpeakContext,
        claim: str,
        sentence: str,
        given: set[str],
        parts: tuple[str, ...],
    ) -> str | None:
        """A question worded from one of the claim's parts (`parts`, in order): a figure in
        the quoted claim, the option its sentence rules out."""
        said = _interviewer_lines(context)
        found = claim_parts(sentence, " ".join(said), claim)
        values = {
            "figure": found.figure or "",
            "ruled_out": found.ruled_out or "",
            "less": found.less_more[0],
            "more": found.less_more[1],
        }
        for part in parts:
            if not values.get(part):
                continue
            templates = self.bank.claim_pushes.get(part, [])
            fresh = [t for t in templates if self.bank.angles.get(t) not in given]
            for template in variation.order(fresh, seed=context.seed, key=f"claim:{part}"):
                question = template.format_map(values)
                if not any(question in line for line in said):
                    return question
        return None


MIN_CLAUSE_WORDS = 4
# where a sentence's clauses part ("X, and Y; Z: W")
_CLAUSES = re.compile(r"\s*(?:[,;:]|\s-\s|\s–\s|\bwhile\b|\bbut\b)\s*")


def asked(context: SpeakContext, sentence: str = "", follow_ups: FollowUps | None = None) -> Asked:
    """Where a follow-up on `sentence` of the candidate's last message would be asked (with
    `follow_ups`, also what kind of thing the sentence is: agent/speak/quoted_kinds.py)."""
    card = context.card
    said = sentence or context.candidate_text
    return Asked(
        message=context.candidate_text,
        card_tags=tuple(card.tags),
        ml_task=card.ml_task,
        not_applicable=tuple(card.not_applicable),
        sentence=sentence,
        design="\n".join(t.text for t in context.history if t.role == "candidate"),
        interviewer="\n".join(_interviewer_lines(context)),
        kinds=kinds_of(said, follow_ups) if follow_ups is not None else (),
        said=tuple(said_in(context.state)),
    )


def _interviewer_lines(context: SpeakContext) -> list[str]:
    return [t.text for t in context.history if t.role == "interviewer"]
