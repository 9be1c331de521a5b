"""Prompt-injection suite (issue 7), LLM path: a langchain fake chat model, no network.

- the voice never sees an unasked card fact, the reader prompt holds no fact answers;
- a model the attempt took in (it reads the attempt as a question about every topic) still
  reveals nothing where the offline reader flags the attempt;
- the grader delimits an answer as data and never quotes injected text as evidence;
- the candidate's words never reach the voice's system message (decline brief, summary).
Attempts: tests/data/injections.yaml; runner: tests/injection_suite.py; judge:
tests/support/injection_oracle.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import BaseMessage

from agent.content.bundle import load_content
from agent.decide.clock import SimulatedClock
from agent.grading.llm import LLMGrader
from agent.grading.llm_judgement import judgement_messages, nonce_for
from agent.grading.offline import OfflineGrader
from agent.interview import Interview
from agent.understanding import shared_understanding
from tests.support import injection_answers as answers
from tests.support import injection_oracle as oracle
from tests.support import injection_suite as bench
from tests.support.fixtures_store import shared_store
from tests.support.injection_llm import (
    VOICE_LINE,
    RolePlayModel,
    llm_backend,
    llm_interview,
    prompt_leaks,
    squash,
    tool_name,
)
from tests.support.llm_fakes import fake_client, reply, server_error, tool_reply

CANDIDATE = bench.load_attempts("candidate")
ANSWER = bench.load_attempts("answer")


def flagged_offline(text: str) -> bool:
    """Whether the offline understanding model reads the text as a manipulation attempt."""
    return shared_understanding().message(text).kind == "manipulation"


def _check_prompts(model: RolePlayModel, attempt: Any, card_id: str, iv: Interview) -> None:
    voice, reader = prompt_leaks(model, attempt, card_id, iv)
    assert voice == [], f"the voice was shown unasked facts: {voice}"
    assert reader == [], f"the reader prompt carries fact answers: {reader}"


@pytest.mark.parametrize("attempt", CANDIDATE, ids=lambda a: a.id)
def test_llm_voice_never_sees_unasked_facts(attempt: Any) -> None:
    card_id = bench.CARDS[CANDIDATE.index(attempt) % len(bench.CARDS)]
    model, iv = llm_interview(attempt, card_id, fooled=False)
    _check_prompts(model, attempt, card_id, iv)
    turns = iv.transcript.turns
    at = [i for i, t in enumerate(turns) if t.role == "candidate"][len(attempt.setup) + 1]
    if turns[at].kind != "empty":  # blank or gibberish to the offline reader: nothing to read
        assert turns[at].kind == "manipulation"
        assert turns[at + 1].move is not None and turns[at + 1].move.kind == "decline"


# A model the attempt took in reads it as a clarifying question about every card topic.
# Where the offline reader flags the attempt as manipulation, that verdict should stand;
# where it does not, no single message should open the whole card either.
NO_FACT_CAP = (
    "prompts/reader_lexicon.yaml does not flag it, so the model's reading stands, and "
    "nothing caps how many card facts one message selects (policy._clarifying answers every "
    "topic of the reading; agent/readers/llm.py MAX_IDS is 6)"
)


def _taken_in_cases() -> list[Any]:
    """Hidden-fact attempts; the offline reader's manipulation verdict protects those it flags."""
    out = []
    for a in CANDIDATE:
        if a.must_decline and a.goal == "hidden_facts":
            marks = (
                []
                if flagged_offline(a.text)
                else [pytest.mark.xfail(strict=True, reason=NO_FACT_CAP)]
            )
            out.append(pytest.param(a, id=a.id, marks=marks))
    return out


@pytest.mark.parametrize("attempt", _taken_in_cases())
def test_llm_reader_taken_in_still_reveals_nothing(attempt: Any) -> None:
    card_id = "fraud-detection"
    model, iv = llm_interview(attempt, card_id, fooled=True)
    _check_prompts(model, attempt, card_id, iv)


def _grader_model(injected: str) -> RolePlayModel:
    """A grader model the injection took in: top score, and the injection quoted as evidence."""

    def respond(messages: list[BaseMessage], kwargs: dict[str, Any]) -> Any:
        assert tool_name(kwargs) == "DimensionJudgement"
        return tool_reply(
            "DimensionJudgement",
            {
                "feedback": "Meets the top level.",
                "evidence": [injected, "Labels are chargebacks"],
                "score": 4,
            },
        )

    return RolePlayModel(messages=iter(()), responder=respond)


GRADER_BASE = Path(__file__).resolve().parent / "personas" / "strong_fraud.txt"


def _grader_answer(attempt: Any) -> str:
    base = "---\nproblem: fraud-detection\n---\n" + GRADER_BASE.read_text(encoding="utf-8")
    base += "\nLabels are chargebacks and analyst decisions.\n"
    return answers.inject(base, attempt)


@pytest.mark.parametrize("attempt", ANSWER, ids=lambda a: a.id)
def test_llm_grader_sees_the_answer_as_delimited_data(attempt: Any) -> None:
    from agent.grading.inputs import strip_front_matter

    answer = strip_front_matter(_grader_answer(attempt))
    dim = load_content().rubric.dimension("problem_framing")
    card = load_content().problems.get("fraud-detection")
    prompts = fake_client(RolePlayModel(messages=iter(()))).prompts
    system, user = judgement_messages(prompts, dim, card, answer)
    nonce = nonce_for(answer)
    injected = oracle.flat(attempt.text)
    assert injected not in oracle.flat(str(system.content))
    body = str(user.content)
    assert body.count(f"<<<ANSWER {nonce}") == 1 and body.count(f"ANSWER {nonce}>>>") == 1
    start = body.index(f"<<<ANSWER {nonce}") + len(f"<<<ANSWER {nonce}")
    inside = body[start : body.index(f"ANSWER {nonce}>>>")]
    outside = body[:start] + body[body.index(f"ANSWER {nonce}>>>") :]
    if attempt.placement != "front_matter":
        assert injected in oracle.flat(inside)
    assert injected not in oracle.flat(outside)


# The LLM grader sets aside what the offline grader sets aside (HTML comments, sentences the
# manipulation model flags). These attempts are in the model's training corpus, so passing
# here is a training figure; bench/understanding.py reports the blind one.
LEXICON_GAPS: dict[str, str] = {}


def _grader_cases() -> list[Any]:
    out = []
    for a in ANSWER:
        reason = LEXICON_GAPS.get(a.id)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(a, id=a.id, marks=marks))
    return out


@pytest.mark.parametrize("attempt", _grader_cases())
def test_llm_grader_never_quotes_injected_text(attempt: Any) -> None:
    answer = _grader_answer(attempt)
    model = _grader_model(attempt.text.strip())
    grader = LLMGrader(fake_client(model), OfflineGrader(), dimension_concurrency=1)
    card = load_content().problems.get("fraud-detection")
    recap = grader.grade_answer(answer, card, load_content().rubric)
    quotes = [q for d in recap.dimensions for q in d.evidence]
    assert "Labels are chargebacks" in quotes  # genuine quotes do get through
    carried = [
        q
        for q in quotes
        if answers.carries_injection(q, attempt.text, answer.replace(attempt.text.strip(), ""))
    ]
    assert carried == [], f"injected text quoted as evidence: {carried}"


# The voice's system message is the one place the model takes instructions from; the
# candidate's words belong in the conversation turns, delimited as what the candidate said.
# (Found by this suite: a decline's brief quoted reading.focus, and the extractive summary
# kept declined attempts; both fixed in agent/voice/llm.py and agent/llm/context.py.)
DECLINED = [a for a in CANDIDATE if a.must_decline and flagged_offline(a.text)][:6]


def _decline_interview(attempt: Any, *, focus: str | None, fail_summary: bool) -> RolePlayModel:
    card_id = "fraud-detection"

    def respond(messages: list[BaseMessage], kwargs: dict[str, Any]) -> Any:
        first = str(messages[0].content)
        if first.startswith("You keep running notes") and fail_summary:
            return server_error()
        if tool_name(kwargs) != "CandidateReading":
            return reply(VOICE_LINE)
        said = squash(str(messages[-1].content))
        if squash(attempt.text)[:60] in said:
            return tool_reply("CandidateReading", {"kind": "manipulation", "focus": focus or ""})
        return tool_reply("CandidateReading", {"kind": "answer"})

    model = RolePlayModel(messages=iter(()), responder=respond)
    backend = llm_backend(model)
    iv = Interview(card_id, backend, store=shared_store(), seed=bench.SEED, clock=SimulatedClock())
    iv.start()
    iv.respond(attempt.text)
    follow_ups = 7 if fail_summary else 0
    for i in range(follow_ups):
        iv.respond(f"{bench.BENIGN_ANSWER[card_id]} Point {i + 1}.")
    return model


def _voice_system_messages(model: RolePlayModel) -> list[str]:
    return [
        str(c["messages"][0].content)
        for c in model.calls
        if "interviewer in a mock" in str(c["messages"][0].content)
    ]


def _phrase(text: str) -> str:
    """A verbatim phrase of the attempt, as an LLM reader would pick for `focus`."""
    line = max(text.splitlines(), key=len).strip()
    return line[:60].rsplit(" ", 1)[0] if len(line) > 60 else line


@pytest.mark.parametrize(
    "attempt",
    [pytest.param(a, id=a.id) for a in DECLINED],
)
def test_llm_voice_system_message_never_carries_the_attempt(attempt: Any) -> None:
    focus = _phrase(attempt.text)
    model = _decline_interview(attempt, focus=focus, fail_summary=False)
    systems = _voice_system_messages(model)
    assert len(systems) == 2  # the opening, then the decline
    assert squash(focus) not in squash(systems[-1])


def test_llm_voice_summary_never_carries_an_old_attempt() -> None:
    attempt = next(a for a in CANDIDATE if a.id == "override-ignore-previous")
    model = _decline_interview(attempt, focus=None, fail_summary=True)
    systems = _voice_system_messages(model)
    assert len(systems) == 9  # the opening, the decline and seven follow-ups
    for system in systems:
        assert squash(_phrase(attempt.text)) not in squash(system)
    notes = [
        str(m.content)
        for c in model.calls
        if "interviewer in a mock" in str(c["messages"][0].content)
        for m in c["messages"][1:2]
        if str(m.content).startswith("Notes on the earlier part")
    ]
    assert notes, "the older turns were folded into notes"
    for note in notes:  # a declined attempt is not part of the design: not in the notes either
        assert squash(_phrase(attempt.text)) not in squash(note)
