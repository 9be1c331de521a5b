"""Whether a sentence asks rather than states: a question makes no claim.

A wrong claim is something the candidate asserts. "Would a random split be acceptable here?"
asks about a practice; it does not adopt it. The kind head reads many such sentences as
questions, but one written in design words it may read as an answer, and the claim head,
which reads the sentence's content, then finds the practice it names. The grammar of a
direct question settles it: a sentence that ends in a question mark and opens with an
auxiliary or modal verb before its subject ("would", "is", "can we", "should I") or with a
question word ("what", "how", "which") asks.

Not questions in this sense, because they assert what they name:
- a statement with a question mark or a tag ("random split is fine?", "we split randomly,
  right?"): it does not open with the verb or the question word;
- a negative question ("isn't accuracy enough here?", "don't we just split at random?"),
  which expects agreement with what it names;
- a proposal put as a question ("how about a random split?", "what if we tune on test?");
- "why" and "why not" ("why not just use accuracy?", "why would we need a baseline?"), which
  propose or dismiss.
"""

from __future__ import annotations

import re

from agent.understanding.sentences import normalise

# the verb that opens a direct yes/no question (subject after it), without a negation
_AUXILIARY = (
    r"(?:would|should|could|can|may|might|must|shall|will|is|are|was|were|am|do|does|did|"
    r"have|has|had)"
)
_QUESTION_WORD = r"(?:what|what's|how|which|when|where|who|whom|whose)"
# "how about a random split?", "what if we tune on test?" propose what they name
_PROPOSES = r"(?:about|if)\b"
# leading fillers before the question proper ("ok, so would ...", "and how ...")
_LEAD = r"(?:(?:ok(?:ay)?|so|and|also|then|quick question|one more thing|sorry|hmm|well)[,:]?\s+)*"
_ASKS = re.compile(
    rf"^\W*{_LEAD}(?:{_AUXILIARY}\b(?!n't|\s+not\b)|{_QUESTION_WORD}\b(?!\s+{_PROPOSES}))"
)


def asks(text: str) -> bool:
    """The sentence is a direct question (see the module docstring): it ends in a question
    mark and opens with an auxiliary verb or a question word, not negated."""
    stripped = text.rstrip(" \t\"')]")
    if not stripped.endswith("?"):
        return False
    return bool(_ASKS.match(normalise(stripped).lstrip()))
