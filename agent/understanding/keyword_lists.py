"""Generated corpus items: bare lists of design vocabulary, which are not evidence.

A weak answer padded with a paragraph of rubric vocabulary ("calibration, drift monitoring,
feature store, A/B test.") names concepts without deciding anything about them. The writers'
corpus has short lists of one or two concepts; long lists that mix every phase of a design
were rare, so the signal and depth heads read them as claims. This module writes such lists
from a small vocabulary of general ML design terms (written for this purpose, not taken from
any answer) in the shapes padding takes: a comma list, a heading with a list, a slash or
semicolon list, and empty sentences that only say the concepts matter. Every item is labelled
as showing no signal and no depth.

    python -m agent.understanding.keyword_lists   # rewrites the two generated files

The output is deterministic (fixed seeds), so the corpus hash, and the retrained weights, stay
reproducible.
"""

from __future__ import annotations

import random
from pathlib import Path

from agent.understanding.design_terms import TERMS

HEADINGS = [
    "Additional considerations",
    "Other topics",
    "Also relevant",
    "Things to cover",
    "Key concepts",
    "Important aspects",
    "Keywords",
    "Topics",
    "Further points",
    "Considerations",
    "Other things",
    "More",
    "Other considerations",
    "Additional keywords",
    "Key considerations",
    "Also",
    "Extras",
    "Things to keep in mind",
    "Misc",
    "Related concepts",
]
# Sentences that announce topics as things to be considered, with a verb and a subject, and
# decide nothing about them: named, not designed. Not "we use X" or "we add X": that is a
# decision, however bare.
ANNOUNCE = [
    "We will also consider {x}.",
    "We will also take care of {x}.",
    "We'll also look into {x}.",
    "We also need to think about {x}.",
    "And of course {x}.",
    "{X} will be handled as well.",
    "Finally, {x} should be considered.",
    "We would also account for {x} where appropriate.",
    "Also: {x}.",
    "Beyond the basics there is {x}.",
]
EMPTY = [
    "We should also think about {x}.",
    "Other important things are {x}.",
    "It is important to consider {x}.",
    "{X} are all relevant here.",
    "{X} also matter.",
    "Don't forget {x}.",
    "There is also {x} to keep in mind.",
    "I would also mention {x}.",
    "Things like {x} are key.",
    "Of course {x} are important too.",
    "We need {x}.",
    "Plus {x}, etc.",
]


def _join(items: list[str], rng: random.Random) -> str:
    style = rng.random()
    if style < 0.55:
        sep = ", "
    elif style < 0.7:
        sep = "; "
    elif style < 0.85:
        sep = " / "
    else:
        sep = ", "
        if len(items) > 1:
            return sep.join(items[:-1]) + " and " + items[-1]
    return sep.join(items)


# Terms with a number in them: a number is not a reason either ("recall@100" decides nothing).
NUMBERED = [
    "precision@{k}",
    "recall@{k}",
    "NDCG@{k}",
    "hit rate@{k}",
    "MAP@{k}",
    "p{q} latency",
    "{n}-day aggregates",
    "top-{k} candidates",
    "{n} ms budget",
    "{n}% holdout",
    "{n}-week test",
    "{n}M users",
    "{n}k QPS",
    "{n}-d embeddings",
    "top-{k} recall",
]


def _numbered(rng: random.Random) -> str:
    return rng.choice(NUMBERED).format(
        k=rng.choice([5, 10, 20, 50, 100, 500, 1000]),
        q=rng.choice([50, 95, 99]),
        n=rng.choice([1, 2, 7, 10, 30, 64, 100, 200]),
    )


def _pick(rng: random.Random, low: int, high: int, mixed: bool) -> list[str]:
    n = rng.randint(low, high)
    if mixed:
        pool = [t for ts in TERMS.values() for t in ts]
    else:
        pool = list(TERMS[rng.choice(sorted(TERMS))])
    picked = rng.sample(pool, min(n, len(pool)))
    for i in range(len(picked)):
        roll = rng.random()
        if roll < 0.15:
            picked[i] = _numbered(rng)
        elif roll < 0.2:
            picked[i] = f"{picked[i]} vs {rng.choice(pool)}"
    return picked


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fragment(rng: random.Random, mixed: bool) -> str:
    """A line of one to three bare terms, as a list of topics breaks into bullets or as a
    long list is cut into pieces: "Node2vec embeddings", "Canary rollout and rollback",
    "Two-tower retrieval with ANN search", "Multi-task learning (click, purchase)"."""
    terms = _pick(rng, 1, 3, mixed)
    roll = rng.random()
    if len(terms) >= 2 and roll < 0.3:
        text = f"{terms[0]} {rng.choice(['and', 'with', 'plus', '+'])} {terms[1]}"
    elif len(terms) >= 3 and roll < 0.45:
        text = f"{terms[0]} ({terms[1]}, {terms[2]})"
    else:
        text = _join(terms, rng)
    text = _capital(text) if rng.random() < 0.7 else text
    return rng.choice(["", "", "- ", "* "]) + text + rng.choice(["", "", "."])


def items(seed: int, count: int, taken: set[str] | None = None) -> list[dict[str, object]]:
    """`count` items, none of whose texts is in `taken` (dev never repeats a train item)."""
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    seen: set[str] = set(taken or ())
    while len(out) < count:
        shape = rng.random()
        mixed = rng.random() < 0.5
        if shape < 0.32:
            text = _join(_pick(rng, 2, 12, mixed), rng)
            text = _capital(text) if rng.random() < 0.7 else text
            text += rng.choice([".", ".", "", "."])
            style = "list"
        elif shape < 0.5:
            head = rng.choice(HEADINGS)
            text = f"{head}: {_join(_pick(rng, 2, 10, mixed), rng)}" + rng.choice([".", ""])
            style = "heading list"
        elif shape < 0.58:
            text = "- " + _capital(_join(_pick(rng, 3, 8, mixed), rng))
            style = "bullet list"
        elif shape < 0.7:
            template = rng.choice(EMPTY)
            x = _join(_pick(rng, 2, 6, mixed), rng)
            text = template.format(x=x, X=_capital(x))
            style = "empty sentence"
        elif shape < 0.84:
            template = rng.choice(ANNOUNCE)
            x = _join(_pick(rng, 2, 7, mixed), rng)
            text = template.format(x=x, X=_capital(x))
            style = "announcement"
        else:
            text = _fragment(rng, mixed)
            style = "list fragment"
        if text in seen:
            continue
        seen.add(text)
        out.append(
            {
                "text": text,
                "signals": [],
                "names": [],
                "wrong_claims": [],
                "depth": False,
                "problem": None,
                "style": style,
            }
        )
    return out


def write(root: Path) -> None:
    from agent.understanding.corpus import write_generated

    splits = (("train", 11, 1500), ("dev", 23, 330))
    write_generated(
        root,
        "generated_keyword_lists.jsonl",
        lambda _split, seed, count, taken: items(seed, count, taken),
        splits,
    )


if __name__ == "__main__":
    from agent.understanding.corpus import corpus_dir

    write(corpus_dir())
