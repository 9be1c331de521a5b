"""What a figure counts: the noun after a number ("5 billion ad impressions" counts
impressions: the head of the compound), the quantity kinds named by several words (requests
per second, milliseconds, daily or monthly users), units, and singular forms, so that "10M
SKUs" and "300 million products" count the same thing. agent/read/quantities.py reads the
figures themselves.
"""

from __future__ import annotations

import re


def words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


# words that count nothing themselves: skipped before the noun, or ending the noun phrase
_MODIFIERS = words_of(
    "active total unique concurrent distinct more eligible upcoming live completed such different"
)
# modifiers that make the figure a subset of the whole ("200,000 new listings", "millions
# of other members": the rest of a neighbourhood, not the member base)
SUBSET_MODIFIERS = words_of(
    "new last top recent first closest nearest best sampled labelled labeled other candidate"
)
UNITS = {"tb": "tb", "gb": "gb", "pb": "pb", "km": "km", "pixels": "pixel", "px": "pixel"}
_IRREGULAR = {"people": "person", "data": "data"}
_NOT_PLURAL = words_of("gps qps rps tps bps gbps sms news series status bus bonus corpus campus")
# words that end a noun phrase before its noun: "5,000 such requests a month" counts what was
# named before it (users' reports), not the service's requests
NOT_NOUNS = words_of(
    "a an the of to or and per in on at for is are was were be x times percent s "
    "minutes minute hours hour days day weeks weeks week months month years year "
    "seconds second sec ms this that these those its it such"
)
# quantity kinds named by several words; any other noun is its own kind (singular)
_KINDS = (
    (
        "per_second",
        r"(?:(?:[a-z\-]+\s+){0,2}(?:qps|rps|tps)\b|(?:[a-z\-]+\s+)?(?:requests?|queries|calls|loads|"
        r"transactions|searches)\s*(?:per\s+|a\s+|/\s*)(?:second|sec|s)\b|per second)",
    ),
    (  # a request may need many predictions or lookups (one per candidate), never fewer
        "predictions_per_second",
        r"(?:[a-z\-]+\s+)?(?:predictions|preds|inferences|scorings|scores|lookups)\s*"
        r"(?:per\s+|a\s+|/\s*)(?:second|sec|s)\b",
    ),
    ("ms", r"(?:ms|msec|milliseconds?)\b"),
    (
        "daily_users",
        r"(?:dau|daily(?:\s+active)?(?:\s+(?:users|players|riders|members|viewers))?)\b",
    ),
    (
        "monthly_users",
        r"(?:mau|monthly(?:\s+active)?(?:\s+(?:users|players|riders|members|viewers))?)\b",
    ),
)
KIND_NAMES = frozenset(kind for kind, _ in _KINDS)
RANK = "rank"  # a cut-off by rank ("in the top ten"), see agent/read/quantities.py

# Nouns that count the same thing ("10M SKUs" after "300 million products"). Only plain
# synonyms; a rider is not a driver, a post is not a user.
_SAME_THING = (
    ("product", "item", "sku", "listing"),
    ("image", "photo", "picture"),
    ("video", "clip"),
    ("user", "member", "customer", "account", "player", "viewer"),
)
_CANONICAL = {noun: group[0] for group in _SAME_THING for noun in group}
# Clipped forms written in notes ("3M panos/day", "5B imps a day", "10k reqs"): the noun
# they clip, so a terse figure is compared like the spelled-out one.
_CLIPPED = {
    "pano": "panorama",
    "imp": "impression",
    "impr": "impression",
    "req": "request",
    "img": "image",
    "vid": "video",
    "txn": "transaction",
    "evt": "event",
}
# Nouns that name whatever the system holds, not one thing ("100M docs", "50M items"): such a
# count is about the card's catalogue, whatever it holds (products, games, videos); see
# CATALOGUE. Not "entries" or "records": a cache or a log has those too.
GENERIC_NOUNS = words_of("item doc document")
CATALOGUE = "item"


def canonical(noun: str) -> str:
    """The noun a plain synonym stands for ("sku" -> "product")."""
    noun = _CLIPPED.get(noun, noun)
    return _CANONICAL.get(noun, noun)


def kind_of(phrase: str) -> tuple[str | None, str]:
    """The kind of quantity the words after a number name, and those words. The noun
    counted is the head of its compound: "5 billion ad impressions" counts impressions,
    "30 million listing page views" views (the first plural ends the compound)."""
    for kind, pattern in _KINDS:
        matched = re.match(pattern, phrase)
        if matched:
            return kind, matched.group(0).strip()
    words = phrase.replace("/", " / ").split()
    if words and words[0] in UNITS:
        return UNITS[words[0]], words[0]
    taken: list[str] = []
    for word in words[:4]:
        if word in NOT_NOUNS or word == "/":
            break
        taken.append(word)
        if word in _MODIFIERS or word in SUBSET_MODIFIERS:
            continue
        if _is_plural(word):
            noun = singular(word)
            return canonical(noun), " ".join(taken)
    return None, ""


def _is_plural(word: str) -> bool:
    if word in _IRREGULAR:
        return True
    if word in _NOT_PLURAL:
        return False
    return len(word) >= 3 and word.endswith("s") and not word.endswith(("ss", "is"))


def singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if _is_plural(word) else word


# "reviews a week of randomly sampled posts": the reviews are of posts
_OF_NOUN = re.compile(r"\s*of\s+(.*)")
# "moderators review 2 million items a day": so many reviews a day
_DONE_TO = (
    (re.compile(r"\breview(?:s|ed|ing)?\b"), "review"),
    (re.compile(r"\blabel(?:s|led|ed|ling|ing)?\b"), "label"),
    (re.compile(r"\bannotat\w*"), "annotation"),
)


def of_what(kind: str, after: str) -> str:
    """The "of" phrase that says what a count over a period is of, up to the noun it names
    (" of randomly sampled posts"); "" when there is none."""
    of = _OF_NOUN.match(after) if kind.endswith("/day") else None
    if of is None:
        return ""
    noun, said = kind_of(of.group(1))
    return f" of {said}" if noun is not None and noun not in KIND_NAMES else ""


def also_counted(kind: str, after: str, clause: str) -> list[str]:
    """The other things a count over a period counts: the noun its "of" phrase names, and
    the reviews or labels its clause says are done to what it counts."""
    if not kind.endswith("/day"):
        return []
    out: list[str] = []
    of = _OF_NOUN.match(after)
    if of is not None:
        noun, _ = kind_of(of.group(1))  # "of randomly sampled posts": posts
        if noun is not None and noun not in KIND_NAMES:
            out.append(f"{noun}/day")
    out += [f"{noun}/day" for pattern, noun in _DONE_TO if pattern.search(clause)]
    return [k for k in dict.fromkeys(out) if k != kind]
