"""Numbers a candidate uses that contradict a figure the interviewer already gave.

"Got it, around 40k games" after being told the catalogue has about 60,000; a 50 ms design
after a 20 ms budget. A good interviewer notices and asks once. The figures of the
candidate's message and of the card facts already given are read by quantities.py (what
each counts, over which period, of which part); a conflict is a figure of the same kind of
quantity about the same part, off by at least CONFLICT_RATIO. Not conflicts: a figure
within a limit ("12 GPUs" against a pool of 64; a stage's 40 ms inside a 200 ms budget), a
whole larger than a part the card gave ("300k drivers" worldwide against 30,000 in the
largest city), a subset of the volume ("we can review 10 thousand panoramas a day"), a
count a thousand times apart (another quantity of the same noun). A figure said back in an
acknowledgement ("OK, a few hundred cases per day") restates the card's and is held to it
whatever part or cap the card's names. Rates in another unit than the card's and shares are
compared by rates.py, a plan of stages against the latency budget by stage_sums.py; a figure
against the card's figures of the same quantity by same_quantity.py. A latency said in
seconds is read in milliseconds (seconds.py), except against a fact whose whole wait is
itself said in seconds.
"""

from __future__ import annotations

import re
import threading

from agent.content.problems import ProblemCard
from agent.read.agreement import CONFLICT_RATIO, PREDICTIONS
from agent.read.derivations import derived, multiplied
from agent.read.figure_conflict import NumberConflict
from agent.read.held_figures import held, rests_on
from agent.read.quantities import UNNAMED, Quantity, quantities
from agent.read.rates import rate_conflicts, share_conflicts, with_request_rate
from agent.read.referents import catalogued, cued
from agent.read.same_quantity import first_per_key, split_conflicts, ties_of
from agent.read.scopes import PARTITIONS
from agent.read.seconds import on_scale_of_seconds
from agent.read.stage_sums import STAGES, over_budget
from agent.read.stages import STAGE_CLASSES
from agent.read.surroundings import acknowledged
from agent.read.told_figures import heard, piece_of, told_part

__all__ = [
    "REQUIREMENT_KINDS",
    "NumberConflict",
    "Quantity",
    "conflict",
    "conflicts",
    "derived",
    "heard",
    "quantities",
]


# Figures that state a requirement (a latency budget, a request rate, the user base): one
# that a card fact contradicts is corrected even when the fact was not asked for yet ("I'd
# say under 200 ms is fine" when the card gives 20 ms), as a stated assumption would be.
REQUIREMENT_KINDS = frozenset(("ms", "per_second", PREDICTIONS, "daily_users", "monthly_users"))


def conflict(
    text: str,
    card: ProblemCard,
    given: list[str],
    *,
    assumed: bool = False,
    pieces: list[str] | None = None,
    derived_before: list[float] | None = None,
    corrected: list[NumberConflict] | None = None,
) -> NumberConflict | None:
    """The first of conflicts(): the figure to query, if any."""
    found = conflicts(
        text,
        card,
        given,
        assumed=assumed,
        pieces=pieces,
        derived_before=derived_before,
        corrected=corrected,
    )
    return found[0] if found else None


# The card's figures, read once per text: every message compares its figures with the same
# few card parts, and reading them again was 5-6% of a turn's main-thread CPU (a bench.turns
# script: 520 of 569 readings were of texts read before). A reading depends only on its
# text; each caller gets its own copies.
_CARD_FIGURES: dict[str, tuple[Quantity, ...]] = {}
_CARD_FIGURES_MAX = 2048
_CARD_FIGURES_LOCK = threading.Lock()


def _of_card(text: str) -> list[Quantity]:
    with _CARD_FIGURES_LOCK:
        read = _CARD_FIGURES.get(text)
    if read is None:
        read = tuple(quantities(text))
        with _CARD_FIGURES_LOCK:
            if len(_CARD_FIGURES) >= _CARD_FIGURES_MAX:
                _CARD_FIGURES.clear()
            _CARD_FIGURES[text] = read
    return [q.model_copy(deep=True) for q in read]


def conflicts(
    text: str,
    card: ProblemCard,
    given: list[str],
    *,
    assumed: bool = False,
    pieces: list[str] | None = None,
    derived_before: list[float] | None = None,
    corrected: list[NumberConflict] | None = None,
) -> list[NumberConflict]:
    """Each figure in the text that contradicts a figure of a fact already given, one per
    fact and kind of quantity (key); then those that contradict a fact not given yet
    (told=False): any figure when the candidate states an assumption ("I'll assume 15
    million a day unless you correct me"), else only a requirement's figure (a latency,
    a request rate, a user count). An assumption the card contradicts is answered, as a
    question would be. A figure is compared only with the card's figures it is about
    (referents.py: of several counts of the same thing, the one its sentence is about).
    Figures the candidate was `corrected` on hold: a sizing that uses one again, even with
    no noun or as a quotient, contradicts the card figure it was corrected with
    (held_figures.py). A figure a message states as its assumption is one the design rests
    on (builds=True), even said as an order of magnitude."""
    # not an anecdote (a past job, the speaker's own library), nor a supposed scale-up
    said = [_restated(q, text) for q in quantities(text) if not q.past and not q.supposed]
    # the candidate's own arithmetic ("2 billion images times 3 vectors each is 6 billion
    # vectors"), in this message or an earlier one, sizes their design from its factors
    products = [*derived(text), *(derived_before or [])]
    # the second factor of a product ("12k x 300 lookups a second") counts what each of the
    # first brings (lookups per view): the unit after it is the product's, not its own
    products += [fan_out for _, fan_out in multiplied(text)]
    said = [q for q in said if not any(_same_value(q.value, v) for v in products)]
    told = card.pieces_told(given, []) if pieces is None else pieces
    heard_parts = {f.topic: told_part(f, told, heard=True) for f in card.facts if f.topic in given}
    unheard_parts = {f.topic: told_part(f, told, heard=False) for f in card.facts}
    heard_parts = {t: a for t, a in heard_parts.items() if a}
    unheard_parts = {t: a for t, a in unheard_parts.items() if a}
    figures = {t: with_request_rate(catalogued(_of_card(a), t)) for t, a in heard_parts.items()}
    others = {t: with_request_rate(catalogued(_of_card(a), t)) for t, a in unheard_parts.items()}
    # an assumption or a requirement's figure about a fact not given yet ("I'll assume a
    # thousand requests a second worldwide, correct me") is answered with the fact when it
    # is off the card's figure of the same quantity, whatever place the card's counts: the
    # candidate could not know the card speaks of its largest city, and the answer says so
    # (a figure already told is held to its own place; one answered so is not held later)
    placed = {q.text for t, fs in others.items() if t not in given for q in fs if _place(q)}
    others = {t: (_unplaced(fs) if t not in given else fs) for t, fs in others.items()}
    # which card figures a figure is about is read against all of them: a figure about a
    # piece not told is not held to a told figure of the same kind
    # (in the card's order: a set of topics would order the conflicts by the hash seed)
    every = {
        t: [*figures.get(t, []), *others.get(t, [])] for t in dict.fromkeys([*figures, *others])
    }
    # a count of a noun the card never counts, named as the questions about a fact name
    # it ("a million images a day" of panoramas and frames): about that fact's nearest count
    cues = {f.topic: f.cues for f in card.facts}
    named = [(q, cued(q, cues, every)) for q in said]
    said = [q.model_copy(update={"kind": f"{UNNAMED}/day"}) if fact else q for q, fact in named]
    ties = {
        id(mine): ties_of(mine, {fact: every[fact]} if fact else every)
        for mine, (_, fact) in zip(said, named, strict=True)
    }
    topics = list(figures)
    # the figures of pieces never told (a fact not given, or a piece of it the answer left
    # out): what the candidate assumes there is answered, not queried as "the figure I gave".
    # Of a fact not asked about, only an assumption or a requirement's figure is answered
    # (no fact is told unasked); of a fact asked about, any figure about its untold pieces
    untold = [t for t in others if t not in given]
    rest = [t for t in others if t in given]
    stated = said if assumed else [q for q in said if q.kind in REQUIREMENT_KINDS]
    heard_ids = {id(q) for fs in figures.values() for q in fs}
    parts = frozenset(id(q) for q in said if _part_of_another(text, q))
    on_told, on_untold = split_conflicts(
        said, stated, every, heard_ids, ties, asked=given, parts=parts
    )
    found = on_told + _other_units(text, said, figures, topics)
    found += _shares(text, heard_parts, topics)
    found += [
        c.model_copy(update={"told": False, "piece": piece_of(card, c)})
        for c in on_untold
        + _other_units(text, said, others, rest)
        + _other_units(text, stated, others, untold)
        + _shares(text, unheard_parts, rest)
        + (_shares(text, unheard_parts, untold) if assumed else [])
    ]
    found = [
        c.model_copy(update={"placed": True})
        if not c.told and any(c.given.startswith(p) for p in placed)
        else c
        for c in found
    ]
    found = rests_on(found, text, [q.value for q in said if q.kind == "ms"])
    if assumed:  # "I'll assume tens of thousands of requests a second": what it is sized on
        found = [c.model_copy(update={"builds": True}) if c.told else c for c in found]
    found = _off_scale(found, said, card)
    # a corrected figure the design rests on again comes first: of one card figure, the use
    # that builds on it is the one to query
    return first_per_key(_covered([*held(text, corrected or []), *found]))


def _off_scale(
    found: list[NumberConflict], said: list[Quantity], card: ProblemCard
) -> list[NumberConflict]:
    """Not a whole held to a fact whose whole requirement is said in seconds ("a rider
    should see a driver within a few seconds", beside the solver's 300 ms): a latency that
    names no stage of the request, or a plan's sum, is about that whole wait, not the one
    stage the fact budgets in milliseconds; a stage's own figure ("the solver takes 2
    seconds") is still held to it (seconds.py)."""
    mine = {" ".join(q.text.split()): q for q in said if q.kind == "ms"}
    out: list[NumberConflict] = []
    for c in found:
        q = mine.get(c.said)
        fact = card.fact(c.topic)
        whole = c.kind == STAGES or (
            c.kind == "ms" and q is not None and q.stage not in STAGE_CLASSES
        )
        if not (whole and fact is not None and on_scale_of_seconds(fact.answer)):
            out.append(c)
    return out


# the words that place a card figure in one part of the whole ("in our largest city")
_PLACES = PARTITIONS | {"largest", "biggest", "busiest"}


def _place(q: Quantity) -> bool:
    return bool(set(q.scope) & _PLACES)


def _unplaced(figures: list[Quantity]) -> list[Quantity]:
    return [
        q.model_copy(update={"scope": [p for p in q.scope if p not in _PLACES]}) if _place(q) else q
        for q in figures
    ]


def _part_of_another(text: str, q: Quantity) -> bool:
    """The figure is said as a part of a figure after it: "50 ms out of the 200", "40 of the
    100 ms"."""
    said = re.escape(" ".join(q.text.lower().split())).replace(r"\ ", r"\s+")
    return bool(re.search(said + _OUT_OF, text.lower()))


_OUT_OF = r"\s+(?:out\s+)?of\s+(?:the\s+|our\s+|an?\s+)?(?:total\s+|whole\s+|overall\s+)?~?\d"


def _same_value(a: float, b: float) -> bool:
    return a > 0 and b > 0 and max(a, b) / min(a, b) < CONFLICT_RATIO


def _other_units(
    text: str, said: list[Quantity], figures: dict[str, list[Quantity]], topics: list[str]
) -> list[NumberConflict]:
    """Rates said in another unit than the card's (rates.py), and a plan of stages whose
    sum is over the latency budget (stage_sums.py)."""
    out = [NumberConflict(**c.model_dump()) for c in rate_conflicts(said, figures, topics)]
    for topic in topics:
        for over in over_budget(text, figures.get(topic, [])):
            given = f"{over.budget.text} for {over.stage}" if over.stage else over.budget.text
            kind = f"{STAGES}:{over.stage}" if over.stage else STAGES
            out.append(NumberConflict(said=over.said, given=given, topic=topic, kind=kind))
    return out


def _covered(found: list[NumberConflict]) -> list[NumberConflict]:
    """One query per budget: the stages of one part over their budget ("ranking stages
    adding up to 80 ms") say more than one of them ("60 ms heavy model"); a whole the
    candidate named ("that's about 130 ms") says the plan's sum in their own words."""
    part_budgets = {(c.topic, c.given.split(" for ")[0]) for c in found if ":" in c.kind}
    whole_budgets = {(c.topic, c.given) for c in found if c.kind == "ms"}
    return [
        c
        for c in found
        if not (c.kind == "ms" and (c.topic, c.given) in part_budgets)
        and not (c.kind == STAGES and (c.topic, c.given) in whole_budgets)
    ]


def _shares(text: str, answers: dict[str, str], topics: list[str]) -> list[NumberConflict]:
    return [NumberConflict(**c.model_dump()) for c in share_conflicts(text, answers, topics)]


def _restated(q: Quantity, text: str) -> Quantity:
    """A figure of an acknowledging first sentence ("OK, a few hundred cases per day")
    restates the card's figure of the same thing: compared as such, not as a share of it
    the design chose to take."""
    said = " ".join(q.text.lower().split())
    return q.model_copy(update={"restated": True}) if said in acknowledged(text) else q
