"""The LLM voice: words for a move the policy has already decided, streamed token by token.

What the model sees: a system message with the rules and a brief for the move
(prompts/llm/voice_*), the phase goal, ONLY the facts in the grounding (the card's other facts
never reach the prompt) and the retrieved guidance; then, as user and assistant messages, a
running summary of older turns (quoted, prompts/llm/voice_notes.md) and the last few turns
verbatim. No candidate text ever goes into the system message: the summary is built from
what the candidate said, so it is conversation, not instructions.
The summary is refreshed after the reply has streamed (agent/backends/llm/context.py),
never between the candidate's message and the first word of the reply.

Failures:
- before the first token (timeout, 429, 5xx, refused, ...): retried with backoff by the
  client; if it still fails the offline voice speaks and SpeechMeta.fallback says why.
- after tokens were streamed (server died mid-reply): the stream ends with a short notice,
  then the offline rendering follows. The saved text is the offline rendering alone, marked
  "stream interrupted: ...": a half sentence is not a question the candidate can answer,
  and replay should show what the interview went on from.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from agent.backends.llm.client import LLMClient, StreamInterrupted
from agent.backends.llm.context import ConversationWindow, trim
from agent.backends.llm.faults import ModelFailure
from agent.backends.llm.usage import TokenUsage, estimate_usage, stream_usage
from agent.content.files import ContentError, load_yaml, one_pass
from agent.decide.moves import Move, MoveKind
from agent.ground.grounding import Grounding
from agent.record.transcript import Turn
from agent.speak.base import SpeakContext, SpeechMeta, Utterance, Voice

log = logging.getLogger(__name__)

INTERRUPTED_NOTICE = " [the model connection dropped; continuing offline] "
STOP = ["\nCandidate:", "\nCANDIDATE:", "\nUser:"]
MAX_GUIDANCE_CHUNKS = 3
GUIDANCE_CHARS = 450


class LLMUtterance(Utterance):
    """An Utterance whose saved text can be replaced (after a mid-stream fallback)."""

    def __init__(self, produce: Callable[[LLMUtterance], Iterator[str]], meta: SpeechMeta) -> None:
        self.replacement: str | None = None
        super().__init__(produce(self), meta)

    @property
    def text(self) -> str:
        if self.replacement is not None:
            return self.replacement.strip()
        return super().text


def load_move_briefs(prompts_dir: Path) -> dict[str, str]:
    path = prompts_dir / "llm" / "voice_moves.yaml"
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path}: expected a mapping of move kind to brief")
    return {str(k): str(v) for k, v in data.items()}


def move_brief(move: Move, briefs: dict[str, str]) -> str:
    template = briefs.get(move.kind.value, "Say what fits the move: {reason}")
    if move.kind == MoveKind.DECLINE:
        # A decline's target and reason quote what the candidate asked for: the candidate's
        # words stay in the conversation, never in the system message.
        neutral = template.replace("{target}", "hidden details").replace("{reason}", "")
        return f"{neutral.strip()}\n(Move: {move.kind.value})"
    target = move.target or move.phase.value
    brief = template.replace("{target}", target.replace("_", " ")).replace("{reason}", move.reason)
    return f"{brief}\n(Move: {move.kind.value}; why: {move.reason})"


class LLMVoice:
    name = "openai"

    def __init__(
        self,
        client: LLMClient,
        fallback: Voice,
        *,
        briefs: dict[str, str],
        window: ConversationWindow | None = None,
        max_tokens: int = 200,
    ) -> None:
        self.client = client
        self.fallback = fallback
        self.briefs = briefs
        self.window = window or ConversationWindow(client)
        self.max_tokens = max_tokens

    def speak(self, context: SpeakContext) -> Utterance:
        meta = SpeechMeta(backend="openai", model=self.client.model)
        return LLMUtterance(lambda utterance: self._produce(context, utterance), meta)

    # -- streaming --------------------------------------------------------------------------
    def _produce(self, context: SpeakContext, utterance: LLMUtterance) -> Iterator[str]:
        try:
            yield from self._stream(context, utterance)
        finally:  # the reply is out: the summary for the next turn is made while it is read
            self.window.fold_later(self._history(context))

    def _stream(self, context: SpeakContext, utterance: LLMUtterance) -> Iterator[str]:
        meta = utterance.meta
        streamed: list[str] = []
        usage = TokenUsage()
        try:
            messages = self.messages(context)
            for chunk in self.client.stream(
                messages, role="voice", max_tokens=self.max_tokens, stop=STOP
            ):
                usage = stream_usage(usage, chunk)
                piece: str = chunk.text if isinstance(chunk.text, str) else str(chunk.content)
                if piece:
                    if not streamed:
                        piece = piece.lstrip()
                        if not piece:
                            continue
                    streamed.append(piece)
                    yield piece
        except StreamInterrupted as failure:
            if not "".join(streamed).strip():  # nothing shown yet: a plain fallback
                yield self._offline(context, meta, failure.reason)
                return
            yield INTERRUPTED_NOTICE
            offline = self._offline(context, meta, failure.reason)
            yield offline
            utterance.replacement = offline
            return
        except ModelFailure as failure:
            yield self._offline(context, meta, failure.reason)
            return
        if not "".join(streamed).strip():
            yield self._offline(context, meta, "empty reply from the model")
            return
        if not usage.reported:
            usage = estimate_usage(messages, "".join(streamed))
        meta.prompt_tokens, meta.completion_tokens = usage.prompt, usage.completion
        meta.tokens_estimated = usage.estimated

    def _offline(self, context: SpeakContext, meta: SpeechMeta, reason: str) -> str:
        meta.fallback = reason
        meta.backend = "offline"
        meta.prompt_tokens = meta.completion_tokens = None
        return self.fallback.speak(context).consume()

    # -- prompt -----------------------------------------------------------------------------
    @staticmethod
    def _history(context: SpeakContext) -> list[Turn]:
        """The turns before the message being answered (that one is added last, as read)."""
        history = list(context.history)
        if history and history[-1].role == "candidate" and context.candidate_text.strip():
            history = history[:-1]
        return history

    def messages(self, context: SpeakContext) -> list[BaseMessage]:
        """The prompt. It is built while the reply streams, after the turn's own pass over
        the content files has ended: it takes one of its own, so that a hint's candidate
        lines, which read the cards dozens of times, stat each file once."""
        with one_pass():
            return self._messages(context)

    def _messages(self, context: SpeakContext) -> list[BaseMessage]:
        text = context.candidate_text
        summary, recent = self.window.current(self._history(context))
        system = self.client.prompts.render(
            "voice_system",
            problem_title=context.card.title,
            opening=context.card.opening,
            phase_title=context.phase_spec.title,
            phase_goal=context.phase_spec.goal,
            minutes_left=f"{context.state.minutes_left:.0f}",
            brief=move_brief(context.move, self.briefs),
            facts=render_facts(context.grounding) + part_plan(context),
            guidance=_hint_line(context) + render_guidance(context.grounding),
        )
        messages: list[BaseMessage] = [SystemMessage(content=system)]
        if summary:
            notes = self.client.prompts.render("voice_notes", summary=unquote_markers(summary))
            messages.append(HumanMessage(content=notes))
        limit = self.window.max_turn_chars
        for turn in recent:
            cls = HumanMessage if turn.role == "candidate" else AIMessage
            messages.append(cls(content=trim(turn.text, limit)))
        if text.strip():
            messages.append(HumanMessage(content=trim(text, limit * 2)))
        elif not isinstance(messages[-1], HumanMessage):
            messages.append(HumanMessage(content="(the candidate is waiting for you)"))
        return messages


def unquote_markers(summary: str) -> str:
    """The notes' own delimiters, removed from inside them so the quote cannot be closed."""
    return summary.replace("<<<notes", "").replace("notes>>>", "").strip() or "(empty)"


def _hint_line(context: SpeakContext) -> str:
    """For a hint, the line of this problem's card or guidance chosen for what the candidate
    is stuck on (agent/speak/hint_points.py), first in the guidance the model reads."""
    if context.move.kind != MoveKind.HINT:
        return ""
    from agent.content.bundle import load_content
    from agent.speak import hint_points

    try:
        point = hint_points.choose(context, load_content().rubric)
    except Exception:  # the hint is still given from the guidance below
        log.warning("choosing the hint's line failed", exc_info=True)
        return ""
    if point is None:
        return ""
    if point.source == "narrow":  # nothing fits what they describe: no point named
        return (
            "- no hint point fits what the candidate describes: ask a narrowing question on "
            f'their own words ("{point.text}"), naming no other subject\n'
        )
    return f"- the hint rests on this ({point.source.replace('_', ' ')}): {point.text}\n"


def render_facts(grounding: Grounding) -> str:
    if not grounding.facts:
        return "(none this turn)"
    return "\n".join(f"- {f.topic}: {f.answer}" for f in grounding.facts)


def part_plan(context: SpeakContext) -> str:
    """For a question of several parts, how to take them: each in the order asked, with the
    facts above that answer it or named as open (agent/speak/part_answers.py)."""
    from agent.decide.moves import PartState
    from agent.speak.part_answers import by_parts, part_label, piece_text

    if not by_parts(context.move):
        return ""
    lines = ["", "Answer the candidate's question part by part, in this order:"]
    for part in context.move.parts:
        label = part_label(part.text)
        if part.state == PartState.ANSWERED:
            said = " ".join(piece_text(context.card, p) for p in part.pieces)
            lines.append(f"- {label}: {said}")
        elif part.state == PartState.OPEN:
            lines.append(f"- {label}: not specified; name it and ask for their assumption")
        elif part.state == PartState.TOLD:
            said = " ".join(piece_text(context.card, p) for p in part.pieces)
            lines.append(f"- {label}: told earlier; say it again in a few words: {said}")
        elif part.state == PartState.BEYOND:
            lines.append(
                f"- {label}: asks past what you told earlier on this; say so briefly, without "
                "repeating it, and ask for their assumption"
            )
        elif part.state == PartState.COVERED:
            lines.append(f"- {label}: answered by what you say for another part; no own line")
        else:
            lines.append(f"- {label}: too much at once; ask them to raise it again later")
    return "\n".join(lines)


def render_guidance(grounding: Grounding) -> str:
    chunks = grounding.chunks[:MAX_GUIDANCE_CHUNKS]
    if not chunks:
        return "(none)"
    return "\n".join(f"- {c.title or c.source}: {trim(c.text, GUIDANCE_CHARS)}" for c in chunks)
