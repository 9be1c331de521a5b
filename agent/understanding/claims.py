"""Which of the wrong claims the model found apply to this problem.

The model finds a wrong claim from the sentence alone; whether it is wrong *here* depends on
the problem (accuracy is only misleading when positives are rare, a random split only leaks
when the data is ordered in time). Each claim's `when` block in knowledge/misconceptions.yaml
says where it applies: card tags, the card's ML task, or words of the card and conversation.
"""

from __future__ import annotations

from agent.content.misconceptions import MisconceptionCatalog, card_context, conditions_hold
from agent.content.problems import ProblemCard
from agent.understanding.findings import MessageFindings
from agent.understanding.sentences import normalise


def applicable_claims(
    found: MessageFindings,
    catalog: MisconceptionCatalog,
    *,
    card: ProblemCard | None,
    context: str = "",
) -> list[str]:
    """Wrong-claim ids found in the message that apply to this problem, in order found."""
    out: list[str] = []
    background: str | None = None
    known = {m.id: m for m in catalog.misconceptions}
    for s in found.sentences:
        if s.manipulative:
            continue
        for cid in s.wrong_claims:
            m = known.get(cid)
            if m is None or cid in out:
                continue
            if not m.applies_when.empty:
                if background is None:
                    background = normalise("\n".join([found.text, context, card_context(card)]))
                if not conditions_hold(m.applies_when, background, card):
                    continue
            out.append(cid)
    return out
