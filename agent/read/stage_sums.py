"""A latency plan split into stages, held to the budget of each scope the card gives.

"Roughly 10 ms for reading candidates, 30 for features, 30 for scoring and 10 for
re-ranking" adds up to 80 ms; against a 50 ms budget the plan does not fit, whatever each
stage's figure says on its own. A plan is a run of figures in one sentence (after a heading
such as "Budget:"), or in consecutive bullet lines, each naming its stage before or after it
("30 for features", "heavy 60", "- ranking: 50 ms"), at least one in milliseconds and none in
another unit. Not a plan: percentiles ("p50 10 ms, p99 30 ms"), alternatives ("10, 20 or 50
ms"), a figure stated as the whole before the stages ("within 40 ms, 5 for features"), two
figures of which one is no time ("10 ms for retrieval and 20 features").

Each stage is read for what it is of (stages.py), so the plan is held to the card's budgets
scope by scope: the stages of one part ("10 ms first stage, 60 ms heavy model, 10 ms re-rank":
ranking) against that part's budget ("ranking gets roughly 50 ms"), and the whole plan against
the budget that holds it: the service's when the card gives one and the plan names nothing the
page adds (the network, the render), else the whole's. Any excess beyond rounding contradicts
the budget, as a single figure over it would.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from agent.read.agreement import LATENCY_RATIO
from agent.read.quantities import Quantity
from agent.read.stages import (
    NETWORK,
    PAGE,
    SERVICE,
    STAGE_CLASSES,
    label,
    stage_named,
    trimmed,
)
from agent.read.surroundings import PAST, PERCENTILE, supposed

STAGES = "stages"  # the kind of the conflicts this module finds: one query per budget

_UNIT = r"(?:ms|msec|milliseconds?)\b"
# a stage's figure: the first number of its item, maybe a range ("100 to 300 ms")
_FIGURE = re.compile(
    r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?\s*(?P<unit>"
    + _UNIT
    + r")?\s*(?P<for>(?:for|on|to)\s+)?"
)
# a figure in another unit: not a stage of a latency plan ("and 20 minutes", "10k", "5%")
_OTHER_UNIT = re.compile(
    r"\s*(?:s|secs?|seconds?|minutes?|mins?|hours?|days?|weeks?|k|m|b|x|%|percent|gb|tb|mb|"
    r"qps|rps|million|thousand|billion|,\d)\b|\s*%"
)
# what separates one stage from the next in a sentence (not the comma of "1,000")
_ITEM_JOINT = re.compile(r",(?!\d)|;|\band\b|\bthen\b|\+|->|→")
_SENTENCE = re.compile(r"[^.!?\n]+(?:\.\d[^.!?\n]*)*")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+(?P<item>.+)$")
_HEADING = re.compile(r"^[^:]*:")  # "Budget:", "Per request, roughly:", "Plan for 200 ms:"
_WHOLE = re.compile(
    r"\b(?:in total|total|overall|end to end|end-to-end|altogether|budget|within|under|out of|"
    r"in all|all told|adds? up to|comes? to|sums? to|whole)\b"
    # "of the 50 ms, 10 for ...": the whole the stages share, named first
    r"|^\s*of\s+(?:the|our|that)\s+(?=\d)"
)
# a later figure said as the result of the ones before: "so 95", "that's 130", "= 130"
_RESULT = re.compile(r"\b(?:so|that's|that is|which is|makes|giving)\b|=")
_ALTERNATIVES = re.compile(r"\bor\b")
# an item after the stages that speaks of what is left of the whole: the plan ends there
_REST = re.compile(r"\b(?:inside|headroom|leaving|leaves|left|rest|remaining|spare|slack|buffer)\b")


class Stage(BaseModel):
    value: float  # the figure; a range's low end ("100 to 300 ms": 100)
    text: str  # the item as written, hedges left out ("60 ms heavy model")
    stage: str = ""  # what it is of (stages.py), "" when the words name no known stage

    @property
    def name(self) -> str:
        """What the stage is, without its figure: "the heavy ranker", "rerank"."""
        bare = _FIGURE.sub(" ", self.text, count=1)
        return trimmed(re.sub(r"^\s*(?:i'd spend|i'd give|spend|give)\b", "", bare))

    @property
    def said(self) -> str:
        return f"{self.value:g} ms for {self.name}" if self.name else f"{self.value:g} ms"


class StageSum(BaseModel):
    total: float
    parts: list[float]
    text: str  # "10 + 30 + 30 + 10 = 80 ms"
    stages: list[Stage] = Field(default_factory=list)


def stage_sums(text: str) -> list[StageSum]:
    """Each stage plan in the text (two stages or more), with its sum."""
    lowered = text.lower()
    out: list[StageSum] = []
    for block, bulleted in _blocks(lowered):
        joined = " ".join(block)
        if PERCENTILE.search(joined) or PAST.search(joined) or supposed(joined, 0, len(joined)):
            continue
        stages = _bullet_plan(block) if bulleted else _sentence_plan(block[0])
        if len(stages) >= 2:
            total = sum(s.value for s in stages)
            shown = " + ".join(f"{s.value:g}" for s in stages)
            out.append(
                StageSum(
                    total=total,
                    parts=[s.value for s in stages],
                    text=f"{shown} = {total:g} ms",
                    stages=stages,
                )
            )
    return out


def _blocks(text: str) -> list[tuple[list[str], bool]]:
    """The sentences of the text, and each run of bullet lines as one block."""
    out: list[tuple[list[str], bool]] = []
    bullets: list[str] = []
    for line in text.split("\n"):
        m = _BULLET.match(line)
        if m:
            bullets.append(m.group("item"))
            continue
        if bullets:
            out.append((bullets, True))
            bullets = []
        out += [([s.group(0)], False) for s in _SENTENCE.finditer(line)]
    if bullets:
        out.append((bullets, True))
    return out


def _item(words: str) -> tuple[Stage | None, bool, bool, bool]:
    """An item's stage (None when it holds no figure), whether its figure is in ms, whether
    it says it is a time (in ms, or "30 for features"), and whether it is in another unit.
    Its figure is the one in ms, else the first that no other noun follows ("a multi-get for
    500 candidates about 15 to 20 ms": 15)."""
    found = list(_FIGURE.finditer(words))
    if not found:
        return None, False, False, False
    timed = [m for m in found if m.group("unit")]
    bare = [m for m in found if not _OTHER_UNIT.match(words, m.end("n")) and _time_like(words, m)]
    if not timed and not bare:
        return None, False, False, True
    m = (timed or bare)[0]
    named = bool(m.group("unit") or m.group("for"))
    said = label(words.strip(" -:"))
    stage = Stage(value=float(m.group("n")), text=said, stage=stage_named(words))
    return stage, m.group("unit") is not None, named, False


def _time_like(words: str, m: re.Match[str]) -> bool:
    """A figure with no unit may be a stage's time: nothing, "for ...", or a stage's name
    follows it ("retrieval 30", "30 for features", "30 feats"), not another noun ("500 rows")."""
    if m.group("for"):
        return True
    after = words[m.end() :].split()
    return not after or bool(stage_named(" ".join(after[:2])))


def _sentence_plan(sentence: str) -> list[Stage]:
    heading = _HEADING.match(sentence)
    # a heading names no stage of its own ("retrieval: 20 ms, ..." is the first stage), or
    # states the whole the stages split ("Latency plan for 200 ms: ...")
    head = heading.group(0) if heading else ""
    if stage_named(head) in STAGE_CLASSES and not _FIGURE.search(head) and not _WHOLE.search(head):
        heading, head = None, ""
    body = sentence[heading.end() :] if heading else sentence
    pieces = _ITEM_JOINT.split(body)
    first = next((_FIGURE.search(p) for p in pieces if _FIGURE.search(p)), None)
    # each stage named before its figure ("kv read about 5 ms, re-ranking and filters about
    # 5 ms"), or after it ("25 ms for retrieval and merge"): words with no figure go with the
    # next stage or the one before
    named_first = first is not None and not first.string[first.end() :].strip()
    items: list[str] = []
    pending = ""
    for piece in pieces:
        if _FIGURE.search(piece) or (not items and not named_first):
            items.append(f"{pending} {piece}" if pending else piece)
            pending = ""
        elif named_first:
            pending += f" {piece}"
        elif not _REST.search(piece):
            items[-1] += f" {piece}"
    stages: list[Stage] = []
    named: list[bool] = []
    in_ms = bool(re.search(_UNIT, head))  # "Rough split of the 200 ms: 30 to fetch, ..."
    at = 0  # where the run of stages ends in the body
    for piece in items:
        stage, unit, is_time, other = _item(piece)
        figure = _FIGURE.search(piece)
        lead = piece[: figure.start()] if figure else ""  # the words before its figure
        whole = stage is not None and stage.stage in (PAGE, SERVICE)
        ended = _REST.search(lead) or _RESULT.search(lead) or _WHOLE.search(piece)
        if stages and (other or whole or ended):
            break  # "and 20 minutes for the nightly job", "leaving headroom inside the 150"
        if whole:
            return []  # "the page has 140 ms and ranking 45 ms": the whole, then a part
        if stage is None:
            continue
        stages.append(stage)
        named.append(is_time)
        in_ms = in_ms or unit
        at = body.find(piece.strip(), at) + len(piece.strip())
    # "10 ms for retrieval and 20 features" is no plan: two stages must both be times
    if not in_ms or (len(stages) == 2 and not all(named)):
        return []
    if _ALTERNATIVES.search(body[:at]) or _WHOLE.search(body[:at]):
        return []
    return stages if all(_named_stage(s) for s in stages) else []


def _bullet_plan(lines: list[str]) -> list[Stage]:
    stages = []
    for line in lines:
        stage, _, is_time, _ = _item(line)
        whole = stage is not None and stage.stage in (PAGE, SERVICE)
        if stage is not None and is_time and not whole and not _WHOLE.search(line):
            stages.append(stage)
    return stages


def _named_stage(stage: Stage) -> bool:
    """The item names what the time is for: a word besides the figure and its unit."""
    return bool(re.search(r"[a-z]{3,}", re.sub(r"\b(?:ms|msec|milliseconds?)\b", "", stage.text)))


class Over(BaseModel):
    said: str  # the plan, or its stages of one part, as said back
    budget: Quantity  # the card's budget it exceeds
    stage: str = ""  # the part whose budget it is ("ranking"), "" for the whole plan


def over_budget(text: str, budgets: list[Quantity]) -> list[Over]:
    """The stage plans of the text that exceed a budget of the card: the stages of one part
    over that part's budget, and the plan as a whole over the budget that holds it."""
    ms = [q for q in budgets if q.kind == "ms" and q.value > 0]
    if not ms:
        return []
    out: list[Over] = []
    for plan in stage_sums(text):
        parts_checked = set()
        for stage in STAGE_CLASSES if len(ms) > 1 else ():
            own = [q for q in ms if q.stage == stage]
            parts = [s for s in plan.stages if s.stage == stage]
            if not own or not parts:
                continue
            parts_checked.add(stage)
            total = sum(s.value for s in parts)
            if total >= own[0].value * LATENCY_RATIO:
                said = (
                    parts[0].said
                    if len(parts) == 1
                    else f"{stage} stages adding up to {total:g} ms "
                    f"({', '.join(s.said for s in parts)})"
                )
                out.append(Over(said=said, budget=own[0], stage=stage))
        if {s.stage for s in plan.stages} <= parts_checked:
            continue  # the plan is all of one part, held to that part's budget
        whole = _holding(plan, ms)
        if plan.total >= whole.value * LATENCY_RATIO:
            said = f"stages adding up to {plan.total:g} ms ({plan.text.split(' =')[0]})"
            out.append(Over(said=said, budget=whole))
    return out


def _holding(plan: StageSum, budgets: list[Quantity]) -> Quantity:
    """The budget a whole plan is held to: the service's (its own, or one at a percentile
    that names no stage) unless the plan has a stage the page adds (the network, the
    render); else the largest."""
    wholes = [q for q in budgets if q.stage not in STAGE_CLASSES] or budgets
    if all(s.stage != NETWORK for s in plan.stages):
        service = [q for q in wholes if q.stage == SERVICE or (q.percentile and not q.stage)]
        if service:
            return max(service, key=lambda q: q.value)
    return max(wholes, key=lambda q: q.value)
