"""Offline grading throughput, and what injected instructions do to a grade.

    python -m bench.grading

Transcripts are built from the calibration answers (one candidate turn per section, each
after an interviewer question); answers are the calibration answers themselves. "Cold"
forgets every sentence vector before each answer, so each of its sentences goes through
MiniLM; the problem cards' vectors come from the shipped file (knowledge/vectors/) as in
a fresh install. "Cold, a batch" is `mlsd evaluate` on a folder: no sentence seen before,
every answer's sentences embedded in one pass (grouped by length across answers), then each
answer graded. The calibration answers are full answers and their ablations, which repeat
most of their full answer's sentences: a batch embeds each repeated sentence once, and that
is most of its gain (on 24 distinct answers the batch and per-answer cold rates were within
noise of each other). The re-grade figure's first pass over the answers also embeds them. Injection:
every attack of tests/calibration/injections.yaml inside every base answer, compared with the
same answer without it; the counterfactual line shows what the same attacks would do if the
grader read them as evidence (the manipulation head switched off). The attacks are in the
model's training corpus, so these are training figures; bench/understanding.py has the
blind ones.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.grading.inputs import answer_item
from agent.grading.offline import OfflineGrader
from agent.grading.sentence_readings import forget_findings
from agent.read.reading import MessageKind
from agent.record.transcript import Transcript, Turn
from agent.understanding import shared_understanding
from agent.understanding.vectors import clear_vector_cache
from tests.support.calibration import load_manifest
from tests.support.robustness import load_suite, run_injection_suite

ROOT = Path(__file__).resolve().parent.parent / "tests" / "calibration"
SECTION_PHASE = {
    "Clarifying": Phase.CLARIFY,
    "Data": Phase.DATA,
    "Features": Phase.FEATURES,
    "Model": Phase.MODELING,
    "Metrics": Phase.MODELING,
    "Training": Phase.TRAINING,
    "Evaluation": Phase.EVALUATION,
    "Deployment": Phase.DEPLOYMENT,
    "Wrap-up": Phase.WRAP_UP,
}


def _transcript(answer: str, problem: str) -> Transcript:
    rubric = load_content().rubric
    turns: list[Turn] = []
    for block in re.split(r"(?m)^## ", answer.split("---\n", 2)[-1])[1:]:
        title, _, body = block.partition("\n")
        phase = SECTION_PHASE.get(title.split()[0], Phase.CLARIFY)
        turns.append(Turn(role="interviewer", text=f"Tell me about {title.lower()}.", phase=phase))
        turns.append(
            Turn(role="candidate", text=body.strip(), phase=phase, kind=MessageKind.ANSWER)
        )
    return Transcript(
        problem_id=problem, rubric_version=rubric.version, rubric_hash=rubric.hash, turns=turns
    )


def _rates(fn, items, repeat: int) -> tuple[float, float]:
    """(items per wall-clock second, items per CPU second of this process)."""
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for it in items:
            fn(*it)
    n = repeat * len(items)
    return n / (time.perf_counter() - started), n / max(time.process_time() - cpu, 1e-9)


def _rate(fn, items, repeat: int) -> float:
    return _rates(fn, items, repeat)[0]


def main() -> dict[str, object]:
    rubric, library = load_content().rubric, load_content().problems
    manifest = load_manifest(ROOT / "manifest.yaml")
    answers = [
        (answer_item((ROOT / i.file).read_text(encoding="utf-8"), i.file).answer, i.problem)
        for i in manifest.items
    ]
    grader = OfflineGrader()
    grader.grade_answer(answers[0][0], library.get(answers[0][1]), rubric)  # warm caches
    answer_rate, answer_cpu_rate = _rates(
        lambda text, pid: grader.grade_answer(text, library.get(pid), rubric), answers, 3
    )

    def cold(text: str, pid: str) -> object:
        clear_vector_cache()  # a new answer: none of its sentences embedded before
        return grader.grade_answer(text, library.get(pid), rubric)

    cold_rate, cold_cpu_rate = _rates(cold, answers, 1)

    def cold_batch() -> None:
        clear_vector_cache()  # none of the answers embedded before; then all in one pass
        grader.prepare([text for text, _ in answers])
        for text, pid in answers:
            grader.grade_answer(text, library.get(pid), rubric)

    started = time.perf_counter()
    cold_batch()
    cold_batch_rate = len(answers) / (time.perf_counter() - started)
    transcripts = [(_transcript(text, pid), pid) for text, pid in answers]
    transcript_rate = _rate(
        lambda t, pid: grader.grade_transcript(t, library.get(pid), rubric), transcripts, 3
    )
    words = sum(len(t.split()) for t, _ in answers) / len(answers)
    turns = sum(len(t.turns) for t, _ in transcripts) / len(transcripts)

    suite = load_suite(ROOT / "injections.yaml")

    def grade(text: str):
        item = answer_item(text, "<answer>")
        return grader.grade_answer(item.answer, library.get(item.problem_id), rubric)

    guarded = run_injection_suite(suite, grade)
    head = shared_understanding().model.head("manipulation").info
    real_threshold = head.threshold
    head.threshold = 2.0  # counterfactual: no sentence is set aside, attacks read as evidence
    forget_findings()  # the findings remembered were read at the real threshold
    try:
        unguarded = run_injection_suite(suite, grade)
    finally:
        head.threshold = real_threshold
        forget_findings()
    return {
        "answers/s (offline, sentences seen before: a re-grade)": round(answer_rate, 1),
        # CPU time of the whole process: it includes the embedder's threads (the first pass
        # embeds the answers), so it is no lower bound on the grader's own cost
        "answers/s per process CPU second (a re-grade)": round(answer_cpu_rate, 1),
        "answers/s (offline, cold: every sentence embedded)": round(cold_rate, 1),
        "answers/s per process CPU second (cold)": round(cold_cpu_rate, 1),
        "answers/s (offline, cold, a batch: embedded in one pass)": round(cold_batch_rate, 1),
        "transcripts/s (offline)": round(transcript_rate, 1),
        "mean answer words": round(words),
        "mean transcript turns": round(turns, 1),
        "injection attempts": guarded.attempts,
        "injection: scores raised": guarded.raised_any,
        "injection: identical": guarded.identical,
        "injection: lowered": guarded.lowered_any,
        "injection: reported as manipulation": guarded.flagged,
        "injection: mean overall change": guarded.mean_overall_change,
        "injection: max overall change": guarded.max_overall_change,
        "without the filter: scores raised": unguarded.raised_any,
        "without the filter: max overall change": unguarded.max_overall_change,
    }


if __name__ == "__main__":
    for k, v in main().items():
        print(f"{k:<44} {v}")
