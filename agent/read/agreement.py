"""Whether two figures of the same quantity agree: how far apart they may be (a ratio; a
latency only over its budget; an average only above the peak; a range that reaches the
figure; a whole only below a part the card gave; all users only below the active ones), and
when one reads daily actives for monthly ones. agent/read/numbers.py decides which figures
are compared.
"""

from __future__ import annotations

from agent.read.counted import SUBSET_MODIFIERS, words_of
from agent.read.quantities import RANK, Quantity
from agent.read.scopes import PARTITIONS
from agent.read.stages import STAGE_CLASSES

# Two figures of the same kind this far apart (larger / smaller) contradict each other:
# "6M listings" after 8 million, "800 million videos" after a billion, "70k games" just
# after being told about 60,000.
CONFLICT_RATIO = 1.15
# a latency over the budget by more than rounding ("105 ms" against 100 ms) is over it
LATENCY_RATIO = 1.04
PREDICTIONS = "predictions_per_second"
OTHER_QUANTITY_RATIO = 1000.0


USER_KINDS = ("daily_users", "monthly_users")
USER = "user"  # a count of users, members, players: all of them, not the active ones


# subset modifiers that pick the first of a ranking: the figure is a cut-off, not a size
_RANKED = words_of("top first best closest nearest")


def near(a: float, b: float) -> bool:
    """The card's own figure, said back (not a total that happens to come close to it: "about
    290 ms, inside the 500 ms target" has not taken the 300 ms budget back)."""
    return a > 0 and b > 0 and max(a, b) / min(a, b) < SAID_BACK_RATIO


SAID_BACK_RATIO = 1.01


def _of_stages(mine: Quantity, theirs: Quantity) -> bool:
    return mine.stage in STAGE_CLASSES or theirs.stage in STAGE_CLASSES


def apart(mine: Quantity, theirs: Quantity) -> bool:
    if mine.kind == PREDICTIONS and theirs.kind == "per_second":
        # fewer predictions than requests: at least one is made per request
        lower = (mine.stat, theirs.stat) != ("average", "peak")
        return lower and mine.value * CONFLICT_RATIO <= theirs.value
    if mine.kind == USER and theirs.kind in USER_KINDS:
        # all users fewer than the active ones ("400 million users" against a billion daily),
        # not one person's count ("someone who follows 2,000 accounts") nor a share's
        if set(mine.scope) & _NOT_ALL:
            return False
        return mine.value * CONFLICT_RATIO <= theirs.value
    if mine.kind != theirs.kind:
        return False
    if {mine.stat, theirs.stat} == {"average", "peak"}:  # only an average above the peak
        average, peak = (mine, theirs) if mine.stat == "average" else (theirs, mine)
        return average.value >= peak.value * CONFLICT_RATIO
    if mine.kind == RANK:  # the rule's own cut-off, read as another
        low = min(mine.value, theirs.value)
        return low > 0 and max(mine.value, theirs.value) / low >= CONFLICT_RATIO
    if mine.kind == "ms" and mine.restated and not mine.vague and not _of_stages(mine, theirs):
        # the whole budget said back ("OK, 200 ms is tighter than I thought" after 300 ms):
        # any other figure misquotes it, under it as much as over it (a stage's time said
        # back may rightly take less: "so around 50 ms to fetch features and score")
        low = min(mine.value, theirs.value)
        return low > 0 and max(mine.value, theirs.value) / low >= LATENCY_RATIO
    if mine.kind == "ms":  # a stage may rightly take less than the budget
        # "a few hundred milliseconds" is over a 300 ms budget only from its low end
        return (mine.low if mine.vague else mine.value) / theirs.value >= LATENCY_RATIO
    if set(mine.scope) & _RANKED and set(theirs.scope) & _RANKED:
        # two cut-offs of one ranking ("the model learns mostly the top 1,000 queries"
        # against "the top 10,000 queries make up 40% of traffic"): each picks how many,
        # neither says how many there are
        return False
    if mine.restated:  # the card's figure said back: its part and its cap are the card's
        theirs = theirs.model_copy(update={"scope": mine.scope, "limit": False})
    if set(mine.scope) != set(theirs.scope) and not _same_part(mine, theirs):
        if set(mine.scope) & PARTITIONS and not theirs.scope:
            # one partition ("each region holds some 20 thousand listings") of the card's
            # whole: only a partition larger than the whole contradicts it
            return mine.low >= theirs.value * CONFLICT_RATIO
        if mine.scope or not theirs.scope:
            return False  # a part the candidate names, or another part than the card's
        if set(theirs.scope) & _STAGE_SHARES:
            # the card sized a stage ("re-rank the top 500 items"): a design may rank fewer
            return False
        # the card gave a part ("30,000 drivers in our largest city"): only a whole smaller
        # than that part contradicts it
        return CONFLICT_RATIO <= theirs.value / mine.value < OTHER_QUANTITY_RATIO
    if mine.vague:  # "hundreds of millions": the figure given must fall in that range
        if mine.low <= theirs.value < mine.high:
            return False
        # unless it is a thousand times off that range: another quantity ("a few hundred
        # listings" as candidates, against 8 million listings)
        off = theirs.value / mine.high if theirs.value >= mine.high else mine.low / theirs.value
        return off < OTHER_QUANTITY_RATIO
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


# parts that make a count of users no count of all of them: one person's, a share's
_NOT_ALL = frozenset(("person", "share"))
# parts the card gives as what a stage takes: the top of a ranking, a reviewed subset
_STAGE_SHARES = frozenset(("top", "subset"))
# parts that are not "per" a unit: a subset, the newest, the largest city, an average
_NOT_PER = SUBSET_MODIFIERS | {"subset", "largest", "biggest", "busiest", "smallest", "average"}


def _same_part(mine: Quantity, theirs: Quantity) -> bool:
    """Both per the same unit, one naming another unit besides ("500 eligible posts per user
    at each load" and "1,500 eligible posts for a typical user")."""
    a, b = set(mine.scope), set(theirs.scope)
    return bool(a & b) and not ((a ^ b) & _NOT_PER) and (a <= b or b <= a)


def daily_over_monthly(mine: Quantity, theirs: Quantity) -> bool:
    """Daily actives at (nearly) the monthly count, or monthly actives below the daily
    count: one was read as the other."""
    pair = (mine.kind, theirs.kind)
    if pair == ("daily_users", "monthly_users"):
        return mine.value >= theirs.value * 0.9
    if pair == ("monthly_users", "daily_users"):
        return mine.value < theirs.value
    return False
