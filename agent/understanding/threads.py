"""Which sentences of a message talk about the same claim: what a follow-up on one sentence
must read to know which angles the candidate already covered about it.

A reason, a cost or a mitigation is often in the sentence next to the claim rather than in
it: "So we should wait a day" gets its reason from the sentence before ("late comments look
like negatives"); "I'd reserve two slots for new releases" gets it from the one after ("That
gives them exposure"). In a long message, the message as a whole covers every angle about
some claim, so reading it whole says nothing about the claim a follow-up quotes; reading the
claim's sentence alone misses what its neighbours give. A claim's thread is its sentence,
the one before when it opens as that sentence's consequence, and the one after when that
one goes on about it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent.understanding.findings import SentenceFindings

# A message of at most this many statements is one thread: read whole (the angle head learnt
# from messages of one to four sentences).
WHOLE_MESSAGE_STATEMENTS = 3
# So is a message of terse notes, however many: at most this many words in all ("Mixed
# tabular feats, no scaling needed. Listwise loss. 500 items in <10ms on CPU." is one
# decision with its reasons and its cost, not four claims)
WHOLE_MESSAGE_WORDS = 40

# a sentence that opens as the consequence of the one before ("So we wait a day", "That's
# why we split by time"): its reason is the sentence before
_CONSEQUENCE = re.compile(
    r"^\W*(?:so\b(?! far)|hence\b|therefore\b|thus\b|that's why\b|that is why\b|this is why\b|"
    r"which is why\b|for that reason\b)",
    re.IGNORECASE,
)
# a sentence that goes on about the one before: it refers back to it ("That keeps...", "It
# costs..."), gives its reason ("Because..."), its condition or alternative ("If that's too
# slow, ..."), or its catch ("The cost is...", "Without it, ...")
_GOES_ON = re.compile(
    r"^\W*(?:that|this|it|its|it's|they|these|those|because|since|otherwise|without|but|"
    r"however|which|if|unless|then|the (?:cost|downside|catch|trade-?off|risk|reason|"
    r"alternative|benefit|gain|upside|problem|point|idea)s?\b)\b",
    re.IGNORECASE,
)
# words that tie a decision to its reason inside one sentence
_REASON = re.compile(r"\b(?:because|since|so that|otherwise|to avoid)\b|, so\b", re.IGNORECASE)
# a sentence that says what the sentence before it gains or avoids ("That gives new games
# exposure", "Without it, the model only learns what it shows"): a reason for it
_REASON_AFTER = re.compile(
    r"^\W*(?:because|since|otherwise|without (?:it|that|this|them)|"
    r"(?:that|this|it) (?:gives|keeps|lets|means|makes|avoids|helps|saves|stops|prevents|"
    r"protects|catches|removes|ensures|is (?:what|why|how)|way))\b",
    re.IGNORECASE,
)


def opens_as_consequence(sentence: str) -> bool:
    return bool(_CONSEQUENCE.search(sentence))


def goes_on(sentence: str) -> bool:
    return bool(_GOES_ON.search(sentence))


def is_one_thread(sentences: list[str]) -> bool:
    """A message short enough to be about one claim: read whole."""
    words = sum(len(s.split()) for s in sentences)
    return len(sentences) <= WHOLE_MESSAGE_STATEMENTS or words <= WHOLE_MESSAGE_WORDS


def thread_of(sentences: list[str], i: int) -> list[int]:
    """The indices of the sentences that talk about the claim of sentence `i`."""
    if is_one_thread(sentences):
        return list(range(len(sentences)))
    out = [i]
    if i > 0 and opens_as_consequence(sentences[i]):
        out.insert(0, i - 1)
    if i + 1 < len(sentences) and goes_on(sentences[i + 1]):
        out.append(i + 1)
    return out


def with_same_part(parts: list[set[str]], thread: list[int], i: int) -> list[int]:
    """A claim's thread with the other sentences that show the same part of the design
    (`parts`: each sentence's signals; one in common): in "Ranker: GBDT. The features are
    mixed and tabular, trees handle that. It scores a thousand candidates in a few ms on
    CPU." the reason and the cost of the choice are spread over sentences not next to it."""
    own = parts[i]
    return sorted({*thread, *(j for j, part in enumerate(parts) if own & part)})


def gives_reason(sentences: list[str], i: int) -> bool:
    """The words around sentence `i` already say why: a reason inside it ("..., because the
    member might unsubscribe"), it opens as the consequence of the sentence before, or the
    sentence after says what it gains or avoids."""
    if _REASON.search(sentences[i]):
        return True
    if i > 0 and opens_as_consequence(sentences[i]):
        return True
    return i + 1 < len(sentences) and bool(_REASON_AFTER.search(sentences[i + 1]))


def read_thread_angles(
    stated: list[SentenceFindings],
    whole: list[str],
    together: Callable[[list[list[str]]], list[list[str]]],
) -> None:
    """Set each statement's `thread_angles`: what its thread (`thread_of`) gives, its own
    sentences' angles and the angles `together` reads from the thread joined; a short message
    is one thread, read whole (`whole`)."""
    texts = [s.text for s in stated]
    parts = [set(s.signals) for s in stated]
    threads = [with_same_part(parts, thread_of(texts, i), i) for i in range(len(texts))]
    joint = [t for t in threads if len(t) > 1 and len(t) < len(texts)]
    read = dict(
        zip(
            map(tuple, joint),
            together([[texts[j] for j in t] for t in joint]),
            strict=True,
        )
    )
    for s, thread in zip(stated, threads, strict=True):
        joined = whole if len(thread) == len(texts) else read.get(tuple(thread), [])
        own = [a for j in thread for a in stated[j].angles]
        s.thread_angles = list(dict.fromkeys([*own, *joined]))
