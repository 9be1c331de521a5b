"""Numbers a candidate uses that contradict a figure the interviewer already gave.

"Got it, around 40k games" after being told the catalogue has about 60,000; a 50 ms design
after a 20 ms budget. A good interviewer notices and asks once. The figures of the
candidate's message and of the card facts already given are read by quantities.py (what
each counts, over which period, of which part); a conflict is a figure of the same kind of
quantity about the same part, off by at least CONFLICT_RATIO. Not conflicts: a figure
within a limit ("12 GPUs" against a pool of 64; a stage's 40 ms inside a 200 ms budget), a
whole larger than a part the card gave ("300k drivers" worldwide against 30,000 in the
largest city), a subset of the volume ("we can review 10 thousand panoramas a day"), a
count a thousand times apart (another quantity of the same noun).
"""

from __future__ import annotations

from pydantic import BaseModel

from agent.content.problems import ProblemCard
from agent.read.quantities import Quantity, quantities

__all__ = ["NumberConflict", "Quantity", "conflict", "quantities"]

# Two figures of the same kind this far apart (larger / smaller) contradict each other:
# "6M listings" after 8 million, "800 million videos" after a billion.
CONFLICT_RATIO = 1.25
LATENCY_RATIO = 1.2
OTHER_QUANTITY_RATIO = 1000.0


class NumberConflict(BaseModel):
    said: str  # the candidate's figure, as written
    given: str  # the figure the interviewer gave, as written
    topic: str  # the card fact it contradicts
    # False: the fact was never given; the candidate assumed a figure the card contradicts
    told: bool = True
    kind: str = ""  # the kind of quantity ("ms", "per_second", "video"): one query per kind

    @property
    def key(self) -> str:
        """What was queried: a fact's figure of one kind, asked about once."""
        return f"{self.topic}:{self.kind}" if self.kind else self.topic


def conflict(
    text: str, card: ProblemCard, given: list[str], *, assumed: bool = False
) -> NumberConflict | None:
    """The first figure in the text that contradicts a figure of a fact already given; when
    the candidate states an assumption ("I'll assume 15 million a day unless you correct
    me"), also one that contradicts a fact not given yet (told=False): an assumption the
    card contradicts is answered, as a question would be."""
    said = quantities(text)
    if not said:
        return None
    found = _conflict(said, card, given)
    if found is None and assumed:
        untold = [f.topic for f in card.facts if f.topic not in given]
        found = _conflict(said, card, untold)
        if found is not None:
            found = found.model_copy(update={"told": False})
    return found


def _conflict(said: list[Quantity], card: ProblemCard, topics: list[str]) -> NumberConflict | None:
    for topic in topics:
        fact = card.fact(topic)
        if fact is None:
            continue
        figures = quantities(fact.answer)
        given_values = {q.value for q in figures}
        for mine in said:
            known = mine.value in given_values and not mine.vague
            same = _comparable(mine, figures)
            for theirs in same:
                # a figure the fact itself gives, maybe under another noun, is no conflict
                # unless it reads daily actives for monthly ones; nor is one that agrees with
                # another figure of the same kind ("hundreds of millions of posts a day"
                # against 500 million a day and a peak of 12,000 a second)
                if _daily_over_monthly(mine, theirs):
                    return NumberConflict(
                        said=mine.text, given=theirs.text, topic=topic, kind=theirs.kind
                    )
                if not known and all(_apart(mine, q) for q in same):
                    return NumberConflict(
                        said=mine.text, given=theirs.text, topic=topic, kind=theirs.kind
                    )
    return None


def _comparable(mine: Quantity, figures: list[Quantity]) -> list[Quantity]:
    """The fact's figures the candidate's may be about: of the same kind; of several
    latencies, the one whose clause shares words with the candidate's (the stage they
    name), else the largest (the whole budget)."""
    if mine.kind in ("daily_users", "monthly_users"):
        return [q for q in figures if q.kind in ("daily_users", "monthly_users")]
    same = [q for q in figures if q.kind == mine.kind and q.value > 0]
    if mine.kind != "ms" or len(same) < 2:
        return same
    shared = [(len(set(q.words) & set(mine.near)), q) for q in same]
    best = max(n for n, _ in shared)
    named = [q for n, q in shared if n == best] if best > 0 else same
    return [max(named, key=lambda q: q.value)]  # of equals, the most lenient


def _apart(mine: Quantity, theirs: Quantity) -> bool:
    if mine.kind != theirs.kind or mine.kind in ("daily_users", "monthly_users"):
        return False
    if mine.kind == "ms":  # a stage may rightly take less than the budget
        return mine.value / theirs.value >= LATENCY_RATIO
    if set(mine.scope) != set(theirs.scope):
        if mine.scope or not theirs.scope:
            return False  # a part the candidate names, or another part than the card's
        # the card gave a part ("30,000 drivers in our largest city"): only a whole smaller
        # than that part contradicts it
        return CONFLICT_RATIO <= theirs.value / mine.value < OTHER_QUANTITY_RATIO
    if mine.vague:  # "hundreds of millions": the figure given must fall in that range
        return not (mine.low <= theirs.value < mine.high)
    reaches = (
        mine.low <= theirs.value * CONFLICT_RATIO and theirs.value <= mine.value * CONFLICT_RATIO
    )
    if mine.low < mine.value and reaches:
        return False  # a range ("500 to 1,000") that reaches the figure given
    over = mine.value / theirs.value
    if theirs.limit:  # within a cap is no conflict
        return CONFLICT_RATIO <= over < OTHER_QUANTITY_RATIO
    ratio = max(over, 1 / over)
    # a thousand times apart is another quantity of the same noun ("show 20 videos" against
    # a catalogue of 800 million), not a misremembered one
    return CONFLICT_RATIO <= ratio < OTHER_QUANTITY_RATIO


def _daily_over_monthly(mine: Quantity, theirs: Quantity) -> bool:
    """Daily actives at (nearly) the monthly count, or monthly actives below the daily
    count: one was read as the other."""
    pair = (mine.kind, theirs.kind)
    if pair == ("daily_users", "monthly_users"):
        return mine.value >= theirs.value * 0.9
    if pair == ("monthly_users", "daily_users"):
        return mine.value < theirs.value
    return False
