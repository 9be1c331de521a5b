"""The recap's design summary written by the LLM grader: a few sentences per phase.

The offline digest (the candidate's own whole sentences per phase, agent/grading/digest.py)
is the ground the written summary stands on and the fallback it returns to:

- the candidate's text reaches the model only inside the user message, between markers
  with a content-derived id; the system message holds the instructions and the problem's
  title, never candidate text;
- a phase the candidate said nothing about (no claim, no question, or not reached) keeps
  the offline wording, whatever the model wrote for it;
- if the call fails (after the client's retries and one repair), or the reply is junk (no
  phase written, text that is not prose, the prompt's markers echoed, or phases that share
  no word with what the candidate said), the recap keeps the offline digest and says why
  in a note the candidate sees.
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, Field, field_validator

from agent.backends.llm.client import LLMClient
from agent.backends.llm.faults import ModelFailure
from agent.backends.llm.prompts import PromptLibrary
from agent.content.phases import Phase
from agent.content.problems import ProblemCard
from agent.grading.digest import summary_text
from agent.grading.llm_judgement import MAX_ANSWER_CHARS, nonce_for
from agent.grading.narrative import wording
from agent.grading.recap import PhaseDigest, Recap

MAX_PHASE_CHARS = 320
_WORD = re.compile(r"[a-z][a-z0-9-]{3,}")
_COMMON = frozenset(
    {"about", "also", "because", "candidate", "could", "from", "have", "into", "just", "more"}
    | {"must", "need", "proposed", "should", "than", "that", "their", "them", "then", "there"}
    | {"these", "they", "this", "those", "user", "users", "using", "what", "when", "which"}
    | {"while", "with", "would", "your"}
)


class DesignSummary(BaseModel):
    """One short paragraph per phase ("" where the candidate said nothing)."""

    # One field per phase, in interview order, each bounded, so a grammar-constrained
    # server (llama.cpp) writes every phase and closes the JSON in time.
    clarify: str = Field(default="", max_length=MAX_PHASE_CHARS)
    data: str = Field(default="", max_length=MAX_PHASE_CHARS)
    features: str = Field(default="", max_length=MAX_PHASE_CHARS)
    modeling: str = Field(default="", max_length=MAX_PHASE_CHARS)
    training: str = Field(default="", max_length=MAX_PHASE_CHARS)
    evaluation: str = Field(default="", max_length=MAX_PHASE_CHARS)
    deployment: str = Field(default="", max_length=MAX_PHASE_CHARS)

    @field_validator("*", mode="before")
    @classmethod
    def _short(cls, v: Any) -> Any:
        return " ".join(v.split())[:MAX_PHASE_CHARS] if isinstance(v, str) else v

    def of(self, phase: Phase) -> str:
        return str(getattr(self, phase.value, "")).strip()


Written = DesignSummary | ModelFailure


def summary_messages(prompts: PromptLibrary, card: ProblemCard, answer: str) -> list[BaseMessage]:
    answer = answer[:MAX_ANSWER_CHARS]
    nonce = nonce_for(answer)
    system = prompts.render("design_summary_system", problem_title=card.title, nonce=nonce)
    user = prompts.render("design_summary_user", answer=answer, nonce=nonce)
    return [SystemMessage(content=system), HumanMessage(content=user)]


def summarise(client: LLMClient, card: ProblemCard, answer: str, max_tokens: int) -> Written:
    """The model's design summary (a failure is returned, not raised)."""
    try:
        out, _ = client.structured(
            summary_messages(client.prompts, card, answer),
            DesignSummary,
            role="grader",
            temperature=0.0,
            max_tokens=max_tokens,
        )
    except ModelFailure as failure:
        return failure
    return out


async def asummarise(client: LLMClient, card: ProblemCard, answer: str, max_tokens: int) -> Written:
    try:
        out, _ = await client.astructured(
            summary_messages(client.prompts, card, answer),
            DesignSummary,
            role="grader",
            temperature=0.0,
            max_tokens=max_tokens,
        )
    except ModelFailure as failure:
        return failure
    return out


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _COMMON}


def _prose(text: str) -> bool:
    """Reads as a sentence: mostly letters and spaces, several words, no JSON or markup."""
    letters = sum(ch.isalpha() or ch.isspace() for ch in text)
    return len(text.split()) >= 3 and letters >= 0.8 * len(text) and not re.search(r"[{}<>]", text)


def junk_reason(summary: DesignSummary, discussed: list[Phase], answer: str) -> str | None:
    """Why the model's summary cannot stand in the recap, or None when it can."""
    written = {p: summary.of(p) for p in discussed if summary.of(p)}
    if not written:
        return "it wrote nothing for the phases you discussed"
    if any("ANSWER" in text for text in written.values()):
        return "it echoed the prompt"
    if not all(_prose(text) for text in written.values()):
        return "it did not write sentences"
    said = _words(answer)
    grounded = [p for p, text in written.items() if _words(text) & said]
    if len(grounded) * 2 < len(written):
        return "it did not describe what you said"
    return None


def discussed_phases(design: list[PhaseDigest]) -> list[Phase]:
    """Phases where the candidate stated something or asked about it."""
    return [d.phase for d in design if d.sentences or d.questions]


def with_summary(base: Recap, outcome: DesignSummary | ModelFailure, answer: str) -> Recap:
    """The recap with the model's summary per phase, or the offline digest and a note."""
    discussed = discussed_phases(base.design)
    if isinstance(outcome, ModelFailure):
        return base.model_copy(update={"summary_note": fallback_note(outcome.reason)})
    reason = junk_reason(outcome, discussed, answer)
    if reason is not None:
        return base.model_copy(update={"summary_note": fallback_note(reason)})
    design = [
        d.model_copy(update={"written": outcome.of(d.phase) if d.phase in discussed else ""})
        for d in base.design
    ]
    return base.model_copy(
        update={
            "design": design,
            "summary": summary_text(design, wording()),
            "summary_by": "model",
            "summary_note": "",
        }
    )


def fallback_note(reason: str) -> str:
    reason = " ".join(reason.split())[:160]
    return f"The model's summary could not be used ({reason}); here are your own sentences."
