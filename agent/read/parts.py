"""The parts of a question: one sentence may ask two things ("What's the QPS, and where is
it shown?"), and each part is matched to the card on its own, so a fact matched by one part
cannot hide that another part went unanswered.

A sentence is cut where a new question starts after ", and" / "; and" / ", also" / " and
also" (a question word or an auxiliary leads the clause that follows, perhaps after a hedge:
"how many cities and roughly how many trips a day?", or a preposition: "and in which
cities?"), or after a bare comma
where a question word opens the next clause (not after a clause that sets a condition:
"when those conflict, who decides?" asks one thing); "also" alone cuts only
after a comma, since inside a clause it is an adverb ("do we also have ..."). Alternatives
joined by "or" stay one question ("more bookings, or time on site?" asks one thing), and so
do yes/no clauses set out by bare commas before a last ", or" clause ("do we block it, is
there a second check, or does a person look?" asks what happens, once).

A question written as a bare list of topics ("Latency, privacy rules, regions, age
ratings?") asks for each of them: with three items or more, none of them a clause of its own
(a subject and its verb: "by harmful we mean hate speech, violence, nudity?" confirms one
reading; the last may ask in a clause, "how rare fraud is?"), none but the last led by a
question word ("which surface: the home page, ..." offers alternatives) and the last not
offered as an alternative ("..., or emails?"), each item is a part. A sentence that opens
with a condition is no list: its commas set the condition out before the one thing it asks
("if a borderline case waits for a person, with a low score, would a day be too long?").
"""

from __future__ import annotations

import re

from agent.understanding.sentences import Span, is_term_list

# the opening of a clause that asks something by itself
_ASKS = (
    r"(?:what|what's|whats|how|which|who|where|when|why|whom|whose|"
    r"is|are|was|were|do|does|did|can|could|should|will|would|must|may|has|have|had)\b"
)
# a question word that opens a clause of its own after a bare comma ("how many per second,
# what is the latency budget, ..."), or an auxiliary that opens a new question there ("which
# harms are in scope, is it text only?"); not one that asks about what was just said ("...,
# is that peak or average?") or offers a value for it ("how many reviews can we afford, is it
# around 10,000?"), and an alternative keeps its "or" (", or is it")
_WH = r"(?:what|what's|whats|how|which|who|where|when|why)\b"
_AUX = (
    r"(?:is|are|do|does|can|could|should|will|would|must|has|have)\b"
    r"(?!\s+(?:that|this|those|these)\b)"
    r"(?!\s+(?:it|they)\s+(?:something|somewhere|around|about|roughly|approximately|near|"
    r"like|more|less|over|under|at least|at most|\d))"
)
# a word that may stand between "and" and the question it opens ("how many cities and
# roughly how many trips a day?" asks two things)
_HEDGE = r"(?:also|roughly|approximately|about|then|separately)"
# a preposition may lead the question word of the new clause ("and in which cities do we
# run?", "and for how long?"); it stays with the part it opens
_PREP = r"(?:in|on|at|for|from|with|by|to|of)\s+"
_CUT = re.compile(
    rf"(?:(?:,\s*|;\s*)(?:and\s+(?:{_HEDGE}\s+)?|also,?\s+|plus\s+)"
    rf"|\s+(?:and\s+(?:{_HEDGE}\s+)?|plus\s+))(?={_ASKS}|{_PREP}{_WH})"
    rf"|[,;]\s*(?={_WH}|{_AUX})",
    re.IGNORECASE,
)
# a clause before a bare comma that sets a condition rather than asks: "when", "where",
# "while", "once" or "if" with no auxiliary after it ("When those conflict, who decides?" asks
# one thing; "When is it shown, who sees it?" asks two)
_SUBORDINATE = re.compile(
    r"^\W*(?:when|whenever|where|wherever|while|once|if)\b"
    r"(?!\s+(?:is|are|was|were|do|does|did|can|could|should|will|would|must|has|have|had)\b)",
    re.IGNORECASE,
)
# a question that opens with an auxiliary, perhaps after a joining word, asks yes or no
_YES_NO = re.compile(rf"^\W*(?:(?:and|so|also|then)\W+)?{_AUX}", re.IGNORECASE)
# a last alternative that is a clause of its own: ", or is there ..."
_OR_CLAUSE = re.compile(rf",\s*or\s+{_ASKS}", re.IGNORECASE)
MIN_PART_WORDS = 3  # a shorter tail ("and is it?") stays with its sentence, bar _long_enough
# a bare list of topics: at least this many items, each at most this many words
MIN_LIST_ITEMS = 3
MAX_ITEM_WORDS = 9
_LEAD = re.compile(rf"^\W*{_ASKS}", re.IGNORECASE)
# an item that opens a question, after a joining word ("And what kind of events: concerts,
# sports, ...?" offers the values of one question, it does not list topics)
_ITEM_LEAD = re.compile(rf"^\W*(?:(?:and|also|so|but|plus|then|or)\W+)?{_ASKS}", re.IGNORECASE)
_ITEM = re.compile(r"[^,;]+")
# an item that says something (a subject and its verb) is a clause, not a topic: "just to
# check, by harmful we mean things like hate speech, violence, nudity?" confirms one reading
# with examples, and "so the ETA is the trip time, from pickup to drop-off, yes?" one fact
_CLAUSE = re.compile(
    r"\b(?:is|are|was|were|mean|means|meant|we|i|you|they|it's|that's|there's)\b", re.IGNORECASE
)


def question_parts(source: str, sentence: Span) -> list[Span]:
    """The sentence's parts, as verbatim spans of `source` (the sentence itself if it asks
    one thing)."""
    listed = _list_items(source, sentence)
    if listed:
        return listed
    cuts = [m for m in _CUT.finditer(source, sentence.start, sentence.end)]
    if not cuts:
        return [sentence]
    out: list[Span] = []
    pos = sentence.start
    for m in cuts:
        before = source[pos : m.start()]
        # after a bare comma, only a clause that asks by itself is cut off ("Okay so, what is
        # the goal, how many users?"; not "If we rank by recency, what breaks?"); a clause
        # after a lead-in and a colon asks by itself too ("On scale: how many users a day,
        # how many requests a second?")
        bare = not re.search(r"\b(?:and|also|plus)\s*$", source[m.start() : m.end()], re.I)
        clause = re.split(r"[,:]", before)[-1]
        if bare and (
            not _LEAD.match(clause)
            or _SUBORDINATE.match(clause)
            or _in_series(clause, source[m.end() : sentence.end])
        ):
            continue
        if _long_enough(before) and _long_enough(source[m.end() : sentence.end]):
            out.append(_span(source, pos, m.start()))
            pos = m.end()
    out.append(_span(source, pos, sentence.end))
    return out


def _in_series(clause: str, rest: str) -> bool:
    """A yes/no clause before a bare comma is one of the alternatives of one question when
    the sentence ends on a last alternative joined by ", or" that is a clause of its own ("is
    it declined, is there a second check, or does a person look?"): the commas set out the
    alternatives, which the card answers together, not questions apart."""
    return bool(_YES_NO.match(clause) and _OR_CLAUSE.search(rest))


def _long_enough(part: str) -> bool:
    """A part long enough to ask by itself: MIN_PART_WORDS words, or two led by a question
    word ("which categories and which formats?" asks two things; "and is it?" is a tail)."""
    words = part.split()
    return len(words) >= MIN_PART_WORDS or (
        len(words) == 2 and bool(re.match(rf"\W*{_WH}", part, re.IGNORECASE))
    )


def bare_list(source: str, sentence: Span) -> bool:
    """The sentence is a question written as a bare list of topics or values."""
    return bool(_list_items(source, sentence))


def _list_items(source: str, sentence: Span) -> list[Span]:
    """The items of a question written as a bare list of topics, else none."""
    if not sentence.text.rstrip().endswith("?") and not is_term_list(sentence.text):
        return []
    items = [
        _span(source, m.start(), m.end())
        for m in _ITEM.finditer(source, sentence.start, sentence.end)
    ]
    items = [i for i in items if i.text.strip(" ?")]
    if len(items) < MIN_LIST_ITEMS or re.match(r"(?:or|and)\b", items[-1].text, re.IGNORECASE):
        return []
    if _SUBORDINATE.match(items[0].text):  # a condition set out, then one question
        return []
    if any(_ITEM_LEAD.match(i.text) or _CLAUSE.search(i.text) for i in items[:-1]) or any(
        len(i.text.split()) > MAX_ITEM_WORDS for i in items
    ):
        return []
    return items


def _span(source: str, start: int, end: int) -> Span:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1] in " ,;":
        end -= 1
    return Span(start, end, source[start:end])
