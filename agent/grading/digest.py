"""The offline design summary: the candidate's own claims, per interview phase.

Each candidate sentence that the understanding layer found evidence in goes to one phase:
its signals -> their rubric dimensions -> the phase each dimension belongs to, weighted by
signal weight and the model's confidence (a sentence said during that phase of an interview
counts a little more). The sentence is shown whole, as the candidate wrote it: a fragment the
splitter cut at a semicolon or a list marker is widened to the full sentence of its source,
unless that sentence runs past MAX_SENTENCE_CHARS (a spoken answer with no stop), where the
clause the splitter cut is kept instead (verbatim, without a joining word it opens with, so it
still matches the claim it quotes) and shown as a sentence of its own (`phase_line`,
whole_sentences.as_sentence: no leading "and", a capital, a stop).
A sentence read as the candidate's closing recap of the design ("to sum up: XGBoost on
velocity features, served from Redis, A/B tested on block rate") touches every phase and
belongs under none: it is a phase's line only where the phase has no statement of its own.
Questions, headings, manipulation sentences (never evidence) and repeats are left out; a
phase where the candidate only asked questions says so instead of "not discussed". A message
the interview read as a question to the interviewer (and answered as one) counts as a question
asked in its phase even where no sentence of it was evidence, so the turn and the recap agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from agent.content.phases import PHASE_ORDER, Phase, PhasePlan
from agent.content.rubric import Rubric
from agent.grading.narrative import RecapWording, wording
from agent.grading.recap import PhaseDigest, Recap
from agent.grading.scoring import COMMUNICATION_ID, Evidence, closing_recap
from agent.grading.whole_sentences import as_sentence, clause_start, whole_sentence

SENTENCES_PER_PHASE = 3
MAX_SENTENCE_CHARS = 400  # a longer "sentence" is a paragraph without stops: not a digest line
PHASE_BONUS = 1.5  # a sentence said during the phase it is about weighs this much more
NEAR_DUPLICATE = 0.8  # word overlap (Jaccard) above which a sentence repeats another
DIGEST_PHASES: tuple[Phase, ...] = tuple(p for p in PHASE_ORDER if p != Phase.WRAP_UP)

_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class _Claim:
    text: str
    turn: int
    start: int
    weight: dict[Phase, float]
    question: bool
    recap: bool = False  # read as the candidate's closing recap of the design


@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def _repeats(text: str, kept: list[str]) -> bool:
    mine = _words(text)
    for other in kept:
        theirs = _words(other)
        union = mine | theirs
        if union and len(mine & theirs) / len(union) >= NEAR_DUPLICATE:
            return True
    return False


def _claims(
    evidence: list[Evidence],
    rubric: Rubric,
    sources: dict[int, str],
    turn_phase: dict[int, str],
) -> list[_Claim]:
    claims: dict[tuple[int, int], _Claim] = {}
    recap = closing_recap(evidence)
    for e in evidence:
        if e.dimension_id == COMMUNICATION_ID:
            continue  # how the answer is organised, not a claim about the design
        source = sources.get(e.sentence.turn, e.sentence.text)
        found = whole_sentence(source, e.sentence.text)
        if found is None:
            continue
        start, text = found
        if len(text) > MAX_SENTENCE_CHARS:
            # a spoken run-on with no stop: the clause the splitter cut and the model read,
            # not nothing (the phase would read "not discussed" beside its quoted score)
            text = clause_start(e.sentence.text).rstrip(" ,;:")
            start = source.find(e.sentence.text)
        claim = claims.setdefault(
            (e.sentence.turn, start), _Claim(text, e.sentence.turn, start, {}, False)
        )
        read = e.sentence.findings
        if read is not None and read.question:
            claim.question = True
        if e.sentence.order in recap:
            claim.recap = True
        phase = rubric.dimension(e.dimension_id).phase
        gain = rubric.signal(e.signal_id).weight * max(e.strength, 0.0)
        if turn_phase.get(e.sentence.turn) == phase.value:
            gain *= PHASE_BONUS
        claim.weight[phase] = claim.weight.get(phase, 0.0) + gain
    return sorted(claims.values(), key=lambda c: (c.turn, c.start))


def _is_question(claim: _Claim) -> bool:
    return claim.question or claim.text.endswith("?")


def _shown(claim: _Claim) -> bool:
    text = claim.text
    return (
        not text.startswith("#")
        and len(text) <= MAX_SENTENCE_CHARS
        and any(ch.isalpha() for ch in text)
    )


def _labelled_phase(text: str, plan: PhasePlan) -> Phase | None:
    """The phase a sentence's leading label names ("Serving: ...", "Eval: ..."), if any."""
    m = _LABEL.match(text)
    phase = plan.named_in(m.group(1)) if m is not None else None
    return phase if phase in DIGEST_PHASES else None


def _lend_to_empty_phases(
    claims: list[_Claim], owner: dict[int, Phase], rank: dict[Phase, int]
) -> None:
    """A phase that owns no claim takes the claim that weighs most for it from a phase that
    owns several, so an evaluation sentence tied a little more to metrics does not leave
    "Evaluation: not discussed" beside an evaluation score that quotes it. Where the only
    claim for it sits alone in another phase, that phase first takes another claim from a
    phase that owns several ("labels from chargebacks, so split by time" under evaluation
    goes to data once evaluation takes another evaluation sentence from the model's)."""

    def owned() -> dict[Phase, int]:
        return {p: sum(owner[id(c)] == p for c in claims) for p in DIGEST_PHASES}

    def spare(phase: Phase, besides: _Claim | None = None) -> list[_Claim]:
        count = owned()
        return [
            c
            for c in claims
            if c is not besides and c.weight.get(phase, 0.0) > 0 and count[owner[id(c)]] > 1
        ]

    def best(phase: Phase, among: list[_Claim]) -> _Claim:
        return max(among, key=lambda c: (round(c.weight[phase], 6), -rank[owner[id(c)]]))

    for phase in DIGEST_PHASES:
        if owned()[phase]:
            continue
        movable = spare(phase)
        if movable:
            owner[id(best(phase, movable))] = phase
            continue
        alone = [c for c in claims if c.weight.get(phase, 0.0) > 0]
        for c in sorted(alone, key=lambda c: -c.weight[phase]):
            source = owner[id(c)]
            refill = spare(source, besides=c)
            if refill:
                owner[id(best(source, refill))] = source
                owner[id(c)] = phase
                break


def design_digest(
    evidence: list[Evidence],
    rubric: Rubric,
    plan: PhasePlan,
    sources: dict[int, str],
    *,
    turn_phase: dict[int, str] | None = None,
    not_reached: list[Phase] | None = None,
    asked_turns: dict[int, Phase] | None = None,
    retracted: Callable[[str], bool] = lambda _: False,
) -> list[PhaseDigest]:
    """Per phase (interview order), up to SENTENCES_PER_PHASE of the candidate's claims.

    `retracted`: true for a claim the candidate corrected after a challenge; it is listed
    as corrected under its phase, never summarised as the design.

    `asked_turns`: the candidate turns the interview read as questions to the interviewer,
    with the phase each was asked in; one without a question among the evidence still
    counts as one question asked there."""
    turn_phase = turn_phase or {}
    missing = set(not_reached or [])
    every = [c for c in _claims(evidence, rubric, sources, turn_phase) if _shown(c)]
    rank = {p: i for i, p in enumerate(PHASE_ORDER)}
    owner = {id(c): min(c.weight, key=lambda p: (-round(c.weight[p], 6), rank[p])) for c in every}
    for c in every:  # "Serving: a model server behind the API" is where the candidate put it
        labelled = _labelled_phase(c.text, plan)
        if labelled is not None:
            owner[id(c)] = labelled
    withdrawn = [c for c in every if retracted(c.text)]
    claims = [c for c in every if not _is_question(c) and c not in withdrawn]
    _lend_to_empty_phases(claims, owner, rank)
    asked = [owner[id(c)] for c in every if _is_question(c)]
    counted = {c.turn for c in every if _is_question(c)}
    asked += [
        phase
        for turn, phase in sorted((asked_turns or {}).items())
        if turn not in counted and phase in DIGEST_PHASES
    ]
    kept: list[str] = []
    out: list[PhaseDigest] = []
    for phase in DIGEST_PHASES:
        mine = [c for c in claims if owner[id(c)] == phase]
        best = sorted(mine, key=lambda c: (-round(c.weight.get(phase, 0.0), 6), c.turn, c.start))
        chosen: list[_Claim] = []
        for c in best:
            if len(chosen) == SENTENCES_PER_PHASE:
                break
            if c.recap and any(not o.recap for o in mine):
                continue  # the closing recap restates; the phase's own statements say it
            if not _repeats(c.text, kept):
                chosen.append(c)
                kept.append(c.text)
        chosen.sort(key=lambda c: (c.turn, c.start))
        out.append(
            PhaseDigest(
                phase=phase,
                title=plan.spec(phase).title,
                sentences=[c.text for c in chosen],
                reached=phase not in missing or bool(chosen),
                questions=asked.count(phase),
                corrected=[c.text for c in withdrawn if owner[id(c)] == phase],
            )
        )
    return out


def empty_phase(d: PhaseDigest, w: RecapWording) -> str:
    """What a phase with no claim of the candidate's says instead: only questions, not
    discussed, or not reached."""
    if not d.reached:
        return w.not_reached
    if not d.questions:
        return w.not_discussed
    asked = w.one_question if d.questions == 1 else w.questions.format(n=d.questions)
    return w.asked_only.format(questions=asked)


_LABEL = re.compile(r"^([A-Za-z][A-Za-z &/-]{0,40}):\s+(?=\S)")


def unlabelled(sentence: str, title: str) -> str:
    """The sentence without a leading label the phase title already says ("Features: amount,
    ..." under Features), so a summary line never reads "Features: Features: ..."."""
    m = _LABEL.match(sentence)
    if m is None or not _words(m.group(1)) or not _words(m.group(1)) <= _words(title):
        return sentence
    rest = sentence[m.end() :]
    return rest[:1].upper() + rest[1:]


def phase_line(d: PhaseDigest, w: RecapWording) -> str:
    """A phase's summary: the model's (when it wrote one), else the candidate's sentences
    (or why there are none)."""
    if d.written:
        return d.written
    fixed = [w.corrected.format(quote=unlabelled(q, d.title)) for q in d.corrected]
    if not d.sentences:
        return " ".join(fixed) or empty_phase(d, w)
    shown = [as_sentence(s) for s in [unlabelled(d.sentences[0], d.title), *d.sentences[1:]]]
    return " ".join([*shown, *fixed])


def summary_text(design: list[PhaseDigest], w: RecapWording) -> str:
    """One line per phase: its title, then the candidate's sentences (or why there are none)."""
    return "\n".join(f"{d.title}: {phase_line(d, w)}" for d in design)


def design_lines(recap: Recap) -> list[str]:
    """The design summary, one line per phase (recaps saved before the digest: as written),
    after the note on a model's summary that could not be used, if any."""
    note = [f"({recap.summary_note})"] if recap.summary_note else []
    if not recap.design:
        return note + [line for line in recap.summary.splitlines() if line.strip()]
    return note + summary_text(recap.design, wording()).splitlines()
