"""Clarifying questions answered: the scripted interviews, counted part by part.

    python -m bench.clarifications                      # play dev..test8, count (slow)
    python -m bench.clarifications --split test7        # one batch
    python -m bench.clarifications --from DIR           # count dumped interviews (DIR/<split>/)

The batches up to test8 are dev material (their figures are dev figures); a newer batch is
blind test material the one time it is scored, as its line in tests/fidelity/manifest.yaml
records. From each candidate message that mostly asks (its questions at least as many as its
statements), the questions are cut into parts (agent/read/parts.py) and each part is judged
from the interviewer's reply text alone:
- a part that asks for a card fact, read generously (one of its cues; clearly its meaning:
  MiniLM cosine of the part with the fact's description and answer at ORACLE_SIMILARITY or
  more, ORACLE_MARGIN above the runner-up; or the learned matcher's best fact at LOOSE_MATCH,
  far below the reader's bars) is answered when the reply, or an earlier reply, carries that
  fact; a reply that instead says "state an assumption" is a deflection. Until the learned
  matcher, the bench read questions with the reader's own cues and meaning only, so a part
  the reader missed was missed here too, and its "state an assumption" counted as an answer:
  the proxy said 27/31 multi-part questions where the judges counted 16/33;
- any other part is answered when the reply addresses it in so many words: one of the
  question bank's lines for "not specified, assume", for the interview itself (time, phase,
  the job, an invitation to ask, a scope call), or a hint. A steer back to the problem does
  not count: chat about the weather stays "unanswered" before and after alike, and a
  question about the job should hear where it can be answered.
A multi-part question (two parts or more) is fully answered when every part is. Also counted:
"state an assumption" said to a message without a question mark, and card facts a reply
gives that no sentence of the message asks about (the unasked-fact guarantee).
This is a proxy for the judges' MULTI-PART counts (tests/fidelity/judged), not a judge.
"""

from __future__ import annotations

import argparse
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from agent.content.problems import ProblemCard, ProblemLibrary, load_problems
from agent.read.facts import card_facts
from agent.read.lexicon import default_lexicon
from agent.read.parts import question_parts
from agent.settings import Settings
from agent.understanding import shared_understanding
from agent.understanding.fact_match import pair_scores, topic_probabilities
from agent.understanding.sentences import Span, normalise, split_sentences
from bench.replay import REPO, load_scripts, render, replay, script_splits

ORACLE_SIMILARITY = 0.5
ORACLE_MARGIN = 0.08
# the learned matcher's pair score at which the bench counts a part as asking for its best
# fact (far below the reader's own bars: the bench reads questions generously)
LOOSE_MATCH = 0.5
ADDRESSING = ("unanswerable", "unanswerable_assumed", "assume_rest", "already_given")
ADDRESSING_MORE = ("meta", "hint")  # a hint answers "can I get a hint?"
DEFLECTING = ("unanswerable", "unanswerable_assumed")  # "I don't have details on that"
_TURN = re.compile(r"^\[(?:I\d+ )?@ [\d.]+ min\] (INTERVIEWER|CANDIDATE): ", re.MULTILINE)


@dataclass
class Tally:
    interviews: int = 0
    asking_messages: int = 0
    parts: int = 0
    parts_answered: int = 0
    card_parts: int = 0
    card_parts_answered: int = 0
    deflected: int = 0
    multi_part: int = 0
    multi_part_full: int = 0
    assume_to_statements: int = 0
    unasked_facts: int = 0
    missed: list[str] = field(default_factory=list)


def _template_re(template: str) -> re.Pattern[str]:
    pieces = re.split(r"\{[a-z_]+\}", " ".join(template.split()))
    return re.compile(".*?".join(re.escape(p) for p in pieces), re.IGNORECASE)


def _bank_lines() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    bank = yaml.safe_load((REPO / "prompts" / "question_bank.yaml").read_text())
    addressing: list[str] = []
    for key in ADDRESSING:
        addressing += bank.get(key, [])
    for key in ADDRESSING_MORE:
        value = bank.get(key, [])
        addressing += [t for ts in value.values() for t in ts] if isinstance(value, dict) else value
    deflecting = [t for key in DEFLECTING for t in bank.get(key, [])]
    return [_template_re(t) for t in addressing], [_template_re(t) for t in deflecting]


def _flat(text: str) -> str:
    return " ".join(text.split())


def parse_dump(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(problem id, [(role, text)]) of a dumped interview (bench.fidelity.render)."""
    problem = re.search(r"\(problem: ([\w-]+)\)", text)
    marks = list(_TURN.finditer(text))
    turns = []
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        body = text[m.end() : nxt.start() if nxt else len(text)].strip()
        turns.append(("interviewer" if m.group(1) == "INTERVIEWER" else "candidate", body))
    return (problem.group(1) if problem else ""), turns


class Judge:
    def __init__(self) -> None:
        self.understanding = shared_understanding()
        self.confirm = default_lexicon().confirm_re
        self.addressing, self.deflecting = _bank_lines()

    def asked_facts(self, card: ProblemCard, text: str, spans: list[Span]) -> list[list[str]]:
        """Per part, the card facts it asks for, read generously (whatever any reading
        finds): a cue, the cosine oracle, or the learned matcher's best fact at LOOSE_MATCH.
        A part the card answers then counts as missed when it is told to "assume", where a
        reading as narrow as the reader's own counted that deflection as an answer."""
        facts = card_facts(card)
        vectors = self.understanding.embed([s.text for s in spans])
        embedder = self.understanding.embedder
        heads = self.understanding.fact_heads()
        out = []
        for span, vector in zip(spans, vectors, strict=True):
            topics = facts.by_cue(text, span)
            v = np.asarray(vector)
            if embedder is not None and v.any():
                sims = facts.vectors(embedder) @ v
                order = np.argsort(-sims)
                runner = sims[order[1]] if len(order) > 1 else -1.0
                if sims[order[0]] >= ORACLE_SIMILARITY and sims[order[0]] - runner >= ORACLE_MARGIN:
                    topics = [*topics, facts.topics[int(order[0])]]
                if heads is not None:
                    probs = topic_probabilities(heads[0], v[None, :])[0]
                    scores = pair_scores(heads[1], v, facts.side(embedder), probs, set(topics))
                    if float(scores.max()) >= LOOSE_MATCH:
                        topics = [*topics, facts.topics[int(np.argmax(scores))]]
            out.append(list(dict.fromkeys(topics)))
        return out

    def count(self, card: ProblemCard, turns: list[tuple[str, str]], tally: Tally) -> None:
        tally.interviews += 1
        given: set[str] = set()
        # a fact is carried by a reply that says one of its pieces (a sentence of its answer):
        # answers give the pieces asked for, not always the whole paragraph
        answers = {f.topic: f.pieces for f in card.facts}
        for (role, said), (next_role, reply) in itertools.pairwise(turns):
            if role != "candidate" or next_role != "interviewer":
                if role == "interviewer":
                    given |= {t for t, ps in answers.items() if any(p in _flat(said) for p in ps)}
                continue
            flat_reply = _flat(reply)
            in_reply = {t for t, ps in answers.items() if any(p in flat_reply for p in ps)}
            addressed = any(p.search(flat_reply) for p in self.addressing)
            sentences = split_sentences(said)
            if "?" not in said and any(p.search(flat_reply) for p in self.deflecting):
                tally.assume_to_statements += 1
                tally.missed.append(f"[assume to a statement] {said[:80]}  ->  {reply[:60]}")
            asked_anywhere = self.asked_facts(card, said, sentences) if sentences else []
            corrected = {t for t in in_reply if any(c.isdigit() for c in said)}
            wanted = {t for ts in asked_anywhere for t in ts}
            unasked = in_reply - wanted - corrected
            tally.unasked_facts += len(unasked)
            if unasked:
                tally.missed.append(f"[unasked {sorted(unasked)}] {said[:100]}")
            questions = [s for s in sentences if s.text.rstrip().endswith("?")]
            parts = [
                p
                for q in questions
                for p in question_parts(said, q)
                if not self.confirm.search(
                    normalise(p.text if p.text.endswith("?") else p.text + "?")
                )
            ]
            if parts and len(questions) >= len(sentences) - len(questions):
                self._parts(card, said, parts, in_reply, given, addressed, flat_reply, tally)
        return None

    def _parts(
        self,
        card: ProblemCard,
        said: str,
        parts: list[Span],
        in_reply: set[str],
        given: set[str],
        addressed: bool,
        reply: str,
        tally: Tally,
    ) -> None:
        tally.asking_messages += 1
        deflects = any(p.search(reply) for p in self.deflecting)
        full = True
        for part, topics in zip(parts, self.asked_facts(card, said, parts), strict=True):
            tally.parts += 1
            if topics:
                tally.card_parts += 1
                # given earlier counts when the reply does not now say it has no details
                ok = any(t in in_reply or (t in given and not deflects) for t in topics)
                tally.card_parts_answered += int(ok)
                tally.deflected += int(not ok and deflects)
            else:
                ok = addressed or bool(in_reply)
            tally.parts_answered += int(ok)
            if not ok:
                full = False
                tally.missed.append(f"{part.text}  ->  {reply[:90]}")
        if len(parts) >= 2:
            tally.multi_part += 1
            tally.multi_part_full += int(full)


def figures(tally: Tally, splits: list[str]) -> dict[str, object]:
    def share(a: int, b: int) -> float:
        return round(a / max(b, 1), 3)

    return {
        "split": ",".join(splits),
        "interviews": tally.interviews,
        "asking_messages": tally.asking_messages,
        "parts_answered": f"{tally.parts_answered}/{tally.parts}",
        "parts_answered_share": share(tally.parts_answered, tally.parts),
        "card_parts_answered": f"{tally.card_parts_answered}/{tally.card_parts}",
        "card_parts_deflected": tally.deflected,
        "multi_part_full": f"{tally.multi_part_full}/{tally.multi_part}",
        "multi_part_full_share": share(tally.multi_part_full, tally.multi_part),
        "assume_to_statements": tally.assume_to_statements,
        "unasked_facts": tally.unasked_facts,
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", action="append", choices=script_splits())
    parser.add_argument("--from", dest="source", type=Path, help="dumped interviews, per split")
    parser.add_argument("--dump", type=Path, help="also write the played interviews here")
    parser.add_argument("--missed", action="store_true", help="list the parts left unanswered")
    args = parser.parse_args(argv)
    splits = args.split or script_splits()
    settings = Settings(chroma_host=None)
    library = load_problems(settings.knowledge_dir / "problems")
    judge, tally = Judge(), Tally()
    if args.source is not None:
        for split in splits:
            for path in sorted((args.source / split).glob("*.txt")):
                problem, turns = parse_dump(path.read_text(encoding="utf-8"))
                judge.count(library.get(problem), turns, tally)
    else:
        _play(splits, args.dump, judge, tally, library)
    result = figures(tally, splits)
    for key, value in result.items():
        print(f"  {key:<24} {value}")
    if args.missed:
        print("\n".join(tally.missed))
    return result


def _play(
    splits: list[str], dump: Path | None, judge: Judge, tally: Tally, library: ProblemLibrary
) -> None:
    scripts = [script for split in splits for script in load_scripts(split)]
    for script, transcript in replay(scripts):
        text = render(transcript, script)
        if dump is not None:
            (dump / script.split).mkdir(parents=True, exist_ok=True)
            (dump / script.split / f"{script.name}.txt").write_text(text)
        _, turns = parse_dump(text)
        judge.count(library.get(script.problem), turns, tally)


if __name__ == "__main__":
    main()
