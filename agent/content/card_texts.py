"""The texts of a problem card that are embedded, defined once: by the reader (which fact a
question asks about), by the grader (which card an answer is about), and by `mlsd vectors`,
which ships their vectors."""

from __future__ import annotations

from agent.content.problems import ProblemCard


def fact_descriptions(card: ProblemCard) -> list[str]:
    """One line per hidden fact: its topic and cue words."""
    return [f"{f.topic.replace('_', ' ')}: {', '.join(f.cues)}" for f in card.facts]


def fact_cues(card: ProblemCard) -> list[list[str]]:
    """Per hidden fact, the phrases a question about it is asked in: its cues and topic."""
    return [[*f.cues, f.topic.replace("_", " ")] for f in card.facts]


def fact_texts(card: ProblemCard) -> list[str]:
    """The texts whose vectors stand for a card's facts (descriptions, answers, cues)."""
    cues = [c for cs in fact_cues(card) for c in cs]
    return [*fact_descriptions(card), *(f.answer for f in card.facts), *cues]


def piece_texts(card: ProblemCard) -> list[str]:
    """The pieces of the card's facts, in the card's order: what a question part is matched
    against to hear the pieces it asks for (agent/read/pieces.py)."""
    return [piece for fact in card.facts for piece in fact.pieces]


def relevance_texts(card: ProblemCard) -> list[str]:
    """What a card is about: title and opening, fact answers, strong-answer notes, pitfalls."""
    texts = [f"{card.title}. {card.opening}", *(f.answer for f in card.facts)]
    texts += [note for notes in card.strong_answer.values() for note in notes]
    return texts + list(card.pitfalls)
