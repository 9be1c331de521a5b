"""Generated corpus items: two of the corpus's own statements joined into one sentence.

Candidates often state two decisions in one sentence ("labels come from chargebacks, so I
split by time"; "I would split by time and run an A/B test"). The writers' sets hold few
of them (the dev split had 24 of 740 against 452 of 2103 in a scored sentences batch), so
the signal head learnt that a sentence carries one signal: each of two signals stated
together was read at half its strength, under the bar, and the sentence showed nothing.

This module takes the writers' and engineers' labelled statements of a split (never a
blind batch), joins two of one problem that show different signals with a connective
(", so", ", and", "; ", ...), and labels the result with both items' signals and names.
The items teach the signal and depth heads only (wrong claims unlabelled, as in
sprinkled.py: a claim one part makes may be rejected by the other).

    python -m agent.understanding.composed   # rewrites the two generated files

Deterministic (fixed seeds), so the corpus hash and the retrained weights stay reproducible.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from agent.understanding.corpus import SentenceItem, read_items

FILE = "generated_composed.jsonl"
_END = re.compile(r"[.!;:,\s]*$")
_CONNECTIVES = (", so ", ", and ", "; ", ", and then ", " and ", ", then ", " — ", ", while ")
_TERSE_CONNECTIVES = ("; ", ", ", " + ", " / ", ", then ")


def _statement(item: SentenceItem) -> bool:
    text = item.text.strip()
    if not item.signals or any(s.startswith("asks_") for s in item.signals):
        return False
    if text.endswith("?") or text.startswith(("-", "*", "#", ">")) or "\n" in text:
        return False
    # one sentence: no full stop inside (a second sentence would be read on its own anyway)
    if re.search(r"[.!?]\s+[A-Z]", text):
        return False
    words = text.split()
    return 3 <= len(words) <= 20


def _sources(folder: Path) -> list[SentenceItem]:
    out: list[SentenceItem] = []
    for pattern in ("writer_*.jsonl", "engineer_*.jsonl"):
        for path in sorted(folder.glob(pattern)):
            out += [i for i in read_items(path).sentences if _statement(i)]
    return sorted(out, key=lambda i: i.text)


def _lower_first(text: str) -> str:
    """The second statement's first letter in lower case, unless it is 'I' or an acronym."""
    first = text.split(" ", 1)[0]
    if first in {"I", "I'd", "I'll", "I'm", "I've"} or (len(first) > 1 and first[1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def compose(first: SentenceItem, second: SentenceItem, rng: random.Random) -> str:
    """The two statements as one sentence (deterministic for a given rng state)."""
    a, b = first.text.strip(), second.text.strip()
    stop = "." if rng.random() < 0.85 else ""
    terse = first.style == "terse" or len(a.split()) <= 6
    joiner = rng.choice(_TERSE_CONNECTIVES if terse else _CONNECTIVES)
    return _END.sub("", a) + joiner + _lower_first(_END.sub("", b)) + stop


def items(folder: Path, seed: int, count: int, taken: set[str]) -> list[dict[str, object]]:
    rng = random.Random(seed)
    sources = _sources(folder)
    by_problem: dict[str, list[SentenceItem]] = {}
    for item in sources:
        by_problem.setdefault(item.problem or "", []).append(item)
    out: list[dict[str, object]] = []
    seen = set(taken)
    tries = 0
    while len(out) < count and tries < count * 20:
        tries += 1
        first = rng.choice(sources)
        pool = by_problem.get(first.problem or "", sources)
        second = rng.choice(pool)
        a_sig, b_sig = set(first.signals or []), set(second.signals or [])
        if not b_sig - a_sig or not a_sig - b_sig:
            continue  # each part must show a signal of its own
        text = compose(first, second, rng)
        if text in seen:
            continue
        seen.add(text)
        depth = None if first.depth is None or second.depth is None else first.depth or second.depth
        out.append(
            {
                "text": text,
                "signals": sorted(a_sig | b_sig),
                "names": sorted((set(first.names) | set(second.names)) - a_sig - b_sig),
                "wrong_claims": None,
                "depth": depth,
                "problem": first.problem,
                "style": "composed",
            }
        )
    return out


def write(root: Path) -> None:
    """Each split's file from that split's own statements (never a text of another)."""
    from agent.understanding.corpus import write_generated

    write_generated(root, FILE, items, (("train", 53, 900), ("dev", 59, 250)))


if __name__ == "__main__":
    from agent.understanding.corpus import corpus_dir

    write(corpus_dir())
