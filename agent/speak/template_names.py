"""The names a question-bank template may leave for a move to fill ({fact_answer}, {anchor}, ...).

The bank (question_bank.py) refuses a template naming anything else, so a typo in
prompts/question_bank.yaml fails when the bank loads, not mid-interview; the voice
(variation.py) uses a template only when every name in it can be filled for the move.
"""

from __future__ import annotations

import string
from functools import lru_cache

# Everything a template may name. Anything else is a typo in the bank.
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "opening",  # the card's bare opening
        "title",  # the card's title
        "fact_answer",  # the card's answers to the asked topics
        "signal_question",  # a probe question for the target rubric signal
        "guidance_point",  # one short sentence from the top retrieved chunk
        "told_point",  # a hint's: a fact the candidate was told about this problem
        "pitfall_point",  # a hint's: a pitfall of this problem, said mid-sentence
        "pointer_point",  # a hint's: one line of what a strong answer to this problem covers
        "stuck_quote",  # a hint's: the candidate's words on what they are stuck on
        "phase_title",  # the phase the interview is in after the move
        "phase_goal",  # that phase's goal
        "minutes_left",  # whole minutes left on the clock
        "challenge",  # a misconception's challenge question
        "last_question",  # the interviewer's last substantive question
        "skipped_to",  # the phase the candidate jumped to
        "anchor",  # the candidate's own words a follow-up pushes on (cut to a few)
        "deepen_question",  # one angle on what they said about the target signal
        "said",  # a figure the candidate used that contradicts a given one
        "given",  # the figure the interviewer gave for it
        "fact_subject",  # what an earlier answer the candidate asks about again was about
        "claim_quote",  # the candidate's own statement of the wrong claim challenged
        # the parts of a claim a follow-up is worded from (agent/speak/claim_parts.py)
        "figure",  # a figure the candidate set
        "less",  # the words that compare it ("shorter", "smaller", "fewer")
        "more",  # ("longer", "larger", "more")
        "ruled_out",  # the option the claim sets aside
        "clause",  # the clause of their sentence a technique's question is about, quoted
        "question",  # that question
        "reason",  # the reason it gives
        "correction",  # a misconception's right practice, said when the claim is defended
        "after",  # the candidate's words a move to another part of the design ties to
        "decision",  # what the candidate's quoted words decide (agent/speak/decisions.py)
        "part",  # one part of a clarifying question, named in the candidate's words
        "parts",  # several such parts, named together
        "told",  # the card's sentences said earlier that answer such a part, said again
    }
)


@lru_cache(maxsize=4096)
def placeholders_of(template: str) -> frozenset[str]:
    """The names a template leaves to fill. Kept per template: the bank's check at load
    parses each of its thousand templates three times over (the shared bank, each problem
    kind's, the check of that one), and a line is chosen among them every turn."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)
