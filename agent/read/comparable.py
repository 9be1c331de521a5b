"""Which of the card's figures a candidate's figure may be compared with (numbers.py decides
whether they conflict): of the same kind of quantity, about the same part or object (a
stage's latency against that stage's budget, a size in pixels against the same object's, a
rank cut-off against a rule about the same thing), and which of those it must be apart from.
"""

from __future__ import annotations

from agent.read.agreement import PREDICTIONS, USER, USER_KINDS
from agent.read.counted import UNITS, words_of
from agent.read.quantities import RANK, UNNAMED, Quantity
from agent.read.referents import by_noun
from agent.read.stages import SERVICE, STAGE_CLASSES


def rivals_of(mine: Quantity, same: list[Quantity]) -> list[Quantity]:
    """The comparable figures a contradicting figure must be apart from: of user counts,
    those of its own kind (daily against daily; monthly against daily is read by
    agreement.daily_over_monthly); for a count of all users, the largest count of users
    given (all users are at least as many as the monthly actives)."""
    if mine.kind in USER_KINDS:
        return [q for q in same if q.kind == mine.kind]
    if mine.kind == USER and same:
        return [max(same, key=lambda q: q.value)]
    if not mine.stat:
        # a figure that names no peak ("1 billion posts a day") is a total: a peak rate the
        # card gives, counted over a day, only bounds it, the card's own total says it
        totals = [q for q in same if q.stat != "peak"]
        return totals or same
    return same


def comparable(mine: Quantity, figures: list[Quantity], tied: dict[int, bool]) -> list[Quantity]:
    """The fact's figures the candidate's may be about: of the same kind (a count of a
    named thing: one the card counts under any noun, of those it is about, see `tied`); of
    several latencies, the one whose clause shares words with the candidate's (the stage
    they name), else the largest (the whole budget)."""
    if mine.kind in USER_KINDS:
        return [q for q in figures if q.kind in USER_KINDS]
    if mine.kind == USER:  # all users, against the active ones and any other count of users
        return [q for q in figures if q.kind in (*USER_KINDS, USER) and q.value > 0]
    if mine.kind == PREDICTIONS:  # against the request rate, as its floor
        return [q for q in figures if q.kind == "per_second" and q.value > 0]
    if mine.kind in UNITS.values():  # a size in pixels or km: of the same object only
        return [q for q in figures if q.kind == mine.kind and q.value > 0 and _same_object(mine, q)]
    if mine.kind == f"{UNNAMED}/day":  # "3M/day": the card's count over a period nearest it
        return [q for q in figures if id(q) in tied]
    same = [q for q in figures if q.kind == mine.kind and q.value > 0]
    if by_noun(mine):
        same = [q for q in figures if id(q) in tied]
    if mine.kind == RANK:  # a rule's cut-off, about what its clause names ("per channel")
        about = _topic_words(mine)
        return [q for q in same if q.limit and len(_topic_words(q) & about) >= RANK_SHARED]
    if mine.kind != "ms" or len(same) < 2:
        return same
    scoped = budget_of_scope(mine, same)
    if scoped is not None:
        return [scoped]
    overlaps = [(len(set(q.words) & set(mine.near)), q) for q in same]
    if max(n for n, _ in overlaps) == 0:  # none named next to it: what its clause is about
        overlaps = [(len(set(q.words) & set(mine.words)), q) for q in same]
    best = max(n for n, _ in overlaps)
    named = [q for n, q in overlaps if n == best] if best > 0 else same
    if best == 0:  # no stage named: the service's own budget (its p99), not the page's
        named = [q for q in named if q.percentile] or named
    return [max(named, key=lambda q: q.value)]  # of equals, the most lenient


def budget_of_scope(mine: Quantity, budgets: list[Quantity]) -> Quantity | None:
    """The card's budget of the latency's own scope (stages.py): the budget of the stage it
    is said of ("60 ms heavy model" and "ranking gets roughly 50 ms"), else, for a stage no
    budget names, that of the service holding it, else the whole's (the largest that is no
    stage's); None when the figure names no stage or scope."""
    if not mine.stage:
        return None
    own = [q for q in budgets if q.stage == mine.stage]
    if not own and mine.stage in (*STAGE_CLASSES, SERVICE):
        own = [q for q in budgets if q.stage == SERVICE or (q.percentile and not q.stage)]
    if not own and mine.stage == SERVICE:  # the only budget at a percentile is the service's
        own = [q for q in budgets if q.percentile]
    wholes = [q for q in budgets if q.stage not in STAGE_CLASSES]
    return max(own or wholes or budgets, key=lambda q: q.value)


def _same_object(mine: Quantity, theirs: Quantity) -> bool:
    """Two sizes in one unit measure the same object when their clauses share a word besides
    the unit: "panoramas at 8k by 4k pixels" is not "faces under 20 pixels high"."""
    unit = {w[:4] for w in (mine.kind, f"{mine.kind}s")}
    return bool((set(mine.words) & set(theirs.words)) - unit)


# a cut-off by rank is compared with the card's only when their clauses share this many
# words besides the figure ("two from the same channel in the top ten": channel, same, ...)
RANK_SHARED = 2
_RANK_WORDS = frozenset(("top", "firs", "rank", "slot", "more", "than", "less", "only"))


def _topic_words(q: Quantity) -> set[str]:
    return {w for w in q.words if w not in _RANK_WORDS and not _is_number_word(w)}


def _is_number_word(stem: str) -> bool:
    return any(stem == w[:4] for w in _NUMBER_WORDS)


_NUMBER_WORDS = words_of(
    "three four five seven eight nine twelve fifteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand million billion"
)
