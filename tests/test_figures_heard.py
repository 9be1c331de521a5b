"""A figure the candidate contradicts is queried as "the figure I gave" only where the piece
that holds it was said: a fact answered with its other pieces (the per-stage estimates said,
the page's target not) leaves that figure untold, and it goes the untold path (answered as
an assumption the card contradicts, with that piece only).
Expectations written by hand from the visual-search card."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.read.offline import OfflineReader
from agent.read.reading import ReadContext
from agent.settings import get_settings
from agent.speak.question_bank import load_question_bank


def _read(text: str, topics: list[str], pieces: list[str]):
    content = load_content()
    card = content.problems.get("visual-search")
    context = ReadContext(
        phase=Phase.CLARIFY,
        card=card,
        rubric=content.rubric,
        facts_given=topics,
        pieces_given=card.pieces_told(topics, pieces),
    )
    return OfflineReader().read(text, context)


def test_a_target_never_said_is_not_claimed_as_given() -> None:
    # latency answered with the stage estimates only (latency#1), not the 300 ms target
    reading = _read("I'll design for p99 under 600 ms server-side.", ["latency"], ["latency#1"])
    found = [c for c in reading.number_conflicts if "300" in c.given]
    assert found and all(not c.told and c.piece == "latency#0" for c in found)


def test_a_target_that_was_said_is_queried_as_given() -> None:
    reading = _read(
        "I'll design for p99 under 600 ms server-side.", ["latency"], ["latency#0", "latency#1"]
    )
    found = [c for c in reading.number_conflicts if "300" in c.given]
    assert found and all(c.told and c.heard for c in found)


def test_a_figure_that_agrees_raises_nothing_whatever_was_said() -> None:
    reading = _read("Results within 300 ms of the upload, fine.", ["latency"], ["latency#1"])
    assert not [c for c in reading.number_conflicts if "300" in c.given]


def test_the_query_of_an_unheard_figure_gives_it_without_claiming_it_was_said() -> None:
    bank = load_question_bank(get_settings().prompts_dir / "question_bank.yaml")
    assert bank.numbers_unheard
    for line in bank.numbers_unheard:
        assert "{given}" in line and "{said}" in line
        assert "I gave" not in line and "earlier" not in line.lower()
