"""Start and stop a real `chroma run` server (shipped with the chromadb package) on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.streamlit_server import free_port


@dataclass
class ChromaServer:
    host: str
    port: int
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def chroma_executable() -> str:
    beside = Path(sys.executable).with_name("chroma")
    found = str(beside) if beside.is_file() else shutil.which("chroma")
    if not found:
        raise RuntimeError("the `chroma` command (from the chromadb package) is not installed")
    return found


@contextmanager
def chroma_server(path: Path, log_path: Path, timeout: float = 60.0) -> Iterator[ChromaServer]:
    port = free_port()
    cmd = [
        chroma_executable(),
        "run",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--path",
        str(path),
    ]
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "NO_COLOR": "1"}
    log = log_path.open("w")
    server = ChromaServer(
        "127.0.0.1", port, subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.process.poll() is not None:
                raise RuntimeError(f"chroma exited early; see {log_path}")
            try:
                with urllib.request.urlopen(f"{server.url}/api/v2/heartbeat", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"chroma did not become ready; see {log_path}") from None
                time.sleep(0.2)
        yield server
    finally:
        server.stop()
        log.close()
