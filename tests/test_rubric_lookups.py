"""Signal look-ups on a rubric go through an index kept per list of dimensions: a rubric
copied with other dimensions finds its own, and equal rubrics stay equal once looked up."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content


def test_a_copy_with_other_dimensions_finds_its_own_signals() -> None:
    rubric = load_content().rubric
    first = rubric.dimensions[0]
    sid = first.signals[0].id
    assert rubric.dimension_of_signal(sid).id == first.id
    assert rubric.signal(sid).id == sid
    fewer = rubric.model_copy(update={"dimensions": rubric.dimensions[1:]})
    with pytest.raises(KeyError):
        fewer.signal(sid)
    with pytest.raises(KeyError):
        fewer.dimension_of_signal(sid)


def test_a_rubric_looked_up_equals_its_copy() -> None:
    rubric = load_content().rubric
    twin = rubric.model_copy(deep=True)
    rubric.signal(rubric.dimensions[0].signals[0].id)
    assert rubric == twin
