"""Which answers the grader caps as written for another problem, and by which view.

    python -m bench.false_caps judged                       # every judged transcript's turns
    python -m bench.false_caps replays --transcripts /tmp/tr  # saved replays (note_cover dump)
    python -m bench.false_caps answers                      # every tests/blind/answers-c*

`judged` reads the candidate's turns of every judged fidelity transcript
(tests/fidelity/judged/*/, as the judges read them, replayed by the code of their day) and
asks the relevance check about them as a written answer (no replay: fast; a manipulative
turn counts too). `replays` grades in full the replays saved by `python -m bench.note_cover
dump --transcripts DIR` (one folder per batch) with today's interviewer. Every script was
written for the problem it is graded against, so every cap there is a false cap. `answers` grades
every written answer of the answers-c* batches: a `wrong_problem` answer should be capped,
any other should not. Both print, per capped item, the three views' margins (mean vector,
claim by claim, card words) and the card named closest, then the counts.

Every figure here is a dev figure: the judged batches and the answers-c* batches are dev
material and were read while choosing how the cap decides.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from agent.content.bundle import load_content
from agent.grading import offline
from agent.grading.evidence import evidence_sentences
from agent.grading.inputs import strip_front_matter
from agent.grading.relevance import Relevance, problem_relevance
from agent.record.transcript import Transcript
from bench.clarifications import parse_dump

REPO = Path(__file__).resolve().parent.parent
BLIND = REPO / "tests" / "blind"
JUDGED = REPO / "tests" / "fidelity" / "judged"


def _row(source: str, item: str, problem: str, rel: Relevance | None) -> dict[str, object]:
    return {
        "source": source,
        "item": item,
        "problem": problem,
        "capped": bool(rel is not None and rel.off_problem),
        "judged": rel is not None,
        "closest": rel.closest if rel is not None else None,
        "margin": rel.margin if rel is not None else None,
        "claim_margin": rel.claim_margin if rel is not None else None,
        "words_margin": rel.words_margin if rel is not None else None,
    }


def candidate_turns(text: str) -> list[str]:
    """The candidate's messages of a judged transcript (bench.clarifications.parse_dump)."""
    return [body for role, body in parse_dump(text)[1] if role == "candidate"]


def judged() -> list[dict[str, object]]:
    """Every judged transcript's candidate turns, their relevance to the script's problem."""
    content = load_content()
    rows = []
    for batch in sorted(JUDGED.iterdir()):
        for path in sorted(batch.glob("*__*.txt")):
            turns = candidate_turns(path.read_text(encoding="utf-8"))
            sentences, _ = evidence_sentences(list(enumerate(turns)))
            problem = path.stem.split("__", 1)[1]
            card = content.problems.get(problem)
            rows.append(
                _row(
                    batch.name,
                    path.stem,
                    problem,
                    problem_relevance(sentences, card, content.problems),
                )
            )
    return rows


def replays(folder: Path) -> list[dict[str, object]]:
    """Every saved replay graded; the relevance the grader computed, caught on its way."""
    content = load_content()
    grader = offline.OfflineGrader()
    caught: list[Relevance | None] = []
    real = offline._relevance

    def spy(sentences, card):
        got = real(sentences, card)
        caught.append(got)
        return got

    offline._relevance = spy
    rows = []
    try:
        for split in sorted(p for p in folder.iterdir() if p.is_dir()):
            for path in sorted(split.glob("*.json")):
                transcript = Transcript.model_validate_json(path.read_text(encoding="utf-8"))
                problem = path.stem.split("__", 1)[1]
                caught.clear()
                grader.grade_transcript(transcript, content.problems.get(problem), content.rubric)
                rows.append(_row(split.name, path.stem, problem, caught[-1] if caught else None))
    finally:
        offline._relevance = real
    return rows


def answers() -> list[dict[str, object]]:
    """Every written answer of the answers-c* batches, its relevance alone (no full grade)."""
    content = load_content()
    rows = []
    for batch in sorted(BLIND.glob("answers-c*")):
        for line in (batch / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            text = (batch / item["file"]).read_text(encoding="utf-8")
            sentences, _ = evidence_sentences([(0, strip_front_matter(text))])
            card = content.problems.get(item["problem"])
            rel = problem_relevance(sentences, card, content.problems)
            row = _row(batch.name, item["file"], item["problem"], rel)
            row["variant"] = item["variant"]
            rows.append(row)
    return rows


def _report(rows: list[dict[str, object]], wrong: str | None) -> dict[str, object]:
    for r in rows:
        if r["capped"] != (wrong is not None and r.get("variant") == wrong):
            print(json.dumps(r))
    out: dict[str, object] = {"items": len(rows), "judged (enough design text)": 0}
    out["judged (enough design text)"] = sum(bool(r["judged"]) for r in rows)
    if wrong is None:
        out["capped (all false)"] = sum(bool(r["capped"]) for r in rows)
        return out
    is_wrong = [r for r in rows if r.get("variant") == wrong]
    rest = [r for r in rows if r.get("variant") != wrong]
    out["wrong-problem answers"] = len(is_wrong)
    out["wrong-problem capped"] = sum(bool(r["capped"]) for r in is_wrong)
    out["on-problem answers"] = len(rest)
    out["on-problem capped (false)"] = sum(bool(r["capped"]) for r in rest)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("judged")
    j = sub.add_parser("replays")
    j.add_argument("--transcripts", type=Path, required=True)
    sub.add_parser("answers")
    args = parser.parse_args(argv)
    if args.cmd == "judged":
        print(json.dumps(_report(judged(), None), indent=2))
    elif args.cmd == "replays":
        print(json.dumps(_report(replays(args.transcripts), None), indent=2))
    else:
        print(json.dumps(_report(answers(), "wrong_problem"), indent=2))


if __name__ == "__main__":
    main()
