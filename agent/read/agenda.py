"""Which parts of the design a message names, and the order of work a candidate announces.

A candidate who says how they will go ("I'll go through the data first, then the model, then
serving"; "the serving envelope drives everything, so I'd like to start there") leads the
order of the interview: the reader hands the parts they named, in their order, to the policy,
which records the order and follows it (agent/decide/situation.py). A part is named by the
words candidates call it by (the phases' `names` in knowledge/phases.yaml); a sentence
announces an order when it speaks of the candidate's own plan and of an order
(`order_of_work` in prompts/reader_lexicon.yaml). The phases of the rubric signals a message
shows are another matter (Reading.phases): a part can be named without any of its signals.
"""

from __future__ import annotations

from collections.abc import Iterable

from agent.content.phases import Phase, PhasePlan
from agent.read.lexicon import ReaderLexicon
from agent.read.reading import ReadContext

# parts named that are not design parts: the requirements come first anyway, and the wrap-up
# is the interviewer's to call
_NOT_DESIGN = frozenset({Phase.CLARIFY, Phase.WRAP_UP})


# a sentence that names a part within its first words is about that part ("Monitoring: ...",
# "Okay, for serving.", "On the data side, ..."); named later, the name is most likely a
# passing word ("... calls the model for each one")
OPENING_WORDS = 4


def design_parts_named(text: str, plan: PhasePlan | None) -> list[Phase]:
    """The design phases the text names ("calls the model", "for serving"), each once, in
    the order they are first named."""
    if plan is None:
        return []
    named = [p for p in plan.phases_named(text) if p not in _NOT_DESIGN]
    return list(dict.fromkeys(named))


def parts_opened(sentences: Iterable[str], plan: PhasePlan | None) -> list[Phase]:
    """The design parts the message's sentences open with ("Monitoring: check ...", "Okay,
    for serving. ..."): where the candidate says they are, each once, in order."""
    out: list[Phase] = []
    for sentence in sentences:
        opening = " ".join(sentence.split()[:OPENING_WORDS])
        out += [p for p in design_parts_named(opening, plan) if p not in out]
    return out


def part_gone_to(
    sentences: Iterable[str], plan: PhasePlan | None, lexicon: ReaderLexicon
) -> Phase | None:
    """The design part a sentence of the candidate's own plan says they go to now, forward
    or back ("next I'll go back to the labelling"): the part named right after
    its verb of going; None when no such sentence names one."""
    if plan is None:
        return None
    for sentence in sentences:
        if not lexicon.order_of_work_re.search(sentence):
            continue
        going = _going_to(sentence, plan, lexicon)
        if going is not None and going not in _NOT_DESIGN:
            return going
    return None


def parts_done(
    sentences: Iterable[str], plan: PhasePlan | None, lexicon: ReaderLexicon, current: Phase
) -> list[Phase]:
    """The design parts the message names as done ("I think I've covered the model part",
    "this covers serving"), each once, in order: where the candidate comes from. Said of
    no part by name ("I've said enough on that"), it is the part in progress."""
    out: list[Phase] = []
    for sentence in sentences:
        for m in lexicon.covered_part_re.finditer(sentence):
            named = design_parts_named(m.group(0), plan)
            if not named and plan is not None and not plan.phases_named(m.group(0)):
                named = [] if current in _NOT_DESIGN else [current]
            out += [p for p in named if p not in out]
    return out


def announced_order(
    sentences: Iterable[str], plan: PhasePlan | None, lexicon: ReaderLexicon
) -> list[Phase]:
    """The order of work the message announces: the design parts named in its sentences that
    lay out the candidate's plan, in the order named (empty when it announces none)."""
    order: list[Phase] = []
    for sentence in sentences:
        if not lexicon.order_of_work_re.search(sentence):
            continue
        order += [p for p in design_parts_named(sentence, plan) if p not in order]
    return order


# how far after "move on to" the part it names may start ("move on to the serving part")
_MOVE_TO_REACH = 30


def _going_to(text: str, plan: PhasePlan, lexicon: ReaderLexicon) -> Phase | None:
    """The part named right after a verb of going ("move on to the serving part", "go back to
    the features"), a part named as done ("I've said what I can on features") left out."""
    text = lexicon.covered_part_re.sub(" ", text)
    for m in lexicon.move_to_re.finditer(text):
        ahead = plan.phases_named(text[m.end() : m.end() + _MOVE_TO_REACH])
        if ahead:
            return ahead[0]
    return None


def named(text: str, context: ReadContext, lexicon: ReaderLexicon | None = None) -> Phase | None:
    """The phase a (normalised) request to move on names, if any. With the lexicon, a part
    named as done ("shall we move on? I've said what I can on features") is where the
    candidate comes from, not where they ask to go: it names nothing; and the part right
    after "move on to" is where they ask to go, whatever else they name ("can we move on to
    monitoring, or do you want more on experiments?")."""
    if context.plan is None:
        return None
    if lexicon is not None:
        going = _going_to(text, context.plan, lexicon)
        if going is not None:
            return going
        text = lexicon.covered_part_re.sub(" ", text)
    return context.plan.named_in(text)


def heads_to(text: str, context: ReadContext, lexicon: ReaderLexicon) -> bool:
    """The (normalised) request names a part right after a verb of going ("move on to the
    serving part", "go back to the features"): the part is where the candidate asks to go."""
    return context.plan is not None and _going_to(text, context.plan, lexicon) is not None
