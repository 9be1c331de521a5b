"""A turn pays only for the imports it needs: in a fresh process, an offline interview whose
first turn retrieves nothing never imports chromadb (nor the LLM client stack, nor the
settings library: agent/settings.py reads the environment with pydantic alone), and one
whose first turns retrieve from the shipped corpus searches it in memory without chromadb
(agent/knowledge/in_memory.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROGRAM = """
import json, sys
from agent import Interview
from agent.decide.clock import SimulatedClock

iv = Interview("fraud-detection", seed=1, clock=SimulatedClock())
iv.start()
iv.respond("What is the business goal?")
last = iv.transcript.turns[-1]
heavy = ("chromadb", "langchain_openai", "langchain_core", "openai", "pydantic_settings")
print(json.dumps({
    "move": str(last.move.kind),
    "retrieved": last.retrieved,
    "imported": [name for name in heavy if name in sys.modules],
}))
"""


def _python(
    program: str, data_dir: Path | None = None, args: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run `program` (with `args`) in a fresh interpreter with this checkout first on the
    path (and a data folder of its own, when given); it must exit cleanly."""
    pythonpath = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": pythonpath}
    if data_dir is not None:
        env["MLSD_DATA_DIR"] = str(data_dir)
    done = subprocess.run(
        [sys.executable, "-c", program, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=data_dir,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-1500:]
    return done


def test_a_first_turn_that_retrieves_nothing_does_not_import_chromadb(tmp_path: Path) -> None:
    done = _python(PROGRAM, tmp_path)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["move"] == "answer_clarification" and seen["retrieved"] == []
    assert seen["imported"] == []
    assert not (tmp_path / "store").exists()  # nor was the store opened


RETRIEVING = """
import json, sys, threading
from agent import Interview
from agent.decide.clock import SimulatedClock

iv = Interview("fraud-detection", seed=1, clock=SimulatedClock())
iv.start()
retrieved = []
for answer in sys.argv[1:]:
    iv.respond(answer)
    retrieved.append(len(iv.transcript.turns[-1].retrieved))
for thread in threading.enumerate():  # the side work the process would wait for at exit
    if not thread.daemon and thread is not threading.current_thread():
        thread.join(timeout=240)
print(json.dumps({"retrieved": retrieved, "chromadb": "chromadb" in sys.modules}))
"""

ANSWERS = (
    "I would train a gradient boosted tree model on transaction features.",
    "Labels come from chargebacks, which arrive weeks after the transaction.",
)


def test_first_turns_that_retrieve_from_the_shipped_corpus_do_not_import_chromadb(
    tmp_path: Path,
) -> None:
    done = _python(RETRIEVING, tmp_path, ANSWERS)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["chromadb"] is False
    assert all(n > 0 for n in seen["retrieved"]), seen
    assert not (tmp_path / "store").exists()  # nor was the store opened


PRELOAD = """
import json, threading
import agent.interview  # no Interview built, no text read yet
from agent.knowledge import embedding, shipped

for thread in threading.enumerate():
    if thread.name == "model-preload":
        thread.join(timeout=240)
print(json.dumps({
    "model_loaded": embedding._shared.cache_info().currsize == 1,
    "vectors_read": bool(shipped._TABLES),
}))
"""


def test_importing_the_interview_starts_loading_the_model_before_any_turn(tmp_path: Path) -> None:
    """The sentence model (its ONNX session, built mostly outside the GIL) loads on a side
    thread while the interview's own imports run, so a first answer does not wait for it."""
    done = _python(PRELOAD, tmp_path)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "model_loaded": True,
        "vectors_read": True,
    }


def test_a_process_that_builds_an_interview_and_exits_at_once_ends_cleanly(tmp_path: Path) -> None:
    """Exiting while the sentence model's session is still being built used to abort the
    process in the runtime's teardown (exit 134, 'terminate called without an active
    exception'), a few times in ten; the load is now waited for instead."""
    program = "from agent.interview import Interview; Interview('fraud-detection')"
    for _ in range(3):
        _python(program, tmp_path)


def test_the_command_line_loads_the_interview_only_for_chat() -> None:
    """Every `mlsd` command builds the same parser; only `mlsd chat` pays for the interview
    (and the model load that importing it starts)."""
    program = (
        "import sys; from agent.cli import build_parser; build_parser(); "
        "print('agent.interview' in sys.modules)"
    )
    assert _python(program).stdout.strip() == "False"
