"""The stages of a request a latency is said of, and the scope of a latency budget.

A recommendation or search request passes through stages: candidates are retrieved (an ANN
lookup, a fan-out to sources, an inbox merge), their features fetched, then scored and
ordered (a light first stage, a heavy model, a re-ranker: all of it ranking); some systems
embed a query or solve an assignment. A latency budget has a scope: the page or the whole
request (what the user waits for), the backend service that answers it, or one stage ("ranking
gets roughly 50 ms of that"). A figure is held only to the budget of its own scope: a stage's
60 ms to the ranking budget of 50 ms, not to the page's 150 ms; a stage no budget names to the
service that holds it (or, with none, the whole).

What a figure is of is read from the words next to it: after it up to the next joint ("60 ms
heavy model", "80 ms for the heavy model"), else before it in its clause ("ranking gets roughly
50 ms", "the click model gets about 10 ms"). The stage names below are general serving
vocabulary, one class per part of the request; a figure said of the page or of the service is
the whole a plan of stages sits in, not one of its stages.
"""

from __future__ import annotations

import re

RETRIEVAL = "retrieval"
FEATURES = "features"
RANKING = "ranking"
EMBEDDING = "embedding"
SOLVER = "solver"
SERVICE = "service"  # the backend service as a whole: it holds the stages
PAGE = "page"  # what the user waits for: the page, the whole request (an ad auction)
NETWORK = "network"  # what the page adds to the service: network hops, the client's render
# the parts of a request a budget may be given for; SERVICE and PAGE hold them
STAGE_CLASSES = (RETRIEVAL, FEATURES, RANKING, EMBEDDING, SOLVER)

_NAMES: dict[str, str] = {
    RANKING: (
        r"(?:re-?)?rank\w*|scor(?:e|es|er|ers|ing)|heavy|light|lightweight|(?:first|second|"
        r"final)[- ]stage|pre-?rank\w*|models?|inference|predict\w*|classifier|mmoe|gbdt"
    ),
    RETRIEVAL: (
        r"retriev\w*|recall|candidate (?:generation|lookup|fetch)|ann|nearest[- ]neighbou?rs?|"
        r"index(?:es)?|fan-?out|sources|merge|inbox(?:es)?"
    ),
    FEATURES: r"feat\w*|hydrat\w*",
    EMBEDDING: r"embed\w*|encod\w*",
    SOLVER: r"solv\w*|solver|assignment|matcher",
    SERVICE: r"service|serving|recommender|backend|endpoint",
    PAGE: r"page|auction",
    NETWORK: r"render\w*|client|browser|network(?: hops?| calls?)?|hops?|round[- ]trips?",
}
_STAGE = re.compile(
    "|".join(rf"\b(?P<{name}>{pattern})\b" for name, pattern in _NAMES.items()), re.IGNORECASE
)
# what joins one named stage to the next: the words after a figure up to one of these are its
_JOINT = re.compile(r"[,;:(\n?!]|\.(?!\d)|\band\b|\bthen\b|\bplus\b|\+|->|→|\d", re.IGNORECASE)
# words after a figure that say what it is of ("60 ms for the heavy model")
_FOR = re.compile(r"^\s*(?:ms|msec|milliseconds?)?\s*(?:for|on|to|in|of)?\b", re.IGNORECASE)
# parts listed together: what a budget after them holds is more than one stage
_SEVERAL = re.compile(r"\b(?:and|plus|both)\b|&", re.IGNORECASE)
# "including feature lookups": what a budget holds, not what it is of
_HOLDS = re.compile(r"\b(?:including|includes|with|plus|inside|within|of that)\b.*$", re.I)


def stage_named(words: str) -> str:
    """The class of the first stage the words name ("heavy model": ranking), "" if none."""
    m = _STAGE.search(words)
    return next((k for k, v in m.groupdict().items() if v), "") if m else ""


def stage_of(text: str, start: int, end: int) -> str:
    """The stage (or scope) a latency at text[start:end] is said of: named after it up to
    the next joint, else before it in its clause since the previous figure; "" if none."""
    after = text[end:]
    joint = _JOINT.search(after)
    own = after[: joint.start()] if joint else after
    said_for = _FOR.match(own)  # None when a hyphen joins the unit ("0.5-sec"): no "for"
    named = stage_named(_HOLDS.sub("", own[said_for.end() if said_for else 0 :]))
    if named:
        return named
    before = re.split(r"[,;:(\n?!]|\.(?!\d)|\d", text[max(0, start - 80) : start])[-1]
    held = _HOLDS.search(before)
    if held is not None and _SEVERAL.search(before[: held.start()]):
        # "a model and a cache inside a 200 ms budget": a budget holding several parts is
        # the service's, not the budget of the one stage among them
        return SERVICE
    return stage_named(_HOLDS.sub("", before))


def label(text: str) -> str:
    """A stage's name, for saying it back: its words less the hedges."""
    return " ".join(re.sub(r"\b(?:about|around|roughly|maybe|say|like|~)\b|~", " ", text).split())


def trimmed(words: str) -> str:
    """A stage's words without a trailing remark ("re-rank, all on one GPU box per shard":
    "re-rank"): up to its last stage name when more than two words follow it."""
    ends = [m.end() for m in _STAGE.finditer(words)]
    if ends and len(words[ends[-1] :].split()) > 2:
        words = words[: ends[-1]]
    return " ".join(words.split())
