"""A figure of the candidate's message against the card figures of the same quantity.

Which card figures a figure is about (referents.py: of several counts of the same thing, the
one its sentence is about), and whether it contradicts them: the same kind of quantity about
the same part, apart by at least CONFLICT_RATIO (agreement.py), unless the fact gives it
under another noun, another figure of the message is the card's own, or it is a latency the
card gives for another stage. numbers.py gathers these conflicts with those of other units,
shares and stage plans.
"""

from __future__ import annotations

import math

from agent.read.agreement import (
    CONFLICT_RATIO,
    PREDICTIONS,
    USER,
    USER_KINDS,
    apart,
    daily_over_monthly,
    near,
)
from agent.read.comparable import comparable, rivals_of
from agent.read.figure_conflict import NumberConflict
from agent.read.quantities import UNNAMED, Quantity
from agent.read.referents import about, by_noun
from agent.read.stages import STAGE_CLASSES

# per figure of the message: the card figures it is about (by id), each with whether the
# tie is strong enough to give it the card figure's part
Ties = dict[int, dict[int, bool]]


def ties_of(mine: Quantity, figures: dict[str, list[Quantity]]) -> dict[int, bool]:
    every = [q for fs in figures.values() for q in fs]
    if mine.kind == f"{UNNAMED}/day":  # naming nothing, it is about the nearest count a day
        counts = [q for q in every if q.kind.endswith("/day") and by_noun(q) and q.value > 0]
        nearest = min(counts, key=lambda q: abs(math.log(q.value / mine.value)), default=None)
        return {id(nearest): False} if nearest is not None else {}
    return {id(q): strong for q, strong in about(mine, every)}


def split_conflicts(
    said: list[Quantity],
    stated: list[Quantity],
    every: dict[str, list[Quantity]],
    heard_ids: set[int],
    ties: Ties,
    *,
    asked: list[str],
    parts: frozenset[int] = frozenset(),
) -> tuple[list[NumberConflict], list[NumberConflict]]:
    """The message's conflicts with the card figure each is about, read against every
    figure of the card (a whole budget is about the page's target, not the stage estimate
    that happens to be told): those whose card figure was told, and those whose was not
    (of a fact `asked` about, any; else of the figures `stated`: assumptions and
    requirements). `parts`: the figures said as a part of another ("50 ms out of the 200"),
    by id: not the card's whole said back."""
    told: list[NumberConflict] = []
    untold: list[NumberConflict] = []
    for topic, figures in every.items():
        for found, mine, theirs in _topic_conflicts(said, topic, figures, ties, parts):
            if id(theirs) in heard_ids:
                told.append(found)
            elif topic in asked or any(mine is q for q in stated):
                untold.append(found)
    return first_per_key(told), first_per_key(untold)


def _topic_conflicts(
    said: list[Quantity],
    topic: str,
    figures: list[Quantity],
    ties: Ties,
    parts: frozenset[int] = frozenset(),
) -> list[tuple[NumberConflict, Quantity, Quantity]]:
    """Each figure said that contradicts a figure of the fact: the conflict, the figure
    said and the card's."""
    out: list[tuple[NumberConflict, Quantity, Quantity]] = []
    for mine in said:
        # the fact's own figure, maybe under another noun (not a latency that happens to
        # equal a count: "500 ms" beside "the top 500 items")
        given_values = {q.value for q in _said_back(mine, figures)}
        if mine.kind != "ms" and _also_right(mine, said, figures, ties):
            continue  # "500k rather than the 100k I had": the right figure is in the message
        tied = ties.get(id(mine), {})
        same = comparable(mine, figures, tied)
        known = mine.value in given_values and not mine.vague and not _other_stage(mine, same)
        rivals = rivals_of(mine, same)
        for theirs in same:
            # a figure the fact itself gives, maybe under another noun, is no conflict
            # unless it reads daily actives for monthly ones; nor is one that agrees with
            # another figure of the same kind ("hundreds of millions of posts a day"
            # against 500 million a day and a peak of 12,000 a second)
            if daily_over_monthly(mine, theirs) or (
                not known
                and any(q is theirs for q in rivals)
                and all(apart(_as_part_of(mine, q, tied), q) for q in rivals)
            ):
                said_as = " ".join(mine.text.split()) or f"{mine.value:g}"
                right = any(
                    q is not mine
                    and q.kind == mine.kind
                    and near(q.value, theirs.value)
                    and _same_whole(q, theirs, parts)
                    for q in said
                )
                out.append(
                    (
                        NumberConflict(
                            said=said_as,
                            given=theirs.text,
                            topic=topic,
                            kind=theirs.kind,
                            right_said=right,
                            vague=mine.vague,
                            misheard=mine.restated,
                        ),
                        mine,
                        theirs,
                    )
                )
                break
    return out


def _said_back(mine: Quantity, figures: list[Quantity]) -> list[Quantity]:
    """The fact's figures the candidate's may be saying back, maybe under another noun (not
    a latency that happens to equal a count: "500 ms" beside "the top 500 items"). A latency
    stated at a percentile says back the budget the card gives at one, where it gives one
    ("200 ms p99" is not the page's 200 ms when the service has 100 ms at p99)."""
    same = [q for q in figures if q.kind == mine.kind or "ms" not in (q.kind, mine.kind)]
    if mine.kind == "ms" and mine.percentile:
        return [q for q in same if q.percentile or q.kind != "ms"] or same
    return same


def _same_whole(right: Quantity, theirs: Quantity, parts: frozenset[int]) -> bool:
    """A figure equal to the card's says the card's figure back only when it measures what
    the card's does: a latency of the same stage (a scoring stage's 50 ms does not restate a
    50 ms budget for the whole request), and not a part of another figure ("50 ms out of the
    200": a share of a whole the candidate still has wrong)."""
    if id(right) in parts:
        return False
    if right.kind != "ms":
        return True
    return right.stage == theirs.stage or (
        right.stage not in STAGE_CLASSES and theirs.stage not in STAGE_CLASSES
    )


def _other_stage(mine: Quantity, same: list[Quantity]) -> bool:
    """A latency the card gives for one stage, said of another stage the card also budgets:
    "around 50 ms for scoring" where the whole auction has 50 ms and scoring 10 ms. The
    card's figure said back is no conflict unless the figure's own clause names the other
    stage (words next to it across a comma, "a re-ranker, all within 150 ms", do not)."""
    if mine.kind != "ms" or len(same) != 1 or near(same[0].value, mine.value):
        return False
    return bool(set(same[0].words) & set(mine.words))


def _as_part_of(mine: Quantity, theirs: Quantity, tied: dict[int, bool]) -> Quantity:
    """The candidate's figure, counting the part the card's figure counts when its sentence
    is clearly about that figure ("a random sample, maybe 30 thousand posts a day" against
    the budget for randomly sampled posts), and the card's kind of quantity."""
    update: dict[str, object] = {}
    if tied.get(id(theirs)) and theirs.scope and not mine.scope:
        update["scope"] = list(theirs.scope)
    if mine.kind != theirs.kind and mine.kind not in (*USER_KINDS, USER, PREDICTIONS):
        update["kind"] = theirs.kind  # "300k reviews a day" against items reviewed a day
    return mine.model_copy(update=update) if update else mine


def _also_right(mine: Quantity, said: list[Quantity], figures: list[Quantity], ties: Ties) -> bool:
    """Another figure of the message, of the same kind, is (about) the fact's own (not for
    latencies: "the split stays below 100 ms" beside "if the total is 150 ms" is still over)."""
    return any(
        other is not mine
        and other.kind == mine.kind
        and any(
            q.value > 0
            and other.value > 0
            and max(q.value, other.value) / min(q.value, other.value) < CONFLICT_RATIO
            for q in comparable(other, figures, ties.get(id(other), {}))
        )
        for other in said
    )


def first_per_key(found: list[NumberConflict]) -> list[NumberConflict]:
    """One per fact and kind, and one per figure said: a figure that contradicts two facts
    ("tens of thousands per day", naming nothing) is queried once."""
    seen: set[str] = set()
    out: list[NumberConflict] = []
    for c in found:
        if c.kind_key not in seen and c.said not in seen:
            seen.update((c.kind_key, c.said))
            out.append(c)
    return out
