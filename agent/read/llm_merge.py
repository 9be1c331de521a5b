"""How the LLM reader's reply becomes a Reading: the model's kind, facts, signals, phases and
focus, with ids filtered to the card and the rubric, and everything the model is not asked
for (wrong claims, figures, quotes, parts named, asides, ...) taken from the offline reading
of the same message (agent/read/llm.py calls it after the model answers)."""

from __future__ import annotations

from typing import Any

from agent.content.phases import Phase
from agent.read.reading import MessageKind, MetaTopic, Reading


def _unique(items: list[str], allowed: tuple[str, ...]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item in allowed and item not in seen:
            seen.append(item)
    return seen


def merge_reading(
    base: Reading, out: dict[str, Any], text: str, topics: tuple[str, ...], signals: tuple[str, ...]
) -> Reading:
    """The model's reading, with ids filtered to the card/rubric and gaps filled from `base`."""
    kind = MessageKind(out["kind"])
    fact_topics = _unique([str(t) for t in out.get("fact_topics", [])], topics)
    if kind == MessageKind.CLARIFYING_QUESTION and not fact_topics and not out.get("unanswerable"):
        fact_topics = list(base.fact_topics)
    meta = out.get("meta")
    focus = str(out.get("focus") or "").strip()
    return Reading(
        kind=kind,
        signals=_unique(
            [str(s) for s in out.get("signals", [])]
            + [s for s in base.signals if s not in signals],  # out of the model's scope
            (*signals, *base.signals),
        ),
        fact_topics=fact_topics,
        unanswerable=bool(out.get("unanswerable")) and not fact_topics,
        phases=list(dict.fromkeys(Phase(p) for p in out.get("phases", []))),
        misconceptions=list(base.misconceptions),
        claim_quotes=dict(base.claim_quotes),
        # figures against the card and stated requirements: read offline, as the claims are
        number_conflict=base.number_conflict,
        number_conflicts=list(base.number_conflicts),
        requirements=list(base.requirements),
        figures_derived=list(base.figures_derived),
        meta=_meta(kind, meta, base),
        on_topic_score=float(out.get("on_topic", 1.0)),
        word_count=base.word_count,
        filler_rate=base.filler_rate,
        focus=focus if focus and focus in text else base.focus,
        # the candidate's words per signal and whether they asked: from the offline reading
        # (verbatim clauses), so a follow-up quotes what was really said
        quotes=dict(base.quotes),
        asks=base.asks,
        offers_depth=base.offers_depth,
        # the parts the sentences open with and an announced order: read offline, from the
        # words candidates call the parts by
        parts_named=list(base.parts_named),
        announced=list(base.announced),
        parts_done=list(base.parts_done),
        goes_to=base.goes_to,
        # "Done." (not a request to stop) as the offline reader's words say it
        asks_to_stop=base.asks_to_stop,
        # where a request to move on goes: read offline, from the words that name the parts
        wants_phase=base.wants_phase if kind == MessageKind.META else None,
        heads_to_part=base.heads_to_part if kind == MessageKind.META else False,
        angles_given=list(base.angles_given),
        thread_angles=dict(base.thread_angles),
        asides=list(base.asides),
        signals_mentioned=_unique(
            [str(s) for s in out.get("signals", [])] + list(base.signals_mentioned),
            (*signals, *base.signals_mentioned),
        ),
    )


def _meta(kind: MessageKind, meta: object, base: Reading) -> MetaTopic | None:
    if kind != MessageKind.META:
        return None
    if meta in (None, "none"):
        return base.meta or MetaTopic.OTHER
    return MetaTopic(str(meta))
