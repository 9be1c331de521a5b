"""Yes/no questions inside a design answer, and whether the sentence after one answers it.

A question the candidate answers themself is answered the way its form asks: a yes/no
question ("Is accuracy enough here?") with a yes or a no ("No, with 0.1% positives it ..."),
a hedge ("Probably not ..."), or, when it offers alternatives ("batch or online?"), by
naming one of them ("Batch is enough: ..."). A yes/no question whose next sentence does
none of that ("Do hosts often cancel on short notice? The ranking would need a penalty
for that.") is left open: the design goes on around it, and the question is put to the
interviewer, wherever in the message it stands. The test is on the form of the two
sentences, not on their subject, so it holds on every card.
Used by the question reader (agent/read/self_answered.py, agent/read/answer_questions.py).
"""

from __future__ import annotations

import re

from agent.understanding.sentences import normalise

# a yes/no question opens with an auxiliary verb (after a label such as "Evaluation:" or a
# filler such as "and" or "so")
_LEAD = re.compile(r"^(?:[\w' -]{1,30}:\s*)?(?:(?:and|so|but|also|then|now|ok|okay|oh),?\s+)*")
_AUXILIARY = re.compile(
    r"(?:is|are|was|were|do|does|did|would|will|can|could|should|has|have|had|might|may)"
    r"(?:n't)?\b"
)
# how the sentence after a yes/no question answers it, when it does: a yes or a no, a hedge,
# a reason, or a degree
_ANSWERS = re.compile(
    r"^\W*(?:(?:so|and|well|ok|okay|hmm|honestly|i mean),?\s+)*"
    r"(?:yes|yeah|yep|yup|no|nope|nah|not\b|never|sure|surely|definitely|absolutely|"
    r"of course|probably|likely|unlikely|maybe|perhaps|possibly|presumably|almost certainly|"
    r"i (?:think|guess|suspect|doubt|believe|bet|assume|'d (?:say|guess|bet|think|assume))|"
    r"i'd (?:say|guess|bet|think|assume)|it (?:is|does|depends|can|should|would|will)\b|"
    r"they (?:do|are|can|don't|aren't)\b|usually|typically|often|rarely|mostly|in practice|"
    r"because|since|only if|depends|not really|hardly|it's|that's|"
    # a comparison answered by degree ("Do live speeds matter more than the hour? Much more
    # on a bad day.")
    r"much|far|way|a lot|a little|a bit|slightly|more|less|fewer|both|neither|either|"
    r"only|mostly|partly|somewhat|hugely|very)\b"
)
_PLAIN = re.compile(r"^\W*(?:yes|yeah|yep|yup|no|nope|nah)\b")
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
# words a question and its answer share whatever the answer says
_COMMON = frozenset(
    re.findall(
        r"\w+",
        "that this there then than with from what which when where have will would could "
        "should they them their about into just also more most much many only some such "
        "very does",
    )
)


def is_yes_no(question: str) -> bool:
    """The question asks for a yes or a no (or one of the alternatives it names)."""
    text = normalise(question).strip()
    lead = _LEAD.match(text)
    rest = text[lead.end() :] if lead else text
    return bool(_AUXILIARY.match(rest))


def answered_plainly(question: str, after: str) -> bool:
    """A yes/no question the sentence after it opens with a plain yes or no to ("Is accuracy
    enough here? No: ..."): the candidate's own step, however the question is worded."""
    return is_yes_no(question) and bool(_PLAIN.match(normalise(after).strip()))


def left_open(question: str, after: str) -> bool:
    """A yes/no question that the sentence after it does not answer: no yes or no, no hedge,
    and none of the alternatives the question offers named at its start."""
    if not is_yes_no(question):
        return False
    answer = normalise(after).strip()
    if _ANSWERS.match(answer):
        return False
    if " or " not in normalise(question):
        return True
    # "batch or online? Online, since ...": the answer names an alternative at its start
    asked = set(_WORD.findall(normalise(question))) - _COMMON
    opening = _WORD.findall(answer)[:4]
    return not any(w in asked for w in opening)
