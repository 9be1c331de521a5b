"""The card's figures are read once per text in a process (agent/read/numbers.py): every
message's figures are compared with the same few card parts, and reading those again was a
twentieth of a turn's CPU. The conflicts found are the same the second time."""

from __future__ import annotations

import pytest

from agent.read import numbers
from tests.support.policy_fixtures import shipped_card


def test_a_second_message_reads_only_its_own_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    card = shipped_card("search-ranking")  # peaking around 5,000 queries per second
    read: list[str] = []
    real = numbers.quantities

    def counting(text: str) -> list[numbers.Quantity]:
        read.append(text)
        return real(text)

    monkeypatch.setattr(numbers, "quantities", counting)
    message = "Say 9,000 queries per second on average."
    first = numbers.conflicts(message, card, ["scale"])
    assert [c.topic for c in first] == ["scale"] and "5,000" in first[0].given
    read.clear()
    again = numbers.conflicts(message, card, ["scale"])
    assert again == first
    assert read and all(text == message for text in read)
