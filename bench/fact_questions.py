"""Clarifying questions matched to card facts, part by part, on the fact-question corpus.

    python -m bench.fact_questions                  # dev split (choices are made on it)
    python -m bench.fact_questions --split train    # training figures, for comparison

Each labelled part of knowledge/corpus/<split>/*fact_questions*.jsonl is read against the card
of its problem (every corpus problem is a bundled card); its gold facts are its topics that the
card has (none: "not specified, state an assumption"). Compared: the cue phrases alone (a
fact's own and knowledge/fact_cues.yaml), cues then meaning (the matcher before the learned
heads), and the learned heads (agent/understanding/fact_match.py) at their normal and strict
bars, and at the normal bars with a tie between two facts settled by meaning, as the reader
reads a part (`heads_by_subject`, fact_match.by_subject). Per matcher: parts read exactly
right, precision and recall of the facts, facts given to parts the card does not answer, and
card-answered parts left unanswered. The dev split
chose the heads' thresholds, so its figures are dev figures.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from agent.content.problems import load_problems
from agent.read.facts import CardFacts, card_facts
from agent.read.pieces import card_pieces
from agent.settings import get_settings
from agent.understanding import shared_understanding
from agent.understanding.corpus import QuestionPart, corpus_dir, load_split
from agent.understanding.fact_match import (
    asked_facts,
    by_subject,
    pair_scores,
    topic_probabilities,
)

Matcher = Callable[[QuestionPart, CardFacts, np.ndarray], set[str]]


@dataclass
class Score:
    parts: int = 0
    exact: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    leaked: int = 0  # a fact given to a part no card fact answers
    unanswered: int = 0  # a card-answered part given no fact at all

    def add(self, gold: set[str], pred: set[str]) -> None:
        self.parts += 1
        self.exact += int(gold == pred)
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)
        self.leaked += int(not gold and bool(pred))
        self.unanswered += int(bool(gold) and not pred)

    def row(self) -> dict[str, object]:
        return {
            "exact": round(self.exact / max(self.parts, 1), 3),
            "precision": round(self.tp / max(self.tp + self.fp, 1), 3),
            "recall": round(self.tp / max(self.tp + self.fn, 1), 3),
            "leaked": self.leaked,
            "unanswered": self.unanswered,
        }


def _cues(part: QuestionPart, facts: CardFacts, vector: np.ndarray) -> set[str]:
    return set(facts.cued(part.text))


def _cues_then_meaning(part: QuestionPart, facts: CardFacts, vector: np.ndarray) -> set[str]:
    found = _cues(part, facts, vector)
    embedder = shared_understanding().embedder
    if found or embedder is None:
        return found
    fact, _ = facts.by_meaning(vector, embedder)
    return {fact} if fact else set()


def _heads(strict: bool, subject: bool = False) -> Matcher:
    """The learned heads; `subject`: with a tie between two facts settled by meaning, as the
    reader does (fact_match.by_subject)."""
    u = shared_understanding()
    heads = u.fact_heads()

    def match(part: QuestionPart, facts: CardFacts, vector: np.ndarray) -> set[str]:
        if heads is None or u.embedder is None:
            return set()
        topic_head, match_head = heads
        probs = topic_probabilities(topic_head, vector[None, :])[0]
        side = facts.side(u.embedder)
        hits = set(facts.cued(part.text))
        scores = pair_scores(match_head, vector, side, probs, hits)
        picked = asked_facts(match_head, vector, side, probs, hits, strict=strict, scores=scores)
        if not subject:
            return set(picked)
        pieces = card_pieces(facts.card)
        embedder = u.embedder
        top = match_head.info.top_threshold or 1.0

        def near(topic: str) -> float:
            return pieces.nearest_of(vector, topic, embedder)

        return set(by_subject(picked, side.topics, scores, near, top))

    return match


def main(argv: list[str] | None = None) -> dict[str, dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    args = parser.parse_args(argv)
    corpus = load_split(corpus_dir() / args.split)
    library = load_problems(get_settings().knowledge_dir / "problems")
    parts = [(p, q.problem) for q in corpus.fact_questions for p in q.labelled_parts()]
    parts = [(p, problem) for p, problem in parts if problem in library.ids()]
    u = shared_understanding()
    vectors = u.embed([p.text for p, _ in parts])
    matchers: dict[str, Matcher] = {
        "cues": _cues,
        "cues_then_meaning": _cues_then_meaning,
        "heads": _heads(strict=False),
        "heads_strict": _heads(strict=True),
        "heads_by_subject": _heads(strict=False, subject=True),
    }
    scores = {name: Score() for name in matchers}
    for (part, problem), vector in zip(parts, vectors, strict=True):
        facts = card_facts(library.get(str(problem)))
        gold = set(part.topics) & set(facts.topics)
        for name, matcher in matchers.items():
            scores[name].add(gold, matcher(part, facts, np.asarray(vector)))
    print(f"split {args.split}: {len(parts)} question parts ({args.split} figures)")
    out = {name: s.row() for name, s in scores.items()}
    for name, row in out.items():
        print(f"  {name:<20} " + "  ".join(f"{k} {v}" for k, v in row.items()))
    return out


if __name__ == "__main__":
    main()
