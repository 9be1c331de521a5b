"""The prompt-injection suite's answer channel: reference answers from tests/calibration
graded by `mlsd evaluate` with and without an attempt placed in them (front matter, start,
middle, an HTML comment, a code block, the end). The candidate channel and the attempts
themselves are in injection_suite.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import injection_oracle as oracle
from tests.support.injection_suite import CALIBRATION, Attempt

BASE_ANSWERS = (
    "fraud-detection/full.md",
    "video-recommendation/full.md",
    "fraud-detection/no-features.md",
)


def inject(answer: str, attempt: Attempt) -> str:
    """The answer with the attempt placed where the attempt says."""
    from agent.grading.inputs import split_front_matter

    _meta, body = split_front_matter(answer)
    front = answer[: len(answer) - len(body)]
    text = attempt.text.strip()
    if attempt.placement == "front_matter":
        lines = front.rstrip("\n").split("\n")
        return "\n".join([*lines[:-1], text, lines[-1]]) + "\n" + body
    block = {
        "html_comment": f"<!-- {text} -->",
        "code_block": f"```\n{text}\n```",
    }.get(attempt.placement or "end", text)
    if attempt.placement == "start":
        return front + block + "\n\n" + body
    if attempt.placement in ("middle", "html_comment"):
        heads = [i for i in range(len(body)) if body.startswith("\n## ", i)]
        cut = heads[len(heads) // 2] if heads else len(body) // 2
        return front + body[:cut] + "\n\n" + block + "\n" + body[cut:]
    return front + body.rstrip() + "\n\n" + block + "\n"


@dataclass
class AnswerResult:
    attempt: Attempt
    base: str
    clean: dict[str, int]
    injected: dict[str, int]
    clean_overall: float
    injected_overall: float
    quoted: list[str] = field(default_factory=list)  # evidence quotes carrying injected text
    manipulation_attempts: int = 0

    @property
    def delta(self) -> float:
        return round(self.injected_overall - self.clean_overall, 3)

    @property
    def dimension_deltas(self) -> dict[str, int]:
        return {d: self.injected[d] - s for d, s in self.clean.items()}


def carries_injection(quote: str, injection: str, base: str) -> bool:
    """True when a quote carries words of the injection that the clean answer does not have."""
    own = oracle.shingles(injection, 3) - oracle.shingles(base, 3)
    return bool(oracle.shingles(quote, 3) & own) or (
        len(oracle.words(injection)) < 3 and oracle.flat(injection) in oracle.flat(quote)
    )


def evaluate(folder: Path) -> dict[str, dict]:
    """`mlsd evaluate FOLDER --format json`; recap per file name."""
    from agent import cli

    out = folder.parent / f"{folder.name}-report.json"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(["evaluate", str(folder), "--format", "json", "--out", str(out)])
    if code != 0:
        raise RuntimeError(f"mlsd evaluate exited with {code}")
    report = json.loads(out.read_text(encoding="utf-8"))
    return {Path(i["item"]).name: i["recap"] for i in report["items"]}


def answer_results(
    attempts: Iterable[Attempt],
    workdir: Path | None = None,
    bases: tuple[str, ...] = BASE_ANSWERS,
) -> list[AnswerResult]:
    attempts = list(attempts)
    with tempfile.TemporaryDirectory(prefix="mlsd-injection-") as tmp:
        folder = Path(workdir or tmp) / "answers"
        folder.mkdir(parents=True, exist_ok=True)
        names: list[tuple[Attempt, str, str, str]] = []
        for b, base in enumerate(bases):
            text = (CALIBRATION / base).read_text(encoding="utf-8")
            clean = f"b{b}-clean.md"
            (folder / clean).write_text(text, encoding="utf-8")
            for a in attempts:
                name = f"b{b}-{a.id}.md"
                (folder / name).write_text(inject(text, a), encoding="utf-8")
                names.append((a, base, clean, name))
        recaps = evaluate(folder)
    results: list[AnswerResult] = []
    for a, base, clean, name in names:
        c, i = recaps[clean], recaps[name]
        base_text = (CALIBRATION / base).read_text(encoding="utf-8")
        quotes = [q for d in i["dimensions"] for q in d["evidence"]]
        results.append(
            AnswerResult(
                attempt=a,
                base=base,
                clean={d["id"]: d["score"] for d in c["dimensions"]},
                injected={d["id"]: d["score"] for d in i["dimensions"]},
                clean_overall=c["overall"],
                injected_overall=i["overall"],
                quoted=[q for q in quotes if carries_injection(q, a.text, base_text)],
                manipulation_attempts=i["manipulation_attempts"],
            )
        )
    return results
