"""A clarifying question answered part by part, in the order asked (issue 10): each part
gets the pieces of the card's facts that answer it, or is named as open ("not specified,
state an assumption"), so no part is left to a "for the rest" line that names none of
them, and nothing is said that no part asked for. A part all of whose answer was said
before hears it again ("as I said, ..."), so a pointer back always points at something
said; a part the same reply answers for another part has no line of its own; parts past
the message's cap are named to be asked again. A part that asks past a fact given before is
pointed back to it by the fact's subject, its card sentence not read out again.

A part is named in the candidate's own words, quoted and cut short (`part_label`), so the
candidate can tell which of their questions each line answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from agent.content.problems import ProblemCard, piece_topic
from agent.decide.moves import Move, PartState
from agent.speak.question_bank import QuestionBank

Say = Callable[[list[str], dict[str, str], str], str]

# a named part longer than this is cut (at a comma, else after this many words, with "...")
LABEL_WORDS = 16
# a clause that asks by itself (a question word or an auxiliary leads it)
_ASKS = re.compile(
    r"\b(?:what|what's|how|which|who|where|when|why|is|are|do|does|did|can|could|should|"
    r"will|would|must|has|have)\b",
    re.IGNORECASE,
)
# words that lead into a part without being part of what it asks
_LEAD_IN = re.compile(
    r"^(?:(?:and|also|plus|so|okay|ok|then|thanks|thank you|right|next|one more|lastly|"
    r"finally|oh|and also)\b[,\s]*)+",
    re.IGNORECASE,
)


_LAST_OR = re.compile(r",\s*or\s+\w", re.IGNORECASE)


def part_label(text: str) -> str:
    """One part of a question as a short quote: its lead-in words and a preamble before a
    colon that asks nothing left out ("Next questions about the users: how many daily
    users?" -> "how many daily users?"); a long part cut to its clause that asks (not one of
    several it offers as alternatives), or to LABEL_WORDS words."""
    said = " ".join(text.split())
    if ":" in said:
        head, tail = said.split(":", 1)
        if not _ASKS.search(head) and len(tail.split()) >= 2:
            said = tail.strip()
    said = _LEAD_IN.sub("", said).strip() or said
    if len(said.split()) > LABEL_WORDS:
        clauses = [c.strip() for c in re.split(r"[,:;]", said) if c.strip()]
        asking = [c for c in clauses if _ASKS.match(c) and len(c.split()) <= LABEL_WORDS]
        # a question that offers its clauses as alternatives (", or is there ...?") is not
        # quoted as its first alternative: "do we block it?" would name one option as the
        # whole question the line answers
        if asking and not (len(asking) > 1 and _LAST_OR.search(said)):
            said = asking[0].rstrip("?") + "?"
        else:
            said = " ".join(said.split()[:LABEL_WORDS]).rstrip(",;:") + "..."
    if said[:1].isupper() and not said[1:2].isupper():
        said = said[:1].lower() + said[1:]
    return f'"{said}"'


def _names(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _lowered(text: str) -> str:
    """A card sentence to follow "as I said," (its first word lowered unless a name)."""
    first = text.split(" ", 1)[0]
    word = first[:1].isupper() and (first[1:].islower() or len(first) == 1)
    if word and first not in _NAMES_KEPT:
        return text[:1].lower() + text[1:]
    return text


# sentence-opening words of the cards that stay capitalised after a comma
_NAMES_KEPT = frozenset({"I"})


def piece_text(card: ProblemCard, piece: str) -> str:
    """The sentence of the card a piece id names (empty if the card has no such piece)."""
    fact = card.fact(piece_topic(piece))
    if fact is None:
        return ""
    try:
        return fact.pieces[fact.piece_ids().index(piece)]
    except ValueError:
        return ""


def by_parts(move: Move) -> bool:
    """The move's answer is said part by part: a question of several parts read as such, or
    one whose answer was said before (said again, so a pointer back says what it points at)."""
    return len(move.parts) >= 2 or any(
        p.state in (PartState.TOLD, PartState.BEYOND) for p in move.parts
    )


def answer(
    move: Move,
    card: ProblemCard,
    bank: QuestionBank,
    values: dict[str, str],
    say: Say,
    *,
    assumed: bool,
) -> str:
    """The answer, part by part in the order asked (see the module's docstring)."""
    out: list[str] = []
    opened: list[str] = []
    held: list[str] = []
    said: set[str] = set()

    def flush() -> None:
        if len(opened) == 1:
            lines = bank.open_part_assumed if assumed and bank.open_part_assumed else bank.open_part
            out.append(say(lines, {**values, "part": opened[0]}, "open_part"))
        elif opened:
            out.append(say(bank.open_parts, {**values, "parts": _names(opened)}, "open_parts"))
        opened.clear()

    past: list[str] = []  # the fact's subject, then the labels of the parts past it

    def flush_past() -> None:
        if past:
            lines = bank.beyond_part or bank.open_part
            named = {**values, "part": _names(past[1:]), "fact_subject": past[0]}
            out.append(say(lines, named, "beyond"))
        past.clear()

    for part in move.parts:
        label = part_label(part.text)
        if part.state != PartState.BEYOND:
            flush_past()
        if part.state == PartState.OPEN:
            opened.append(label)
            continue
        if part.state == PartState.HELD:
            held.append(label)
            continue
        flush()
        if part.state == PartState.COVERED:
            continue  # the line for another part of this reply answers it
        if part.state == PartState.BEYOND:
            # the fact was given; what the part asks past it is theirs to assume (parts in a
            # row past the same fact in one line)
            subject = bank.subject_of([piece_topic(p) for p in part.pieces])
            if past and past[0] != subject:
                flush_past()
            past[:] = [subject, *past[1:], label] if past else [subject, label]
            continue
        if part.state == PartState.TOLD:
            # said again, so "as I said" is only ever said of something that was said
            again = " ".join(piece_text(card, p) for p in part.pieces if p not in said)
            said |= set(part.pieces)
            if again:
                told = {**values, "part": label, "told": _lowered(again)}
                out.append(say(bank.told_part, told, "told_part"))
            continue
        texts = [piece_text(card, p) for p in part.pieces if p not in said]
        said |= set(part.pieces)
        out.append(" ".join(t for t in texts if t))
    flush_past()
    flush()
    if held:
        out.append(say(bank.held_parts, {**values, "parts": _names(held)}, "held_parts"))
    return " ".join(x for x in out if x)
