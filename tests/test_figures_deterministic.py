"""The figures a message contradicts come out in the same order in every process: a replayed
interview must say the same words, whatever Python's hash seed (an assumption of several
figures was once answered scale-first or latency-first by the seed)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from agent.content.bundle import load_content
from agent.read.numbers import conflicts
card = load_content().problems.get("ad-click-prediction")
found = conflicts("Assume 50k QPS, ~300 candidates, 15 ms p99 for scoring.", card, [],
                  assumed=True)
print([c.topic for c in found])
"""


def _topics(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_contradicted_figures_come_in_the_same_order_whatever_the_hash_seed() -> None:
    orders = {_topics(seed) for seed in ("1", "2", "3", "4")}
    assert len(orders) == 1, orders
    # the message's assumed request rate and scoring latency are both on the card
    [order] = orders
    assert "scale" in order and "latency" in order
