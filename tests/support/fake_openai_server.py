"""A small OpenAI-compatible server on 127.0.0.1 that misbehaves on purpose when told to.

/v1/chat/completions (JSON and SSE streaming with usage, forced tool calls, json_object and
json_schema response formats) and /v1/models. Queued behaviours: sleep past the client's
timeout, 429 with Retry-After, 500/503, a body that is not JSON, structured output that does
not validate, a stream that dies half-way, a hang-up. It counts requests, and can add a
fixed latency to every reply (for the overhead benches).
"""

from __future__ import annotations

import collections
import contextlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

from tests.support.fake_openai_wire import Handler, QuietServer
from tests.support.openai_payloads import example_for

OK = "ok"
TIMEOUT = "timeout"  # sleep `hang_seconds` before answering
RATE_LIMIT = "429"  # with Retry-After: `retry_after`
ERROR_500 = "500"
ERROR_503 = "503"
INVALID_BODY = "invalid_body"  # 200 with a body that is not JSON
INVALID_OUTPUT = "invalid_output"  # a completion whose structured output does not validate
DIE_MID_STREAM = "die_mid_stream"  # some SSE chunks, then the connection is cut
CLOSE = "close"  # accept, then hang up without a response


@dataclass
class Request:
    path: str
    body: dict[str, Any]
    behaviour: str
    headers: dict[str, str] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)
    done: float | None = None  # time.monotonic() once the reply was written (or abandoned)


DEFAULT_TEXT = "Thanks, that helps. How would you measure whether this works well for users?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def closed_port_url() -> str:
    """A base URL on which nothing listens: connection refused."""
    return f"http://127.0.0.1:{free_port()}/v1"


class FakeOpenAIServer:
    """Use as a context manager; `plan(...)` queues behaviours, then replies are OK."""

    def __init__(
        self,
        *,
        latency: float = 0.0,
        hang_seconds: float = 3.0,
        retry_after: str = "1",
        text: str = DEFAULT_TEXT,
        structured: dict[str, dict[str, Any]] | None = None,
        port: int = 0,
    ) -> None:
        self.latency = latency
        self.hang_seconds = hang_seconds
        self.retry_after = retry_after
        self.text = text
        self.structured = structured or {}  # tool/schema name -> fields to put in replies
        self.requests: list[Request] = []
        self._plan: collections.deque[str] = collections.deque()
        self._rules: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self.port = port  # 0: any free port

    # -- control ----------------------------------------------------------------------------
    def plan(self, *behaviours: str) -> None:
        with self._lock:
            self._plan.extend(behaviours)

    def when(self, text: str, behaviour: str) -> None:
        """Every request whose messages contain `text` gets `behaviour` (after the plan)."""
        with self._lock:
            self._rules.append((text, behaviour))

    def clear_plan(self) -> None:
        with self._lock:
            self._plan.clear()

    def next_behaviour(self, body: dict[str, Any] | None = None) -> str:
        with self._lock:
            if self._plan:
                return self._plan.popleft()
            if body and self._rules:
                text = json.dumps(body.get("messages", []))
                for needle, behaviour in self._rules:
                    if needle in text:
                        return behaviour
            return OK

    def completions(self) -> list[Request]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> FakeOpenAIServer:
        server = self

        class ServerHandler(Handler):
            fake = server

        self._httpd = QuietServer(("127.0.0.1", self.port), ServerHandler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    # -- replies ----------------------------------------------------------------------------
    def reply_for(self, body: dict[str, Any], *, valid: bool = True) -> dict[str, Any]:
        """The assistant message: a forced tool call, a JSON object, or plain text."""
        tools = body.get("tools") or []
        fmt = body.get("response_format") or {}
        if tools and body.get("tool_choice"):
            fn = tools[0]["function"]
            args = self._object(fn["name"], fn.get("parameters", {}), valid)
            call = {
                "id": "call_1",
                "type": "function",
                "function": {"name": fn["name"], "arguments": args},
            }
            return {"role": "assistant", "content": None, "tool_calls": [call]}
        if fmt.get("type") in ("json_object", "json_schema"):
            schema = fmt.get("schema") or fmt.get("json_schema", {}).get("schema", {})
            name = fmt.get("json_schema", {}).get("name") or schema.get("title", "")
            return {"role": "assistant", "content": self._object(name, schema, valid)}
        return {"role": "assistant", "content": self.text}

    def _object(self, name: str, schema: dict[str, Any], valid: bool) -> str:
        if not valid:
            return json.dumps({"unexpected": "shape"})
        data = example_for(schema) or {}
        data.update(self.structured.get(name, {}))
        return json.dumps(data)


def main(argv: list[str] | None = None) -> None:
    """Serve in the foreground (for benches that keep the server out of their process)."""
    import argparse

    parser = argparse.ArgumentParser(description="fake OpenAI-compatible server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--structured", default="{}", help="JSON: schema name -> fields")
    args = parser.parse_args(argv)
    structured = json.loads(args.structured)
    server = FakeOpenAIServer(latency=args.latency, structured=structured, port=args.port)
    with server, contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()


if __name__ == "__main__":
    main()
