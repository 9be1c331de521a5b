"""Telling a caller when its request has left for the model server.

The LLM reader sends its call from a side thread and reads the message offline meanwhile.
Both need the interpreter: a request built while the offline reader runs waits for it at
every switch (5 ms each), so the call left the box well after the turn began. A caller
that wants its request out first wraps the call in `notify_when_sent`; the HTTP client's
request hook (`watch`) then asks the connection to report the moment the request's body is
written, or the attempt failed, and calls the caller back. Requests made outside such a
block are not traced.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

_NOTIFY: ContextVar[Callable[[], None] | None] = ContextVar("llm_request_sent", default=None)
# the connection's trace events after which nothing more is sent for this attempt
_SENT_OR_FAILED = ("send_request_body.complete", ".failed")


@contextlib.contextmanager
def notify_when_sent(notify: Callable[[], None]) -> Iterator[None]:
    """Within the block, `notify()` is called when a request's body has been written or an
    attempt to send one failed (once per attempt: a retry calls it again)."""
    token = _NOTIFY.set(notify)
    try:
        yield
    finally:
        _NOTIFY.reset(token)


def on_request(request: Any) -> None:
    """HTTP client request hook: traces the request when a caller waits for it to leave."""
    notify = _NOTIFY.get()
    if notify is None:
        return

    earlier = request.extensions.get("trace")  # someone else's trace is kept

    def trace(event: str, info: dict[str, Any]) -> None:
        if earlier is not None:
            earlier(event, info)
        if event.endswith(_SENT_OR_FAILED):
            notify()

    request.extensions["trace"] = trace


def watch(http_client: Any) -> None:
    """Install the hook on a (sync) HTTP client, once."""
    hooks = http_client.event_hooks
    if on_request not in hooks["request"]:
        http_client.event_hooks = {**hooks, "request": [*hooks["request"], on_request]}
