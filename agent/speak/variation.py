"""Choosing a template variant and the small phrases the offline voice fills in.

Variation is deterministic: the interview's seed fixes an order of the variants for each
situation, and each new occurrence of that situation takes the next one in that order. So a
replay with the same seed says exactly the same words, while one conversation cycles through
every variant before it repeats any of them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from agent.decide.moves import Move, MoveKind
from agent.record.transcript import Turn
from agent.speak.template_names import placeholders_of

if TYPE_CHECKING:
    from agent.speak.base import SpeakContext

GUIDANCE_MIN_WORDS = 5
GUIDANCE_MAX_WORDS = 32

# a sentence ends at . ! or ? and a space, not at an abbreviation ("e.g. harmful content")
_SENTENCE_END = re.compile(r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<=[.!?])\s+")
_MARKDOWN_NOISE = re.compile(r"(\*\*|__|`|\[(?P<label>[^\]]*)\]\([^)]*\))")


def situation(move: Move) -> str:
    """The key under which a move's wording varies (e.g. 'steer:off_topic', 'advance:data')."""
    if move.kind == MoveKind.STEER:
        return f"steer:{move.steer}"
    if move.kind == MoveKind.ADVANCE:
        return f"advance:{move.phase}"
    if move.kind == MoveKind.ANSWER_META:
        return f"meta:{move.target}"
    return str(move.kind)


def occurrences(history: Sequence[Turn], key: str) -> int:
    """How often the interviewer has already been in this situation."""
    return sum(
        1 for t in history if t.role == "interviewer" and t.move and situation(t.move) == key
    )


def pick(
    templates: Sequence[str],
    available: set[str],
    *,
    seed: int,
    key: str,
    occurrence: int,
) -> str | None:
    """The template for the `occurrence`-th time in situation `key`, among usable ones."""
    usable = [t for t in templates if placeholders_of(t) <= available]
    if not usable:
        return None
    return order(usable, seed=seed, key=key)[occurrence % len(usable)]


def order(templates: Sequence[str], *, seed: int, key: str) -> list[str]:
    """The templates in the order situation `key` says them under this seed."""
    index = list(range(len(templates)))
    random.Random(f"{seed}:{key}").shuffle(index)
    return [templates[i] for i in index]


ANCHOR_MAX_WORDS = 12
_ANCHOR_WORD = re.compile(r"[a-z0-9']+")


def anchor_phrase(anchor: str | None, candidate_text: str) -> str | None:
    """The candidate's own words to quote before a follow-up: verbatim, cut to a few words
    at most, None when they are not in what the candidate just said."""
    if not anchor:
        return None
    phrase = " ".join(anchor.split()).strip(" \"'.,;:!?-")
    if not phrase or phrase.lower() not in " ".join(candidate_text.split()).lower():
        return None
    words = phrase.split()
    if len(words) > ANCHOR_MAX_WORDS:
        phrase = " ".join(words[:ANCHOR_MAX_WORDS]).rstrip(",;:-") + "..."
    return phrase.replace('"', "'")


def near_repeat(line: str, earlier: Sequence[str], threshold: float = 0.7) -> bool:
    """The line is (nearly) one the interviewer said before: word-set overlap >= threshold."""
    mine = set(_ANCHOR_WORD.findall(line.lower()))
    for other in earlier:
        theirs = set(_ANCHOR_WORD.findall(other.lower()))
        union = mine | theirs
        if union and len(mine & theirs) / len(union) >= threshold:
            return True
    return False


def guidance_point(text: str) -> str | None:
    """One short plain sentence from a guidance chunk (headings, bullets and markup removed)."""
    return next(iter(guidance_sentences(text)), None)


def guidance_sentences(text: str, cut_long: bool = False) -> list[str]:
    """Every short plain sentence of a guidance chunk, in order. With `cut_long`, a sentence
    over GUIDANCE_MAX_WORDS is kept up to its last clause break (a semicolon, else a comma)
    within the limit, rather than dropped: a hint may rest on the first remedies of a long
    list ("Remedies include reserving a small random exploration slice ..., inverse
    propensity weighting ...")."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "|", "```", ">")):
            continue
        line = re.sub(r"^([-*+]|\d+[.)])\s+", "", line)
        lines.append(line)
    prose = _MARKDOWN_NOISE.sub(lambda m: m.group("label") or "", " ".join(lines))
    out: list[str] = []
    pieces = [p.strip() for p in _SENTENCE_END.split(prose)]
    if cut_long:
        pieces = [q for p in pieces for q in _long_cut(p)]
    for sentence in pieces:
        words = sentence.split()
        if (
            GUIDANCE_MIN_WORDS <= len(words) <= GUIDANCE_MAX_WORDS
            and sentence[0].isalnum()
            and _stands_alone(sentence)
        ):
            if sentence[-1] not in ".!?":
                sentence += "."
            out.append(sentence[0].upper() + sentence[1:])
    return out


# A guidance sentence said to a candidate must make sense alone and be about the design:
# not one that points back to a sentence before it ("It pairs with ...", "These are ..."),
# nor advice on how to behave in an interview ("Mention that ...", "Interviewers listen
# for ..."), which read out as a hint sounds like the interviewer reciting a guide.
_LEANS_BACK = frozenset(
    {"it", "its", "this", "that", "these", "those", "they", "their", "them", "both"}
    | {"such", "another"}
)
_ABOUT_THE_INTERVIEW = re.compile(r"\b(?:interview(?:er|ers|s)?)\b|^(?:mention|say)\b", re.I)


def _stands_alone(sentence: str) -> bool:
    first = sentence.split()[0].strip(",:;").lower()
    return first not in _LEANS_BACK and not _ABOUT_THE_INTERVIEW.search(sentence)


def _long_cut(sentence: str) -> list[str]:
    """A sentence within GUIDANCE_MAX_WORDS as it is; a longer one as its first clauses
    within the limit, then each later clause after a semicolon long enough to say something
    alone (the remedy after the problem: "...; use cluster or geographic randomisation")."""
    if len(sentence.split()) <= GUIDANCE_MAX_WORDS:
        return [sentence]
    cuts = _breaks(sentence, "; ")
    ends = [*cuts[1:], len(sentence)] if cuts else []
    later = [sentence[a + len("; ") : b].strip() for a, b in zip(cuts, ends, strict=True)]
    later = [c for c in later if len(c.split()) >= CLAUSE_MIN_WORDS]
    # a clause that leans on the one before ("and ...", "but ...") does not stand alone
    later = [c for c in later if c.split()[0].lower() not in ("and", "or", "but", "so")]
    return [_first_clauses(sentence), *later]


def _breaks(sentence: str, mark: str) -> list[int]:
    """Where `mark` occurs in the sentence outside brackets and quotes (a clause break, not
    a comma inside "(items shown but skipped, ...)" nor a semicolon inside a quotation)."""
    out: list[int] = []
    depth, quoted = 0, False
    for i, ch in enumerate(sentence):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif ch == '"':
            quoted = not quoted
        elif depth == 0 and not quoted and sentence.startswith(mark, i):
            out.append(i)
    return out


# words a later clause of a long sentence needs to be said alone (see _long_cut)
CLAUSE_MIN_WORDS = 8


def _first_clauses(sentence: str) -> str:
    """A long sentence cut at its last clause break that leaves it within GUIDANCE_MAX_WORDS
    words (a semicolon, else the ", and" before a list's last item; a bare comma may cut a
    condition from its consequence), closed with a full stop; the sentence as it is when no
    break does."""
    for mark in ("; ", ", and "):
        cut = ""
        for i in _breaks(sentence, mark):
            head = sentence[:i]
            if len(head.split()) > GUIDANCE_MAX_WORDS:
                break
            cut = head
        if len(cut.split()) >= GUIDANCE_MIN_WORDS:
            return cut.rstrip(" ,;:") + "."
    return sentence


def in_sentence(title: str) -> str:
    """A title as it reads mid-sentence: 'Video recommendations' -> 'video recommendations',
    but 'ETA prediction' stays as it is."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def held_back(asked: list[str], context: SpeakContext) -> bool:
    """The policy answered fewer of the card's facts than the message asked for because of
    the per-message cap; a fact left out because it was already said was not held back
    ("that's a lot at once" after one sentence reads as not listening)."""
    on_card = {t for t in asked if context.card.fact(t)}
    capped = (context.move.rule or "").endswith(".capped")
    return capped and len(on_card) > len(context.move.fact_topics)
