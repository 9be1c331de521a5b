"""The rule that answers a question about the interview itself: time left, where we are,
"can we move on?" (to where the candidate asks, forward, never pulled back to a part they
left), an invitation to ask or an offer to go deeper. One function, as in rules.py; its place
in the rule order is in agent/decide/policy.py (the rule named "meta").
"""

from __future__ import annotations

from agent.content.phases import Phase, phase_index
from agent.decide import budget, challenges, coverage, pushes
from agent.decide.moves import Move, MoveKind
from agent.decide.situation import Situation
from agent.read.reading import MessageKind, MetaTopic


def meta(s: Situation) -> Move | None:
    if s.reading.kind == MessageKind.ANSWER:
        return _moved_on_in_answer(s)
    if s.reading.kind != MessageKind.META:
        return None
    topic = s.reading.meta or MetaTopic.OTHER
    wanted = s.reading.wants_phase
    if (
        topic == MetaTopic.NEXT
        and wanted is not None
        and not s.reading.heads_to_part
        and _left_behind(s, wanted)
    ):
        # "can we move on? I think I covered the model part": a part behind the interview
        # that was already heard enough of is where they come from, not where they go;
        # "can we go back to the features?" names where they go, covered or not
        wanted = None
    named = s.phase != Phase.WRAP_UP and wanted not in (None, s.phase, Phase.WRAP_UP)
    ready = s.phase != Phase.CLARIFY or coverage.min_turns_met(s.state, s.spec, excluding_current=1)
    if topic in (MetaTopic.NEXT, MetaTopic.OTHER) and named and ready and wanted is not None:
        # "can we move on to serving?", "can we go back to the features?": where they asked
        # to go, not the next phase in order; a part ahead that they already covered is not
        # asked for again: the next one they have not covered
        # what they want to get to, by its subject, not said yet: in the part they named
        # when they named it after a verb of going ("go back to the features")
        part = _part_asked_for(s, within=wanted if s.reading.heads_to_part else None)
        if part is not None:
            return part
        dest = wanted
        if phase_index(wanted) > phase_index(s.phase) and coverage.shown_enough(
            s.state, s.rubric, wanted
        ):
            # nothing left uncovered after it: where they asked, on what it still lacks
            dest = coverage.next_uncovered(s.state, s.rubric, wanted)
            dest = wanted if dest == Phase.WRAP_UP else dest
        why = f"candidate asked to go to {wanted}" + (
            f", already covered: on to {dest}" if dest != wanted else ""
        )
        return s.go_to(dest, why, "move_on_to")
    if topic == MetaTopic.NEXT and s.phase not in (Phase.CLARIFY, Phase.WRAP_UP):
        # "can we move on? I want to get to monitoring": the part they name by its subject,
        # when they have not said it yet
        part = _part_asked_for(s)
        if part is not None:
            return part
        here = _on_in_this_part(s, wanted)
        if here is not None:
            return here
    if s.reading.parts_offered and s.phase != Phase.WRAP_UP:
        # "I could go deeper on the training or the evaluation": the choice offered is
        # taken, among the parts the candidate named, not a question on something else
        return _offered_part(s)
    if topic == MetaTopic.INVITATION and s.phase != Phase.WRAP_UP:
        # "any questions for me?": a figure of the design the card contradicts comes first
        # (a summary that still says the figure corrected earlier), then what is still open
        figure = challenges.figures_raised(s)
        if figure is not None:
            inner = f"invited.{figure.rule}" if figure.rule else "invited"
            return figure.model_copy(update={"rule": inner})
        invited = s.probe_missing("candidate invited questions; ask about {target}", "invited")
        if invited is not None and not s.reading.offers_depth:
            return invited
    if (topic == MetaTopic.INVITATION or s.reading.offers_depth) and s.phase != Phase.WRAP_UP:
        # "is there any part you want me to go deeper on?": the offer is taken, on what they
        # said or a part still thin, never "I'll ask as we go" with most of the time left
        offer = pushes.deeper(s)
        if offer is not None:
            inner = f"offer.{offer.rule}" if offer.rule else "offer"
            return offer.model_copy(update={"rule": inner})
    if topic != MetaTopic.NEXT:
        # a line that says where we are names the later part of the design the candidate has
        # gone on to (their thread), not the phase a counter left the interview in; never an
        # earlier one (the candidate leads forward, and a few data words in a monitoring
        # answer do not make it a data answer)
        thread = s.thread()
        ahead = phase_index(thread) > phase_index(s.phase)
        return s.move(
            MoveKind.ANSWER_META,
            f"candidate asked about {topic}",
            target=topic.value,
            named_phase=thread if ahead else None,
        )
    # The request itself does not count toward the phase's minimum turns. While designing,
    # the candidate leads: a request to move on is honoured (only the requirements get a
    # first question in before the design starts).
    if s.phase != Phase.CLARIFY and s.phase != Phase.WRAP_UP:
        return s.advance(f"candidate asked to move on from {s.phase}", "move_on")
    if coverage.min_turns_met(s.state, s.spec, excluding_current=1):
        return s.advance(
            f"candidate asked to move on and {s.phase} had its minimum turns", "move_on"
        )
    early = s.probe_missing(
        "candidate asked to move on too early; first ask about {target}", "too_early"
    )
    if early is not None:
        return early
    return s.advance(
        f"candidate asked to move on; nothing essential missing in {s.phase}", "move_on"
    )


def _left_behind(s: Situation, part: Phase) -> bool:
    """A part before the one the interview is in, whose ground was already covered."""
    return phase_index(part) < phase_index(s.phase) and coverage.shown_enough(
        s.state, s.rubric, part
    )


def _moved_on_in_answer(s: Situation) -> Move | None:
    """An answer that moves on to a later part itself ("... Let's move on to serving: text
    goes through a small CPU model ..."): the interview goes there with them, instead of a
    push on the part they just closed."""
    wanted = s.reading.wants_phase
    if s.reading.meta != MetaTopic.NEXT or wanted is None or s.phase == Phase.CLARIFY:
        return None
    if wanted == Phase.WRAP_UP or phase_index(wanted) <= phase_index(s.phase):
        return None
    return s.go_to(wanted, f"candidate moved on to {wanted} in their answer", "moved_on")


def _on_in_this_part(s: Situation, wanted: Phase | None) -> Move | None:
    """A request to move on that stays in the part the interview is in: one that asks for
    this very part ("can we move on to monitoring?" during deployment), or one in the last
    design part with most of the time left, where moving on would close the interview
    early. The candidate is taken on to what this part still lacks, never pushed on the
    words of their request nor pulled back to a part they left."""
    last = phase_index(s.phase) >= phase_index(Phase.DEPLOYMENT)
    if wanted != s.phase and not (last and budget.too_early_to_close(s.state)):
        return None
    if wanted != s.phase and s.phase in s.reading.parts_done:
        # "shall we go on? I'd say this covers serving": this part is the one they leave;
        # what another part still lacks, before what this one does
        away = pushes.elsewhere(s)
        if away is not None:
            return away.model_copy(update={"rule": f"move_on_within.{away.rule}"})
    why = f"candidate asked to move on within {s.phase}; ask about {{target}}"
    return s.probe_missing(why, "move_on_within")


def _part_asked_for(s: Situation, within: Phase | None = None) -> Move | None:
    """A request to move on that names what it wants to get to by its subject ("I want to
    mention monitoring", read as a signal the request shows or mentions) that was not said
    yet: the question asks for that, in its part of the design."""
    # shown before (credited) is said; a mention is not enough to keep them from it (this
    # very request mentions it, and the state has recorded that already)
    gone = set(s.state.signals_seen) - set(s.reading.signals) | set(s.card.not_applicable)
    gone |= set(s.state.probed_targets)  # asked for once already: never the same question twice
    for sid in dict.fromkeys([*s.reading.signals, *s.reading.signals_mentioned]):
        if sid in gone:
            continue
        try:
            phase = s.rubric.dimension_of_signal(sid).phase
        except KeyError:
            continue
        # "move on" goes forward: a subject of a part already behind is not a destination
        if phase in (Phase.CLARIFY, Phase.WRAP_UP) or phase_index(phase) < phase_index(s.phase):
            continue
        if within is not None and phase != within:
            continue  # a subject outside the part they asked to go to is not where they go
        why = f"candidate asked to move on to {sid}, not said yet"
        if phase == s.phase:
            return s.move(MoveKind.PROBE, f"{why}; ask for it", target=sid, rule="asked_part")
        return s.go_to(phase, why, "asked_part").model_copy(update={"gap": sid})
    return None


def _offered_part(s: Situation) -> Move:
    """Of the design parts a candidate offered to go deeper on, the one the interview heard
    least of (its share of the signal weight shown; the first named on a tie): there, on
    its weightiest point not heard yet (the advance's gap), or the part itself."""
    offered = s.reading.parts_offered
    chosen = min(
        offered, key=lambda p: (coverage.seen_fraction(s.state, s.rubric, p), offered.index(p))
    )
    why = f"candidate offered to go deeper on {', '.join(p.value for p in offered)}: take {chosen}"
    move = s.go_to(chosen, why, "offer_choice")
    spec = s.plan.spec(chosen)
    gap = coverage.next_gap(s.state, s.reading, s.rubric, spec, s.card.not_applicable)
    return move.model_copy(update={"gap": gap}) if gap else move
