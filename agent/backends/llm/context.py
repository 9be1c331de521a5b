"""Bounded conversation context: the last turns verbatim, older turns as a running summary.

The voice sees at most `keep_last` turns word for word (each trimmed to `max_turn_chars`)
plus a summary of everything before them, so the prompt stays about the same size at turn
40 as at turn 10. The summary is refreshed in batches of `fold_every` turns by the model;
when the model fails, or the backlog is large (a resumed interview), an extractive summary
is built offline instead: the first sentence of each candidate turn, newest kept.

The voice refreshes the summary after its reply, not before it (`current` then
`fold_later`): a refresh is a whole model round trip, and before the reply it delayed the
first word. The turn that makes a batch due still sees those turns verbatim; the refresh
runs on a side thread while the candidate reads, over the same turns as it would have
before the reply, so the next turn gets the same summary. `current` waits for a refresh
still running, so what the model is shown never depends on timing.
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


def _design_turns(turns: list[Turn]) -> list[Turn]:
    """A declined attempt is not part of the design: it stays out of the notes."""
    return [t for t in turns if not (t.role == "candidate" and t.kind == "manipulation")]


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
        self._refresh: threading.Thread | None = None
        self.usage = TokenUsage()  # summariser tokens so far

    def view(self, history: list[Turn]) -> tuple[str, list[Turn]]:
        """(summary of older turns, recent turns verbatim), the summary refreshed first
        when a batch is due."""
        self.wait()
        with self._lock:
            self._reset_if_other(history)
            self._fold_due(history, self.fold_every)
            return self._summary, history[self._covered :]

    def current(self, history: list[Turn]) -> tuple[str, list[Turn]]:
        """(summary so far, every turn after it verbatim), without a model call: a refresh
        that is due is left to `fold_later`. A backlog too large for the model (a resumed
        interview) is summarised offline at once, as `view` would."""
        self.wait()
        with self._lock:
            self._reset_if_other(history)
            self._fold_due(history, self.fold_every, offline_only=True)
            return self._summary, history[self._covered :]

    def fold_later(self, history: list[Turn]) -> None:
        """Refresh the summary for `history` (the one just shown to the model) on a side
        thread, when a batch is due; the next `current` or `view` waits for it."""
        self.wait()
        with self._lock:
            if self._reset_if_other(history, check_only=True):
                return  # another interview's turns: its own next view starts over
            cut = max(0, len(history) - self.keep_last)
            if cut - self._covered < self.fold_every:
                return
        thread = threading.Thread(
            target=self._fold_locked, args=(list(history),), name="summary", daemon=True
        )
        self._refresh = thread
        thread.start()

    def wait(self) -> None:
        """Until a refresh started by `fold_later` has finished."""
        thread = self._refresh
        if thread is not None:
            thread.join()
            self._refresh = None

    def _fold_locked(self, history: list[Turn]) -> None:
        with self._lock:
            self._fold_due(history, self.fold_every)

    def _fold_due(self, history: list[Turn], at_least: int, *, offline_only: bool = False) -> None:
        cut = max(0, len(history) - self.keep_last)
        backlog = history[self._covered : cut]
        if len(backlog) >= at_least and not (offline_only and self._needs_model(backlog)):
            self._fold(backlog)
            self._covered = cut

    def _needs_model(self, turns: list[Turn]) -> bool:
        return self.client is not None and len(_design_turns(turns)) <= 3 * self.fold_every

    def _reset_if_other(self, history: list[Turn], *, check_only: bool = False) -> bool:
        """Start over when `history` is another interview's (or shorter than what the
        summary covers); returns whether it is."""
        key = (history[0].ts.isoformat(), history[0].text[:80]) if history else None
        other = key != self._first_turn_key or len(history) < self._covered
        if other and not check_only:
            self._covered, self._summary, self._first_turn_key = 0, "", key
        return other

    def _fold(self, turns: list[Turn]) -> None:
        turns = _design_turns(turns)
        if self.client is None or not self._needs_model(turns):
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
