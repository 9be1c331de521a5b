"""Where a figure sits in its text: its clause (with the sentence's opening phrase), its own
share of that clause up to the figures either side, the few words next to it, the
statistic named there (a peak, an average, a percentile), and the content words that tie a
figure to what it is about. agent/read/quantities.py reads the figures themselves.
"""

from __future__ import annotations

import re

from agent.read.counted import words_of

_CLAUSE_END = re.compile(r"[,;:!?()\n]|\.(?!\d)")


def stat_named(text: str, start: int, end: int) -> str:
    """Peak or average, said right next to the figure (not elsewhere in its clause); of
    both ("5,000 per second on average with peaks higher"), the nearer."""
    before = re.split(r"\d|[.;!?\n]", text[max(0, start - 30) : start])[-1]
    after = re.split(r"\d|[.;!?\n]", text[end : end + 40])[0]
    after = " ".join(after.split()[:6])
    found: list[tuple[int, str]] = []
    for m in _STAT.finditer(before):
        found.append((len(before) - m.end(), m.group(0)))
    for m in _STAT.finditer(after):
        found.append((m.start(), m.group(0)))
    if not found:
        return ""
    word = min(found)[1]
    return "peak" if word.startswith("peak") else "average"


PERCENTILE = re.compile(r"\bp9\d\b|\b9\d(?:\.\d+)?(?:th)? percentile")
_STAT = re.compile(r"\b(?:peak\w*|average|avg|mean|normally|usually|typically)\b")


def next_to(text: str, start: int, end: int) -> str:
    """A few words either side of a figure, up to the next figure."""
    before = re.split(r"\d", text[max(0, start - 30) : start])[-1]
    after = re.split(r"\d", text[end : end + 15])[0]
    return f"{before} {after}"


def clause_around(text: str, start: int, end: int) -> str:
    """The clause around a figure: between the punctuation before and after it, plus an
    opening phrase of its sentence ("For each request, ...", "In our largest city, ...")."""
    head, left, right = clause_parts(text, start, end)
    return f"{head} {text[left:right]}"


def clause_parts(text: str, start: int, end: int) -> tuple[str, int, int]:
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    after = _CLAUSE_END.search(text, end)
    right = after.start() if after else len(text)
    stops = (text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    sentence_start = max((i + 1 for i in stops if i >= 0), default=0)
    opening = text[sentence_start:left] if left > sentence_start else ""
    head = opening.split(",")[0] if re.match(r"\s*(?:in|for|at|on)\b", opening) else ""
    return head, left, right


_SENTENCE_END = re.compile(r"[!?\n]|\.(?!\d)")


def sentence_of(text: str, start: int, end: int) -> str:
    """The whole sentence (or list item) a figure sits in."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return text[left : after.start() if after else len(text)]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or list item) a figure sits in, less the clauses that belong to other
    figures: "about 90 million posts a day, and moderators handle 250k reviews a day" gives
    the first figure its own clause and the second the rest."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    right = after.start() if after else len(text)
    _, clause_left, clause_right = clause_parts(text, start, end)
    if re.search(r"\d", text[left:clause_left]):
        left = clause_left
    if re.search(r"\d", text[clause_right:right]):
        right = clause_right
    return text[left:right]


# a sentence about a past job, an earlier system or the speaker's own life: its figures are
# not this design's ("at my old job latency was around 400 ms", "we had maybe 20 million
# product images", "I have like two hundred unplayed games", "my library has 300 games")
PAST = re.compile(
    r"\b(?:at|in) my (?:old|last|previous|former|first) (?:job|company|team|employer|role|"
    r"place|startup)\b|\bat the time\b|\bback then\b|\bwe used to\b|\bwhen i was at\b|"
    r"(?<!\bif )\bwe had\b(?! to\b)|"
    r"\bmy (?:own |personal )?(?:backlog|library|collection|account|phone|laptop|friends|kids|"
    r"family|house|home|wishlist)\b|\bi (?:personally|myself)\b|\bas a (?:player|gamer|"
    r"shopper|customer|viewer|user|rider|driver)\b|\bi (?:own|bought|played|watched)\b|"
    r"\bi(?:'ve| have)(?: got)? like\b"
)
# a scale-up the candidate supposes ("at ten times the scale", "if traffic grew 10x", "what
# if it were a billion"): its figures, to the end of the paragraph, are not this design's
HYPOTHETICAL = re.compile(
    r"\b(?:\d+|two|three|five|ten|a hundred|a thousand)\s*(?:x|times)\s+(?:the|our|that|"
    r"this|today's|current|more|bigger|larger|as)\b|"
    # "at 10x", "grows to 5x", not the top of a range of multiples ("spikes of 3 to 4x")
    r"(?<!\d )\b(?:at|if|with|to|by|grows?|grew)\s+(?:\d+|ten)\s*x\b|"
    r"\bif (?:traffic|usage|load|scale|the (?:catalogue|catalog|traffic|load|user base)|we|it|"
    r"they|that)\s+(?:doubled|tripled|grew|grows|were|was to|went|got|hit|reached)\b|"
    r"\bwhat if\b|\bhypothetically\b"
)


# a clause told in the past simple (a thing that happened), and what makes a sentence about
# the design instead (a plan, a choice, an assumption, a condition, a figure taken back for
# another: "300 ms then, not the 650 ms I had")
_TOLD = re.compile(
    r"\b(?:was|were|had|did|got|took|went|ran|saw|found|broke|needed|cost|happened|used)\b"
)
_DESIGNED = re.compile(
    r"\b(?:will|would|should|must|can|could|might|may|going to|let's|assume\w*|plan\w*|"
    r"budget|target|if|we're|i'm|then|instead|rather than|not the)\b|'ll\b|'d\b"
)


def narrated(text: str, start: int, end: int) -> bool:
    """The figure belongs to a story: its clause is told in the past simple and nothing in
    its sentence plans, assumes or sets a target ("one release was fine offline but had
    a p99 near 60 ms in production": an anecdote, not a design figure; not "the budget was 20
    ms, so I'd ...", nor "I'd assume 5 million a day")."""
    _, left, right = clause_parts(text, start, end)
    return bool(_TOLD.search(text, left, right)) and not _DESIGNED.search(
        sentence_of(text, start, end)
    )


def supposed(text: str, start: int, end: int) -> bool:
    """A figure said under a supposed scale-up: in or after a sentence of its paragraph that
    names one ("At ten times the scale, ... What breaks first is reads at 200k QPS")."""
    para = max(text.rfind("\n\n", 0, start), 0)
    after = _SENTENCE_END.search(text, end)
    stop = after.start() if after else len(text)
    # "5,000 a second, with peaks around 4x that": a multiple named as the peak is the
    # figure's peak, not a supposed scale-up
    # a multiple said after the figure in its own sentence ("20 million players, ... a lot
    # more during a sale, maybe three times more") is a multiple of it, not a scale-up it
    # is said under; a condition after it ("... if traffic doubled") still is
    return any(
        not _PEAK_MULTIPLE.search(text, max(para, m.start() - 30), m.start())
        and (m.start() < start or _CONDITION.match(m.group(0)))
        for m in HYPOTHETICAL.finditer(text, para, stop)
    )


_CONDITION = re.compile(r"(?:if|what if|hypothetically)\b")


_PEAK_MULTIPLE = re.compile(r"\bpeak\w*\b[^.!?\d]*$")


def own_part(text: str, start: int, end: int) -> str:
    """The figure's share of its clause: up to the figures either side ("at 200k predictions
    per second and 10 microseconds per row": "per row" is the second figure's part), a
    spelled-out count included ("50k requests a second with three ads shown per request":
    "per request" is the three ads' part), and from the word that makes it the result of
    what comes before ("... per request is roughly 13 billion impressions a day")."""
    head, left, right = clause_parts(text, start, end)
    # "At 80k requests a second with two ads per request, ...": the opening is its own
    # figure's (a head ending in digits was cut at the thousands comma of this figure)
    if _FIGURE_BOUND.search(head.rstrip("0123456789 ")):
        head = ""
    before = _FIGURE_BOUND.split(text[left:start])[-1]
    before = _RESULT.split(before)[-1]
    after = _FIGURE_BOUND.split(text[end:right])[0]
    return f"{head} {before}{text[start:end]}{after}"


# a figure, in digits or spelled out, bounds the part of the figure next to it
_FIGURE_BOUND = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|couple)\b"
)
# what makes a figure the result of the clause before it: "is", "comes to", "=", "->";
# not the verb of "there are" or "we have": a sentence that places a figure ("in our largest
# city at peak there are around 5,000 requests a minute") keeps its place as the figure's part
_RESULT = re.compile(
    r"(?<!there )(?<!there's )(?<!where )\b(?:is|are|was)\b"
    r"|\b(?:makes|gives|means|equals|comes to|works out to|that's)\b|=|->|→"
)


_STOP = words_of(
    "the a an of to and or for in on at is are be we our it its that this with by from as "
    "about around roughly maybe like some per each every total must should gets get can "
    "i'd i'll i will would"
)


def content_words(clause: str) -> list[str]:
    """Stems of the clause's content words (first four letters)."""
    words = re.findall(r"[a-z]{4,}", clause)
    return sorted({w[:4] for w in words if w not in _STOP})


# a count of what lies within a distance ("20,000 events within 10 km", "the venues near
# them"): a local part of the whole
_NEARBY = re.compile(
    r"\bwithin\s+(?:\d+(?:\.\d+)?|a|an|one|two|five|ten|twenty|fifty)\s*-?\s*(?:km|kms|"
    r"kilomet(?:re|er)s?|miles?|mi|metres?|meters?|blocks?|minutes?\s+(?:walk|drive))\b|"
    r"\bnear(?:by)?\b|\bradius\b|\bclose to (?:them|the user|you|home)\b"
)
# "each index", "per shard", said in the clause just before a figure that has no verb of
# its own ("that keeps each index small, a few hundred thousand events at most")
_EACH = re.compile(r"\b(?:each|per|every)\s+(?P<noun>[a-z]+)\b")
_NOT_PARTS = frozenset(
    ("second", "minute", "hour", "day", "week", "month", "year", "time", "one", "of", "the")
)


def local_parts(text: str, start: int, end: int) -> list[str]:
    """The parts a figure counts that its neighbourhood names rather than its own words: a
    distance around a place ("local"), and a unit "each" or "per" names in the clause just
    before it in its sentence, with no figure between."""
    _, left, right = clause_parts(text, start, end)
    out = ["local"] if _NEARBY.search(text, left, right) else []
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    if left <= sentence_start:
        return out
    previous = _CLAUSE_END.split(text[sentence_start:left].rstrip(",;: "))[-1]
    if re.search(r"\d", previous + text[left:start]):
        return out
    for m in _EACH.finditer(previous):
        noun = m.group("noun")
        if noun not in _NOT_PARTS and noun.rstrip("s") not in _NOT_PARTS:
            out.append(noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun)
    return out


# a message that opens by acknowledging what was said ("OK, a few hundred cases per day",
# "Got it, so around 40k games"): its first sentence restates what it was given
_ACKNOWLEDGED = re.compile(
    r"^\W*(?:ok(?:ay)?|got it|right|i see|understood|all ?right|sure|fine|noted)\b[^.!?\n]*"
)


def acknowledged(text: str) -> str:
    """The message's acknowledging first sentence, lowered, spaces collapsed ("" if none)."""
    opening = _ACKNOWLEDGED.match(text.lower())
    return " ".join(opening[0].split()) if opening else ""


# "even a 1% arm is millions of users", "1% of traffic is two million users": a count that
# is the result of a share of a whole is a part of that whole
_SHARE_THEN_RESULT = re.compile(
    r"\d\s*(?:%|percent\b)[^.;!?]*?\b(?:is|are|means|gives|comes to|would be|that's)\b[^\d.;!?]*$"
)


def of_a_share(text: str, start: int) -> bool:
    """The figure at `start` is what a share said before it in its sentence comes to."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    return bool(_SHARE_THEN_RESULT.search(text, left, start))
