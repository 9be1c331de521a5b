"""Which of the wrong claims the model found apply to this problem, and still stand.

The model finds a wrong claim from the sentence alone; whether it is wrong *here* depends on
the problem (accuracy is only misleading when positives are rare, a random split only leaks
when the data is ordered in time). Each claim's `when` block in knowledge/misconceptions.yaml
says where it applies: card tags, the card's ML task, or words of the card and conversation.

Whether it stands depends on the rest of what the candidate said
(knowledge/grading/repairs.yaml): a message that also states the right practice ("split by
time ... not random, because that leaks") rejects the mistake it names, and one that goes on
to state a repair after it ("if I tune on the test set it isn't honest. So tune on
validation and look at test once") has corrected it; a claim that
something is missing (an A/B test with no guardrails) does not stand where the candidate
stated the missing thing, in this message or earlier in the interview.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agent.content.files import ContentError
from agent.content.misconceptions import (
    Misconception,
    MisconceptionCatalog,
    Repairs,
    card_context,
    conditions_hold,
    load_repairs,
)
from agent.content.problems import ProblemCard
from agent.understanding.findings import MessageFindings
from agent.understanding.sentences import normalise


def states_the_mistake(m: Misconception, repairs: Repairs, text: str) -> bool:
    """The sentence makes the claim's act as its mistake says (`Misconception.made_in`) and
    does not name the right practice of the claim's subject (`Repairs.states_sound_practice`):
    what the reader and the challenge bar ask of one sentence before a claim read in it can
    stand."""
    return m.made_in(text) and not repairs.states_sound_practice(m.id, text)


def applicable_claims(
    found: MessageFindings,
    catalog: MisconceptionCatalog,
    *,
    card: ProblemCard | None,
    context: str = "",
    shown_before: Iterable[str] = (),
) -> list[str]:
    """Wrong-claim ids found in the message that apply to this problem and that the
    candidate has not rejected or made up for (`shown_before`: the rubric signals the
    interview already heard), in order found."""
    return [
        cid
        for _, cid in standing_claims(
            found, catalog, card=card, context=context, shown_before=shown_before
        )
    ]


def standing_claims(
    found: MessageFindings,
    catalog: MisconceptionCatalog,
    *,
    card: ProblemCard | None,
    context: str = "",
    shown_before: Iterable[str] = (),
) -> list[tuple[int, str]]:
    """(sentence index, claim id) of each wrong claim of the message that stands, at the
    first sentence where it does: what the reader challenges in a turn and the grader caps a
    dimension for (agent/grading/misconception_check.py), so a turn and its recap never
    disagree about a sentence."""
    out: list[tuple[int, str]] = []
    background: str | None = None
    known = {m.id: m for m in catalog.misconceptions}
    repairs = _repairs()
    shown = set(found.signals)
    before = shown | set(shown_before)
    for i, s in enumerate(found.sentences):
        if s.manipulative:
            continue
        for read in s.wrong_claims:
            if background is None:
                background = normalise("\n".join([found.text, context, card_context(card)]))
            cid = meant_claim(read, catalog, background, card)
            m = known.get(cid)
            if m is None or any(cid == c for _, c in out):
                continue
            if not states_the_mistake(m, repairs, s.text):
                # the sentence does not make the claim's act (nothing is tuned), only turns it
                # down or weighs it ("I wouldn't resize the frames down"), or itself names the
                # right practice of the claim's subject
                continue
            if set(repairs.same_sentence.get(cid, ())) & shown:
                continue  # the message states the right practice beside the mistake it names
            if retracted(found, i):
                continue  # taken back further on ("..., actually no, scratch that")
            if cid in repairs.omissions and set(repairs.repairs.get(cid, ())) & before:
                continue  # the thing said to be missing was stated
            if set(repairs.repairs.get(cid, ())) & _said_after(found, i, read):
                continue  # corrected further on in the same message ("..., so tune on validation")
            if any(repairs.states_sound_practice(cid, n.text) for n in found.sentences[i + 1 :]):
                continue  # a later sentence states the right practice ("So: tune on validation")
            if not m.applies_when.empty and not conditions_hold(m.applies_when, background, card):
                continue
            out.append((i, cid))
    return out


def repaired_claims(signals: Iterable[str]) -> list[str]:
    """The wrong claims a message corrects by what it states (knowledge/grading/repairs.yaml):
    one left open earlier is not raised after the candidate has put it right."""
    shown = set(signals)
    return [cid for cid, fixes in _repairs().repairs.items() if shown & set(fixes)]


# Words that take back what was just said: "scratch that", "actually, no", "I take that
# back", "on second thought", "I'm contradicting myself"
_RETRACTION = re.compile(
    r"\b(?:scratch that|strike that|forget that|ignore that|(?:i )?take (?:that|it) back|"
    r"on second thoughts?|actually,? no\b|no,? wait\b|wait,? no\b|i'?m contradicting myself|"
    r"let me (?:correct|rephrase) (?:myself|that)|"
    r"that(?:'s| is| was| would be) (?:wrong|a mistake))",
    re.IGNORECASE,
)


# a slip corrected within its own sentence: "I'd watch the model accuracy... sorry, AUC",
# "the accuracy, well, not accuracy, the AUC", "accuracy, I mean recall"
_SLIP = re.compile(r"(?:\.\.\.|,)\s*(?:sorry,|i mean\b|or rather\b|well,? not\b)", re.IGNORECASE)
_SLIP_START = re.compile(r"\s*(?:sorry,|i mean\b|or rather\b|well,? not\b)", re.IGNORECASE)


def retracted(found: MessageFindings, i: int) -> bool:
    """The i-th sentence's statement is taken back by a retraction in the same message,
    in the sentence itself after its first clause or in the next sentence."""
    text = found.sentences[i].text
    first_clause = re.search(r"[,;:\u2014]", text)  # one at its start takes back the one before
    own = first_clause is not None and bool(
        _RETRACTION.search(text, first_clause.end()) or _SLIP.search(text, first_clause.end())
    )
    later = found.sentences[i + 1 : i + 2]
    return own or any(_RETRACTION.search(n.text) or _SLIP_START.match(n.text) for n in later)


def _said_after(found: MessageFindings, i: int, claim: str) -> set[str]:
    """The signals of the message's sentences after the i-th that do not make the claim."""
    later = found.sentences[i + 1 :]
    return {sig for s in later if claim not in s.wrong_claims for sig in s.signals}


def meant_claim(
    read: str, catalog: MisconceptionCatalog, background: str, card: ProblemCard | None
) -> str:
    """The claim the words make on this problem: one read from the model's claim where it
    applies ("accuracy" for a numeric target), else the model's claim itself."""
    for m in catalog.misconceptions:
        if read in m.read_from and conditions_hold(m.applies_when, background, card):
            return m.id
    return read


def _repairs() -> Repairs:
    try:
        return load_repairs()
    except ContentError:
        return Repairs(version="", repairs={})
