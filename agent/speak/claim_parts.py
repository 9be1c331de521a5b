"""What a claim the candidate made is built from, for a follow-up worded for it: the figure
it sets (a window, a share, a cadence) and the option it rules out ("rather than trees",
"Not GBDT."). A follow-up on one of them asks about that part, in the candidate's words, not
a stock question with a quote in front. (Its stated reason is read by agent/speak/covered.py,
so that no push asks for it again.)"""

from __future__ import annotations

import re

from pydantic import BaseModel

# a figure that sets a design parameter: a window, a cadence, a share, a cut-off (not a
# latency estimate: "about 80 ms" is a measurement to check, not a setting to defend)
_UNIT_KIND = {
    "time": r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?",
    "share": r"%|percent|per cent",
}
# words that make a figure near them a setting the candidate chose
_SETTING = re.compile(
    r"\b(?:every|within|window|wait|waiting|hold|keep|kept|cap|capped|refresh|refreshed|"
    r"retrain|retrained|update|updates|top|last|share|slots?|traffic|impressions|sample|"
    r"downsample|downsampled|budget|exploration|ttl|expire|after|rate|threshold)\b",
    re.IGNORECASE,
)
SETTING_REACH = 30  # characters either side of the figure a setting word is looked for in
_NUMBER = r"\d+(?:[.,]\d+)?"
_FIGURE = re.compile(
    rf"(?:\b(?:every|within|after|over|last|first)\s+)?(?:about\s+|around\s+|roughly\s+|~)?"
    rf"\b{_NUMBER}(?:\s*(?:to|-|–)\s*{_NUMBER})?\s*(?P<unit>{'|'.join(_UNIT_KIND.values())})"
    r"(?![\w%])"
    rf"|\b(?:top|last|first)\s+(?P<count>{_NUMBER})\b",
    re.IGNORECASE,
)
_COMPARE = {
    "time": ("shorter", "longer"),
    "share": ("smaller", "larger"),
    "count": ("fewer", "more"),
}

# the option a choice sets aside
_RULED_OUT = re.compile(
    r"\b(?:rather than|instead of)\s+(?P<after>[^.;:!?()]+)"
    r"|^\s*(?:why\s+)?not\s+(?P<lead>[^.;:!?,()]+)",
    re.IGNORECASE,
)
# where a quoted part ends (its clause)
_PART_END = re.compile(
    r",|\b(?:because|since|so|which|while|but|and then|so that|where|when|if|unless)\b",
    re.IGNORECASE,
)
_STOP_START = re.compile(r"^(?:just|simply|the|a|an)\s+", re.IGNORECASE)
# words of a course of action of one's own rather than a design option
_PERSONAL = re.compile(r"\b(?:i|my|me|we|our|us|you|your)\b", re.IGNORECASE)
MAX_PART_WORDS = 12


class ClaimParts(BaseModel):
    figure: str | None = None  # "every 30 minutes", "1 percent", "top 500"
    figure_kind: str | None = None  # "time", "share" or "count"
    ruled_out: str | None = None  # "gradient boosted trees"

    @property
    def less_more(self) -> tuple[str, str]:
        return _COMPARE.get(self.figure_kind or "", ("less", "more"))


def _clause(text: str) -> str | None:
    """The words up to the end of their clause, at most MAX_PART_WORDS of them."""
    cut = _PART_END.search(text)
    words = (text[: cut.start()] if cut else text).split()
    if not words or len(words) > MAX_PART_WORDS:
        return None
    return " ".join(words).strip(" ,\"'")


def _figure(sentence: str, given: str) -> tuple[str, str] | None:
    for m in _FIGURE.finditer(sentence):
        near = sentence[max(0, m.start() - SETTING_REACH) : m.end() + SETTING_REACH]
        if not _SETTING.search(near):
            continue
        digits = re.findall(_NUMBER, m.group(0))
        if any(re.search(rf"(?<![\d.,]){re.escape(d)}(?![\d])", given) for d in digits):
            continue  # a figure the interviewer gave is not the candidate's to defend
        kind = "count" if m.group("count") else _unit_kind(m.group("unit") or "")
        return " ".join(m.group(0).split()), kind
    return None


def _unit_kind(unit: str) -> str:
    return next(
        (k for k, units in _UNIT_KIND.items() if re.fullmatch(units, unit, re.IGNORECASE)), "time"
    )


def claim_parts(sentence: str, given: str = "", claim: str = "") -> ClaimParts:
    """The parts of the claim in `sentence` a follow-up can be worded from (`given`: what the
    interviewer said, whose figures are not the candidate's choice; `claim`: the words the
    follow-up quotes, where a figure must be, when they are narrower than the sentence)."""
    if sentence.rstrip().endswith("?") and not sentence.lstrip().lower().startswith("why not"):
        return ClaimParts()  # a question states no claim
    parts: dict[str, str | None] = {}
    found = _figure(claim or sentence, given)
    if found is not None:
        parts["figure"], parts["figure_kind"] = found
    out = _RULED_OUT.search(sentence)
    if out is not None:
        option = _clause(out.group("after") or out.group("lead") or "")
        if option and not _PERSONAL.search(option):  # an option, not "trust my gut"
            parts["ruled_out"] = _STOP_START.sub("", option)
    return ClaimParts.model_validate(parts)
