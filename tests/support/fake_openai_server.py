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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.openai_payloads import completion, error, example_for, usage

OK = "ok"
TIMEOUT = "timeout"  # sleep `hang_seconds` before answering
RATE_LIMIT = "429"  # with Retry-After: `retry_after`
ERROR_500 = "500"
ERROR_503 = "503"
INVALID_BODY = "invalid_body"  # 200 with a body that is not JSON
INVALID_OUTPUT = "invalid_output"  # a completion whose structured output does not validate
DIE_MID_STREAM = "die_mid_stream"  # some SSE chunks, then the connection is cut
CLOSE = "close"  # accept, then hang up without a response

DEFAULT_TEXT = "Thanks, that helps. How would you measure whether this works well for users?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def closed_port_url() -> str:
    """A base URL on which nothing listens: connection refused."""
    return f"http://127.0.0.1:{free_port()}/v1"


@dataclass
class Request:
    path: str
    body: dict[str, Any]
    behaviour: str
    headers: dict[str, str] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)
    done: float | None = None  # time.monotonic() once the reply was written (or abandoned)


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

        class Handler(_Handler):
            fake = server

        self._httpd = _QuietServer(("127.0.0.1", self.port), Handler)
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


class _QuietServer(ThreadingHTTPServer):
    def handleerror(self, request: object, client_address: object) -> None:
        pass  # clients that time out or hang up are the point of this server


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAIServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate sends; with Nagle's algorithm on, the second one
    # waits for the client's delayed ACK (~40 ms on a reused connection) and benches would
    # count that wait as the agent's time.
    disable_nagle_algorithm = True

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        if self.path.rstrip("/").endswith("/stats"):
            done = [r for r in self.fake.completions() if r.done is not None]
            intervals = [[r.at, r.done] for r in done]  # time.monotonic(): same clock per host
            self._json(200, {"completions": len(self.fake.completions()), "intervals": intervals})
        elif self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})
        else:
            self._json(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b"{}"
        try:
            body = json.loads(raw)
        except json.JSONDecodeError:
            body = {}
        fake = self.fake
        behaviour = fake.next_behaviour(body) if self.path.endswith("/chat/completions") else OK
        request = Request(
            self.path, body, behaviour, {k.lower(): v for k, v in self.headers.items()}
        )
        fake.requests.append(request)
        try:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._respond(body, behaviour)  # (suppressed: the client gave up first)
        finally:
            request.done = time.monotonic()

    def _respond(self, body: dict[str, Any], behaviour: str) -> None:
        fake = self.fake
        if fake.latency:
            time.sleep(fake.latency)
        if behaviour == TIMEOUT:
            time.sleep(fake.hang_seconds)
        elif behaviour == RATE_LIMIT:
            return self._json(429, error("rate limited"), {"Retry-After": fake.retry_after})
        elif behaviour in (ERROR_500, ERROR_503):
            return self._json(int(behaviour), error("server trouble"))
        elif behaviour == INVALID_BODY:
            return self._raw(200, b"<html>this is not json", "application/json")
        elif behaviour == CLOSE:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        message = fake.reply_for(body, valid=behaviour != INVALID_OUTPUT)
        if body.get("stream"):
            return self._stream(body, message, die=behaviour == DIE_MID_STREAM)
        content = message.get("content") or json.dumps(message.get("tool_calls"))
        return self._json(200, completion(body, message, usage(body, content)))

    def _stream(self, body: dict[str, Any], message: dict[str, Any], *, die: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        text = message.get("content") or ""
        words = text.split(" ")
        pieces = [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)]
        if die:
            pieces = pieces[: max(1, len(pieces) // 3)]
        for piece in pieces:
            self._event(
                {"choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]},
                body,
            )
        if die:  # cut the connection inside the chunked body: the client sees a broken stream
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._event({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}, body)
        if (body.get("stream_options") or {}).get("include_usage"):
            self._event({"choices": [], "usage": usage(body, text)}, body)
        self._chunk(b"data: [DONE]\n\n")
        self._chunk(b"")

    def _event(self, data: dict[str, Any], body: dict[str, Any]) -> None:
        data = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": body.get("model", "fake"),
            **data,
        }
        self._chunk(b"data: " + json.dumps(data).encode() + b"\n\n")

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _json(
        self, status: int, data: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        self._raw(status, json.dumps(data).encode(), "application/json", headers)

    def _raw(
        self, status: int, payload: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()


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
