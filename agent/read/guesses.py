"""What in a clarifying message is asked and what is the candidate's own guess: the guess
beside a question is what they would go with, not a second question, and a request to
confirm ("OK?", "Is that fair?") asks about the statement before it."""

from __future__ import annotations

import re

from agent.read.lexicon import ReaderLexicon
from agent.read.quantities import quantities
from agent.read.reading import MetaTopic, Reading
from agent.understanding import MessageFindings, SentenceFindings
from agent.understanding.sentences import is_term_list, normalise

# the words a spoken sentence may open with before its guess ("so, I suppose ...")
_FILLER = re.compile(r"^\W*(?:(?:so|and|yeah|yes|ok|okay|well|hmm|right|then|also)\W+)*")
# what the candidate would do: "we'd", "we could also", "I should"
_OWN_ACTION = re.compile(
    r"\W*(?:that\s+)?(?:we|i)(?:'d|'ll|\s+(?:would|could|should|can|might|will|may))\b"
)


def written_as_question(part: SentenceFindings, found: MessageFindings) -> bool:
    """The part belongs to a sentence that ends with a question mark."""
    return any(
        s.start <= part.start and part.end <= s.end and s.text.rstrip().endswith("?")
        for s in found.sentences
    )


def own_guess(part: SentenceFindings, lexicon: ReaderLexicon) -> bool:
    """A question that opens with the candidate's guess at what they themselves would do
    and names no figure ("I guess we'd also weight the newest cases higher?"): it puts their
    idea up for a reaction. A guess about the setting ("I guess the labels come from
    chargebacks?") or with a figure ("I'd assume 10k QPS?") asks to have it confirmed or
    corrected."""
    text = _FILLER.sub("", normalise(part.text))
    lead = lexicon.assumption_re.match(text)
    if lead is None or not text.rstrip().endswith("?") or quantities(part.text):
        return False
    return bool(_OWN_ACTION.match(text[lead.end() :]))


def marked_questions(asked: list[SentenceFindings], sure: float) -> list[SentenceFindings]:
    """Where the message marks a question with a question mark, the sentences the model
    reads as asking without one ("So also revenue, and maybe how many users hide ads.")
    are statements unless it is sure of them: the written mark is the stronger sign."""
    if not any(s.text.rstrip().endswith("?") for s in asked):
        return asked
    return [s for s in asked if s.text.rstrip().endswith("?") or s.asking >= sure]


def without_leave_requests(
    asked: list[SentenceFindings], lexicon: ReaderLexicon
) -> list[SentenceFindings]:
    """Without the questions that only ask leave to ask ("May I ask a few questions
    first?"), when the message asks something besides: the questions it announces are what
    it asks, and the request itself is neither answered from the card nor called open.
    Alone, it stays the message's question."""
    leave = lexicon.asks_leave_re
    kept = [_after_leave(s, leave) for s in asked if not leave.search(normalise(s.text))]
    return kept or asked


def _after_leave(s: SentenceFindings, leave: re.Pattern[str]) -> SentenceFindings:
    """A question led by a request for leave and a colon ("Can I ask first: is it ...?"), from
    the question after the colon: what it asks is read, matched and quoted by its own words."""
    lead, colon, rest = s.text.partition(":")
    if not colon or not rest.strip() or not leave.search(normalise(lead)):
        return s
    start = s.start + len(lead) + 1 + (len(rest) - len(rest.lstrip()))
    return s.model_copy(update={"text": rest.strip(), "start": start})


def with_spelled_out(
    asked: list[SentenceFindings], found: MessageFindings
) -> list[SentenceFindings]:
    """With each bare list of terms that comes right after a question and spells out what
    it asks ("Scale? QPS, candidates, latency."): the list is the question's items, each
    asked, though it carries no question mark of its own."""
    out: list[SentenceFindings] = []
    for before, s in zip(found.sentences, found.sentences[1:], strict=False):
        if before in asked and s not in asked and is_term_list(s.text):
            out.append(s)
    return sorted([*asked, *out], key=lambda s: s.start) if out else asked


def without_assumptions(
    asked: list[SentenceFindings], found: MessageFindings, lexicon: ReaderLexicon
) -> list[SentenceFindings]:
    """Without the candidate's own assumptions ("I'd guess a few days, we have a lot of
    users."), when the message also asks in so many words (one written with a question
    mark, "I'd assume 10k QPS?", still asks)."""
    assumption = lexicon.assumption_re
    kept = [
        s
        for s in asked
        if written_as_question(s, found) or not assumption.search(normalise(s.text))
    ]
    return kept if any(written_as_question(s, found) for s in kept) else asked


def confirmed(
    asked: list[SentenceFindings], found: MessageFindings, lexicon: ReaderLexicon
) -> list[SentenceFindings]:
    """A request to confirm asks about the statement before it ("Assume 30M players and 10k
    QPS. OK?"): that statement is matched in its place."""
    out: list[SentenceFindings] = []
    for s in asked:
        before = [p for p in found.sentences if p.end <= s.start]
        if lexicon.confirm_re.search(normalise(s.text)) and before and before[-1] not in asked:
            out.append(before[-1])
            if not _bare_confirm(s.text):
                # "Is it only normal rides, or shared rides too?" asks a question of its own
                out.append(s)
        else:
            out.append(s)
    return out


# a request to confirm with nothing of its own to ask: a few words ("OK?", "Is that
# right?") or one that points at what was just said ("Does that match what you expect?")
BARE_CONFIRM_WORDS = 5
_POINTS_BACK = re.compile(r"\b(?:that|this|these|those)\b", re.IGNORECASE)


def _bare_confirm(text: str) -> bool:
    return len(text.split()) <= BARE_CONFIRM_WORDS or bool(_POINTS_BACK.search(text))


def open_to_correction(found: MessageFindings, lexicon: ReaderLexicon) -> list[SentenceFindings]:
    """The candidate's assumptions they ask to have corrected ("I'll assume 50k requests a
    second and 30 ms. Tell me if those are way off."): the assumption sentences before the
    invitation, which ask about what they name as a question would. An invitation that
    names no figure of its own and comes first ("I'll fill in the rest, so correct me if
    any of these is off. About 50 million users. Around 2 million live events.") covers
    the sentences after it that state figures: every one of them is open to correction,
    not only one the card contradicts by a wide margin."""
    out: list[SentenceFindings] = []
    for s in found.sentences:
        if not lexicon.correct_me_re.search(normalise(s.text)):
            continue
        before = [p for p in found.sentences if p.end <= s.start and p not in out]
        out += [p for p in before if lexicon.assumption_re.search(normalise(p.text))]
        if not quantities(s.text):
            after = [p for p in found.sentences if p.start >= s.end and p not in out]
            out += [p for p in after if quantities(p.text)]
        # the invitation may carry its own assumption ("I'll take 200 ms, tell me if not")
        if lexicon.assumption_re.search(normalise(s.text)) and s not in out:
            out.append(s)
    return out


def design_choices(
    unmatched: list[SentenceFindings], reading: Reading, lexicon: ReaderLexicon
) -> tuple[list[SentenceFindings], dict[str, object]]:
    """The questions no card fact answers that put a design choice to the interviewer
    ("Maybe share one code path for both?", "Should we cache the scores?") taken out of
    the rest: they are the candidate's call, answered as a design question (the reading's
    update that says so; nothing when there is none)."""
    choices = [s for s in unmatched if lexicon.design_choice_re.search(normalise(s.text))]
    rest = [s for s in unmatched if s not in choices]
    if not choices or MetaTopic.DESIGN in (reading.meta, *reading.more_meta):
        return rest, {}
    if reading.meta is None:
        return rest, {"meta": MetaTopic.DESIGN}
    return rest, {"more_meta": [*reading.more_meta, MetaTopic.DESIGN]}
