"""One message read by the offline reader on a shipped problem card, in a given phase."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.read.offline import OfflineReader
from agent.read.reading import ReadContext, Reading


def card_context(problem: str, phase: Phase) -> ReadContext:
    content = load_content()
    return ReadContext(phase=phase, card=content.problems.get(problem), rubric=content.rubric)


def read_on_card(text: str, problem: str, phase: Phase) -> Reading:
    return OfflineReader().read(text, card_context(problem, phase))
