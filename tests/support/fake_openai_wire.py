"""The wire side of the fake OpenAI-compatible server (tests/support/fake_openai_server.py):
the HTTP handler that answers /v1/chat/completions (JSON or SSE), /v1/models and /stats, or
fails with the behaviour the server queued for the request."""

from __future__ import annotations

import contextlib
import json
import socket
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from tests.support.openai_payloads import completion, error, usage

if TYPE_CHECKING:
    from tests.support.fake_openai_server import FakeOpenAIServer


class QuietServer(ThreadingHTTPServer):
    def handleerror(self, request: object, client_address: object) -> None:
        pass  # clients that time out or hang up are the point of this server


class Handler(BaseHTTPRequestHandler):
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
        from tests.support.fake_openai_server import OK, Request

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
        from tests.support import fake_openai_server as server  # its behaviours

        fake = self.fake
        if fake.latency:
            time.sleep(fake.latency)
        if behaviour == server.TIMEOUT:
            time.sleep(fake.hang_seconds)
        elif behaviour == server.RATE_LIMIT:
            return self._json(429, error("rate limited"), {"Retry-After": fake.retry_after})
        elif behaviour in (server.ERROR_500, server.ERROR_503):
            return self._json(int(behaviour), error("server trouble"))
        elif behaviour == server.INVALID_BODY:
            return self._raw(200, b"<html>this is not json", "application/json")
        elif behaviour == server.CLOSE:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        message = fake.reply_for(body, valid=behaviour != server.INVALID_OUTPUT)
        if body.get("stream"):
            return self._stream(body, message, die=behaviour == server.DIE_MID_STREAM)
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
