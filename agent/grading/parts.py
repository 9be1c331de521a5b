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
from agent.understanding.sentences import is_phrase

MIN_PARTS = 3  # parts (sections, paragraphs, turns) with evidence before weighing by part
MAJOR_SHARE = 0.5  # a part is about a dimension with this share of its leading one's evidence
ASIDE_WEIGHT = 0.5  # weight of evidence said inside a part about another dimension
# a part whose evidence spreads over this many dimensions has no subject of its own (an
# "Other considerations" list, a line of topics), and there a bare phrase the depth head
# reads under NAME_DEPTH names a topic: at most a mention, never evidence
GRAB_BAG_DIMENSIONS = 3
NAME_DEPTH = 0.3
BAG_DEPTH = 0.08


def without_bare_names(
    evidence: list[Evidence],
    named: dict[str, set[str]] | None = None,
    parts: int = 0,
    names: dict[int, set[str]] | None = None,
) -> list[Evidence]:
    """The evidence without the bare names of a list that has no subject.

    A careful grader reads "## Other considerations" followed by "- Canary deployment and
    rollback", "- NDCG@10, MRR, recall@1000", "- Feature store and training-serving skew" as
    a list of names: nothing in it is decided, sized or tied to the problem. Such a list is
    recognised by its structure: a part under no heading that names a design subject, whose
    evidence spreads over GRAB_BAG_DIMENSIONS dimensions or more, most of whose sentences
    are bare names and whose median sentence the depth head reads under BAG_DEPTH. A bare
    name is read with the learned readings: a phrase with no clause of its own
    (understanding.sentences.is_phrase) that the depth head reads under NAME_DEPTH (no
    reason, number, trade-off or tie-in). Those earn nothing; a note in the same list that
    gives its reason or its figure and any sentence with a clause still count, weighed by
    weigh_by_part. Notes under a subject ("Metrics", a paragraph of a terse answer about
    serving) are not touched: there a terse phrase is the answer's style, not padding; nor
    is an answer in fewer than MIN_PARTS parts (`parts`: how many it has, with evidence or
    not), one paragraph of notes on everything. `names`: per part, the dimensions its
    sentences name, credited or only mentioned: a list is known by what it names, not by how
    much of it the heads happen to credit."""

    def bare(e: Evidence) -> bool:
        found = e.sentence.findings
        depth = found.depth if found is not None else 0.0
        return is_phrase(e.sentence.text) and depth < NAME_DEPTH

    dims: dict[int, set[str]] = {}
    said: dict[int, dict[int, bool]] = {}  # part -> sentence order -> a bare name
    for e in evidence:
        if e.dimension_id != COMMUNICATION_ID and e.sentence.region != -1:
            dims.setdefault(e.sentence.region, set()).add(e.dimension_id)
            said.setdefault(e.sentence.region, {})[e.sentence.order] = bare(e)
    for part, d in (names or {}).items():
        if part in dims:
            dims[part] |= d - {COMMUNICATION_ID}
    if max(parts, len(dims)) < MIN_PARTS:
        return evidence  # no structure to read: an answer in one or two parts
    heading = {e.sentence.region: e.sentence.heading for e in evidence}
    depth: dict[int, list[float]] = {}
    for e in evidence:
        if e.sentence.region in said and e.sentence.findings is not None:
            depth.setdefault(e.sentence.region, []).append(e.sentence.findings.depth)
    # a list: under no heading that names a design subject ("Other considerations" reads as
    # about communication at most), names spread over several dimensions,
    # most of the part's sentences bare names, and the part as a whole says nearly nothing
    # about why (its median sentence under BAG_DEPTH)
    bags = {
        part
        for part, d in dims.items()
        if len(d) >= GRAB_BAG_DIMENSIONS
        and not ((named or {}).get(heading[part], set()) - {COMMUNICATION_ID})
        and 2 * sum(said[part].values()) > len(said[part])
        and sorted(depth.get(part, [0.0]))[len(depth.get(part, [0.0])) // 2] < BAG_DEPTH
    }
    return [e for e in evidence if not (e.sentence.region in bags and bare(e))]


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
