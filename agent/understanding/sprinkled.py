"""Generated corpus items: the corpus's own sentences with design vocabulary sprinkled in.

Keyword stuffing is not only a paragraph of buzzwords: a weak candidate (or one gaming a
grader) weaves terms into sentences that decide nothing about them ("we use a model, with
calibration, drift, canaries and a feature store, to predict clicks"; "we retrain every
week, keeping drift, PSI and alerting in mind"). The terms are mentioned, not designed: the
sentence shows what it showed without them, no more, and is no deeper for them.

This module takes the writers' sentence items of a split (never a blind batch), weaves a
list of terms from the generic vocabulary of agent/understanding/keyword_lists.py into each
in the shapes stuffing takes (a led list at the end, in the middle, in brackets, a list of
adjectives before a noun, "keeping ... in mind"), and keeps the item's own labels: its
signals and depth, and nothing for the terms. The items teach the signal and depth heads
only (wrong claims unlabelled): a first fit that kept the wrong-claim labels too moved the
wrong-claim threshold on dev and cost recall on plain sentences.

    python -m agent.understanding.sprinkled   # rewrites the two generated files

Deterministic (fixed seeds), so the corpus hash and the retrained weights stay reproducible.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from agent.understanding.corpus import SentenceItem, read_items
from agent.understanding.keyword_lists import TERMS, _numbered

FILE = "generated_sprinkled.jsonl"
_VERB = re.compile(
    r"\b(?:is|are|was|be|has|have|do|does|can|could|will|would|should|must|we|i|it|they)\b",
    re.IGNORECASE,
)
_END = re.compile(r"[.!?]*\s*$")
# where a list is woven in: (template, minimum terms, maximum terms)
_TAILS = [
    (", with {x}", 2, 6),
    (", including {x}", 3, 6),
    (", keeping {x} in mind", 2, 5),
    (", watching out for {x}", 2, 5),
    (", along with {x}", 2, 5),
    (" using {x}", 2, 4),
    (", plus {x}", 2, 5),
    (" ({x})", 2, 5),
    (" and we will also consider {x}", 2, 5),
    (", although {x} are things to keep in mind", 2, 5),
    (" with {x} best practices", 2, 3),
    (" — {x}", 2, 6),
]
_MIDDLE = [", with {x},", " ({x})", ", using {x},", ", including {x},"]


def _join(items: list[str], rng: random.Random) -> str:
    if len(items) > 1 and rng.random() < 0.7:
        return ", ".join(items[:-1]) + rng.choice([" and ", ", and ", " or "]) + items[-1]
    return ", ".join(items)


def _terms(rng: random.Random, low: int, high: int) -> list[str]:
    pool = (
        [t for ts in TERMS.values() for t in ts]
        if rng.random() < 0.6
        else list(TERMS[rng.choice(sorted(TERMS))])
    )
    picked = rng.sample(pool, rng.randint(low, high))
    return [_numbered(rng) if rng.random() < 0.1 else t for t in picked]


def sprinkle(text: str, rng: random.Random) -> str:
    """The sentence with a list of terms woven in (deterministic for a given rng state)."""
    body = _END.sub("", text)
    stop = text[len(body) :].strip() or "."
    words = body.split(" ")
    roll = rng.random()
    if roll < 0.25 and len(words) >= 8:
        # in the middle, after a word of the first half
        at = rng.randint(2, len(words) // 2)
        template = rng.choice(_MIDDLE)
        x = _join(_terms(rng, 2, 5), rng)
        return " ".join(words[:at]) + template.format(x=x) + " " + " ".join(words[at:]) + stop
    if roll < 0.35:
        # adjectives before the sentence's last noun phrase ("a real-time, scalable pipeline")
        adjectives = rng.sample(
            ["real-time", "low-latency", "scalable", "robust", "state-of-the-art", "MLOps",
             "end-to-end", "production-grade", "cloud-native", "distributed", "automated"],
            rng.randint(2, 4),
        )  # fmt: skip
        article = "an" if adjectives[0][0] in "aeiou" else "a"
        return f"{body} with {article} {', '.join(adjectives)} pipeline{stop}"
    template, low, high = rng.choice(_TAILS)
    return body + template.format(x=_join(_terms(rng, low, high), rng)) + stop


def _sources(folder: Path) -> list[SentenceItem]:
    """The writers' prose sentences of a split that are labelled for signals (generated
    files, and sets labelled only for other heads, are left out)."""
    out: list[SentenceItem] = []
    for path in sorted(folder.glob("writer_*.jsonl")):
        for item in read_items(path).sentences:
            if item.signals is None:
                continue
            text = item.text.strip()
            if len(text.split()) >= 6 and _VERB.search(text) and not text.startswith(("-", "*")):
                out.append(item)
    return sorted(out, key=lambda i: i.text)


def items(folder: Path, seed: int, count: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    sources = _sources(folder)
    chosen = rng.sample(sources, min(count, len(sources)))
    out: list[dict[str, object]] = []
    for item in chosen:
        out.append(
            {
                "text": sprinkle(item.text.strip(), rng),
                "signals": item.signals,
                "names": [],
                "wrong_claims": None,
                "depth": item.depth,
                "problem": item.problem,
                "style": "sprinkled",
            }
        )
    return out


def write(root: Path) -> None:
    for split, seed, count in (("train", 31, 1500), ("dev", 37, 300)):
        folder = root / split
        lines = [json.dumps(i, ensure_ascii=False) for i in items(folder, seed, count)]
        (folder / FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    from agent.understanding.corpus import corpus_dir

    write(corpus_dir())
