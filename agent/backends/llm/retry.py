"""Retries with exponential backoff and jitter, and a breaker that stops hammering a dead server.

Retried: timeouts, 429 (honouring Retry-After), 5xx, connection errors, malformed bodies.
Not retried: other 4xx (a bad key or a bad request will not get better by asking again).
When a call has used up its retries the breaker opens for a cooldown; while it is open,
calls fail at once so the interview answers offline without waiting on the network.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from agent.backends.llm.faults import Fault, ModelFailure, classify

log = logging.getLogger(__name__)
T = TypeVar("T")

# A Retry-After longer than this is not waited for: the turn is answered offline instead.
MAX_HONOURED_RETRY_AFTER = 20.0


@dataclass
class RetryPolicy:
    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    rng: random.Random = field(default_factory=random.Random)

    def backoff(self, attempt: int, fault: Fault) -> float | None:
        """Seconds to wait before retry number `attempt` (0-based), or None to give up."""
        if not fault.retryable or attempt >= self.max_retries:
            return None
        if fault.retry_after is not None:
            if fault.retry_after > MAX_HONOURED_RETRY_AFTER:
                return None
            return fault.retry_after + self.rng.uniform(0, 0.1 * max(fault.retry_after, 0.1))
        ceiling = min(self.max_delay, self.base_delay * (2**attempt))
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)  # "equal jitter"


class CircuitBreaker:
    """Opens after a call fails for good; stays open for `cooldown` seconds."""

    def __init__(self, cooldown: float = 20.0, clock: Callable[[], float] = time.monotonic):
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._reason = ""

    def check(self) -> None:
        with self._lock:
            if self._clock() < self._open_until:
                raise ModelFailure(f"model unavailable ({self._reason})")

    def trip(self, reason: str) -> None:
        if self.cooldown <= 0:
            return
        with self._lock:
            self._open_until = self._clock() + self.cooldown
            self._reason = reason

    def reset(self) -> None:
        with self._lock:
            self._open_until = 0.0


def _give_up(fault: Fault, attempts: int) -> ModelFailure:
    if attempts <= 1:
        return ModelFailure(fault.reason)
    retries = attempts - 1
    return ModelFailure(f"{fault.reason} after {retries} {'retry' if retries == 1 else 'retries'}")


class Retrier:
    """Runs one model call with the policy; raises ModelFailure when it cannot succeed."""

    def __init__(self, policy: RetryPolicy, breaker: CircuitBreaker) -> None:
        self.policy = policy
        self.breaker = breaker

    def call(self, fn: Callable[[], T], what: str = "model call") -> T:
        self.breaker.check()
        attempt = 0
        while True:
            try:
                result = fn()
            except Exception as exc:
                fault = classify(exc)
                delay = self.policy.backoff(attempt, fault)
                log.info("%s failed (%s), attempt %d", what, fault.reason, attempt + 1)
                if delay is None:
                    raise self.fail(fault, attempt + 1) from exc
                time.sleep(delay)
                attempt += 1
                continue
            self.breaker.reset()
            return result

    async def acall(self, fn: Callable[[], Awaitable[T]], what: str = "model call") -> T:
        self.breaker.check()
        attempt = 0
        while True:
            try:
                result = await fn()
            except Exception as exc:
                fault = classify(exc)
                delay = self.policy.backoff(attempt, fault)
                log.info("%s failed (%s), attempt %d", what, fault.reason, attempt + 1)
                if delay is None:
                    raise self.fail(fault, attempt + 1) from exc
                await asyncio.sleep(delay)
                attempt += 1
                continue
            self.breaker.reset()
            return result

    def fail(self, fault: Fault, attempts: int) -> ModelFailure:
        failure = _give_up(fault, attempts)
        if fault.retryable:  # the server is unwell: stop asking for a while
            self.breaker.trip(failure.reason)
        return failure
