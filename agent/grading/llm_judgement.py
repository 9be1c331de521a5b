"""One LLM judgement of one rubric dimension: the reply schema and the prompt.

Feedback comes before the score in the schema (and so in the generated JSON), so the model
reasons before it commits to a number. The answer is delimited with markers that carry a
content-derived id, so text inside the answer cannot close the block and pose as
instructions; the system prompt says that text inside is data.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any, Literal

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, Field, field_validator

from agent.backends.llm.prompts import PromptLibrary
from agent.content.problems import ProblemCard
from agent.content.rubric import Dimension

MAX_FEEDBACK_CHARS = 300
MAX_QUOTES = 3
MAX_QUOTE_CHARS = 160
MAX_ANSWER_CHARS = 12000


class DimensionJudgement(BaseModel):
    """The grader's judgement of one rubric dimension."""

    # Bounds in the schema let grammar-constrained servers (llama.cpp) close the JSON in
    # time; the validators below cut long strings from servers that do not enforce them.
    feedback: str = Field(max_length=MAX_FEEDBACK_CHARS)
    evidence: list[Annotated[str, Field(max_length=MAX_QUOTE_CHARS)]] = Field(
        default_factory=list, max_length=MAX_QUOTES
    )
    score: Literal[1, 2, 3, 4]

    @field_validator("feedback", mode="before")
    @classmethod
    def _short_feedback(cls, v: Any) -> Any:
        return v[:MAX_FEEDBACK_CHARS] if isinstance(v, str) else v

    @field_validator("evidence", mode="before")
    @classmethod
    def _few_quotes(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = [v]
        if isinstance(v, list):
            return [str(q)[:MAX_QUOTE_CHARS] for q in v[:MAX_QUOTES]]
        return v


def nonce_for(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:10]


def judgement_messages(
    prompts: PromptLibrary, dimension: Dimension, card: ProblemCard, answer: str
) -> list[BaseMessage]:
    answer = answer[:MAX_ANSWER_CHARS]
    nonce = nonce_for(answer)
    reference = "; ".join(card.strong_answer.get(dimension.phase, [])) or "(no reference notes)"
    system = prompts.render(
        "grader_system",
        dimension_title=dimension.title,
        levels="\n".join(f"{k}: {v.strip()}" for k, v in sorted(dimension.levels.items())),
        signals="\n".join(f"- {s.description}" for s in dimension.signals),
        problem_title=card.title,
        opening=card.opening,
        reference=reference,
        nonce=nonce,
    )
    user = prompts.render("grader_user", answer=answer, nonce=nonce)
    return [SystemMessage(content=system), HumanMessage(content=user)]
