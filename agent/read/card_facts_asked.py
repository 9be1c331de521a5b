"""Which card facts a question asks about, part by part: the learned fact matcher over each
part (a fact's cue first, then the question's meaning, without the heads), the pieces of
those facts each part asks for (agent/read/pieces.py), the parts that point back to the one
before them, and the parts no fact answers (named as open: "state an assumption"). Used by
the question reader (agent/read/questions.py) for clarifying questions and for questions
asked inside an answer (agent/read/answer_questions.py).
"""

from __future__ import annotations

import numpy as np

from agent.content.problems import OPENING_TOPIC, piece_id, piece_topic
from agent.read.alternatives import piece_margin
from agent.read.asked_parts import (
    LEAN_BAR,
    elliptical,
    further_pieces,
    in_order,
    leaning_back,
    matcher_spans,
    named_by_reply,
    question_spans,
    sentence_of,
)
from agent.read.durations import GUESS_REACH, question_scales, same_scale
from agent.read.facts import card_facts
from agent.read.parts import bare_list
from agent.read.pieces import CardPieces, card_pieces, follow_on_topics
from agent.read.reading import AskedPart, ReadContext
from agent.understanding import SentenceFindings, Understanding
from agent.understanding.fact_match import (
    asked_facts,
    by_subject,
    pair_scores,
    topic_probabilities,
)
from agent.understanding.sentences import Span
from agent.understanding.vectors import Embedder


def facts_asked(
    understanding: Understanding,
    text: str,
    asked: list[SentenceFindings],
    context: ReadContext,
    *,
    strict: bool,
) -> tuple[list[str], list[SentenceFindings], list[str], list[AskedPart]]:
    """The card facts these questions ask about, part by part (the learned matcher, its
    stricter bars with `strict`; without it a fact's cue first, then the question's
    meaning), the parts that matched none, the pieces of those facts the parts ask for
    (agent/read/pieces.py; none: whole facts), and each part in the order asked with the
    pieces that answer it (none: the card does not cover it)."""
    facts = card_facts(context.card)
    parts = question_spans(text, asked)
    heads = understanding.fact_heads()
    embedder = understanding.embedder
    if heads is None or embedder is None or not parts:
        return (*_by_cue_and_meaning(understanding, text, parts, context, strict=strict), [], [])
    pieces = card_pieces(context.card)
    topic_head, match = heads
    # a bare list ("Text, image, video?") may name the values of one question rather
    # than topics: the whole is matched too, and where it names a fact, its items are
    # not left to an assumption
    wholes = [s for s in asked if bare_list(text, Span(s.start, s.end, s.text))]
    both = parts + wholes
    vectors = understanding.embed([s.text for s in both])
    # what the matcher reads: a short part that refers back, with the sentence before it
    # (the pieces of a fact are still chosen by the part's own words)
    read_as = matcher_spans(text, parts) + [Span(s.start, s.end, s.text) for s in wholes]
    # (not a part that names a fact by a cue phrase of its own: "is it console or PC?" asks
    # about the devices whatever the sentence before named)
    reread = [
        i
        for i, (r, s) in enumerate(zip(read_as, both, strict=True))
        if r.start != s.start and not facts.by_cue(text, Span(s.start, s.end, s.text))
    ]
    read_as = [
        r if i in reread else Span(s.start, s.end, s.text)
        for i, (r, s) in enumerate(zip(read_as, both, strict=True))
    ]
    matched = np.array(vectors, copy=True)
    if reread:
        again = understanding.embed([read_as[i].text for i in reread])
        for i, v in zip(reread, again, strict=True):
            matched[i] = v
    probs = topic_probabilities(topic_head, matched)
    side = facts.side(embedder)
    topics: list[str] = []
    unmatched: list[SentenceFindings] = []
    per_part: list[list[str]] = []
    match_of: list[dict[str, float]] = []  # per part, the matcher's score of each fact
    naming: list[bool] = []  # per part, it names a fact it asks for by a cue phrase
    for i, (s, vector, p) in enumerate(zip(both, matched, probs, strict=True)):
        hits = set(facts.by_cue(text, read_as[i]))
        # an item of a bare list is a word or two: it names a fact by a cue of it, or
        # surely (its stricter bars), else the whole list speaks for it
        item = i < len(parts) and any(w.start <= s.start < w.end for w in wholes)
        sure = strict or item
        scores = pair_scores(match, np.asarray(vector), side, p, hits)
        here = asked_facts(match, np.asarray(vector), side, p, hits, strict=sure, scores=scores)
        if i in reread and _echoes(i, here, both, read_as, per_part, vectors, pieces, embedder):
            # read with the sentence before, the part only asks again what a part of that
            # sentence asked ("... or only for ranking? And third, is it mobile, web, or
            # both?"): its "it" names the setting, not that part's subject, so it is read
            # by its own words
            reread.remove(i)
            vector = np.asarray(vectors[i])
            p = topic_probabilities(topic_head, vector[None, :])[0]
            hits = set(facts.by_cue(text, Span(s.start, s.end, s.text)))
            scores = pair_scores(match, vector, side, p, hits)
            here = asked_facts(match, vector, side, p, hits, strict=sure, scores=scores)
        match_of.append(dict(zip(side.topics, map(float, scores), strict=True)))
        # two facts the matcher ties: the one whose text is nearer the part's meaning
        v = np.asarray(vector)

        def nearness(topic: str, v: np.ndarray = v) -> float:
            return pieces.nearest_of(v, topic, embedder)

        here = by_subject(here, side.topics, scores, nearness, match.info.top_threshold or 1.0)
        # and whether the part names one of them by a cue phrase (asks for it by name)
        naming.append(bool(set(here) & hits))
        here = same_scale(here, context.card, question_scales(text, s.start, s.end))
        # a fact the part does not name by a cue phrase is held to a guess one sentence
        # further on too (agent/read/durations.py)
        far = question_scales(text, s.start, s.end, reach=GUESS_REACH)
        here = [t for t in here if t in hits or same_scale([t], context.card, far)]
        # a requirements question no fact answers may be one the opening settles; the
        # opening only says what the product is, so what the question asks beyond it
        # ("is this for the friends feed, or recommended posts too?") is still the
        # candidate's to assume
        if not here and not strict and facts.by_opening(s.text):
            here = [OPENING_TOPIC]
        per_part.append(here)
        topics += [t for t in here if t not in topics]
        if i >= len(parts):  # a whole list
            if here:
                unmatched = [u for u in unmatched if not s.start <= u.start < s.end]
        elif not here or here == [OPENING_TOPIC]:
            unmatched.append(s)
    vecs = [np.asarray(v) for v in vectors]

    def margin(text: str, topic: str) -> float:
        return piece_margin(text, len(pieces.of_topic(topic)))

    answered = [
        AskedPart(
            text=s.text,
            pieces=[q for t in here for q in pieces.for_part(v, t, embedder, margin(s.text, t))],
            names_fact=named,
        )
        for s, here, v, named in zip(both, per_part, vecs, naming, strict=True)
    ]
    # a part no fact matched may still ask for a piece of a fact another part named
    # ("how do we learn it was fraud? how long does that take?")
    named = [t for t in topics if t != OPENING_TOPIC]
    taken = {q for a in answered for q in a.pieces}
    for i in range(len(parts)):
        if not per_part[i]:
            # not of a named fact the matcher reads as less likely than another it finds
            # plausible: the part's subject is that other fact, not its neighbour's
            mine = follow_on_topics(named, match_of[i])
            answered[i].pieces = pieces.follow_on(vecs[i], mine, taken, embedder)
        elif per_part[i] == [OPENING_TOPIC] and len(parts) == 1:
            # a question the opening settles, asked alone ("is this for rides or for
            # food?"), hears it; beside other parts, what it asks beyond what the product
            # is stays open and is named as such
            answered[i].pieces = [piece_id(OPENING_TOPIC, 0)]
    sentence = [sentence_of(asked, s) for s in parts]
    together = [i > 0 and sentence[i] == sentence[i - 1] for i in range(len(parts))]
    # a part that points back may ask for more of the fact the part before it gave
    further = further_pieces(answered[: len(parts)], together, per_part)
    for i, topics_before in further.items():
        answered[i].pieces = pieces.further(vecs[i], topics_before, taken, LEAN_BAR, embedder)
        taken |= set(answered[i].pieces)
    piece_vectors = dict(zip(pieces.ids, pieces.vectors(embedder), strict=True))
    near = [
        max((float(piece_vectors[q] @ vecs[i]) for q in answered[i - 1].pieces), default=0.0)
        if i and answered[i - 1].pieces and answered[i - 1].pieces[0] in piece_vectors
        else 0.0
        for i in range(len(parts))
    ]
    for i, (a, v, m) in enumerate(zip(answered, vecs, match_of, strict=True)):
        a.near, a.nearness = pieces.nearest(v, embedder)
        if i in reread:  # and the pieces near it read with the sentence before
            a.near, a.nearness = _merged(
                (a.near, a.nearness), pieces.nearest(np.asarray(matched[i]), embedder)
            )
        a.near_match = [round(m.get(piece_topic(q), 0.0), 4) for q in a.near]
    # a bare fragment after an answered part asks about that part's subject
    for i, topic in elliptical(answered[: len(parts)], naming).items():
        answered[i].pieces = pieces.for_part(vecs[i], topic, embedder)
        unmatched = [u for u in unmatched if u.start != parts[i].start]
        topics += [topic] if topic not in topics else []
    leaning = leaning_back(answered[: len(parts)], together, near)
    # a part answered with the one before it is not left to an assumption
    unmatched = [u for u in unmatched if all(u.start != parts[i].start for i in leaning)]
    ordered = [
        a
        for a in in_order(answered[: len(parts)], answered[len(parts) :], both)
        if not any(a is answered[i] for i in leaning)
    ]
    chosen = list(dict.fromkeys(q for a in ordered for q in a.pieces))
    # a part whose words a line of the reply says asks what that line answers
    open_before = {a.text for a in ordered if not a.pieces}
    texts = dict(zip(pieces.ids, pieces.texts, strict=True))
    named_by_reply(ordered, {q: texts[q] for q in chosen if q in texts})
    covered = {a.text for a in ordered if a.pieces and a.text in open_before}
    unmatched = [u for u in unmatched if u.text not in covered]
    said = {piece_topic(q) for q in chosen}
    topics = [t for t in topics if t in said or t == OPENING_TOPIC]
    return topics, unmatched, chosen, ordered


def _by_cue_and_meaning(
    understanding: Understanding,
    text: str,
    parts: list[SentenceFindings],
    context: ReadContext,
    *,
    strict: bool,
) -> tuple[list[str], list[SentenceFindings]]:
    """Without the learned heads: a fact's cue first, then the part's meaning."""
    facts = card_facts(context.card)
    topics: list[str] = []
    unmatched: list[SentenceFindings] = []
    for s in parts:
        here = facts.by_cue(text, Span(s.start, s.end, s.text))
        topics += [t for t in here if t not in topics]
        if not here:
            unmatched.append(s)
    embedder = understanding.embedder
    if not unmatched or embedder is None:
        return topics, unmatched
    still: list[SentenceFindings] = []
    vectors = understanding.embed([s.text for s in unmatched])
    for s, vector in zip(unmatched, vectors, strict=True):
        fact, _ = facts.by_meaning(np.asarray(vector), embedder, strict=strict)
        # a requirements question no fact answers may be one the opening settles
        fact = fact or (None if strict else facts.by_opening(s.text))
        if fact and fact not in topics:
            topics.append(fact)
        elif not fact:
            still.append(s)
    return topics, still


def _echoes(
    i: int,
    facts: list[str],
    spans: list[SentenceFindings],
    read_as: list[Span],
    earlier: list[list[str]],
    vectors: np.ndarray,
    pieces: CardPieces,
    embedder: Embedder,
) -> bool:
    """Part i, read with the sentence before it (`read_as[i]`), is tied only to the pieces a
    part of that sentence is already tied to (`earlier`: the facts of the parts before i),
    each piece chosen by the part's own words: it adds nothing of its own to that reading."""
    before = [j for j in range(i) if read_as[i].start <= spans[j].start < spans[i].start]
    if not facts or not before:
        return False

    def tied(j: int, topics: list[str]) -> set[str]:
        v = np.asarray(vectors[j])
        return {q for t in topics for q in pieces.for_part(v, t, embedder)}

    said = set().union(*(tied(j, earlier[j]) for j in before))
    mine = tied(i, facts)
    return bool(mine) and mine <= said


def _merged(
    one: tuple[list[str], list[float]], other: tuple[list[str], list[float]]
) -> tuple[list[str], list[float]]:
    """Two lists of nearest pieces as one, each piece at its higher cosine, best first, as
    long as the longer of them."""
    best: dict[str, float] = {}
    for ids, sims in (one, other):
        for q, c in zip(ids, sims, strict=True):
            best[q] = max(c, best.get(q, c))
    order = sorted(best, key=lambda q: -best[q])[: max(len(one[0]), len(other[0]))]
    return order, [best[q] for q in order]
