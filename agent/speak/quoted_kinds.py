"""What kind of thing the sentence a follow-up quotes is: a part the system is built of, a
metric, a check, an experiment, a requirement of the problem, a remark to the interviewer
(knowledge/follow_ups.yaml, `kinds`). An angle fits some kinds and not others: the latency
and compute a part costs, or where it breaks as traffic grows, are no question to ask of a
metric, an alert or a test's duration.

The kind is read from the rubric signals the shared understanding layer finds in the
sentence, shown or only mentioned (its recall-oriented bar): the same reading of language the
reader and the grader use, not a list of phrases."""

from __future__ import annotations

from functools import lru_cache

from agent.content.follow_ups import FollowUps
from agent.understanding.reader import shared_understanding


def kinds_of(sentence: str, follow_ups: FollowUps) -> tuple[str, ...]:
    """The kinds of thing the sentence is, by the signals read in it (none when it shows no
    signal of a kind, or the understanding model cannot be loaded)."""
    if not sentence.strip() or not follow_ups.kinds:
        return ()
    return follow_ups.kinds_of(_signals_read(sentence.strip()))


@lru_cache(maxsize=512)
def _signals_read(sentence: str) -> frozenset[str]:
    try:
        found = shared_understanding().sentences(sentence)
    except (FileNotFoundError, OSError):  # no trained model here: no kind read
        return frozenset()
    return frozenset(sid for s in found for sid in (*s.signals, *s.mentions))
