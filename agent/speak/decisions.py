"""The decision a follow-up can put into its own question: what the candidate's quoted words
choose ("I'd use onboarding signals like chosen interests" -> "onboarding signals like
chosen interests"), stated affirmatively by them (whether a push refers back to something
the candidate never named is agent/speak/points_back.py).

A follow-up that names the candidate's decision in its own question is about what they
said; one that quotes them and then asks a line that fits any claim ("what would make you
change your mind?") reads as a template. Only a decision the candidate made is worded this
way: a question, a guess put to the interviewer ("I'm guessing yes"), a thing set aside or
a statement of how things are has no decision to ask about.
"""

from __future__ import annotations

import re

from agent.understanding.stance import clause_start, is_plan

# who decides, then the verb of the decision: "I'd use", "we keep", "let's start with",
# "I would go with", "we'll precompute"; the object follows the verb
_DECIDER = (
    r"(?:\b(?:i|we|let's)(?:'d|'ll|\s+(?:would|will|could|can|should|want to|plan to|"
    r"prefer to|need to|might|may))?\s+(?:\w+ly\s+)?)"
)
_VERB = (
    r"(?:use|pick|choose|go with|start with|start from|keep|add|train|build|run|serve|"
    r"store|cache|precompute|compute|try|take|treat|log|score|rank|filter|sample|index|"
    r"split|shard|batch|weight|predict|model|retrain|refresh|put|bucket|blend|combine|"
    r"shadow|canary|ramp|roll out|deploy|monitor|alert on|fall back to|reuse|learn|fit)"
)
_DECISION = re.compile(_DECIDER + r"(?P<verb>" + _VERB + r")\b\s+(?P<object>.+)", re.IGNORECASE)
# a bare note or an imperative that opens with the verb ("Keep a 1% holdout", "Precompute
# item vectors nightly"): the sentence itself is the decision
_OPENING_VERB = re.compile(
    r"^\s*(?:also,?\s+|then,?\s+|and\s+)?(?P<verb>" + _VERB + r")\b\s+(?P<object>.+)",
    re.IGNORECASE,
)
# where the object ends: its reason, condition or the next clause begins
_OBJECT_END = re.compile(
    r"\s*(?:[,;:()\u2014]|\s-\s|\.\s|\.$|\b(?:because|since|so that|so|which|when|where|if|"
    r"while|but|and then|then|to avoid|rather than|instead of|unless|until)\b)",
    re.IGNORECASE,
)
# a guess, a doubt or a thing set aside: no decision to ask about
_NOT_DECIDED = re.compile(
    r"\b(?:guess|guessing|not sure|no idea|don't know|wouldn't|won't|never|not|no)\b|n't\b",
    re.IGNORECASE,
)
# a verb of being in a decision's object, before any word that would open a clause of the
# object's own ("a model that is small", "the features as they were" keep their decision):
# "put on top are good"
_SAID_OF_IT = re.compile(
    r"^(?:(?!\b(?:that|which|who|whose|where|what|whether|if|as|when|while|once|until|"
    r"after|before|because|since|so|than|how)\b)[^,;])*?\b(?:is|are|was|were)\b",
    re.IGNORECASE,
)
_FIRST_WORDS = re.compile(
    r"^(?:a|an|the|some|our|their|its|it|them|that|this|those|these)\s+", re.IGNORECASE
)
_CONTENT = re.compile(r"[a-z0-9][a-z0-9/-]{2,}", re.IGNORECASE)
# words that carry no decision on their own ("use it", "keep things simple")
_EMPTY = frozenset(
    [
        "it",
        "that",
        "this",
        "them",
        "things",
        "thing",
        "something",
        "stuff",
        "one",
        "more",
        "simple",
        "same",
        "both",
        "all",
        "everything",
        "approach",
        "way",
        "the",
        "and",
        "our",
        "its",
        "their",
        "for",
        "with",
        "from",
        "per",
        "into",
        "some",
        "any",
    ]
)
# prepositions a long decision phrase may be cut before
_TAILS = frozenset(
    ["on", "in", "for", "with", "at", "from", "to", "by", "over", "per", "into", "and", "behind"]
)
# a decision phrase worth quoting inside a question: at least this many content words, at
# most this many words (longer objects are cut at their first clause break already)
MIN_CONTENT_WORDS = 2
MAX_WORDS = 9


# a verb of the decision list followed by another verb's -ing form ("keep going back to",
# "start thinking about"): it says the candidate carries on doing something, and decides
# only when that verb is itself one of a decision ("keep retraining daily")
_GOES_ON_DOING = re.compile(
    r"(?P<stem>\w+?)ing\s+(?:back|on|about|over|to|through|around|with)\b", re.IGNORECASE
)
_DECISION_VERB = re.compile(_VERB, re.IGNORECASE)


def _carries_on(obj: str) -> bool:
    """The object opens with the -ing form of a verb that decides nothing ("going back
    to", not "retraining on" nor "scoring on")."""
    found = _GOES_ON_DOING.match(obj)
    if found is None:
        return False
    stem = found.group("stem")
    forms = (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem)
    return not any(_DECISION_VERB.fullmatch(f) for f in forms)


def _planned(text: str) -> re.Match[str] | None:
    """The first decision of `text` that its sentence proposes: not one in the condition of
    a conditional ("If I only train on approved traffic, the model forgets ...") nor one
    turned down ("we could score online, but no"; agent/understanding/stance.py)."""
    at = 0
    while (m := _DECISION.search(text, at)) is not None:
        if is_plan(_claim_of(text, m), text):
            return m
        at = m.end("verb")  # the object may hold the next decider ("..., so I'd keep ...")
    opening = _OPENING_VERB.match(text)
    return opening if opening is not None and is_plan(_claim_of(text, opening), text) else None


def _claim_of(text: str, m: re.Match[str]) -> str:
    """The decision's words up to the end of its object's first clause."""
    obj = _OBJECT_END.split(m.group("object"), maxsplit=1)[0]
    return text[m.start() : m.start("object") + len(obj)]


def decision_phrase(anchor: str, sentence: str = "") -> str | None:
    """What the quoted words decide: the decision verb and its object, verbatim ("start with
    a random split", "keep a long-term holdout of a small share of users"), cut at the
    object's first clause break; None when they decide nothing a question can name."""
    for text in (anchor, sentence):
        if not text or text.rstrip().endswith("?"):
            continue
        found = _planned(text)
        if found is None:
            continue
        if _NOT_DECIDED.search(text[clause_start(text, found.start()) : found.start("object")]):
            continue  # "I wouldn't keep ...", "I guess we use ..."
        if _carries_on(found.group("object")):
            continue  # "keep going back to clicks", "start thinking about": an activity
        obj = _OBJECT_END.split(found.group("object"), maxsplit=1)[0].strip(" \"'.,;:!?")
        if _SAID_OF_IT.search(obj):
            # the verb of being after it is the sentence's own ("the ads I put on top are
            # good"): the decider sits in a clause describing a thing, and the sentence says
            # how that thing is, or what a model would believe, not what the candidate does
            continue
        words = obj.split()
        if len(words) > MAX_WORDS:
            # a long object is cut before a preposition or an "and" that opens its tail ("a
            # holdout of a small share of users | on the old model")
            cuts = [i for i in range(MIN_CONTENT_WORDS + 1, MAX_WORDS + 1) if words[i] in _TAILS]
            if not cuts:
                continue  # a run-on with no break: not one decision
            obj = " ".join(words[: cuts[-1]])
        content = [w for w in _CONTENT.findall(obj) if w.lower() not in _EMPTY]
        if len(content) < MIN_CONTENT_WORDS or _NOT_DECIDED.search(obj):
            continue
        phrase = text[found.start("verb") : found.start("object")] + obj
        return " ".join(phrase.split()).replace('"', "'")
    return None


# a note's heading before its content ("Model: ...", "Split -", "Phase 2: ..."): a label, not
# part of what the note decides
_NOTE_HEAD = re.compile(r"^\s*[\w /+&-]{1,30}?\s*(?::|\s-\s)\s+")
# a heading that asks why: what follows is the reason, the heading names the choice
_WHY_HEAD = re.compile(r"^\s*why\s+", re.IGNORECASE)
# where a terse note's first item ends
_NOTE_ITEM_END = re.compile(r"\s*(?:[,;()\u2014]|\s-\s|\.\s|\.$)")


# a list of names this long or longer, every item of a few words and none with a figure,
# names concepts without choosing anything about them
LIST_ITEMS = 3
LIST_ITEM_WORDS = 3
_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|/|\band\b|\bor\b)\s*", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def _bare_list(body: str) -> bool:
    items = [i for i in _LIST_SEPARATOR.split(body.strip().rstrip(".!")) if i.strip()]
    return (
        len(items) >= LIST_ITEMS
        and all(len(i.split()) <= LIST_ITEM_WORDS for i in items)
        and not _DIGIT.search(body)
    )


# a clause that says when something happens ("if the click rate drops", "once labels land")
_CONDITION = re.compile(r"^(?:if|when|whenever|unless|once|until|after|before)\b", re.IGNORECASE)


def note_decision(note: str) -> str | None:
    """What a terse note that makes a choice decides, when it has no decision verb ("Single-
    stage det + FPN.", "Model: reproject to overlapping perspective views."): its first item,
    verbatim, without a heading; None for a question, a negation or a set-aside option ("Not
    random.", "No blur manifest, no publish."), or an item too short or too long to name.
    The caller decides that the note is a choice (agent/speak/proposals.py) and about the
    design (a rubric signal shown in it)."""
    text = note.strip()
    if not text or text.endswith("?") or _NOT_DECIDED.search(text):
        return None
    head = _NOTE_HEAD.match(text)
    body = text[head.end() :] if head else text
    if _bare_list(body):
        return None  # "Calibration, drift monitoring, feature store": names, no choice
    if head and _WHY_HEAD.match(head.group(0)):
        body = _WHY_HEAD.sub("", head.group(0)).rstrip(" :-")  # "Why native res: <reason>"
    item = _NOTE_ITEM_END.split(body, maxsplit=1)[0].strip(" \"'.,;:!?")
    if _CONDITION.match(item):
        return None  # "If the click rate drops": when something happens, not what is chosen
    words = item.split()
    if len(words) > MAX_WORDS:
        # cut before a preposition that opens its tail, as a decision's object is
        cuts = [i for i in range(MIN_CONTENT_WORDS + 1, MAX_WORDS + 1) if words[i] in _TAILS]
        words = words[: cuts[-1]] if cuts else []
    content = [w for w in _CONTENT.findall(" ".join(words)) if w.lower() not in _EMPTY]
    if len(content) < MIN_CONTENT_WORDS:
        return None
    return " ".join(words).replace('"', "'")
