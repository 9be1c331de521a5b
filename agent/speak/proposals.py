"""Whether a sentence of the candidate makes a choice a push can weigh against others, and
whether a push would only offer back what the candidate already said."""

from __future__ import annotations

import re

from agent.understanding.stance import is_plan

# A choice the candidate makes: "I'd ...", "we use ...", or a bare note with no verb of
# being ("Cheap model first, heavy model on suspicious + high-reach."). A sentence that says
# how things are ("we have the graph", "that would be way too slow", "the model only gets
# labels for what it showed") states a fact or an observation, not a choice to reconsider.
_CHOICE = re.compile(
    r"\b(?:i|we|let's)(?:'d|'ll|\s+(?:would|will|could|can|should|might|may|want|prefer|plan|"
    r"pick|choose|use|go|start|need|keep|add|train|split|build|run|serve|store|cache|"
    r"precompute|compute|try|take|treat|log|lean|score|rank|filter|sample|index))\b",
    re.IGNORECASE,
)
_BEING = re.compile(
    r"\b(?:is|are|was|were|has|have|had|gets|get|be|been|exists?|means|seems?)\b|n't\b"
    r"|\s=\s"  # a note that says what a thing amounts to ("top-1 drop = drift or a bug")
    # what an option would do, said of the option rather than by who chooses ("cluster
    # sharding would let a query hit a few shards"): weighing it, not choosing it
    r"|\b(?:would|could|might)\b"
    r"|\b(?:that|it|there|this|what|here)'s\b",
    re.IGNORECASE,
)
# words that open the reason or consequence of what comes before them, not a clause of
# its own: a chooser after one of these, with no clause break between, belongs to it
_CONSEQUENCE = re.compile(
    r"\b(?:so|so that|because|since|as|which|if|when|then)\b[^,;.]*$", re.IGNORECASE
)
# a decision put in the passive or as a must ("the index is rebuilt weekly", "candidates are
# precomputed daily", "the old index has to stay warm"): still a choice. Not in the past
# tense: "the model was retrained from a notebook" tells how things were done
_PASSIVE = re.compile(
    r"\b(?:is|are|be|been)\s+(?:\w+ly\s+)?\w*(?:ed|built|kept|run|set|split|sent|"
    r"held|done|made|written|taken|shown|given)\b|\b(?:has|have|need|needs) to\b",
    re.IGNORECASE,
)
# a condition clause that ends right where the quoted words begin ("..., so if you train on
# the last hour of data, <words>"): the words are its consequence
_CONDITION_BEFORE = re.compile(r"\b(?:if|unless)\b[^,;.:]*,\s*$", re.IGNORECASE)
# words that open with a subject of their own that is not who chooses: a thing or a share
# of things ("a lot of positives ...", "the model ...", "it ...")
_OWN_SUBJECT = re.compile(
    r"\W*(?:a|an|the|it|they|this|that|these|those|some|most|many|much|all|every|each|its|"
    r"their|your|half|few|lots?|nothing|everything|no)\b",
    re.IGNORECASE,
)
# where a sentence's main clause ends and its reason or condition begins ("random sharding,
# so that the load is even": the choice is before "so that")
_CLAUSE_END = re.compile(
    r"\b(?:because|since|so|otherwise|to avoid|which|when|if|while|but)\b", re.IGNORECASE
)
# where a push names the options it weighs the candidate's choice against
_ALTERNATIVES = re.compile(r"\b(?:rather than|instead of|versus|over the alternatives)\b(.*)$")
_WORD = re.compile(r"[a-z][a-z-]{3,}")
# words of a push's alternatives that name no option
_NOT_OPTIONS = frozenset(
    [
        "more",
        "simply",
        "just",
        "than",
        "other",
        "option",
        "options",
        "obvious",
        "alternative",
        "alternatives",
        "something",
        "stronger",
        "plain",
        "number",
        "like",
        "that",
        "this",
        "with",
        "from",
        "leaving",
        "data",
        "common",
        "defaults",
        "most",
        "people",
        "start",
        "kind",
        "task",
        "getting",
        "using",
        "smaller",
    ]
)


# words that open the side a sentence sets against its choice ("while ranking by clicks
# alone favours cheap items, ...")
_SET_AGAINST = re.compile(
    r"^\W*(?:while|whereas|unlike|instead of|rather than|as opposed to)\b", re.IGNORECASE
)


def proposes(anchor: str, sentence: str = "") -> bool:
    """The candidate's words make a choice rather than state how things are (the sentence
    they are cut from may say who chose: "I would score every payment before it is
    authorised"); words that open the side set against a choice make none."""
    if _SET_AGAINST.search(anchor) or not is_plan(anchor, sentence):
        return False  # a rejected or only weighed option is no choice of theirs
    chooser = _CHOICE.search(sentence or anchor)
    at = sentence.find(anchor.strip()) if sentence and anchor.strip() else -1
    end = at + len(anchor.strip())
    # where the words begin in the sentence, whatever stop ends either of them
    begins = sentence.find(anchor.strip().rstrip(".!?;:")) if sentence and anchor.strip() else -1
    if begins > 0 and _CONDITION_BEFORE.search(sentence[:begins]) and _OWN_SUBJECT.match(anchor):
        # the words are what follows under a condition, said of a thing ("if you train on the
        # last hour, a lot of positives look like negatives"): what would happen, not a plan
        # of theirs ("if the queue backs up, we raise the threshold" and "..., raise the
        # threshold" are plans)
        return False
    if (
        chooser is not None
        and at >= 0
        and chooser.start() >= end
        and not _CONSEQUENCE.search(sentence[end : chooser.start()])
    ):
        # who chooses comes only after the quoted words, in a clause of its own ("A burst of
        # bot clicks shows up as a jump, and we'd rather skip the update"): the words say
        # what prompts the choice. Not where the chooser is in the words' own reason or
        # consequence ("ETA error is a good one, so we'd see a map bug at once")
        return bool(_CHOICE.search(anchor) or _PASSIVE.search(anchor))
    if chooser is not None or _PASSIVE.search(anchor):
        return True
    ends = [m.start() for m in _CLAUSE_END.finditer(anchor) if m.start() > 0]
    return not _BEING.search(anchor[: ends[0]] if ends else anchor)


# where a message's sentences end
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def decides_after(sentence: str, text: str) -> bool:
    """A sentence of `text` after `sentence` makes a choice: the candidate already said what
    a statement of how things are means for their design ("Popular gets more exposure. Log
    propensities, reweight, keep explore slots.")."""
    at = text.find(sentence.strip()) if sentence.strip() else -1
    if at < 0:
        return False
    rest = text[at + len(sentence.strip()) :]
    return any(proposes(s) for s in _SENTENCE_END.split(rest) if len(s.split()) >= 2)


def sentence_of(anchor: str, text: str) -> str:
    """The sentence of `text` the anchor was cut from (the anchor itself if not found)."""
    at = text.find(anchor.strip()) if anchor.strip() else -1
    if at < 0:
        return anchor
    # a sentence ends at a full stop before a space, not inside a number ("a 0.1 percent")
    start = max(text.rfind(c, 0, at) + len(c) for c in (". ", "? ", "! ", "\n"))
    start = 0 if start < 2 else start
    after = at + len(anchor.strip()) - 1  # an anchor may end with its sentence's full stop
    ends = [i for i in (text.find(c, after) for c in (". ", "?", "!", "\n")) if i >= 0]
    return text[start : min(ends, default=len(text))]


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def offers_what_was_said(push: str, anchor: str) -> bool:
    """The push weighs the choice against an option the candidate's words already name
    ("why users rather than requests, sessions or users?" after "half the users get it")."""
    m = _ALTERNATIVES.search(push.lower())
    if m is None or not anchor:
        return False
    options = {_stem(w) for w in _WORD.findall(m.group(1))} - _NOT_OPTIONS
    said = {_stem(w) for w in _WORD.findall(anchor.lower())}
    return bool(options & said)


# A follow-up question said in one of the interviewer's last this many turns is not asked
# again (whatever words it was put after).
