"""Examples that belong to another problem, taken out of a line said on this one.

Guidance and misconception corrections are written for every problem and illustrate their
point with one: "counts over time windows (clicks in the last hour, 1 day, 7 days)", "a proxy
such as a watch longer than 30 seconds", "the outcome the goal counts (the accepted
invitation, the watch or booking)". Read out on a trip-time or fraud problem, the example is
another problem's, and the line sounds canned. This finds such examples by the problem cards
themselves: a word is another problem's when some card uses it, the card being discussed
does not, fewer than half of the cards use it (words every card uses are general), the
rubric's descriptions of design signals do not use it, and the candidate has not said it. An
example (a parenthesis, a "such as" / "as in" / "for example" / "e.g." clause, or a
sentence that opens with "for example") holding such a word is left out; a line that is
nothing but such an example is dropped, and so is one quoting a situation in words only one
or two other cards use.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable

from agent.content.problems import ProblemCard
from agent.speak.card_fit import fits_card

_WORD = re.compile(r"[a-z][a-z'-]+")
# a parenthesis (not a function's argument, "p(share)"); a "such as" / "as in" / "for
# example" / "e.g." / "i.e." clause up to the next stop or the comma before the sentence
# goes on (quotations: _QUOTE below)
_EXAMPLE = re.compile(
    r"(?<![\w)])\s*\([^()]*\)"
    r"|,?\s*\b(?:such as|as in|for example|for instance|e\.g\.|i\.e\.)[,:]?\s+[^;:.()?!]+?"
    r"(?=,\s*(?:and|or|but|so|then|which|while|pay|use)\b|[;:.()?!]|$)"
)
_EXAMPLE_SENTENCE = re.compile(r"^\s*(?:for example|for instance|e\.g\.)\b", re.IGNORECASE)
# a quotation: the voice of one situation ("the moderators review the top 1,000 a day");
# one that names another problem's own words (used by at most QUOTE_CARDS cards) makes the
# whole line another problem's, since cutting it out leaves the line without its point
_QUOTE = re.compile(r'"[^"]*"')
QUOTE_CARDS = 2

_LOCK = threading.Lock()
# The vocabulary of the loaded cards and rubric, with the two objects it was counted from: the
# content loader hands back the same objects while their files are unchanged, so a new object
# means new content (an id alone could be reused by a later object).
_VOCABULARY: list[tuple[object, object, tuple[Counter[str], frozenset[str], int]]] = []
# Each card's words, with the card they were read from (kept, so its id is not reused).
_CARD_WORDS: dict[int, tuple[ProblemCard, frozenset[str]]] = {}
_CARD_WORDS_MAX = 256


def _stem(word: str) -> str:
    """A word without a plural s, so "clicks" and "click" are one word."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words_of(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower())}


def card_words(card: ProblemCard) -> frozenset[str]:
    """Every word of a card: its title, opening, task, tags, facts, strong answer and pitfalls
    (read once per card object: a hint's candidate lines ask for it dozens of times a turn)."""
    with _LOCK:
        found = _CARD_WORDS.get(id(card))
    if found is not None and found[0] is card:
        return found[1]
    parts = [card.title, card.opening, card.ml_task, *card.tags]
    parts += [f.answer for f in card.facts]
    parts += [line for lines in card.strong_answer.values() for line in lines]
    parts += card.pitfalls
    words = frozenset(words_of(" ".join(parts)))
    with _LOCK:
        if len(_CARD_WORDS) >= _CARD_WORDS_MAX:
            _CARD_WORDS.clear()
        _CARD_WORDS[id(card)] = (card, words)
    return words


def _vocabulary() -> tuple[Counter[str], frozenset[str], int]:
    """How many cards use each word, the words of the rubric's signal descriptions, and the
    number of cards."""
    from agent.content.bundle import load_content

    content = load_content()
    with _LOCK:
        known = _VOCABULARY[0] if _VOCABULARY else None
    if known is not None and known[0] is content.problems and known[1] is content.rubric:
        return known[2]
    cards = list(content.problems.cards.values())
    used: Counter[str] = Counter(w for card in cards for w in card_words(card))
    described = " ".join(s.description for d in content.rubric.dimensions for s in d.signals)
    found = (used, frozenset(words_of(described)), len(cards))
    with _LOCK:
        _VOCABULARY[:] = [(content.problems, content.rubric, found)]
    return found


def other_problems_words(text: str, card: ProblemCard, said: str = "") -> list[str]:
    """The words of `text` that belong to other problems than `card` (see the module)."""
    used, general, cards = _vocabulary()
    own = card_words(card) | words_of(said)
    return sorted(
        w for w in words_of(text) if 0 < used[w] < cards / 2 and w not in own and w not in general
    )


def without_other_problems(text: str, card: ProblemCard, said: str = "") -> str | None:
    """`text` without the examples that belong to another problem; None when nothing of it is
    left (it was only such an example)."""
    if _EXAMPLE_SENTENCE.match(text) and other_problems_words(text, card, said):
        return None
    used, _, _ = _vocabulary()
    for quote in _QUOTE.findall(text):
        if any(used[w] <= QUOTE_CARDS for w in other_problems_words(quote, card, said)):
            return None

    def keep(m: re.Match[str]) -> str:
        return "" if other_problems_words(m.group(0), card, said) else m.group(0)

    out = _EXAMPLE.sub(keep, text)
    out = re.sub(r"\s+([,.;:?!])", r"\1", re.sub(r"\s{2,}", " ", out)).strip()
    out = re.sub(r",\s*([.;:?!])", r"\1", out)
    if len(out.split()) < 4:
        return None
    return out


def fitting_problem(lines: Iterable[str], card: ProblemCard, said: str = "") -> list[str]:
    """The lines, each without other problems' examples (those left with nothing dropped)."""
    out = []
    for line in lines:
        kept = without_other_problems(line, card, said)
        if kept:
            out.append(kept)
    return out


def guidance_line(sentence: str, card: ProblemCard, said: str) -> str | None:
    """What a hint on `card` may say of one guidance sentence: the sentence without the
    examples that belong to other problems (none of it when it does not fit the card). The
    lines of every card, with nothing said, are shipped vectors (agent/knowledge/shipped.py),
    so a hint runs the sentence model only on what the candidate said."""
    if not fits_card(sentence, card):
        return None
    return without_other_problems(sentence, card, said) or None
