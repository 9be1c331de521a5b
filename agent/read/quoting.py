"""What of a message a follow-up quotes: the focus phrase (a wrong claim first, else the
strongest signal, cut to its clause), the quote per signal, and per wrong claim the statement
that makes it (verbatim)."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from agent.content.misconceptions import MisconceptionCatalog
from agent.read.focus import FOCUS_CHARS, clause_around
from agent.read.questions import asks
from agent.understanding import MessageFindings, SentenceFindings, Understanding
from agent.understanding.sentences import Span

_CLAUSE = re.compile(r"[^,;:]+")  # a long sentence's clauses, for the focus phrase

Aside = Callable[[SentenceFindings, bool], bool]


Choice = tuple[SentenceFindings, str, str]  # a sentence, the head and label to cut it by


def focus_and_quotes(
    text: str, found: MessageFindings, claims: list[str], u: Understanding, aside: Aside
) -> tuple[str | None, dict[str, str]]:
    """The reading's focus phrase and its quote per signal. The clauses of every long
    sentence they cut are embedded in one call first (vectors are cached by text, so each
    cut then finds its clauses' vectors at hand): one model run instead of one a sentence."""
    focus = _focus(found, claims, aside)
    quotes = _quotes(found, aside)
    chosen = [c[0] for c in [focus, *quotes.values()] if c is not None]
    u.embed(list(dict.fromkeys(clause for s in chosen for _, clause in _clauses(s))))
    return (
        _clause(text, *focus, u) if focus is not None else None,
        {sig: _clause(text, *choice, u) for sig, choice in quotes.items()},
    )


def _focus(found: MessageFindings, claims: list[str], aside: Aside) -> Choice | None:
    """The sentence worth a follow-up: a wrong claim first, else the strongest signal.

    A long sentence is cut to the clause the model finds the claim or signal in.
    """
    ranked: list[tuple[float, SentenceFindings, str, str]] = []
    for s in found.sentences:
        if s.manipulative or aside(s, bool(s.signals)):
            continue
        claim = next((c for c in claims if c in s.wrong_claims), None)
        if claim is not None:
            return s, "wrong_claims", claim
        if asks(s):
            continue  # a question is not a claim to push on ("do we show a reason?")
        if s.signals:
            best = max(s.signals, key=lambda k: s.signals[k])
            score = s.signals[best] + (0.5 if s.deep else 0.0) + _substance(s)
            ranked.append((score, s, "signals", best))
        elif s.deep:
            # a statement with depth (a reason, a number, a trade-off) in which no signal
            # was read still outranks a passing remark that showed one ("Millions, okay.")
            ranked.append((s.depth + 0.5 + _substance(s), s, "depth", "depth"))
    if not ranked:
        return None
    _, s, head, label = max(ranked, key=lambda r: r[0])
    return s, head, label


# words from which a sentence counts as a full statement rather than a passing remark
FULL_STATEMENT_WORDS = 15


def _substance(s: SentenceFindings) -> float:
    """Up to 0.5 for a sentence's length: a follow-up pushes on the design the candidate
    laid out, not on "Millions, okay." said on the way to it."""
    return 0.5 * min(1.0, len(s.text.split()) / FULL_STATEMENT_WORDS)


def _quotes(found: MessageFindings, aside: Aside) -> dict[str, Choice]:
    """Per signal, the sentence that shows it most clearly (cut to its clause)."""
    best: dict[str, tuple[float, SentenceFindings]] = {}
    for s in found.sentences:
        if s.manipulative or asks(s) or aside(s, bool(s.signals)):
            continue  # a question is not a claim to push on, nor a story
        for signal, p in s.signals.items():
            if signal not in best or p > best[signal][0]:
                best[signal] = (p, s)
    return {sig: (s, "signals", sig) for sig, (_, s) in best.items()}


def statements_of_claims(
    found: MessageFindings, claims: list[str], catalog: MisconceptionCatalog
) -> dict[str, str]:
    """Per wrong claim, the first statement of the message that makes it (verbatim). A
    sentence the model reads as a question to the interviewer states no claim; a hedged
    claim written with a question mark ("random split is fine?") still does."""
    out: dict[str, str] = {}
    for s in found.sentences:
        if s.manipulative or s.question:
            continue
        for claim in claims:
            # the model's claim, or one this problem reads it as ("accuracy" for a duration)
            read = {claim, *catalog.get(claim).read_from}
            if read & set(s.wrong_claims) and claim not in out:
                out[claim] = s.text.strip()
    return out


def _clauses(s: SentenceFindings) -> list[tuple[int, str]]:
    """A long sentence's clauses (offset, text) to cut it to (none: keep it whole)."""
    if len(s.text) <= FOCUS_CHARS:
        return []
    clauses = [(m.start(), m.group(0)) for m in _CLAUSE.finditer(s.text)]
    clauses = [(at, c) for at, c in clauses if len(c.split()) >= 3]
    return clauses if len(clauses) > 1 else []


def _clause(text: str, s: SentenceFindings, head: str, label: str, u: Understanding) -> str:
    if len(s.text) <= FOCUS_CHARS:
        return s.text
    clauses = _clauses(s)
    if clauses:
        h = u.model.head(head)
        probs = h.predict(u.features([c for _, c in clauses]))[:, h.labels.index(label)]
        offset, clause = clauses[int(np.argmax(probs))]
        start = s.start + offset
        return clause_around(text, Span(start, start + len(clause), clause), [])
    return clause_around(text, Span(s.start, s.end, s.text), [])
