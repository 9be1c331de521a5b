"""The parts of a clarifying question as the answer takes them: in the order asked, each with
the pieces of the card's facts that answer it (agent/read/reading.AskedPart), so the reply
can answer each part in turn and name the ones the card leaves open.
"""

from __future__ import annotations

import re

from agent.content.problems import piece_topic
from agent.read.parts import question_parts
from agent.read.reading import AskedPart
from agent.read.surroundings import content_words
from agent.understanding import SentenceFindings
from agent.understanding.sentences import Span, split_sentences


def kept_parts(parts: list[AskedPart], open_: list[SentenceFindings]) -> list[AskedPart]:
    """The parts that stay asked: those the card answers, and of the rest those still
    taken as put to the interviewer (`open_`: not a rhetorical question, not a statement)."""
    still = {s.text for s in open_}
    return [p for p in parts if p.pieces or p.text in still]


def in_order(
    parts: list[AskedPart], wholes: list[AskedPart], spans: list[SentenceFindings]
) -> list[AskedPart]:
    """The parts in the order asked, the items of a bare list whose whole names a fact
    standing as that one question (its values, not topics of their own)."""
    n = len(parts)
    out: list[AskedPart] = []
    placed: set[int] = set()
    for i, part in enumerate(parts):
        whole = next(
            (
                j
                for j, w in enumerate(wholes)
                if w.pieces and spans[n + j].start <= spans[i].start < spans[n + j].end
            ),
            None,
        )
        if whole is None:
            out.append(part)
        elif not part.pieces:
            if whole not in placed:
                placed.add(whole)
                out.append(wholes[whole])
        else:
            out.append(part)
    return out


# a part that asks about what the part before it named ("what's the budget, and how much of
# it goes to ranking?"): the answer to that part answers it too
# how near (MiniLM cosine) a part that points back must be to the answer before it: "and how
# much of it goes to the recommendation?" sits at 0.36 from the latency budget it asks about
LEAN_BAR = 0.3
_BACK = re.compile(r"\b(?:it|that|this|those|these|them|its)\b", re.IGNORECASE)


# how near (MiniLM cosine) a part's nearest piece of another fact must be for the part to be
# about that fact rather than the answer before it (the bar at which nearness keeps a reply
# consistent, agent/decide/part_answers.CONSISTENT_BAR): "and how many of those rides get
# cancelled?" after a question on offers points back, but at the cancellations
ELSEWHERE_BAR = 0.6


# a short question that refers to what the sentence before it named ("I worry about the label
# delay. How long is it?") is read with that sentence: alone, "how long is it?" reads as the
# latency budget. At most this many words: a longer part names enough to be read alone
SUBJECT_BEFORE_WORDS = 8
# "is it ...?" opening a question most often asks about the setting as a whole ("And is it
# only text, or also pictures?"), not about what the sentence before named
_DUMMY = re.compile(r"^\W*(?:and\s+|so\s+|or\s+)?(?:is|was|will|would|does|can|could)\s+it\b", re.I)
_REFERS = re.compile(r"\b(?:it|its|that|this|those|these|them|they|their)\b", re.IGNORECASE)


def with_subject(text: str, part: Span, sentence: Span | None, before: Span | None) -> Span:
    """The span to read a part by: the part, or from the sentence before it through the
    part when the part opens its sentence (`sentence`: the one it was cut from), is short
    and refers back (`before`: the message's sentence before, if any). Verbatim, so a cue
    the sentence before names counts for the part."""
    opens = sentence is not None and part.start == sentence.start
    short = len(part.text.split()) <= SUBJECT_BEFORE_WORDS
    if before is None or not opens or not short or not _REFERS.search(_DUMMY.sub("", part.text)):
        return part
    return Span(before.start, part.end, text[before.start : part.end])


def points_back(text: str) -> bool:
    """The part points back at what was just said ("it", "that", "those")."""
    return bool(_BACK.search(text))


def further_pieces(
    parts: list[AskedPart], same_sentence: list[bool], matched: list[list[str]]
) -> dict[int, list[str]]:
    """The parts read with the part before them: per index, the facts the part before it
    was answered with, for a part that points back at it in the same sentence and that
    neither the matcher (`matched[i]`: its facts) nor a follow-on tied to anything. Such a
    part may ask for a piece of the same fact that answer did not give ("what latency do we
    need, and how much of that is the embedding step?"; agent/read/pieces.py)."""
    return {
        i: list(dict.fromkeys(piece_topic(q) for q in parts[i - 1].pieces))
        for i, part in enumerate(parts)
        if i
        and same_sentence[i]
        and not matched[i]
        and not part.pieces
        and parts[i - 1].pieces
        and points_back(part.text)
    }


def leaning_back(
    parts: list[AskedPart], same_sentence: list[bool], near_before: list[float]
) -> set[int]:
    """The indices of the parts that lean on the answered part before them in the same
    sentence (`same_sentence[i]`: part i shares a sentence with part i-1) and that the card
    answers nothing of by themselves: they point back ("it", "that") and are about what the
    answer before them says (`near_before[i]`: the part's cosine with that answer's nearest
    piece, at least LEAN_BAR), so they are answered with it, not named as open. "Is it also
    used for food delivery?" after a question about the service's traffic points back, but
    asks about something the traffic figures do not say; a part whose nearest piece
    (`AskedPart.near`) is one of another fact, at least ELSEWHERE_BAR near, is about that
    fact, not the answer before it."""
    return {
        i
        for i, part in enumerate(parts)
        if i
        and same_sentence[i]
        and not part.pieces
        and parts[i - 1].pieces
        and points_back(part.text)
        and near_before[i] >= LEAN_BAR
        and not _elsewhere(part, parts[i - 1])
    }


def _elsewhere(part: AskedPart, before: AskedPart) -> bool:
    """The part's nearest piece is clearly one of a fact the part before it was not
    answered with."""
    gave = {piece_topic(q) for q in before.pieces}
    return bool(
        part.near and part.nearness[0] >= ELSEWHERE_BAR and piece_topic(part.near[0]) not in gave
    )


# a bare fragment of at most this many words ("Delay?", "Lag?") names an attribute, not
# what it is of: asked right after another question, it is about that question's subject
FRAGMENT_WORDS = 2


def elliptical(parts: list[AskedPart], named: list[bool]) -> dict[int, str]:
    """Per index, the fact a bare fragment continues: a part of at most FRAGMENT_WORDS words
    after a part the card answered, that names no fact by a cue phrase of its own
    (`named[i]`), and whose nearest piece by meaning (at least LEAN_BAR near) is one of a
    fact the part before it was answered with. "Labels? Delay?" asks how late the labels
    come, however near "delay" alone sits to the latency budget in the fact matcher."""
    out: dict[int, str] = {}
    for i, part in enumerate(parts):
        if not i or named[i] or len(part.text.split()) > FRAGMENT_WORDS or not part.near:
            continue
        gave = {piece_topic(q) for q in parts[i - 1].pieces}
        topic = piece_topic(part.near[0])
        if topic in gave and part.nearness[0] >= LEAN_BAR:
            out[i] = topic
    return out


# a part of at most this many content words may name values a line of the reply says
# ("Hate speech, violence, nudity?" after "what counts as harmful?"): a longer part asks
# something of its own even where its words are in that line
NAMED_WORDS = 4
_CHOICE = re.compile(r"\bor\b", re.IGNORECASE)


def named_by_reply(parts: list[AskedPart], texts: dict[str, str]) -> None:
    """Give each part the card left open whose content words (at most NAMED_WORDS, each
    stem) one piece the reply says for another part names the piece that names them
    (`texts`: the text of each piece said): the part offers values of what that line
    answers ("Text, image, video?" beside the question the post's media answer), and
    the line answers it; it is never named as open beside it."""
    said = [(q, set(content_words(t.lower()))) for q, t in texts.items()]
    for part in parts:
        words = set(content_words(part.text.lower()))
        # a part that offers a choice ("pickup ETA or trip ETA?") asks which holds, which a
        # line naming both words need not say
        if part.pieces or not words or len(words) > NAMED_WORDS or _CHOICE.search(part.text):
            continue
        part.pieces = [q for q, w in said if words <= w][:1]


def matcher_spans(text: str, parts: list[SentenceFindings]) -> list[Span]:
    """Per part, the span the matcher reads (agent/read/asked_parts.with_subject)."""
    sentences = split_sentences(text)
    out = []
    for p in parts:
        own = next((s for s in sentences if s.start <= p.start < s.end), None)
        before = [s for s in sentences if own is not None and s.end <= own.start]
        out.append(
            with_subject(text, Span(p.start, p.end, p.text), own, before[-1] if before else None)
        )
    return out


def sentence_of(sentences: list[SentenceFindings], part: SentenceFindings) -> int:
    """The index of the sentence a part was cut from."""
    return next((i for i, s in enumerate(sentences) if s.start <= part.start < s.end), -1)


def question_spans(text: str, sentences: list[SentenceFindings]) -> list[SentenceFindings]:
    """Each question cut into its parts (agent/read/parts.py), as findings of their own:
    a part inherits its sentence's reading."""
    out: list[SentenceFindings] = []
    for s in sentences:
        for p in question_parts(text, Span(s.start, s.end, s.text)):
            same = p.start == s.start and p.end == s.end
            cut = {"text": p.text, "start": p.start, "end": p.end}
            out.append(s if same else s.model_copy(update=cut))
    return out
