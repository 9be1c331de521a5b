"""Is a written answer a design answer at all? Named, never graded, when it is not.

A file that is binary, or in which the understanding layer (the same reading the grader's
evidence comes from) finds no sentence that talks about any rubric point and whose meaning
sits far from every problem card, is not graded:
a grocery list or an email graded "1.00 / 4, no hire" tells the user nothing, while
naming it says what went wrong (the wrong file, or no answer in it).
"""

from __future__ import annotations

import re

import numpy as np

from agent.grading.evidence import visible_sentences
from agent.understanding import shared_understanding
from agent.understanding.sentences import Span
from agent.understanding.vectors import MAX_SENTENCES

# Mean cosine between the answer's sentence vectors (their normalised mean) and the centre
# of all problem cards, below which a text with no rubric point is not about ML design.
# Chosen on dev: ten non-design texts (a grocery list, an email, a recipe, meeting notes,
# code, a poem, a story, a to-do list, a match report) sit at -0.01..0.25; the dev answers
# in which no sentence shows a rubric point (the injection suite's thin base, a weak
# four-sentence answer, four keyword lists) at 0.36..0.75. Sentences the manipulation head
# flags are not part of the answer (the grader sets them aside) and do not count here.
MIN_DESIGN_SIMILARITY = 0.30
# One sentence is too little to tell ("Use XGBoost." sits at 0.20, a line of meeting notes
# at 0.20): a one-sentence text is graded as before (low), never refused on meaning.
MIN_SENTENCES = 2
# control characters other than tab, newline and carriage return: text never holds them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def not_a_design_answer(body: str) -> str | None:
    """Why the text is not a design answer, or None when it is one (however weak)."""
    if _CONTROL.search(body):
        return "it holds binary data, not text"
    spans: list[Span] = visible_sentences(body)
    u = shared_understanding()
    answer: list[str] = []
    for lo in range(0, len(spans), MAX_SENTENCES):
        for found in u.sentence_findings(spans[lo : lo + MAX_SENTENCES]):
            if found.signals or found.mentions:
                return None
            if not found.manipulative:
                answer.append(found.text)
    if len(answer) < MIN_SENTENCES or u.embedder is None:
        return None
    if _similarity(answer) >= MIN_DESIGN_SIMILARITY:
        return None  # a weak answer is still an answer: graded (low), not refused
    return "no sentence in it talks about an ML system design (its data, model, metrics or serving)"


def _similarity(texts: list[str]) -> float:
    from agent.content.bundle import load_content
    from agent.grading.relevance import card_vector

    library = load_content().problems
    centre = np.stack([card_vector(library.get(cid)) for cid in library.ids()]).mean(axis=0)
    mean = shared_understanding().embed(texts).mean(axis=0)
    denominator = max(1e-9, float(np.linalg.norm(mean)) * float(np.linalg.norm(centre)))
    return float(mean @ centre) / denominator
