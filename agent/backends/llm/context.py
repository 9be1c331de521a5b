"""Bounded conversation context: the last turns verbatim, older turns as a running summary.

The voice sees at most `keep_last` turns word for word (each trimmed to `max_turn_chars`)
plus a summary of everything before them, so the prompt stays about the same size at turn
40 as at turn 10. The summary is refreshed in batches of `fold_every` turns by the model;
when the model fails, or the backlog is large (a resumed interview), an extractive summary
is built offline instead: the first sentence of each candidate turn, newest kept.
The summary is made of what the candidate said, so the voice passes it on as quoted user
content, never inside a system message.
"""

from __future__ import annotations

import logging
import re
import threading

from langchain_core.messages import HumanMessage, SystemMessage

from agent.backends.llm.client import LLMClient
from agent.backends.llm.faults import ModelFailure
from agent.backends.llm.usage import TokenUsage
from agent.record.transcript import Turn

log = logging.getLogger(__name__)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def trim(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def first_sentence(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return trim(_SENTENCE_END.split(text, maxsplit=1)[0], limit)


def extractive_summary(previous: str, turns: list[Turn], limit: int) -> str:
    """Offline summary: previous notes + the first sentence of each new candidate turn."""
    parts = [previous] if previous else []
    parts += [
        f"Candidate: {first_sentence(t.text)}"
        for t in turns
        if t.role == "candidate" and t.kind != "manipulation"  # declined: not part of the design
    ]
    text = " ".join(p for p in parts if p)
    if len(text) <= limit:
        return text
    return "… " + text[-(limit - 2) :].split(" ", 1)[-1]  # keep the newest, cut at a word


def render_turns(turns: list[Turn], max_turn_chars: int) -> str:
    who = {"candidate": "Candidate", "interviewer": "Interviewer"}
    return "\n".join(f"{who[t.role]}: {trim(t.text, max_turn_chars)}" for t in turns)


class ConversationWindow:
    """Per-interview memory of the summary; safe to call once per interviewer turn."""

    def __init__(
        self,
        client: LLMClient | None,
        *,
        keep_last: int = 6,
        fold_every: int = 4,
        max_turn_chars: int = 600,
        summary_chars: int = 700,
    ) -> None:
        self.client = client
        self.keep_last = keep_last
        self.fold_every = fold_every
        self.max_turn_chars = max_turn_chars
        self.summary_chars = summary_chars
        self._lock = threading.Lock()
        self._covered = 0  # how many leading turns the summary covers
        self._summary = ""
        self._first_turn_key: tuple[str, str] | None = None
        self.usage = TokenUsage()  # summariser tokens so far

    def view(self, history: list[Turn]) -> tuple[str, list[Turn]]:
        """(summary of older turns, recent turns verbatim)."""
        with self._lock:
            self._reset_if_other(history)
            cut = max(0, len(history) - self.keep_last)
            backlog = history[self._covered : cut]
            if len(backlog) >= self.fold_every:
                self._fold(backlog)
                self._covered = cut
            return self._summary, history[self._covered :]

    def _reset_if_other(self, history: list[Turn]) -> None:
        key = (history[0].ts.isoformat(), history[0].text[:80]) if history else None
        if key != self._first_turn_key or len(history) < self._covered:
            self._covered, self._summary, self._first_turn_key = 0, "", key

    def _fold(self, turns: list[Turn]) -> None:
        # A declined attempt is not part of the design: it stays out of the notes.
        turns = [t for t in turns if not (t.role == "candidate" and t.kind == "manipulation")]
        if self.client is None or len(turns) > 3 * self.fold_every:
            self._summary = extractive_summary(self._summary, turns, self.summary_chars)
            return
        messages = [
            SystemMessage(content=self.client.prompts.render("summary_system")),
            HumanMessage(
                content=self.client.prompts.render(
                    "summary_user",
                    previous=self._summary or "(none yet)",
                    turns=render_turns(turns, self.max_turn_chars),
                )
            ),
        ]
        try:
            text, usage = self.client.invoke(messages, role="summary", max_tokens=160)
        except ModelFailure as e:
            log.info("summary fell back to extractive notes: %s", e.reason)
            self._summary = extractive_summary(self._summary, turns, self.summary_chars)
            return
        self.usage += usage
        text = trim(text, self.summary_chars)
        self._summary = text or extractive_summary(self._summary, turns, self.summary_chars)
