"""Which kind of line each follow-up is, and how the judges labelled each kind.

    python -m bench.follow_up_lines                      # the judged folders test12-1..
    python -m bench.follow_up_lines --dumps DIR [DIR...]  # transcripts dumped by bench.fidelity
    python -m bench.follow_up_lines --now ROOT           # ROOT/testN: dumps of the judged scripts

A follow-up ends with one of the offline voice's pushes (prompts/question_bank.yaml): a line
that fits any claim (`deepen_any`, `deepen_observation`), one that names the candidate's
decision (`decision_pushes`), one worded from a part of the claim (`claim_pushes`), or a
signal's own push (`deepen_questions`). Over the judged folders this prints, per kind, how
many turns the judges' majority labelled SPECIFIC / GENERIC / REPETITIVE / WRONG; over
dumped transcripts it counts the kinds and weighs each by those judged shares, an estimate
of the labels the lines would get (a proxy, not a judgement: the shares come from the
judged batches, dev material once a change was shaped by reading them). With --now, each
judged follow-up turn (a line of one of the kinds) is compared with the line the current code
says at the same turn of the same script (ROOT/testN/<script>.txt, dumped by bench.fidelity):
per majority label then, how many lines are the same now and how many changed, and into
which kind.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from agent.settings import Settings
from agent.speak.question_bank import QuestionBank, load_question_bank
from bench.judged import LABELS, ROOT, parse

REPO = Path(__file__).resolve().parent.parent
_LINE = re.compile(r"\[I(\d+) @ [\d.]+ min\] INTERVIEWER: (.*)")
_TAG = re.compile(r"^\[[^\]]*\]\s*")
KINDS = ("fits any claim", "names a decision", "claim part", "signal push")


def _pattern(template: str) -> re.Pattern[str]:
    """A template as a pattern: its words as said, each {slot} any text."""
    parts = re.split(r"\{[a-z_]+\}", _TAG.sub("", template))
    return re.compile(".+?".join(re.escape(p) for p in parts))


def kinds_of(bank: QuestionBank) -> dict[str, list[re.Pattern[str]]]:
    claim = [t for lines in bank.claim_pushes.values() for t in lines if "{question}" not in t]
    signal = [t for lines in bank.deepen_questions.values() for t in lines]
    return {
        "fits any claim": [_pattern(t) for t in [*bank.deepen_any, *bank.deepen_observation]],
        "names a decision": [_pattern(t) for t in bank.decision_pushes],
        "claim part": [_pattern(t) for t in claim],
        "signal push": [_pattern(t) for t in signal],
    }


def kind_of(line: str, kinds: dict[str, list[re.Pattern[str]]]) -> str | None:
    for kind in KINDS:
        if any(p.search(line) for p in kinds[kind]):
            return kind
    return None


def _lines(path: Path) -> dict[int, str]:
    return {int(m.group(1)): m.group(2) for m in _LINE.finditer(path.read_text("utf-8"))}


def _votes(folder: Path) -> dict[tuple[str, int], Counter[str]]:
    """The judges' labels of each interviewer turn of a judged folder, by (transcript, turn)."""
    votes: dict[tuple[str, int], Counter[str]] = {}
    for f in folder.glob("labels*.txt"):
        for t in parse(f):
            for i, label in t.labels.items():
                votes.setdefault((t.name, i), Counter())[label] += 1
    return votes


def judged_shares(kinds: dict[str, list[re.Pattern[str]]], folders: list[Path]) -> dict:
    """Per kind of line, the judges' majority label counts over the judged folders."""
    out: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    for folder in folders:
        votes = _votes(folder)
        for path in folder.glob("*__*.txt"):
            for i, line in _lines(path).items():
                kind = kind_of(line, kinds)
                if kind and (path.stem, i) in votes:
                    out[kind][votes[(path.stem, i)].most_common(1)[0][0]] += 1
    return out


def estimate(kinds: dict, shares: dict, dumps: list[Path]) -> dict[str, object]:
    """Counts of each kind over dumped transcripts, and the labels they would get at the
    judged shares of their kind."""
    count: Counter[str] = Counter()
    turns = 0
    for folder in dumps:
        for path in folder.glob("*__*.txt"):
            lines = _lines(path)
            turns += len(lines)
            count.update(k for k in (kind_of(line, kinds) for line in lines.values()) if k)
    expected: Counter[str] = Counter()
    for kind, n in count.items():
        total = sum(shares[kind].values()) or 1
        for label in LABELS:
            expected[label] += n * shares[kind][label] / total
    return {
        "interviewer turns": turns,
        **{f"lines that {k}" if k.startswith("fits") else k: count[k] for k in KINDS},
        **{f"expected {label}": round(expected[label], 1) for label in LABELS},
    }


def then_and_now(kinds: dict, folders: list[Path], root: Path) -> dict[str, Counter[str]]:
    """Per majority label of a judged follow-up turn: 'same' or 'now: <kind of line now>'."""
    out: dict[str, Counter[str]] = {}
    for folder in folders:
        split = folder.name.rsplit("-", 1)[0]
        votes = _votes(folder)
        for path in folder.glob("*__*.txt"):
            dumped = root / split / path.name
            now = _lines(dumped) if dumped.exists() else {}
            for i, line in _lines(path).items():
                if kind_of(line, kinds) is None or (path.stem, i) not in votes:
                    continue
                label = votes[(path.stem, i)].most_common(1)[0][0]
                said = now.get(i)
                what = "same" if said == line else f"now: {kind_of(said or '', kinds) or 'other'}"
                out.setdefault(label, Counter())[what] += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dumps", type=Path, nargs="*", default=[])
    parser.add_argument("--judged", default="test1[2-9]-1", help="glob of judged folders")
    parser.add_argument("--now", type=Path, help="folder of testN dumps of the judged scripts")
    args = parser.parse_args()
    bank = load_question_bank(Settings().prompts_dir / "question_bank.yaml")
    kinds = kinds_of(bank)
    folders = sorted(ROOT.glob(args.judged))
    shares = judged_shares(kinds, folders)
    for kind in KINDS:
        print(f"  judged {kind:<20} {dict(shares[kind])}")
    if args.dumps:
        for key, value in estimate(kinds, shares, args.dumps).items():
            print(f"  {key:<28} {value}")
    if args.now:
        for label, counts in sorted(then_and_now(kinds, folders, args.now).items()):
            print(f"  judged {label:<11} then, now {dict(counts.most_common())}")


if __name__ == "__main__":
    main()
