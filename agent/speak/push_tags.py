"""The tags a line of the question bank may open with: the follow-up angle it takes and the
condition of knowledge/follow_ups.yaml it needs.

- "[risk] ...": a push that takes that angle (a message that covers the angle is not asked it);
- "[risk|online] ...": the same, asked only where the named condition holds (tail latency is
  not asked of a batch job);
- "[|online] ...": a question with no angle of its own (a probe for a signal) that needs the
  condition all the same ("where does the time go in a single request?" needs requests).

The tags are stripped on load; the angle goes into the bank's `angles` under the line's text,
the condition under ONLY + the text.
"""

from __future__ import annotations

import re

# the follow-up angles a push can be tagged with (the understanding model's angle labels)
ANGLES = ("reason", "cost", "alternative", "risk", "measure")
_TAG = re.compile(r"^\[(\w*)(?:\|(\w+))?\]\s*")
# where a line's condition is kept in `angles` (under its text with this prefix; no line
# starts with it, so no angle lookup finds it)
ONLY = "only:"


def strip_pushes(pushes: object, angles: dict[str, str]) -> object:
    """Per signal, its lines without their tags (the tags go into `angles`)."""
    if not isinstance(pushes, dict):
        return pushes
    return {signal: strip_tags(templates, angles) for signal, templates in pushes.items()}


def strip_tags(templates: object, angles: dict[str, str]) -> object:
    """Lines without their leading tags; the tags go into `angles` (the angle under the
    line's text, a condition under ONLY + the text)."""
    if not isinstance(templates, list):
        return templates
    out = []
    for t in templates:
        m = _TAG.match(t) if isinstance(t, str) else None
        if m is None:
            out.append(t)
            continue
        angle, condition = m.group(1), m.group(2)
        if angle and angle not in ANGLES:
            raise ValueError(f"unknown angle [{angle}] in {t!r}; known: {ANGLES}")
        if not angle and not condition:
            raise ValueError(f"empty tag in {t!r}: name an angle, a condition or both")
        text = t[m.end() :]
        if angle:
            angles[text] = angle
        if condition:
            angles[f"{ONLY}{text}"] = condition
        out.append(text)
    return out
