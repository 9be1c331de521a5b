"""Which period a figure is counted over and which part of the whole it counts.

"20 million panoramas a month" is a rate, compared per day; "per request", "each member" or
"in our largest city" name the part of the whole a figure counts (a global figure may be ten
times larger); "a fixed pool of 64 GPUs" caps what a design may use; "we can review 10 thousand
a day" counts a reviewed subset of the volume. agent/read/quantities.py reads the figures.
"""

from __future__ import annotations

import re

from agent.read.counted import NOT_NOUNS, singular
from agent.read.surroundings import clause_parts

# A count over a period ("20 million panoramas a month") is a rate: compared per day.
PERIOD = re.compile(
    r"(?:\b(?:a|an|per|each|every)\s+|/\s*)(second|minute|hour|day|week|month|year)\b"
    r"|\b(hourly|daily|weekly|monthly|yearly)\b"
)
PER_DAY = {
    **dict.fromkeys(("second",), 86400.0),
    **dict.fromkeys(("minute",), 1440.0),
    **dict.fromkeys(("hour", "hourly"), 24.0),
    **dict.fromkeys(("day", "daily"), 1.0),
    **dict.fromkeys(("week", "weekly"), 1 / 7),
    **dict.fromkeys(("month", "monthly"), 1 / 30),
    **dict.fromkeys(("year", "yearly"), 1 / 365),
}
_PERIOD_WORDS = frozenset(PER_DAY) | {"sec", "s", "time"}  # "each time": no part
# which part of the whole a figure counts: "per request", "each member", "in our largest
# city", "on average", "someone who follows ..." (one person's), one partition of a sharded
# whole ("each region holds ...", "a single city has ..."); a figure of the whole has none.
# Not a part of what the figure counts: "every pixel of 5 million panoramas" counts panoramas
# one partition of a sharded or local whole: a figure of one counts a part of the card's
PARTITIONS = frozenset(
    ("shard", "partition", "metro", "city", "town", "region", "market", "cell", "area")
)
_SCOPE = re.compile(
    r"\b(?:per|each|every|a typical|a single|for a)\s+(?P<noun>[a-z]+)\b(?!\s+(?:of|in|across)\s+"
    r"(?:the\s+|our\s+|all\s+|those\s+)?(?:about\s+|around\s+|roughly\s+|~)?(?:\d|a few|"
    r"several|tens|hundreds|millions|billions))"
    r"|\b(?:a|one|any|a given|a small|a large|a big|the user's|that|this)\s+"
    rf"(?P<place>{'|'.join(sorted(PARTITIONS))})\b"
    r"|\b(?P<part>largest|biggest|busiest|smallest|average|avg|typical|median)\b"
    r"|\b(?P<one>someone|somebody|anyone|(?:a|one) (?:user|member|person|player|viewer|"
    r"customer|reader|creator)) (?:who|that|with)\b"
)
# a figure that caps what the design may use: only a figure above it contradicts it
LIMIT = re.compile(
    r"\b(?:pool|budget|afford|up to|at most|capacity|cap|within|under|no more than|"
    r"can (?:review|annotate|label|grade|process|handle))\b"
)
# a figure of what is done to a part of the volume (reviewed, labelled, sampled)
SUBSET_VERB = re.compile(
    r"\b(?:review|reviews|reviewed|annotate|annotated|label|labelled|labeled|grade|graded|"
    r"sample|sampled|show|shown|display|return|returns|clicked|watched|check|checked|audit|"
    r"audited|inspect|inspected)\b"
)
# what one stage of a funnel takes, named before the figure in its clause ("the heavy ranker
# on GPU for 500 posts", "cut to 500 by the light model", "re-rank the top 500") or as the
# stage just after it ("500 posts go to the heavy ranker"): a share of the whole, not the
# whole ("with 35k games I'd ... rank them" counts the games, not what is ranked; "a heavy
# network for about 500 posts" counts what the heavy stage takes, not the eligible posts)
STAGE_BEFORE = re.compile(
    r"\b(?:(?:re-?)?rank(?:s|ed|er|ers)?|scor(?:e|es|ed|ing)|shortlist\w*|cut|cuts|narrow\w*|"
    r"trim\w*|retriev(?:e|es|ed)|batch(?:es)?|stage|heavy|light(?:weight)?|pre-?rank\w*|"
    # the funnel's first stage: "candidate generation to get a few thousand people"
    r"candidate\s+generation|generat(?:e|es|ed|ing)\s+candidates)\b"
)
# a stage named as what the figure cannot go through: "can't afford a heavy model over ..."
NOT_TAKEN = re.compile(r"\b(?:can't|cannot|can not|couldn't|won't|not|never|too)\b")
STAGE_AFTER = re.compile(r"^[^,;:.!?\d]{0,30}\b(?:(?:re-?)?rankers?|stage|batch)\b")


def scopes(clause: str, figure: str) -> list[str]:
    out: list[str] = []
    for m in _SCOPE.finditer(clause):
        if m.group("one"):  # "someone who follows 2,000 accounts": a count of one person's
            out.append("person")
            continue
        if m.group("place"):  # "a city has maybe 20 thousand": one partition's
            out.append(m.group("place"))
            continue
        if m.group("part"):
            out.append("average" if m.group("part") in ("avg", "median") else m.group("part"))
            continue
        noun = m.group("noun")
        if noun in _PERIOD_WORDS or noun in NOT_NOUNS or noun.rstrip("s") in _PERIOD_WORDS:
            continue  # "per day" is a period, not a part
        out.append(singular(noun))
    return out


def staged(text: str, start: int, end: int) -> bool:
    """The figure at text[start:end] counts what one stage of a funnel takes: a stage named
    before it in its clause (and not as what cannot take it), or just after it."""
    _, left, _ = clause_parts(text, start, end)
    stage = STAGE_BEFORE.search(text, left, start)
    # "we can't afford a heavy model over a billion items": no stage takes them
    taken = stage is not None and not NOT_TAKEN.search(text, left, stage.start())
    return taken or bool(STAGE_AFTER.search(text[end:]))
