"""Which texts a cue alternation (`sentences.compile_cues`) could match, told without
compiling it: a pattern is then compiled only for a text that might hold one of its cues."""

from __future__ import annotations

from agent.understanding.sentences import normalise


def cue_anchors(cues: tuple[str, ...]) -> tuple[str, ...] | None:
    """Text that every match of `compile_cues(cues)` starts with, one per cue: its first
    word's first part, as the pattern spells it. A text holding none of them cannot match, so
    the pattern need not be compiled for it (a card's fact cues and the technique terms were
    ~60 compilations, 25-30 ms of CPU, on a process's first turns). None when a cue has no
    such part (only the pattern can tell)."""
    anchors: set[str] = set()
    for cue in cues:
        cue = cue.strip().lower()
        if not cue:
            continue
        parts = [p for p in normalise(cue).split()[0].split("-") if p]
        if not parts:
            return None
        anchors.add(parts[0])
    return tuple(sorted(anchors))


def may_match(anchors: tuple[str, ...] | None, text: str, ignore_case: bool = True) -> bool:
    """False only when no match of the cues' pattern can be in the text (see `cue_anchors`).
    Ignoring case, this is decided on ASCII text and anchors alone: there the pattern's case
    rules are the lower-case ones; elsewhere a few letters have other equivalents ("ſ"), so
    the pattern decides."""
    if anchors is None:
        return True
    if ignore_case:
        if not (text.isascii() and all(a.isascii() for a in anchors)):
            return True
        text = text.lower()
    return any(a in text for a in anchors)
