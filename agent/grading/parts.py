"""Where in an answer a sentence was said, and what it is about: the weight of its evidence.

A careful grader credits a dimension for what was said ABOUT it. A remark on serving inside
the clarifying assumptions, or one sentence that touches three dimensions at once, is not
the same as a section that designs the serving path; when that section is cut, the remarks
elsewhere should not hold the level up. `weigh_by_part` sets each Evidence's weight; the
scoring rule (scoring.py) counts claims and deep claims at those weights.
"""

from __future__ import annotations

from dataclasses import replace

from agent.grading.scoring import COMMUNICATION_ID, Evidence

MIN_PARTS = 3  # parts (sections, paragraphs, turns) with evidence before weighing by part
MAJOR_SHARE = 0.5  # a part is about a dimension with this share of its leading one's evidence
ASIDE_WEIGHT = 0.5  # weight of evidence said inside a part about another dimension


def weigh_by_part(
    evidence: list[Evidence], named: dict[str, set[str]] | None = None
) -> list[Evidence]:
    """Evidence weighted by what it is about and where it was said, as a careful reader
    credits it: a dimension's level rests on what was said ABOUT that dimension.

    - A sentence that is evidence for several dimensions at once counts 1/k for each of its
      k dimensions ("we log the served features to avoid skew, retrain weekly and alert on
      drift" is not three designed components).
    - A sentence counts in full where the part of the answer it sits in (a headed section,
      else a paragraph; a turn of a transcript) is about its dimension, and ASIDE_WEIGHT
      where it is a remark inside a part about something else (the data volume stated
      among the clarifying assumptions). A part is about every dimension with at least
      MAJOR_SHARE of the evidence sentences of the part's leading dimension, unless its
      heading names what it is about (`named`, agent/grading/headings.py: the data volume
      stated under "Clarifying questions" frames the problem; it does not design the data
      pipeline). Headings help (they make the parts) but are not needed: notes and
      transcripts have paragraphs and turns. An answer with fewer than MIN_PARTS parts
      holding evidence has no structure to read, and its sentences count in full there.

    So when the section that carried a dimension is cut, its remarks elsewhere no longer
    hold the level up: an aside is also marked off its subject, and level 4 rests only on
    deep claims said where the dimension is the subject (scoring.FOCUS_FOR).
    """
    spans: dict[int, set[str]] = {}
    for e in evidence:
        if e.dimension_id != COMMUNICATION_ID:
            spans.setdefault(e.sentence.order, set()).add(e.dimension_id)
    evidence = [
        replace(e, weight=e.weight / len(spans[e.sentence.order]))
        if len(spans.get(e.sentence.order, ())) > 1
        else e
        for e in evidence
    ]
    per_part: dict[int, dict[str, set[int]]] = {}
    for e in evidence:
        if e.dimension_id == COMMUNICATION_ID:
            continue
        dims = per_part.setdefault(e.sentence.region, {})
        dims.setdefault(e.dimension_id, set()).add(e.sentence.order)
    if len(per_part) < MIN_PARTS or -1 in per_part:
        return evidence
    heading = {e.sentence.region: e.sentence.heading for e in evidence}
    major: dict[int, set[str]] = {}
    for part, dims in per_part.items():
        top = max(len(v) for v in dims.values())
        major[part] = (named or {}).get(heading[part]) or {
            d for d, v in dims.items() if len(v) >= MAJOR_SHARE * top
        }
    return [
        e
        if e.dimension_id == COMMUNICATION_ID or e.dimension_id in major[e.sentence.region]
        else replace(e, weight=e.weight * ASIDE_WEIGHT, on_subject=False)
        for e in evidence
    ]
